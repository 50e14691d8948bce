import { describe, it, expect, beforeEach } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import 'aws-sdk-client-mock-jest'
import {
  DescribePipelineExecutionCommand,
  ListPipelineExecutionStepsCommand,
  ListPipelineExecutionsCommand,
  RetryPipelineExecutionCommand,
  SageMakerClient,
  StopPipelineExecutionCommand,
  type PipelineExecutionStep
} from '@aws-sdk/client-sagemaker'
import sagemaker, { modelPrefix } from '../../../src/services/sagemaker/provider.js'
import { ServiceCallError, TargetError } from '../../../src/model/errors.js'
import type { SageMakerTarget } from '../../../src/services/sagemaker/target.js'
import type { Candidate, RetryRequest, Started } from '../../../src/model/provider.js'
import { networkError, sdkError, testContext } from '../../support/context.js'

const sm = mockClient(SageMakerClient)

const PIPELINE = 'train-and-register'
const ARN = `arn:aws:sagemaker:us-east-1:123456789012:pipeline/${PIPELINE}/execution/abc123def456`
const OLDER_ARN = `arn:aws:sagemaker:us-east-1:123456789012:pipeline/${PIPELINE}/execution/older000001`
const CONSOLE = 'https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1#/pipelines'
const TOKEN = 'a'.repeat(64)

const byPipeline: SageMakerTarget = {
  service: 'sagemaker',
  label: `sagemaker:${PIPELINE}`,
  pipelineName: PIPELINE
}
const byArn: SageMakerTarget = { ...byPipeline, executionId: ARN }

const candidate: Candidate = { executionId: ARN, description: 'failed', consoleUrl: CONSOLE, revision: '' }
const started: Started = { executionId: ARN, executionArn: ARN, consoleUrl: CONSOLE }
const request: RetryRequest = { mode: 'failed', token: TOKEN }

function setup(region?: string) {
  const context = testContext(sagemaker.errors, region ? { region } : {})
  return { context, provider: sagemaker.create(context) }
}

function step(
  name: string,
  status: string,
  extra: Partial<PipelineExecutionStep> = {}
): PipelineExecutionStep {
  return { StepName: name, StepStatus: status as PipelineExecutionStep['StepStatus'], ...extra }
}

const FAILED_STEPS = [
  step('Evaluate', 'Succeeded', { AttemptCount: 4 }),
  step('Train', 'Failed', { AttemptCount: 2, FailureReason: 'AlgorithmError: loss is NaN' }),
  step('Preprocess', 'Succeeded', { AttemptCount: 1 })
]

beforeEach(() => {
  sm.reset()
})

describe('sagemaker discover', () => {
  it('takes an explicit execution ARN after confirming it failed', async () => {
    sm.on(DescribePipelineExecutionCommand).resolves({
      PipelineExecutionArn: ARN,
      PipelineExecutionStatus: 'Failed',
      FailureReason: 'Step failure: One or multiple steps failed.'
    })
    sm.on(ListPipelineExecutionStepsCommand).resolves({ PipelineExecutionSteps: FAILED_STEPS })
    sm.on(ListPipelineExecutionsCommand).resolves({
      PipelineExecutionSummaries: [{ PipelineExecutionArn: ARN, PipelineExecutionStatus: 'Failed' }]
    })
    const result = await setup().provider.discover(byArn)

    expect(sm).toHaveReceivedCommandWith(DescribePipelineExecutionCommand, { PipelineExecutionArn: ARN })
    expect(sm).toHaveReceivedCommandWith(ListPipelineExecutionStepsCommand, { PipelineExecutionArn: ARN })
    // Only the newest execution of the ARN's pipeline is read: is the named one still the latest?
    expect(sm).toHaveReceivedCommandWith(ListPipelineExecutionsCommand, {
      PipelineName: PIPELINE,
      SortOrder: 'Descending',
      MaxResults: 1
    })
    expect(result).toEqual({
      kind: 'found',
      candidate: {
        executionId: ARN,
        previousAttempts: 1,
        revision: expect.stringMatching(/^Failed Train:2:/),
        attemptsBasis: expect.stringContaining('step Train failed on attempt 2'),
        description:
          `execution ${ARN} failed: Step failure: One or multiple steps failed.; ` +
          'failed steps: Train (AlgorithmError: loss is NaN)',
        consoleUrl: CONSOLE,
        // An algorithm error is the code's: deterministic.
        failure: {
          reason: 'Step failure: One or multiple steps failed.; Train: AlgorithmError: loss is NaN',
          transient: undefined,
          endedAt: undefined
        }
      }
    })
  })

  it('skips an explicit execution superseded by a newer one, naming it and its status', async () => {
    const NEWER = ARN.replace('abc123def456', 'fff000aaa111')
    sm.on(DescribePipelineExecutionCommand).resolves({ PipelineExecutionStatus: 'Failed' })
    sm.on(ListPipelineExecutionStepsCommand).resolves({ PipelineExecutionSteps: FAILED_STEPS })
    sm.on(ListPipelineExecutionsCommand).resolves({
      PipelineExecutionSummaries: [{ PipelineExecutionArn: NEWER, PipelineExecutionStatus: 'Succeeded' }]
    })
    const result = await setup().provider.discover(byArn)
    expect(result).toEqual({
      kind: 'skip',
      reason: `execution ${ARN} is superseded by the newer execution ${NEWER} (Succeeded) of pipeline ${PIPELINE}`
    })
  })

  it('an explicit execution still Executing is nothing to retry yet, named so that wait follows it', async () => {
    sm.on(DescribePipelineExecutionCommand).resolves({ PipelineExecutionStatus: 'Executing' })
    await expect(setup().provider.discover(byArn)).resolves.toEqual({
      kind: 'nothing',
      reason: `execution ${ARN} is Executing`,
      running: { executionId: ARN, executionArn: ARN, consoleUrl: CONSOLE }
    })
    expect(sm).not.toHaveReceivedCommand(ListPipelineExecutionStepsCommand)
  })

  it.each(['Succeeded', 'Stopped'])(
    'refuses an explicit execution that is %s, naming its status',
    async status => {
      sm.on(DescribePipelineExecutionCommand).resolves({ PipelineExecutionStatus: status as 'Succeeded' })
      const discovery = setup().provider.discover(byArn)

      await expect(discovery).rejects.toThrow(TargetError)
      await expect(discovery).rejects.toThrow(`execution ${ARN} is ${status}, not Failed`)
      expect(sm).not.toHaveReceivedCommand(ListPipelineExecutionStepsCommand)
    }
  )

  it('finds the newest execution when it failed', async () => {
    sm.on(ListPipelineExecutionsCommand).resolves({
      PipelineExecutionSummaries: [
        {
          PipelineExecutionArn: ARN,
          PipelineExecutionStatus: 'Failed',
          PipelineExecutionFailureReason: 'boom'
        }
      ]
    })
    sm.on(ListPipelineExecutionStepsCommand).resolves({ PipelineExecutionSteps: FAILED_STEPS })
    const result = await setup().provider.discover(byPipeline)

    expect(sm).toHaveReceivedCommandWith(ListPipelineExecutionsCommand, {
      PipelineName: PIPELINE,
      SortBy: 'CreationTime',
      SortOrder: 'Descending',
      MaxResults: 1
    })
    expect(sm).not.toHaveReceivedCommand(DescribePipelineExecutionCommand)
    expect(result).toMatchObject({
      kind: 'found',
      candidate: {
        executionId: ARN,
        previousAttempts: 1,
        description: `latest execution ${ARN} of pipeline ${PIPELINE} failed: boom; failed steps: Train (AlgorithmError: loss is NaN)`,
        consoleUrl: CONSOLE
      }
    })
  })

  it('retries nothing when the newest execution succeeded, even if an older one failed', async () => {
    sm.on(ListPipelineExecutionsCommand).resolves({
      PipelineExecutionSummaries: [
        { PipelineExecutionArn: ARN, PipelineExecutionStatus: 'Succeeded' },
        { PipelineExecutionArn: OLDER_ARN, PipelineExecutionStatus: 'Failed' }
      ]
    })
    const result = await setup().provider.discover(byPipeline)

    expect(result).toEqual({
      kind: 'nothing',
      reason: `latest execution ${ARN} of pipeline ${PIPELINE} is Succeeded`
    })
    expect(sm).not.toHaveReceivedCommand(ListPipelineExecutionStepsCommand)
  })

  it.each(['Stopped', 'Executing'])('retries nothing when the newest execution is %s', async status => {
    sm.on(ListPipelineExecutionsCommand).resolves({
      PipelineExecutionSummaries: [
        { PipelineExecutionArn: ARN, PipelineExecutionStatus: status as 'Stopped' }
      ]
    })
    await expect(setup().provider.discover(byPipeline)).resolves.toEqual({
      kind: 'nothing',
      reason: `latest execution ${ARN} of pipeline ${PIPELINE} is ${status}`,
      // A running execution is named so that `wait` can follow it.
      ...(status === 'Executing'
        ? { running: { executionId: ARN, executionArn: ARN, consoleUrl: CONSOLE } }
        : {})
    })
  })

  it.each([{ PipelineExecutionSummaries: [] }, {}])(
    'retries nothing for an empty history (%j)',
    async output => {
      sm.on(ListPipelineExecutionsCommand).resolves(output)
      await expect(setup().provider.discover(byPipeline)).resolves.toEqual({
        kind: 'nothing',
        reason: `pipeline ${PIPELINE} has no executions`
      })
    }
  )

  it('fails at once with the hint when the pipeline does not exist', async () => {
    sm.on(ListPipelineExecutionsCommand).rejects(sdkError('ResourceNotFound', 'Pipeline not found'))
    const discovery = setup().provider.discover(byPipeline)

    await expect(discovery).rejects.toThrow(ServiceCallError)
    await expect(discovery).rejects.toThrow(
      /ListPipelineExecutions failed: ResourceNotFound: .*check pipeline-name/
    )
    expect(sm).toHaveReceivedCommandTimes(ListPipelineExecutionsCommand, 1)
  })
})

describe('sagemaker attempt counting', () => {
  async function countFor(steps: PipelineExecutionStep[]): Promise<Candidate> {
    sm.on(DescribePipelineExecutionCommand).resolves({ PipelineExecutionStatus: 'Failed' })
    sm.on(ListPipelineExecutionStepsCommand).resolves({ PipelineExecutionSteps: steps })
    sm.on(ListPipelineExecutionsCommand).resolves({
      PipelineExecutionSummaries: [{ PipelineExecutionArn: ARN }]
    })
    const result = await setup().provider.discover(byArn)
    if (result.kind !== 'found') throw new Error('expected a candidate')
    return result.candidate
  }

  it('counts no earlier retry for a step that failed on its first attempt', async () => {
    const found = await countFor([step('Train', 'Failed', { AttemptCount: 1 })])
    expect(found.previousAttempts).toBe(0)
    expect(found.attemptsBasis).toContain('step Train failed on attempt 1')
  })

  it('takes the highest AttemptCount over the failed steps and says RetryPolicy counts too', async () => {
    const found = await countFor([
      step('Train', 'Failed', { AttemptCount: 2 }),
      step('Evaluate', 'Failed', { AttemptCount: 4 }),
      step('Register', 'Succeeded', { AttemptCount: 9 })
    ])
    expect(found.previousAttempts).toBe(3)
    expect(found.attemptsBasis).toMatch(/^step Evaluate failed on attempt 4 .*RetryPolicy/)
    expect(found.description).toContain('failed steps: Train, Evaluate')
  })

  it('leaves the count undefined when SageMaker reports no AttemptCount', async () => {
    const found = await countFor([step('Train', 'Failed')])
    expect(found.previousAttempts).toBeUndefined()
    expect(found.attemptsBasis).toBe('SageMaker reported no AttemptCount for the failed steps')
  })

  it('leaves the count undefined when no step failed', async () => {
    const found = await countFor([step('Train', 'Succeeded', { AttemptCount: 3 })])
    expect(found.previousAttempts).toBeUndefined()
    expect(found.description).toBe(`execution ${ARN} failed: no failure reason given`)
  })

  it('reads every page of steps', async () => {
    sm.on(DescribePipelineExecutionCommand).resolves({ PipelineExecutionStatus: 'Failed' })
    sm.on(ListPipelineExecutionsCommand).resolves({
      PipelineExecutionSummaries: [{ PipelineExecutionArn: ARN }]
    })
    sm.on(ListPipelineExecutionStepsCommand)
      .resolvesOnce({
        PipelineExecutionSteps: [step('Register', 'Succeeded', { AttemptCount: 1 })],
        NextToken: 't1'
      })
      .resolvesOnce({ PipelineExecutionSteps: [step('Train', 'Failed', { AttemptCount: 3 })] })
    const result = await setup().provider.discover(byArn)

    expect(result).toMatchObject({ kind: 'found', candidate: { previousAttempts: 2 } })
    expect(sm).toHaveReceivedCommandTimes(ListPipelineExecutionStepsCommand, 2)
    expect(sm).toHaveReceivedNthSpecificCommandWith(2, ListPipelineExecutionStepsCommand, {
      PipelineExecutionArn: ARN,
      NextToken: 't1',
      MaxResults: 100
    })
  })

  it('stops paging after a bounded number of pages', async () => {
    sm.on(DescribePipelineExecutionCommand).resolves({ PipelineExecutionStatus: 'Failed' })
    sm.on(ListPipelineExecutionsCommand).resolves({
      PipelineExecutionSummaries: [{ PipelineExecutionArn: ARN }]
    })
    sm.on(ListPipelineExecutionStepsCommand).resolves({ PipelineExecutionSteps: [], NextToken: 'again' })
    await setup().provider.discover(byArn)
    expect(sm).toHaveReceivedCommandTimes(ListPipelineExecutionStepsCommand, 10)
  })
})

describe('sagemaker retry', () => {
  it('retries the execution with the token and without a parallelism override', async () => {
    sm.on(RetryPipelineExecutionCommand).resolves({ PipelineExecutionArn: ARN })
    const result = await setup().provider.retry(byArn, candidate, request)

    expect(sm.commandCalls(RetryPipelineExecutionCommand).map(c => c.args[0].input)).toEqual([
      { PipelineExecutionArn: ARN, ClientRequestToken: TOKEN }
    ])
    expect(result).toEqual({ executionId: ARN, executionArn: ARN, consoleUrl: CONSOLE })
  })

  it('passes max-parallel-steps as ParallelismConfiguration', async () => {
    sm.on(RetryPipelineExecutionCommand).resolves({ PipelineExecutionArn: ARN })
    await setup().provider.retry(byArn, candidate, { ...request, maxParallelSteps: 3 })

    expect(sm).toHaveReceivedCommandWith(RetryPipelineExecutionCommand, {
      PipelineExecutionArn: ARN,
      ClientRequestToken: TOKEN,
      ParallelismConfiguration: { MaxParallelExecutionSteps: 3 }
    })
  })

  it('rejects retry-mode all without calling the API', async () => {
    await expect(setup().provider.retry(byArn, candidate, { ...request, mode: 'all' })).rejects.toThrow(
      /retries only the failed steps/
    )
    expect(sm).not.toHaveReceivedCommand(RetryPipelineExecutionCommand)
  })

  it.each([
    ['ConflictException', 'not in a retryable state'],
    ['ResourceLimitExceeded', 'resource limit was reached'],
    ['ResourceNotFound', 'does not exist'],
    ['ValidationException', 'rejected a parameter'],
    [
      'AccessDeniedException',
      'sagemaker:ListPipelineExecutions, sagemaker:ListPipelineExecutionSteps, sagemaker:DescribePipelineExecution, sagemaker:RetryPipelineExecution'
    ]
  ])('fails at once on %s with its hint', async (name, hint) => {
    sm.on(RetryPipelineExecutionCommand).rejects(sdkError(name, `${name} from SageMaker`))
    const retry = setup().provider.retry(byArn, candidate, request)

    await expect(retry).rejects.toThrow(ServiceCallError)
    await expect(retry).rejects.toThrow(`RetryPipelineExecution failed: ${name}: ${name} from SageMaker`)
    await expect(retry).rejects.toThrow(hint)
    expect(sm).toHaveReceivedCommandTimes(RetryPipelineExecutionCommand, 1)
  })

  it.each([
    ['throttling', sdkError('ThrottlingException', 'Rate exceeded', { throttling: true })],
    ['a server error', sdkError('InternalFailure', 'oops', { status: 500 })]
  ])('tries again after %s', async (_label, error) => {
    sm.on(RetryPipelineExecutionCommand).rejectsOnce(error).resolves({ PipelineExecutionArn: ARN })
    const { provider, context } = setup()

    await expect(provider.retry(byArn, candidate, request)).resolves.toMatchObject({ executionArn: ARN })
    expect(sm).toHaveReceivedCommandTimes(RetryPipelineExecutionCommand, 2)
    expect(context.clock.slept).toHaveLength(1)
  })

  it('re-sends with the same token after a lost answer, so SageMaker applies it once', async () => {
    sm.on(RetryPipelineExecutionCommand).rejectsOnce(networkError()).resolves({ PipelineExecutionArn: ARN })
    await setup().provider.retry(byArn, candidate, request)

    const tokens = sm.commandCalls(RetryPipelineExecutionCommand).map(c => c.args[0].input.ClientRequestToken)
    expect(tokens).toEqual([TOKEN, TOKEN])
  })
})

describe('sagemaker status', () => {
  it('reads only the execution while it runs: one call per poll', async () => {
    sm.on(DescribePipelineExecutionCommand).resolves({ PipelineExecutionStatus: 'Executing' })
    await expect(setup().provider.status(byArn, started)).resolves.toEqual({
      state: 'in-progress',
      phase: 'Executing'
    })
    expect(sm).toHaveReceivedCommandTimes(DescribePipelineExecutionCommand, 1)
    expect(sm).toHaveReceivedCommandTimes(ListPipelineExecutionStepsCommand, 0)
  })

  it.each([
    ['Succeeded', { state: 'succeeded' }],
    ['Stopping', { state: 'in-progress', phase: 'Stopping' }],
    ['Stopped', { state: 'stopped' }],
    ['Paused', { state: 'in-progress', phase: 'Paused' }]
  ])('maps %s without listing steps', async (status, progress) => {
    sm.on(DescribePipelineExecutionCommand).resolves({ PipelineExecutionStatus: status as 'Succeeded' })
    await expect(setup().provider.status(byArn, started)).resolves.toEqual(progress)
    expect(sm).not.toHaveReceivedCommand(ListPipelineExecutionStepsCommand)
  })

  it('gives the failure reason and the failed steps, in at most two calls', async () => {
    sm.on(DescribePipelineExecutionCommand).resolves({
      PipelineExecutionStatus: 'Failed',
      FailureReason: 'Step failure: One or multiple steps failed.'
    })
    sm.on(ListPipelineExecutionStepsCommand).resolves({
      PipelineExecutionSteps: [
        step('Train', 'Failed', { FailureReason: 'ClientError: out of memory' }),
        step('Check', 'Failed')
      ],
      NextToken: 'more'
    })
    await expect(setup().provider.status(byArn, started)).resolves.toEqual({
      state: 'failed',
      reason:
        'Step failure: One or multiple steps failed.; failed steps: Train (ClientError: out of memory), Check',
      failure: {
        reason:
          'Step failure: One or multiple steps failed.; Train: ClientError: out of memory; Check: Failed',
        transient: undefined,
        endedAt: undefined
      }
    })
    expect(sm.calls()).toHaveLength(2)
    expect(sm).toHaveReceivedCommandWith(DescribePipelineExecutionCommand, { PipelineExecutionArn: ARN })
  })

  it('reads the ARN from executionId when no executionArn is given', async () => {
    sm.on(DescribePipelineExecutionCommand).resolves({ PipelineExecutionStatus: 'Succeeded' })
    await setup().provider.status(byArn, { executionId: ARN, consoleUrl: CONSOLE })
    expect(sm).toHaveReceivedCommandWith(DescribePipelineExecutionCommand, { PipelineExecutionArn: ARN })
  })
})

describe('sagemaker stop', () => {
  function stopTokens(): (string | undefined)[] {
    return sm.commandCalls(StopPipelineExecutionCommand).map(c => c.args[0].input.ClientRequestToken)
  }

  it('stops the execution with a 64-hex token that a re-send repeats', async () => {
    sm.on(StopPipelineExecutionCommand).rejectsOnce(networkError('ETIMEDOUT')).resolves({})
    const { provider } = setup()
    await provider.stop(byArn, started, 'workflow cancelled')
    await provider.stop(byArn, started, 'workflow cancelled again')

    expect(sm).toHaveReceivedCommandWith(StopPipelineExecutionCommand, { PipelineExecutionArn: ARN })
    const tokens = stopTokens()
    expect(tokens).toHaveLength(3)
    expect(tokens[0]).toMatch(/^[0-9a-f]{64}$/)
    expect(new Set(tokens).size).toBe(1)
    expect(tokens[0]).not.toBe(TOKEN)
  })

  it('uses a new token in another run, so a later stop is not taken for a replay', async () => {
    sm.on(StopPipelineExecutionCommand).resolves({})
    await setup().provider.stop(byArn, started, 'cancelled')
    await setup().provider.stop(byArn, started, 'cancelled')

    const [first, second] = stopTokens()
    expect(first).not.toBe(second)
  })

  it('reports a refused stop with the service error', async () => {
    sm.on(StopPipelineExecutionCommand).rejects(sdkError('ConflictException', 'not stoppable'))
    await expect(setup().provider.stop(byArn, started, 'cancelled')).rejects.toThrow(
      'StopPipelineExecution failed: ConflictException: not stoppable'
    )
  })
})

describe('sagemaker console URL', () => {
  it('links the pipelines page of the China partition console', async () => {
    sm.on(RetryPipelineExecutionCommand).resolves({ PipelineExecutionArn: ARN })
    const result = await setup('cn-north-1').provider.retry(byArn, candidate, request)
    expect(result.consoleUrl).toBe(
      'https://cn-north-1.console.amazonaws.cn/sagemaker/home?region=cn-north-1#/pipelines'
    )
  })
})

describe('ListPipelines prefix', () => {
  it('is cut to what the model pattern [a-zA-Z0-9](-*[a-zA-Z0-9]){0,255} accepts', () => {
    const model = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}$/
    for (const [prefix, sent] of [
      ['train-', 'train'],
      ['train--x', 'train--x'],
      ['-x', ''],
      ['', ''],
      ['a_b', 'a'],
      ['x'.repeat(300), 'x'.repeat(256)]
    ] as const) {
      expect(modelPrefix(prefix)).toBe(sent)
      if (sent !== '') expect(model.test(sent)).toBe(true)
    }
  })
})
