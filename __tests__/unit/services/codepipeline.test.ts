import { describe, it, expect, beforeEach } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import 'aws-sdk-client-mock-jest'
import {
  CodePipelineClient,
  GetPipelineCommand,
  GetPipelineExecutionCommand,
  GetPipelineStateCommand,
  ListPipelineExecutionsCommand,
  RetryStageExecutionCommand,
  StopPipelineExecutionCommand,
  type PipelineExecutionStatus,
  type StageState
} from '@aws-sdk/client-codepipeline'
import provider, { consoleUrl, errors } from '../../../src/services/codepipeline/provider.js'
import type { Candidate, Provider } from '../../../src/model/provider.js'
import type { CodePipelineTarget } from '../../../src/services/codepipeline/target.js'
import { ServiceCallError, TargetError } from '../../../src/model/errors.js'
import { networkError, sdkError, sendOnce, testContext } from '../../support/context.js'

const PIPELINE = 'release'
const NEWEST = '11111111-1111-4111-8111-111111111111'
const OLDER = '22222222-2222-4222-8222-222222222222'
const URL_NEWEST = `https://us-east-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/release/executions/${NEWEST}/timeline?region=us-east-1`

const cp = mockClient(CodePipelineClient)

function target(extra: Partial<CodePipelineTarget> = {}): CodePipelineTarget {
  return { service: 'codepipeline', label: `codepipeline:${PIPELINE}`, pipelineName: PIPELINE, ...extra }
}

function stage(
  stageName: string,
  pipelineExecutionId: string,
  status: string,
  extra: StageState = {}
): StageState {
  return { stageName, latestExecution: { pipelineExecutionId, status: status as 'Failed' }, ...extra }
}

const failedDeployAction: StageState = {
  actionStates: [
    { actionName: 'Approve', latestExecution: { status: 'Succeeded' } },
    {
      actionName: 'DeployApp',
      latestExecution: {
        status: 'Failed',
        errorDetails: { code: 'JobFailed', message: 'Deployment\n failed' }
      }
    }
  ]
}

function givenState(...stageStates: StageState[]): void {
  cp.on(GetPipelineStateCommand, { name: PIPELINE }).resolves({ pipelineName: PIPELINE, stageStates })
}

function givenNewest(status: PipelineExecutionStatus, id = NEWEST): void {
  cp.on(ListPipelineExecutionsCommand).resolves({
    pipelineExecutionSummaries: [{ pipelineExecutionId: id, status }]
  })
}

let context: ReturnType<typeof testContext>
let cpProvider: Provider<CodePipelineTarget>

beforeEach(() => {
  cp.reset()
  context = testContext(errors)
  cpProvider = provider.create(context)
})

describe('errors', () => {
  it('treats ConflictException (pipeline busy) as transient', () => {
    expect(errors.transient).toEqual(['ConflictException'])
  })

  it('names the IAM actions for access errors', () => {
    for (const name of ['AccessDeniedException', 'UnrecognizedClientException']) {
      expect(errors.hints?.[name]).toContain('codepipeline:GetPipelineState')
      expect(errors.hints?.[name]).toContain('codepipeline:RetryStageExecution')
    }
  })
})

describe('discover the latest execution', () => {
  it('finds the failed stage of the newest execution, with its failed action', async () => {
    givenNewest('Failed')
    givenState(
      stage('Source', NEWEST, 'Succeeded'),
      stage('Build', NEWEST, 'Succeeded'),
      stage('Deploy', NEWEST, 'Failed', failedDeployAction),
      stage('Prod', OLDER, 'Succeeded')
    )
    const found = await cpProvider.discover(target())
    expect(found).toEqual({
      kind: 'found',
      candidate: {
        executionId: NEWEST,
        stageName: 'Deploy',
        previousAttempts: 0,
        attemptsBasis: 'no retryStageMetadata: not retried yet',
        revision: `${NEWEST} Failed 0 0`,
        description: `stage Deploy of execution ${NEWEST} Failed (action DeployApp: JobFailed: Deployment failed)`,
        consoleUrl: URL_NEWEST,
        failure: {
          reason: 'DeployApp: JobFailed: Deployment failed',
          transient: undefined,
          endedAt: undefined
        }
      }
    })
    expect(cp).toHaveReceivedCommandWith(ListPipelineExecutionsCommand, {
      pipelineName: PIPELINE,
      maxResults: 1
    })
  })

  it('never retries a failed stage of an older execution while the newest is running', async () => {
    givenNewest('InProgress')
    givenState(
      stage('Source', NEWEST, 'Succeeded'),
      stage('Build', NEWEST, 'InProgress'),
      stage('Deploy', OLDER, 'Failed')
    )
    const found = await cpProvider.discover(target())
    expect(found.kind).toBe('nothing')
    const reason = found.kind === 'nothing' ? found.reason : ''
    expect(reason).toContain(`latest execution ${NEWEST} of pipeline release is InProgress`)
    expect(reason).toContain(`stage Deploy of execution ${OLDER} failed earlier and is not retried`)
  })

  it('listed Failed but its stage already runs again (someone retried it between the reads): followed, not retried', async () => {
    givenNewest('Failed')
    givenState(stage('Source', NEWEST, 'Succeeded'), stage('Deploy', NEWEST, 'InProgress'))
    const found = await cpProvider.discover(target())
    expect(found).toMatchObject({ kind: 'nothing', running: { executionId: NEWEST } })
    expect(found.kind === 'nothing' && found.reason).toContain('is being retried: stage Deploy is InProgress')
  })

  it('reports nothing to retry when the newest execution succeeded after an older failure', async () => {
    givenNewest('Succeeded')
    givenState(stage('Build', NEWEST, 'Succeeded'), stage('Deploy', OLDER, 'Failed'))
    const found = await cpProvider.discover(target())
    expect(found).toEqual({
      kind: 'nothing',
      reason:
        `latest execution ${NEWEST} of pipeline release is Succeeded; ` +
        `stage Deploy of execution ${OLDER} failed earlier and is not retried`
    })
    expect(cp).not.toHaveReceivedCommand(RetryStageExecutionCommand)
  })

  it('reports an empty history without reading the state', async () => {
    cp.on(ListPipelineExecutionsCommand).resolves({ pipelineExecutionSummaries: [] })
    expect(await cpProvider.discover(target())).toEqual({
      kind: 'nothing',
      reason: 'pipeline release has no executions'
    })
    expect(cp).not.toHaveReceivedCommand(GetPipelineStateCommand)
  })

  it('limits discovery to stage-name', async () => {
    givenNewest('Failed')
    givenState(stage('Build', NEWEST, 'Failed'), stage('Deploy', OLDER, 'Succeeded'))
    const other = await cpProvider.discover(target({ stageName: 'Deploy' }))
    expect(other).toEqual({
      kind: 'nothing',
      reason: `latest execution ${NEWEST} of pipeline release is Failed; stage Deploy did not fail in it`
    })
    const same = await cpProvider.discover(target({ stageName: 'Build' }))
    expect(same.kind === 'found' && same.candidate.stageName).toBe('Build')
  })

  it('counts manual and automatic retries from retryStageMetadata', async () => {
    givenNewest('Failed')
    givenState(
      stage('Deploy', NEWEST, 'Failed', {
        retryStageMetadata: {
          manualStageRetryAttempt: 2,
          autoStageRetryAttempt: 1,
          latestRetryTrigger: 'AutomatedStageRetry'
        }
      })
    )
    const found = await cpProvider.discover(target())
    expect(found.kind === 'found' && found.candidate).toMatchObject({
      previousAttempts: 3,
      attemptsBasis: 'retryStageMetadata: 2 manual + 1 automatic (latest: AutomatedStageRetry)'
    })
  })

  it('fails with the hint when the pipeline does not exist', async () => {
    cp.on(ListPipelineExecutionsCommand).rejects(sdkError('PipelineNotFoundException', 'no pipeline'))
    const error = await cpProvider.discover(target()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ServiceCallError)
    expect((error as Error).message).toContain('PipelineNotFoundException: no pipeline')
    expect((error as Error).message).toContain('check pipeline-name and region')
  })
})

describe('discover an explicit execution', () => {
  it('finds the failed stage of that execution without listing executions', async () => {
    givenState(stage('Build', OLDER, 'Succeeded'), stage('Deploy', OLDER, 'Failed', failedDeployAction))
    const found = await cpProvider.discover(target({ executionId: OLDER }))
    expect(found.kind === 'found' && found.candidate).toMatchObject({
      executionId: OLDER,
      stageName: 'Deploy',
      previousAttempts: 0
    })
    expect(cp).not.toHaveReceivedCommand(ListPipelineExecutionsCommand)
  })

  it('fails when that execution has no failed stage, saying what its stages show', async () => {
    givenState(stage('Build', NEWEST, 'Succeeded'), stage('Deploy', NEWEST, 'InProgress'))
    const error = await cpProvider.discover(target({ executionId: NEWEST })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TargetError)
    expect((error as Error).message).toBe(
      `Execution ${NEWEST} of pipeline release has no failed stage in GetPipelineState ` +
        '(its stages: Build Succeeded, Deploy InProgress); only a failed stage can be retried'
    )
  })

  it('fails when no stage shows that execution any more', async () => {
    givenState(stage('Deploy', NEWEST, 'Failed'))
    const error = await cpProvider.discover(target({ executionId: OLDER })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TargetError)
    expect((error as Error).message).toContain('no stage shows it as its latest execution')
    expect((error as Error).message).toContain(`stage Deploy of execution ${NEWEST} failed earlier`)
  })

  it('counts the retries of a named stage that failed in that execution', async () => {
    givenState(stage('Deploy', OLDER, 'Failed', { retryStageMetadata: { manualStageRetryAttempt: 1 } }))
    const found = await cpProvider.discover(target({ executionId: OLDER, stageName: 'Deploy' }))
    expect(found.kind === 'found' && found.candidate).toMatchObject({
      stageName: 'Deploy',
      previousAttempts: 1,
      attemptsBasis: 'retryStageMetadata: 1 manual + 0 automatic'
    })
  })

  it('leaves a named stage that is not failed to the service, which refuses with its reason', async () => {
    givenState(stage('Deploy', NEWEST, 'Failed'))
    const found = await cpProvider.discover(target({ executionId: OLDER, stageName: 'Deploy' }))
    expect(found.kind).toBe('found')
    const candidate = (found as { candidate: Candidate }).candidate
    expect(candidate).toMatchObject({ executionId: OLDER, stageName: 'Deploy' })
    expect(candidate.previousAttempts).toBeUndefined()
    expect(candidate.description).toContain(`Deploy Failed (execution ${NEWEST})`)

    cp.on(RetryStageExecutionCommand).rejects(sdkError('NotLatestPipelineExecutionException', 'stale'))
    const error = await cpProvider
      .retry(target(), candidate, { mode: 'failed', token: 't' })
      .catch((e: unknown) => e)
    expect((error as Error).message).toContain('NotLatestPipelineExecutionException: stale')
    expect((error as Error).message).toContain('omit execution-id to retry the latest')
    expect(cp).toHaveReceivedCommandTimes(RetryStageExecutionCommand, 1)
  })
})

describe('retry', () => {
  const candidate: Candidate = {
    executionId: NEWEST,
    stageName: 'Deploy',
    previousAttempts: 1,
    revision: `${NEWEST} Failed 1 0`,
    description: 'stage Deploy',
    consoleUrl: URL_NEWEST
  }

  it.each([
    ['failed', 'FAILED_ACTIONS'],
    ['all', 'ALL_ACTIONS']
  ] as const)('maps retry-mode %s to %s and returns the running execution', async (mode, retryMode) => {
    cp.on(RetryStageExecutionCommand).resolves({ pipelineExecutionId: NEWEST })
    const started = await cpProvider.retry(target(), candidate, { mode, token: 'ignored' })
    expect(cp).toHaveReceivedCommandWith(RetryStageExecutionCommand, {
      pipelineName: PIPELINE,
      stageName: 'Deploy',
      pipelineExecutionId: NEWEST,
      retryMode
    })
    expect(started).toEqual({ executionId: NEWEST, stageName: 'Deploy', consoleUrl: URL_NEWEST })
    expect(started).not.toHaveProperty('executionArn')
  })

  it.each([
    ['NotLatestPipelineExecutionException', 'later execution'],
    ['StageNotRetryableException', 'no failed actions'],
    ['PipelineNotFoundException', 'pipeline-name'],
    ['StageNotFoundException', 'stage-name'],
    ['ConcurrentPipelineExecutionsLimitExceededException', 'concurrent executions'],
    ['ValidationException', 'execution-id'],
    ['AccessDeniedException', 'codepipeline:RetryStageExecution'],
    ['UnrecognizedClientException', 'codepipeline:GetPipelineState']
  ])('fails at once on %s with the hint', async (name, hint) => {
    cp.on(RetryStageExecutionCommand).rejects(sdkError(name, `service says ${name}`))
    const error = await cpProvider
      .retry(target(), candidate, { mode: 'failed', token: 't' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ServiceCallError)
    expect((error as ServiceCallError).errorName).toBe(name)
    expect((error as Error).message).toContain(`RetryStageExecution failed: ${name}: service says ${name}`)
    expect((error as Error).message).toContain(hint)
    expect(cp).toHaveReceivedCommandTimes(RetryStageExecutionCommand, 1)
  })

  it('backs off and tries again while the pipeline is busy (ConflictException)', async () => {
    cp.on(RetryStageExecutionCommand)
      .rejectsOnce(sdkError('ConflictException'))
      .rejectsOnce(sdkError('ConflictException'))
      .resolves({ pipelineExecutionId: NEWEST })
    const started = await cpProvider.retry(target(), candidate, { mode: 'failed', token: 't' })
    expect(started.executionId).toBe(NEWEST)
    expect(cp).toHaveReceivedCommandTimes(RetryStageExecutionCommand, 3)
    expect(context.clock.slept).toHaveLength(2)
    expect(cp).not.toHaveReceivedCommand(GetPipelineStateCommand)
  })

  // The lost-answer checks run in the engine (sendRetryOnce), with the provider's recheck.
  it('does not send again when a lost answer hid a retry that is now running', async () => {
    cp.on(RetryStageExecutionCommand).rejectsOnce(networkError()).resolves({ pipelineExecutionId: NEWEST })
    givenState(stage('Deploy', NEWEST, 'InProgress', { retryStageMetadata: { manualStageRetryAttempt: 1 } }))
    const sent = await sendOnce(cpProvider, target(), candidate, { mode: 'failed', token: 't' }, context)
    expect(sent).toMatchObject({
      kind: 'started',
      started: { executionId: NEWEST, stageName: 'Deploy', consoleUrl: URL_NEWEST }
    })
    expect(cp).toHaveReceivedCommandTimes(RetryStageExecutionCommand, 1)
    expect(context.logs.join('\n')).toContain('stage Deploy InProgress (this execution)')
  })

  it('does not send again when the retried stage already failed again (its retry count rose)', async () => {
    cp.on(RetryStageExecutionCommand).rejectsOnce(sdkError('InternalError', 'boom', { status: 500 }))
    givenState(stage('Deploy', NEWEST, 'Failed', { retryStageMetadata: { manualStageRetryAttempt: 2 } }))
    const sent = await sendOnce(cpProvider, target(), candidate, { mode: 'failed', token: 't' }, context)
    expect(sent.kind).toBe('started')
    expect(cp).toHaveReceivedCommandTimes(RetryStageExecutionCommand, 1)
  })

  it('sends again when the lost attempt did not take effect', async () => {
    cp.on(RetryStageExecutionCommand)
      .rejectsOnce(networkError('ETIMEDOUT'))
      .resolves({ pipelineExecutionId: NEWEST })
    givenState(stage('Deploy', NEWEST, 'Failed', { retryStageMetadata: { manualStageRetryAttempt: 1 } }))
    await sendOnce(cpProvider, target(), candidate, { mode: 'all', token: 't' }, context)
    expect(cp).toHaveReceivedCommandTimes(RetryStageExecutionCommand, 2)
    expect(cp).toHaveReceivedCommandTimes(GetPipelineStateCommand, 1)
  })

  it('reports nothing-to-retry when a throttled retry finds the stage retried by someone else', async () => {
    cp.on(RetryStageExecutionCommand)
      .rejectsOnce(sdkError('ThrottlingException', 'Rate exceeded', { throttling: true }))
      .resolves({ pipelineExecutionId: NEWEST })
    givenState(stage('Deploy', NEWEST, 'InProgress', { retryStageMetadata: { manualStageRetryAttempt: 2 } }))
    const sent = await sendOnce(cpProvider, target(), candidate, { mode: 'failed', token: 't' }, context)
    expect(sent).toEqual({
      kind: 'not-sent',
      status: 'nothing-to-retry',
      message: `already being retried, not by this step: stage Deploy InProgress (this execution)`
    })
    expect(cp).toHaveReceivedCommandTimes(RetryStageExecutionCommand, 1)
  })

  it('skips when the stage was retried meanwhile, failed again and max-attempts is now reached', async () => {
    cp.on(RetryStageExecutionCommand)
      .rejectsOnce(sdkError('ThrottlingException', 'Rate exceeded', { throttling: true }))
      .resolves({ pipelineExecutionId: NEWEST })
    givenState(stage('Deploy', NEWEST, 'Failed', { retryStageMetadata: { manualStageRetryAttempt: 2 } }))
    const sent = await sendOnce(cpProvider, target(), candidate, { mode: 'failed', token: 't' }, context, 2)
    expect(sent).toMatchObject({ kind: 'not-sent', status: 'skipped' })
    expect(sent.kind === 'not-sent' && sent.message).toContain('already retried 2 time(s), max-attempts is 2')
    expect(cp).toHaveReceivedCommandTimes(RetryStageExecutionCommand, 1)
  })

  it('confirms a StageNotRetryable refusal with a fresh read: someone else retried it first', async () => {
    cp.on(RetryStageExecutionCommand).rejects(sdkError('StageNotRetryableException', 'in progress'))
    givenState(stage('Deploy', NEWEST, 'InProgress', { retryStageMetadata: { manualStageRetryAttempt: 2 } }))
    const sent = await sendOnce(cpProvider, target(), candidate, { mode: 'failed', token: 't' }, context)
    expect(sent).toMatchObject({ kind: 'not-sent', status: 'nothing-to-retry' })
  })

  it('keeps the refusal when the fresh read shows the same failure', async () => {
    cp.on(RetryStageExecutionCommand).rejects(sdkError('StageNotRetryableException', 'structure changed'))
    givenState(stage('Deploy', NEWEST, 'Failed', { retryStageMetadata: { manualStageRetryAttempt: 1 } }))
    await expect(
      sendOnce(cpProvider, target(), candidate, { mode: 'failed', token: 't' }, context)
    ).rejects.toThrow(/StageNotRetryableException: structure changed/)
  })

  it('treats an answer without an execution ID as maybe applied and reads the stage again', async () => {
    cp.on(RetryStageExecutionCommand).resolves({})
    givenState(stage('Deploy', NEWEST, 'InProgress', { retryStageMetadata: { manualStageRetryAttempt: 2 } }))
    const sent = await sendOnce(cpProvider, target(), candidate, { mode: 'failed', token: 't' }, context)
    expect(sent).toMatchObject({ kind: 'started', started: { executionId: NEWEST } })
    expect(cp).toHaveReceivedCommandTimes(RetryStageExecutionCommand, 1)
  })
})

describe("CodePipeline's automatic stage retry (onFailure: RETRY)", () => {
  const declareRetry = (): void => {
    cp.on(GetPipelineCommand, { name: PIPELINE }).resolves({
      pipeline: {
        name: PIPELINE,
        roleArn: 'arn:aws:iam::123456789012:role/r',
        stages: [
          { name: 'Build', actions: [] },
          { name: 'Deploy', actions: [], onFailure: { result: 'RETRY' } }
        ]
      }
    })
  }

  it('a failed stage whose automatic attempt is unused is left to CodePipeline and followed with wait', async () => {
    declareRetry()
    givenNewest('Failed')
    givenState(stage('Deploy', NEWEST, 'Failed', failedDeployAction))
    const found = await cpProvider.discover(target())
    expect(found).toMatchObject({ kind: 'nothing', running: { executionId: NEWEST } })
    expect(found.kind === 'nothing' && found.reason).toContain(
      'CodePipeline retries it itself (onFailure: RETRY)'
    )
  })

  it('once the automatic attempt is used, the stage is a candidate counting it', async () => {
    declareRetry()
    givenNewest('Failed')
    givenState(
      stage('Deploy', NEWEST, 'Failed', {
        ...failedDeployAction,
        retryStageMetadata: { autoStageRetryAttempt: 1, latestRetryTrigger: 'AutomatedStageRetry' }
      })
    )
    const found = await cpProvider.discover(target())
    expect(found).toMatchObject({ kind: 'found', candidate: { stageName: 'Deploy', previousAttempts: 1 } })
  })

  it('GetPipeline denied: decided as without it, with one note naming the permission', async () => {
    cp.on(GetPipelineCommand).rejects(sdkError('AccessDeniedException', 'not allowed'))
    givenNewest('Failed')
    givenState(stage('Deploy', NEWEST, 'Failed', failedDeployAction))
    const first = await cpProvider.discover(target())
    const second = await cpProvider.discover(target({ stageName: 'Deploy' }))
    expect(first.kind === 'found' && first.candidate.failure?.note).toContain('codepipeline:GetPipeline')
    expect(second.kind === 'found' && second.candidate.failure?.note).toBeUndefined()
  })

  it('a status read of a failed execution waits while the automatic retry is still to come', async () => {
    declareRetry()
    cp.on(GetPipelineExecutionCommand).resolves({
      pipelineExecution: { pipelineExecutionId: NEWEST, status: 'Failed' }
    })
    givenState(stage('Deploy', NEWEST, 'Failed', failedDeployAction))
    const progress = await cpProvider.status(target(), { executionId: NEWEST, consoleUrl: '' })
    expect(progress).toMatchObject({ state: 'in-progress' })
  })
})

describe('status', () => {
  const started = { executionId: NEWEST, stageName: 'Build', consoleUrl: URL_NEWEST }

  function givenExecution(status: PipelineExecutionStatus, statusSummary?: string): void {
    cp.on(GetPipelineExecutionCommand, { pipelineName: PIPELINE, pipelineExecutionId: NEWEST }).resolves({
      pipelineExecution: { pipelineExecutionId: NEWEST, status, ...(statusSummary ? { statusSummary } : {}) }
    })
  }

  it('reports a success with one call', async () => {
    givenExecution('Succeeded')
    expect(await cpProvider.status(target(), started)).toEqual({ state: 'succeeded' })
    expect(cp).not.toHaveReceivedCommand(GetPipelineStateCommand)
  })

  it.each(['InProgress', 'Stopping'] as const)(
    'reads only GetPipelineExecution while the execution is %s: one call per poll',
    async status => {
      givenExecution(status)
      expect(await cpProvider.status(target(), started)).toEqual({ state: 'in-progress', phase: status })
      expect(cp).toHaveReceivedCommandTimes(GetPipelineStateCommand, 0)
    }
  )

  it('explains a failure with the failed stage and action', async () => {
    givenExecution('Failed')
    givenState(stage('Build', NEWEST, 'Succeeded'), stage('Deploy', NEWEST, 'Failed', failedDeployAction))
    expect(await cpProvider.status(target(), started)).toEqual({
      state: 'failed',
      reason: 'stage Deploy, action DeployApp: JobFailed: Deployment failed'
    })
  })

  it('falls back to the status summary when no stage shows the failure', async () => {
    givenExecution('Failed', 'Pipeline failed: source changed')
    givenState(stage('Build', OLDER, 'Failed'))
    expect(await cpProvider.status(target(), started)).toEqual({
      state: 'failed',
      reason: 'Pipeline failed: source changed'
    })
  })

  it.each([
    ['Stopped', `execution ${NEWEST} Stopped: stopped by alice`],
    ['Cancelled', `execution ${NEWEST} Cancelled: stopped by alice`],
    ['Superseded', `execution ${NEWEST} was superseded by a newer execution`]
  ] as const)('reports %s as stopped', async (status, reason) => {
    givenExecution(status, 'stopped by alice')
    expect(await cpProvider.status(target(), started)).toEqual({ state: 'stopped', reason })
    expect(cp).not.toHaveReceivedCommand(GetPipelineStateCommand)
  })
})

describe('stop', () => {
  it('stops the execution gracefully, with the reason', async () => {
    cp.on(StopPipelineExecutionCommand).resolves({ pipelineExecutionId: NEWEST })
    const started = { executionId: NEWEST, stageName: 'Deploy', consoleUrl: URL_NEWEST }
    await cpProvider.stop(target(), started, 'workflow cancelled')
    expect(cp).toHaveReceivedCommandWith(StopPipelineExecutionCommand, {
      pipelineName: PIPELINE,
      pipelineExecutionId: NEWEST,
      abandon: false,
      reason: 'workflow cancelled'
    })
  })

  it('keeps the reason within the 200 characters the API accepts', async () => {
    cp.on(StopPipelineExecutionCommand).resolves({})
    await cpProvider.stop(target(), { executionId: NEWEST, consoleUrl: URL_NEWEST }, 'x'.repeat(500))
    const input = cp.commandCalls(StopPipelineExecutionCommand)[0]!.args[0].input
    expect(input.reason).toHaveLength(200)
  })
})

describe('console URL', () => {
  it('links the execution timeline, with the China console for cn- regions', () => {
    expect(consoleUrl('us-east-1', PIPELINE, NEWEST)).toBe(URL_NEWEST)
    expect(consoleUrl('cn-north-1', 'p', NEWEST)).toBe(
      `https://cn-north-1.console.amazonaws.cn/codesuite/codepipeline/pipelines/p/executions/${NEWEST}/timeline?region=cn-north-1`
    )
  })
})
