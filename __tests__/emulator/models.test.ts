// The emulator against botocore's models (the official AWS API models, PyPI `botocore`, pinned in
// script/botocore-models): they must be installed, a request they reject is refused the way AWS refuses it, and
// every request of the end-to-end suite passes through the same check (tools/emulator/model-check.ts).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { DEMO_IDS, demoScenario, startEmulator, type Emulator } from '../../tools/emulator/index.js'
import { MODELS_DIR, modelOf, requestProblem } from '../../tools/emulator/model-check.js'
import { aws } from './helpers.js'

let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator(demoScenario())
})
afterAll(async () => {
  await emu.close()
})

describe('botocore models', () => {
  it('are installed for every AWS service the emulator plays (script/botocore-models)', () => {
    for (const service of ['codebuild', 'codepipeline', 'sagemaker', 'stepfunctions'])
      expect([service, modelOf(service) !== undefined, MODELS_DIR]).toEqual([service, true, MODELS_DIR])
  })

  it('a ListPipelines prefix with a trailing hyphen breaks the model pattern: ValidationException', async () => {
    expect(requestProblem('sagemaker', 'ListPipelines', { PipelineNamePrefix: 'train' })).toBeUndefined()
    const refused = await aws(emu, 'sagemaker', 'ListPipelines', { PipelineNamePrefix: 'train-' })
    expect(refused.status).toBe(400)
    expect(refused.body.__type).toBe('ValidationException')
    expect(refused.body.message).toContain("Value at 'PipelineNamePrefix' failed to satisfy constraint")
  })

  it('missing required members, lengths, enums, ranges and unknown members are refused in the service form', async () => {
    const cases: ['codebuild' | 'codepipeline' | 'sagemaker', string, Record<string, unknown>, string][] = [
      ['codebuild', 'BatchGetBuilds', { ids: [] }, 'InvalidInputException'],
      [
        'codebuild',
        'RetryBuild',
        { id: DEMO_IDS.failedBuild, idempotencyToken: 'x', extra: 1 },
        'InvalidInputException'
      ],
      ['codepipeline', 'ListPipelines', { maxResults: 1001 }, 'ValidationException'],
      ['codepipeline', 'GetPipelineState', {}, 'ValidationException'],
      [
        'codepipeline',
        'RetryStageExecution',
        {
          pipelineName: 'release-pipeline',
          stageName: 'Build',
          pipelineExecutionId: DEMO_IDS.codepipelineExecution,
          retryMode: 'SOME_ACTIONS'
        },
        'ValidationException'
      ],
      [
        'sagemaker',
        'RetryPipelineExecution',
        {
          PipelineExecutionArn: DEMO_IDS.sagemakerExecution,
          ClientRequestToken: 'short'
        },
        'ValidationException'
      ]
    ]
    for (const [service, operation, body, code] of cases) {
      const answer = await aws(emu, service, operation, body)
      expect([operation, answer.status, answer.body.__type]).toEqual([operation, 400, code])
    }
    expect(emu.callsTo('RetryBuild')).toHaveLength(1)
  })
})
