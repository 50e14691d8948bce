import { afterEach, describe, expect, it } from '@jest/globals'
import {
  DEMO_IDS,
  demoScenario,
  startEmulator,
  type Emulator,
  type OnRetry
} from '../../tools/emulator/index.js'
import { aws, awsOk } from './helpers.js'

const ARN = DEMO_IDS.sagemakerExecution
const OLDER_ARN =
  'arn:aws:sagemaker:us-east-1:123456789012:pipeline/train-and-register/execution/a8s7d6f5g4h3'
const TOKEN = 't'.repeat(32)

let emu: Emulator
afterEach(async () => {
  await emu.close()
})

async function start(onRetry?: OnRetry) {
  const scenario = demoScenario()
  const execution = scenario.sagemaker?.pipelines[0]?.executions[1]
  if (!execution) throw new Error('demo changed')
  execution.onRetry = onRetry
  emu = await startEmulator(scenario)
}

const describeExecution = () =>
  awsOk(emu, 'sagemaker', 'DescribePipelineExecution', { PipelineExecutionArn: ARN })
const steps = async () =>
  (await awsOk(emu, 'sagemaker', 'ListPipelineExecutionSteps', { PipelineExecutionArn: ARN }))
    .PipelineExecutionSteps

describe('RetryPipelineExecution', () => {
  it('resumes the same execution: failed steps run again with one more attempt, then it succeeds', async () => {
    await start({ result: 'succeeded', settleAfterReads: 1 })
    const body = {
      PipelineExecutionArn: ARN,
      ClientRequestToken: TOKEN,
      ParallelismConfiguration: { MaxParallelExecutionSteps: 2 }
    }
    expect(await awsOk(emu, 'sagemaker', 'RetryPipelineExecution', body)).toEqual({
      PipelineExecutionArn: ARN
    })
    const running = await describeExecution()
    expect(running).toMatchObject({
      PipelineExecutionStatus: 'Executing',
      ParallelismConfiguration: { MaxParallelExecutionSteps: 2 }
    })
    expect(running.FailureReason).toBeUndefined()
    expect((await steps())[0]).toMatchObject({ StepName: 'Train', StepStatus: 'Succeeded', AttemptCount: 2 })
    expect((await describeExecution()).PipelineExecutionStatus).toBe('Succeeded')
  })

  it('fails on the chosen step with the scenario reason', async () => {
    await start({ result: 'failed', failedStep: 'Train', failureReason: 'AlgorithmError: out of memory' })
    await awsOk(emu, 'sagemaker', 'RetryPipelineExecution', {
      PipelineExecutionArn: ARN,
      ClientRequestToken: TOKEN
    })
    expect(await describeExecution()).toMatchObject({
      PipelineExecutionStatus: 'Failed',
      FailureReason: 'AlgorithmError: out of memory'
    })
    const [train, preprocess] = await steps()
    expect(train).toMatchObject({
      StepStatus: 'Failed',
      FailureReason: 'AlgorithmError: out of memory',
      AttemptCount: 2
    })
    expect(preprocess).toMatchObject({ StepStatus: 'Succeeded', AttemptCount: 1 })
    const summaries = (
      await awsOk(emu, 'sagemaker', 'ListPipelineExecutions', { PipelineName: 'train-and-register' })
    ).PipelineExecutionSummaries
    expect(summaries[0].PipelineExecutionFailureReason).toBe('AlgorithmError: out of memory')
  })

  it('answers a repeated token with the first answer and no second retry; a token reused elsewhere is refused', async () => {
    await start({ result: 'failed' })
    const body = { PipelineExecutionArn: ARN, ClientRequestToken: TOKEN }
    await awsOk(emu, 'sagemaker', 'RetryPipelineExecution', body)
    expect((await describeExecution()).PipelineExecutionStatus).toBe('Failed')
    expect(await awsOk(emu, 'sagemaker', 'RetryPipelineExecution', body)).toEqual({
      PipelineExecutionArn: ARN
    })
    expect((await steps())[0].AttemptCount).toBe(2)
    const elsewhere = await aws(emu, 'sagemaker', 'RetryPipelineExecution', {
      ...body,
      PipelineExecutionArn: OLDER_ARN
    })
    expect(elsewhere.body.__type).toBe('ValidationException')
  })

  it('answers the modelled errors', async () => {
    await start()
    const retry = (body: object) => aws(emu, 'sagemaker', 'RetryPipelineExecution', body)
    const results = await Promise.all([
      retry({ PipelineExecutionArn: ARN, ClientRequestToken: 'x'.repeat(31) }),
      retry({ PipelineExecutionArn: ARN, ClientRequestToken: 'x'.repeat(129) }),
      retry({ PipelineExecutionArn: ARN }),
      retry({ PipelineExecutionArn: 'not-an-arn', ClientRequestToken: TOKEN }),
      retry({ PipelineExecutionArn: `${ARN}0`, ClientRequestToken: TOKEN }),
      retry({ PipelineExecutionArn: OLDER_ARN, ClientRequestToken: 'o'.repeat(32) })
    ])
    expect(results.map(r => r.body.__type)).toEqual([
      'ValidationException',
      'ValidationException',
      'ValidationException',
      'ValidationException',
      'ResourceNotFound',
      'ConflictException'
    ])
  })
})

describe('lists and stop', () => {
  it('pages ListPipelineExecutions, honours SortOrder and validates MaxResults', async () => {
    await start()
    const page = await awsOk(emu, 'sagemaker', 'ListPipelineExecutions', {
      PipelineName: 'train-and-register',
      SortBy: 'CreationTime',
      SortOrder: 'Ascending',
      MaxResults: 1
    })
    expect(page.PipelineExecutionSummaries.map((s: any) => s.PipelineExecutionArn)).toEqual([OLDER_ARN])
    const next = await awsOk(emu, 'sagemaker', 'ListPipelineExecutions', {
      PipelineName: 'train-and-register',
      SortOrder: 'Ascending',
      MaxResults: 1,
      NextToken: page.NextToken
    })
    expect(next.PipelineExecutionSummaries.map((s: any) => s.PipelineExecutionArn)).toEqual([ARN])
    for (const MaxResults of [0, 101]) {
      const bad = await aws(emu, 'sagemaker', 'ListPipelineExecutions', {
        PipelineName: 'train-and-register',
        MaxResults
      })
      expect(bad.body.__type).toBe('ValidationException')
    }
    const missing = await aws(emu, 'sagemaker', 'ListPipelineExecutions', { PipelineName: 'nope' })
    expect(missing.body.__type).toBe('ResourceNotFound')
  })

  it('stops an executing execution and its running steps', async () => {
    await start({ result: 'succeeded', settleAfterReads: 9 })
    await awsOk(emu, 'sagemaker', 'RetryPipelineExecution', {
      PipelineExecutionArn: ARN,
      ClientRequestToken: TOKEN
    })
    const stop = { PipelineExecutionArn: ARN, ClientRequestToken: 's'.repeat(32) }
    expect(await awsOk(emu, 'sagemaker', 'StopPipelineExecution', stop)).toEqual({
      PipelineExecutionArn: ARN
    })
    expect((await describeExecution()).PipelineExecutionStatus).toBe('Stopped')
    expect((await steps())[0].StepStatus).toBe('Stopped')
    expect((await aws(emu, 'sagemaker', 'StopPipelineExecution', stop)).body.__type).toBe('ConflictException')
    expect(emu.callsTo('sagemaker:StopPipelineExecution')).toHaveLength(2)
    expect(emu.callsTo('codepipeline:StopPipelineExecution')).toHaveLength(0)
  })
})
