// End to end: the bundled action (dist/index.js) against the emulator, service sagemaker.
import { describe, expect, it } from '@jest/globals'
import { DEMO_IDS, demoScenario } from '../../emulator/index.js'
import type { Scenario } from '../../emulator/index.js'
import {
  awsEnv,
  errorLines,
  resultsOf,
  run,
  useEmulator,
  withoutMasks,
  type Emulator,
  expectFailedWith,
  expectInputError
} from './helpers.js'

const PIPELINE = 'train-and-register'
const ARN = DEMO_IDS.sagemakerExecution
const HEX64 = /^[0-9a-f]{64}$/
const CONSOLE = 'https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1#/pipelines'
const arnOf = (pipeline: string, id: string) =>
  `arn:aws:sagemaker:us-east-1:123456789012:pipeline/${pipeline}/execution/${id}`

const executionIn = (emu: Emulator, arn: string = ARN) => emu.state.sagemaker.executions.get(arn)
const trainAttempts = (emu: Emulator, arn: string = ARN) =>
  executionIn(emu, arn)?.steps.find(s => s.name === 'Train')?.attemptCount

/** train-and-register copied: superseded by a newer success, its Train step already on attempt 4, empty. */
function variantScenario(): Scenario {
  const scenario = demoScenario()
  const pipelines = scenario.sagemaker!.pipelines
  const demo = pipelines.find(p => p.name === PIPELINE)!
  const superseded = { ...structuredClone(demo), name: 'superseded-pipeline' }
  superseded.executions.push({
    ...structuredClone(superseded.executions[0]!),
    id: 'newer0success',
    startTime: '2026-01-15T14:00:00Z',
    lastModifiedTime: '2026-01-15T15:00:00Z'
  })
  const retried = { ...structuredClone(demo), name: 'retried-pipeline' }
  retried.executions[1]!.steps[1]!.attemptCount = 4
  pipelines.push(superseded, retried, { name: 'empty-pipeline', executions: [] })
  return scenario
}

describe('sagemaker (demo scenario)', () => {
  let emu: Emulator
  let env: Record<string, string>
  useEmulator(started => {
    emu = started
    env = awsEnv(emu)
  })

  it('discovers the latest failed execution and retries it once with a derived token', async () => {
    const result = await run({ service: 'sagemaker', 'pipeline-name': PIPELINE }, { env })
    expect(result.exitCode).toBe(0)
    expect(errorLines(result)).toEqual([])
    expect(result.outputs).toMatchObject({
      retried: 'true',
      'execution-id': ARN,
      'execution-arn': ARN,
      'stage-name': '',
      status: 'in-progress',
      'console-url': CONSOLE
    })
    expect(resultsOf(result)).toEqual([
      {
        service: 'sagemaker',
        target: `sagemaker:${PIPELINE}`,
        retried: true,
        executionId: ARN,
        executionArn: ARN,
        stageName: '',
        status: 'in-progress',
        consoleUrl: CONSOLE,
        message: expect.stringContaining('ResourceLimitExceeded')
      }
    ])
    expect(result.summary).toContain(`<td>sagemaker</td><td>sagemaker:${PIPELINE}</td><td>${ARN}</td>`)

    const retries = emu.callsTo('RetryPipelineExecution')
    expect(retries).toHaveLength(1)
    const body = retries[0]!.body as { PipelineExecutionArn: string; ClientRequestToken: string }
    expect(Object.keys(body).sort()).toEqual(['ClientRequestToken', 'PipelineExecutionArn'])
    expect(body.PipelineExecutionArn).toBe(ARN)
    expect(body.ClientRequestToken).toMatch(HEX64)
    expect(executionIn(emu)?.status).toBe('Executing')
    expect(trainAttempts(emu)).toBe(2)
  })

  it('retries an explicit execution ARN with max-parallel-steps', async () => {
    const result = await run(
      { service: 'sagemaker', 'execution-id': ARN, 'max-parallel-steps': '3', 'retry-mode': 'failed' },
      { env }
    )
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ retried: 'true', 'execution-id': ARN, 'execution-arn': ARN })
    const [call] = emu.callsTo('RetryPipelineExecution')
    expect(call!.body).toMatchObject({
      PipelineExecutionArn: ARN,
      ParallelismConfiguration: { MaxParallelExecutionSteps: 3 }
    })
    expect(executionIn(emu)?.maxParallelExecutionSteps).toBe(3)
    // One read of the pipeline's newest execution: the named one must not be superseded.
    expect(emu.callsTo('sagemaker:ListPipelineExecutions').map(c => c.body)).toEqual([
      { PipelineName: PIPELINE, SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: 1 }
    ])
  })

  it('an idempotency-token input is sent as ClientRequestToken and masked', async () => {
    const token = 'e2e-sagemaker-client-request-token-0001'
    const result = await run(
      { service: 'sagemaker', 'pipeline-name': PIPELINE, 'idempotency-token': token },
      { env }
    )
    expect(result.exitCode).toBe(0)
    expect(emu.callsTo('RetryPipelineExecution')[0]!.body).toMatchObject({ ClientRequestToken: token })
    expect(result.stdout).toContain(`::add-mask::${token}`)
    for (const text of [
      withoutMasks(result.stdout),
      result.stderr,
      result.summary,
      JSON.stringify(result.outputs)
    ])
      expect(text).not.toContain(token)
  })

  it('dry-run calls no retry API', async () => {
    const result = await run({ service: 'sagemaker', 'pipeline-name': PIPELINE, 'dry-run': 'True' }, { env })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ retried: 'false', status: 'dry-run', 'execution-id': ARN })
    expect(emu.callsTo('RetryPipelineExecution')).toHaveLength(0)
    expect(executionIn(emu)?.status).toBe('Failed')
  })

  it('ValidationException from SageMaker (max-parallel-steps above its limit) names the hint', async () => {
    const result = await run(
      { service: 'sagemaker', 'pipeline-name': PIPELINE, 'max-parallel-steps': '5000' },
      { env }
    )
    expectFailedWith(
      result,
      'RetryPipelineExecution',
      'ValidationException',
      'Hint: SageMaker rejected a parameter'
    )
    expect(emu.callsTo('RetryPipelineExecution')).toHaveLength(1)
    expect(executionIn(emu)?.status).toBe('Failed')
  })

  it('ResourceNotFound: an unknown pipeline', async () => {
    const result = await run({ service: 'sagemaker', 'pipeline-name': 'no-such-pipeline' }, { env })
    expectFailedWith(result, 'ResourceNotFound', 'Hint: the pipeline or execution does not exist')
    expect(emu.callsTo('RetryPipelineExecution')).toHaveLength(0)
  })

  it('ResourceNotFound: an unknown execution ARN', async () => {
    const result = await run(
      { service: 'sagemaker', 'execution-id': arnOf(PIPELINE, 'nosuchexec01') },
      { env }
    )
    expectFailedWith(result, 'DescribePipelineExecution', 'ResourceNotFound', 'Hint:')
    expect(emu.callsTo('RetryPipelineExecution')).toHaveLength(0)
  })

  it('an explicit execution that succeeded is not retried', async () => {
    const result = await run(
      { service: 'sagemaker', 'execution-id': arnOf(PIPELINE, 'a8s7d6f5g4h3') },
      { env }
    )
    expectFailedWith(result, 'Succeeded', 'not Failed')
    expect(emu.callsTo('RetryPipelineExecution')).toHaveLength(0)
  })

  it('ConflictException is permanent for SageMaker: one call, the hint', async () => {
    emu.inject('RetryPipelineExecution', { error: { code: 'ConflictException', message: 'busy' } })
    const result = await run({ service: 'sagemaker', 'pipeline-name': PIPELINE }, { env })
    expectFailedWith(result, 'ConflictException', 'Hint: the execution is not in a retryable state')
    expect(emu.callsTo('RetryPipelineExecution')).toHaveLength(1)
  })

  it('throttling on the retry is backed off: the execution is retried once', async () => {
    emu.inject('RetryPipelineExecution', { throttle: 2 })
    const result = await run({ service: 'sagemaker', 'pipeline-name': PIPELINE }, { env })
    expect(result.exitCode).toBe(0)
    expect(emu.callsTo('RetryPipelineExecution').map(c => c.fault)).toEqual([
      'throttle',
      'throttle',
      undefined
    ])
    expect(trainAttempts(emu)).toBe(2)
  })

  it('a lost answer: the re-read finds the execution resumed, and nothing is sent again', async () => {
    emu.inject('RetryPipelineExecution', { loseResponse: 1 })
    const result = await run({ service: 'sagemaker', 'pipeline-name': PIPELINE }, { env })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ retried: 'true', status: 'in-progress', 'execution-id': ARN })
    const calls = emu.callsTo('RetryPipelineExecution')
    expect(calls.map(c => c.fault)).toEqual(['loseResponse'])
    expect(trainAttempts(emu)).toBe(2)
  })

  const badInputs: [string, Record<string, string>, string][] = [
    [
      'idempotency-token of 31 characters',
      { service: 'sagemaker', 'pipeline-name': PIPELINE, 'idempotency-token': 't'.repeat(31) },
      'idempotency-token'
    ],
    [
      'retry-mode all',
      { service: 'sagemaker', 'pipeline-name': PIPELINE, 'retry-mode': 'all' },
      'retry-mode'
    ],
    ['execution-id not an ARN', { service: 'sagemaker', 'execution-id': 'q7w2e9r4t1y6' }, 'execution-id'],
    [
      'execution ARN of another pipeline',
      { service: 'sagemaker', 'pipeline-name': 'other', 'execution-id': ARN },
      'execution-id'
    ],
    [
      'max-parallel-steps 0',
      { service: 'sagemaker', 'pipeline-name': PIPELINE, 'max-parallel-steps': '0' },
      'max-parallel-steps'
    ],
    [
      'timeout-minutes 0',
      { service: 'sagemaker', 'pipeline-name': PIPELINE, 'timeout-minutes': '0' },
      'timeout-minutes'
    ]
  ]
  it.each(badInputs)('bad input (%s) fails with one line and no API call', async (_case, inputs, name) => {
    const result = await run(inputs, { env })
    expectInputError(result, name, emu)
  })

  it('an invalid idempotency-token is masked before the error line that quotes it', async () => {
    // By design (src/inputs.ts) secrets are masked before validation, so the runner redacts the quoted value.
    const token = 'short-secret-token'
    const result = await run(
      { service: 'sagemaker', 'pipeline-name': PIPELINE, 'idempotency-token': token },
      { env }
    )
    expect(result.exitCode).toBe(1)
    const lines = result.stdout.split('\n')
    const mask = lines.indexOf(`::add-mask::${token}`)
    const error = lines.findIndex(l => l.startsWith("::error::Input 'idempotency-token'"))
    expect(mask).toBeGreaterThanOrEqual(0)
    expect(error).toBeGreaterThan(mask)
    expect(result.stderr).not.toContain(token)
    expect(emu.calls).toHaveLength(0)
  })
})

describe('sagemaker (variants of the demo scenario)', () => {
  let emu: Emulator
  let env: Record<string, string>
  useEmulator(started => {
    emu = started
    env = awsEnv(emu)
  }, variantScenario)

  it.each([
    ['superseded-pipeline', 'Succeeded'],
    ['empty-pipeline', 'no executions']
  ])('nothing to retry: %s', async (pipeline, reason) => {
    const result = await run({ service: 'sagemaker', 'pipeline-name': pipeline }, { env })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ retried: 'false', status: 'nothing-to-retry' })
    expect(resultsOf(result)[0]).toMatchObject({ retried: false, status: 'nothing-to-retry' })
    expect(resultsOf(result)[0]!.message).toContain(reason)
    expect(emu.callsTo('RetryPipelineExecution')).toHaveLength(0)
  })

  it('a step on its 4th attempt is skipped under max-attempts 3, retried under 0', async () => {
    const arn = arnOf('retried-pipeline', 'q7w2e9r4t1y6')
    const skipped = await run({ service: 'sagemaker', 'pipeline-name': 'retried-pipeline' }, { env })
    expect(skipped.exitCode).toBe(0)
    expect(skipped.outputs).toMatchObject({ retried: 'false', status: 'skipped', 'execution-id': arn })
    expect(skipped.stdout).toMatch(/^::warning::.*already retried 3 time\(s\)/m)
    expect(emu.callsTo('RetryPipelineExecution')).toHaveLength(0)

    const unlimited = await run(
      { service: 'sagemaker', 'pipeline-name': 'retried-pipeline', 'max-attempts': '0' },
      { env }
    )
    expect(unlimited.outputs).toMatchObject({ retried: 'true', status: 'in-progress' })
    expect(trainAttempts(emu, arn)).toBe(5)
  })
})
