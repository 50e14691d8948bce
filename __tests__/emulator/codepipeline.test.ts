import { afterEach, describe, expect, it } from '@jest/globals'
import {
  DEMO_IDS,
  demoScenario,
  startEmulator,
  type Emulator,
  type Scenario
} from '../../tools/emulator/index.js'
import { aws, awsOk, Clock } from './helpers.js'

const PIPELINE = 'release-pipeline'
const EXECUTION = DEMO_IDS.codepipelineExecution
const retryDeploy = {
  pipelineName: PIPELINE,
  stageName: 'Deploy',
  pipelineExecutionId: EXECUTION,
  retryMode: 'FAILED_ACTIONS'
}

let emu: Emulator
afterEach(async () => {
  await emu.close()
})

/** The demo with the failed release execution's retry outcome(s) replaced. */
function withOutcome(
  onRetry: NonNullable<Scenario['codepipeline']>['pipelines'][number]['executions'][number]['onRetry']
) {
  const scenario = demoScenario()
  const execution = scenario.codepipeline?.pipelines[0]?.executions.find(e => e.id === EXECUTION)
  if (!execution) throw new Error('demo changed')
  execution.onRetry = onRetry
  return scenario
}

const executionStatus = async () =>
  (
    await awsOk(emu, 'codepipeline', 'GetPipelineExecution', {
      pipelineName: PIPELINE,
      pipelineExecutionId: EXECUTION
    })
  ).pipelineExecution.status

describe('RetryStageExecution', () => {
  it('puts the stage in progress, counts the manual retry, then settles after the scenario reads', async () => {
    emu = await startEmulator(demoScenario()) // demo: succeeds after one in-progress read
    expect(await awsOk(emu, 'codepipeline', 'RetryStageExecution', retryDeploy)).toEqual({
      pipelineExecutionId: EXECUTION
    })
    const state = await awsOk(emu, 'codepipeline', 'GetPipelineState', { name: PIPELINE })
    const deploy = state.stageStates[2]
    expect(deploy.latestExecution).toEqual({
      pipelineExecutionId: EXECUTION,
      status: 'InProgress',
      type: 'STANDARD'
    })
    expect(deploy.actionStates[0].latestExecution.status).toBe('InProgress')
    // No automatic retry yet: the member is absent (model minimum 1), not 0.
    expect(deploy.retryStageMetadata).toEqual({
      manualStageRetryAttempt: 1,
      latestRetryTrigger: 'ManualStageRetry'
    })
    expect(await executionStatus()).toBe('Succeeded')
    const after = await awsOk(emu, 'codepipeline', 'GetPipelineState', { name: PIPELINE })
    expect(after.stageStates.map((s: any) => s.latestExecution.status)).toEqual([
      'Succeeded',
      'Succeeded',
      'Succeeded'
    ])
  })

  it('settles after settleAfterMs of emulator time', async () => {
    const clock = new Clock()
    emu = await startEmulator(withOutcome({ result: 'succeeded', settleAfterMs: 1000 }), { now: clock.now })
    await awsOk(emu, 'codepipeline', 'RetryStageExecution', retryDeploy)
    clock.advance(999)
    expect(await executionStatus()).toBe('InProgress')
    clock.advance(1)
    expect(await executionStatus()).toBe('Succeeded')
  })

  it('fails with the scenario reason on the chosen action, then the next outcome applies to the next retry', async () => {
    emu = await startEmulator(
      withOutcome([
        {
          result: 'failed',
          failureReason: 'Still unhealthy',
          errorCode: 'HealthCheck',
          failedAction: 'DeployToProduction'
        },
        { result: 'succeeded' }
      ])
    )
    await awsOk(emu, 'codepipeline', 'RetryStageExecution', retryDeploy)
    expect(await executionStatus()).toBe('Failed')
    const state = await awsOk(emu, 'codepipeline', 'GetPipelineState', { name: PIPELINE })
    const action = state.stageStates[2].actionStates[0].latestExecution
    expect(action.errorDetails).toEqual({ code: 'HealthCheck', message: 'Still unhealthy' })
    const listed = await awsOk(emu, 'codepipeline', 'ListPipelineExecutions', { pipelineName: PIPELINE })
    expect(listed.pipelineExecutionSummaries[0].statusSummary).toBe('Still unhealthy')

    await awsOk(emu, 'codepipeline', 'RetryStageExecution', retryDeploy)
    expect(await executionStatus()).toBe('Succeeded')
    const again = await awsOk(emu, 'codepipeline', 'GetPipelineState', { name: PIPELINE })
    expect(again.stageStates[2].retryStageMetadata.manualStageRetryAttempt).toBe(2)
  })

  it('ALL_ACTIONS restarts every action of the stage', async () => {
    const scenario = demoScenario()
    const pipeline = scenario.codepipeline?.pipelines[0]
    if (!pipeline?.stages[2]) throw new Error('demo changed')
    pipeline.stages[2].actions = ['DeployToProduction', 'SmokeTest']
    emu = await startEmulator(scenario)
    await awsOk(emu, 'codepipeline', 'RetryStageExecution', { ...retryDeploy, retryMode: 'ALL_ACTIONS' })
    const execution = emu.state.codepipeline.pipelines.get(PIPELINE)?.executions.get(EXECUTION)
    const actions = execution?.stages.get('Deploy')?.actions
    expect([...(actions?.values() ?? [])].map(a => a.status)).toEqual(['InProgress', 'InProgress'])
  })

  it('refuses an execution that a newer one superseded at that stage', async () => {
    const scenario = demoScenario()
    const pipeline = scenario.codepipeline?.pipelines[0]
    pipeline?.executions.push({
      id: '99999999-9999-4999-8999-999999999999',
      status: 'Failed',
      startTime: '2026-01-15T12:00:00Z',
      stages: {
        Source: { status: 'Succeeded' },
        Build: { status: 'Succeeded' },
        Deploy: { status: 'Failed' }
      }
    })
    emu = await startEmulator(scenario)
    const answer = await aws(emu, 'codepipeline', 'RetryStageExecution', retryDeploy)
    expect(answer.status).toBe(400)
    expect(answer.body.__type).toBe('NotLatestPipelineExecutionException')
  })

  it('validates the execution ID and the retry mode', async () => {
    emu = await startEmulator(demoScenario())
    const badId = await aws(emu, 'codepipeline', 'RetryStageExecution', {
      ...retryDeploy,
      pipelineExecutionId: 'x'
    })
    const noMode = await aws(emu, 'codepipeline', 'RetryStageExecution', {
      ...retryDeploy,
      retryMode: undefined
    })
    expect([badId.body.__type, noMode.body.__type]).toEqual(['ValidationException', 'ValidationException'])
  })
})

describe('StopPipelineExecution', () => {
  it('stops an execution in progress, abandons its running actions, and refuses a second stop', async () => {
    emu = await startEmulator(withOutcome({ result: 'succeeded', settleAfterReads: 5 }))
    await awsOk(emu, 'codepipeline', 'RetryStageExecution', retryDeploy)
    const stop = {
      pipelineName: PIPELINE,
      pipelineExecutionId: EXECUTION,
      abandon: false,
      reason: 'manual stop'
    }
    expect(await awsOk(emu, 'codepipeline', 'StopPipelineExecution', stop)).toEqual({
      pipelineExecutionId: EXECUTION
    })
    expect(await executionStatus()).toBe('Stopped')
    const state = await awsOk(emu, 'codepipeline', 'GetPipelineState', { name: PIPELINE })
    expect(state.stageStates[2].latestExecution.status).toBe('Stopped')
    expect(state.stageStates[2].actionStates[0].latestExecution.status).toBe('Abandoned')
    const again = await aws(emu, 'codepipeline', 'StopPipelineExecution', stop)
    expect(again.body.__type).toBe('PipelineExecutionNotStoppableException')
    expect(emu.callsTo('codepipeline:StopPipelineExecution')).toHaveLength(2)
  })
})

describe('lists and the AWS JSON wire', () => {
  it('pages ListPipelineExecutions newest first and rejects a foreign token', async () => {
    emu = await startEmulator(demoScenario())
    const first = await awsOk(emu, 'codepipeline', 'ListPipelineExecutions', {
      pipelineName: PIPELINE,
      maxResults: 1
    })
    expect(first.pipelineExecutionSummaries.map((s: any) => s.pipelineExecutionId)).toEqual([EXECUTION])
    const second = await awsOk(emu, 'codepipeline', 'ListPipelineExecutions', {
      pipelineName: PIPELINE,
      maxResults: 1,
      nextToken: first.nextToken
    })
    expect(second.pipelineExecutionSummaries.map((s: any) => s.pipelineExecutionId)).toEqual([
      DEMO_IDS.codepipelineOlderExecution
    ])
    expect(second.nextToken).toBeUndefined()
    const bad = await aws(emu, 'codepipeline', 'ListPipelineExecutions', {
      pipelineName: PIPELINE,
      nextToken: 'zzz'
    })
    expect(bad.body.__type).toBe('InvalidNextTokenException')
  })

  it('answers errors with __type, x-amzn-errortype and a request ID, timestamps in epoch seconds', async () => {
    emu = await startEmulator(demoScenario())
    const missing = await aws(emu, 'codepipeline', 'GetPipelineState', { name: 'nope' })
    expect(missing.status).toBe(400)
    expect(missing.headers.get('x-amzn-errortype')).toBe('PipelineNotFoundException')
    expect(missing.headers.get('content-type')).toBe('application/x-amz-json-1.1')
    expect(missing.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/)
    expect(missing.body).toEqual({
      __type: 'PipelineNotFoundException',
      message: expect.stringContaining('nope')
    })
    const unknown = await aws(emu, 'codepipeline', 'DeletePipeline', { name: PIPELINE })
    expect(unknown.body.__type).toBe('UnknownOperationException')
    const listed = await awsOk(emu, 'codepipeline', 'ListPipelineExecutions', { pipelineName: PIPELINE })
    expect(listed.pipelineExecutionSummaries[0].startTime).toBe(Date.parse('2026-01-15T10:00:00Z') / 1000)
    const raw = await fetch(`${emu.url}/`, {
      method: 'POST',
      headers: { 'x-amz-target': 'CodePipeline_20150709.GetPipelineState' },
      body: '{not json'
    })
    expect(((await raw.json()) as { __type: string }).__type).toBe('SerializationException')
    const noTarget = await fetch(`${emu.url}/`, { method: 'POST', body: '{}' })
    expect(noTarget.status).toBe(400)
  })
})
