// End to end: the bundled action (dist/index.js) against the emulator, service codepipeline.
import { describe, expect, it } from '@jest/globals'
import { DEMO_IDS, demoScenario } from '../../tools/emulator/index.js'
import type { CodePipelineSeed, Scenario } from '../../tools/emulator/index.js'
import {
  awsEnv,
  resultsOf,
  useEmulator,
  type Emulator,
  expectFailedWith,
  withoutMasks,
  RESULT_KEYS,
  expectSummaryRow
} from './helpers.js'

const PIPELINE = 'release-pipeline'
const FAILED = DEMO_IDS.codepipelineExecution
const NEWER = '7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b'
const AWS_SECRET = 'e2e-aws-secret-key-must-never-be-printed'

const stageOf = (emu: Emulator, pipeline: string, execution: string, stage: string) =>
  emu.state.codepipeline.pipelines.get(pipeline)?.executions.get(execution)?.stages.get(stage)

/** release-pipeline copied under other names: superseded by a newer success, retried 3 times, no history. */
function variantScenario(): Scenario {
  const scenario = demoScenario()
  const pipelines = scenario.codepipeline!.pipelines
  const release = pipelines.find(p => p.name === PIPELINE)!
  const copy = (name: string): CodePipelineSeed => ({ ...structuredClone(release), name })

  const superseded = copy('superseded-pipeline')
  superseded.executions.push({
    id: NEWER,
    status: 'Succeeded',
    startTime: '2026-01-15T12:00:00Z',
    stages: {
      Source: { status: 'Succeeded' },
      Build: { status: 'Succeeded' },
      Deploy: { status: 'Succeeded' }
    }
  })

  const retried = copy('retried-pipeline')
  const deploy = retried.executions.find(e => e.id === FAILED)!.stages.Deploy!
  deploy.manualStageRetryAttempt = 2
  deploy.autoStageRetryAttempt = 1
  deploy.latestRetryTrigger = 'AutomatedStageRetry'

  pipelines.push(superseded, retried, { ...copy('empty-pipeline'), executions: [] })
  return scenario
}

describe('codepipeline (demo scenario)', () => {
  const fx = useEmulator(demoScenario, emu => ({ ...awsEnv(emu), AWS_SECRET_ACCESS_KEY: AWS_SECRET }))

  it('discovers the failed stage of the latest execution and retries it once', async () => {
    const result = await fx.runOk({ service: 'codepipeline', 'pipeline-name': PIPELINE })
    const consoleUrl =
      'https://us-east-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/release-pipeline' +
      `/executions/${FAILED}/timeline?region=us-east-1`
    expect(result.outputs).toMatchObject({
      retried: 'true',
      'execution-id': FAILED,
      'execution-arn': '',
      'stage-name': 'Deploy',
      status: 'in-progress',
      'console-url': consoleUrl
    })
    const results = resultsOf(result)
    expect(results).toHaveLength(1)
    expect(Object.keys(results[0]!)).toEqual([...RESULT_KEYS])
    expect(results[0]).toMatchObject({
      service: 'codepipeline',
      target: 'codepipeline:release-pipeline',
      retried: true,
      executionId: FAILED,
      executionArn: '',
      stageName: 'Deploy',
      status: 'in-progress',
      consoleUrl
    })
    expect(results[0]!.message).toContain('DeployToProduction')
    expectSummaryRow(result.summary, 'codepipeline:release-pipeline', FAILED, '🔄 in progress')

    const retries = fx.emu.callsTo('RetryStageExecution')
    expect(retries).toHaveLength(1)
    expect(retries[0]!.body).toEqual({
      pipelineName: PIPELINE,
      stageName: 'Deploy',
      pipelineExecutionId: FAILED,
      retryMode: 'FAILED_ACTIONS'
    })
    expect(stageOf(fx.emu, PIPELINE, FAILED, 'Deploy')).toMatchObject({
      status: 'InProgress',
      manualStageRetryAttempt: 1
    })
    // The AWS secret from the environment is masked first, and never printed otherwise.
    expect(result.stdout.split('\n')[0]).toBe(`::add-mask::${AWS_SECRET}`)
    for (const text of [
      withoutMasks(result.stdout),
      result.stderr,
      result.summary,
      JSON.stringify(result.outputs)
    ])
      expect(text).not.toContain(AWS_SECRET)
  })

  it('retries an explicit execution-id with retry-mode all as ALL_ACTIONS', async () => {
    const result = await fx.run({
      service: 'codepipeline',
      'pipeline-name': PIPELINE,
      'execution-id': FAILED,
      'retry-mode': 'all'
    })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ retried: 'true', 'execution-id': FAILED, 'stage-name': 'Deploy' })
    const retries = fx.emu.callsTo('RetryStageExecution')
    expect(retries).toHaveLength(1)
    expect(retries[0]!.body).toMatchObject({ pipelineExecutionId: FAILED, retryMode: 'ALL_ACTIONS' })
    // An explicit execution-id is not discovered: the latest execution is not listed.
    expect(fx.emu.callsTo('ListPipelineExecutions')).toHaveLength(0)
  })

  it.each([
    ['failed_actions', 'FAILED_ACTIONS'],
    ['ALL_ACTIONS', 'ALL_ACTIONS']
  ])('accepts the native retry-mode %s', async (mode, sent) => {
    const result = await fx.run({
      service: 'codepipeline',
      'pipeline-name': PIPELINE,
      'stage-name': 'Deploy',
      'execution-id': FAILED,
      'retry-mode': mode
    })
    expect(result.exitCode).toBe(0)
    expect(fx.emu.callsTo('RetryStageExecution').map(c => c.body)).toEqual([
      { pipelineName: PIPELINE, stageName: 'Deploy', pipelineExecutionId: FAILED, retryMode: sent }
    ])
  })

  it('dry-run reports the failed stage and calls no retry API', async () => {
    const result = await fx.run({ service: 'codepipeline', 'pipeline-name': PIPELINE, 'dry-run': 'true' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({
      retried: 'false',
      status: 'dry-run',
      'execution-id': FAILED,
      'stage-name': 'Deploy'
    })
    expect(result.summary).toContain('dry run')
    expect(fx.emu.callsTo('RetryStageExecution')).toHaveLength(0)
    expect(stageOf(fx.emu, PIPELINE, FAILED, 'Deploy')?.status).toBe('Failed')
  })

  it('a pipeline whose latest execution succeeded has nothing to retry', async () => {
    const result = await fx.run({ service: 'codepipeline', 'pipeline-name': 'healthy-pipeline' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ retried: 'false', status: 'nothing-to-retry' })
    expect(resultsOf(result)[0]!.retried).toBe(false)
    expect(fx.emu.callsTo('RetryStageExecution')).toHaveLength(0)
  })

  /** The step retrying `stage` of the execution named `executionId` of the demo pipeline. */
  const retryStage = (stage: string, executionId: string) =>
    fx.run({
      service: 'codepipeline',
      'pipeline-name': PIPELINE,
      'stage-name': stage,
      'execution-id': executionId
    })

  it('StageNotRetryableException: a stage of the execution that did not fail', async () => {
    const result = await retryStage('Build', FAILED)
    expectFailedWith(result, 'StageNotRetryableException', 'Hint: the stage has no failed actions')
    expect(fx.emu.callsTo('RetryStageExecution')).toHaveLength(1)
    expect(stageOf(fx.emu, PIPELINE, FAILED, 'Deploy')?.manualStageRetryAttempt).toBe(0)
  })

  it('NotLatestPipelineExecutionException: an explicit stale execution-id', async () => {
    const result = await retryStage('Deploy', DEMO_IDS.codepipelineOlderExecution)
    expectFailedWith(
      result,
      'NotLatestPipelineExecutionException',
      'Hint: the stage failed again in a later execution'
    )
    // Not transient: sent once.
    expect(fx.emu.callsTo('RetryStageExecution')).toHaveLength(1)
  })

  it('StageNotFoundException: a stage-name the pipeline does not have', async () => {
    const result = await retryStage('Nope', FAILED)
    expectFailedWith(result, 'StageNotFoundException', 'Hint: check stage-name')
  })

  it('PipelineNotFoundException (the resource-not-found error): an unknown pipeline', async () => {
    const result = await fx.run({ service: 'codepipeline', 'pipeline-name': 'no-such-pipeline' })
    expectFailedWith(result, 'PipelineNotFoundException', 'Hint: check pipeline-name and region')
    expect(fx.emu.callsTo('RetryStageExecution')).toHaveLength(0)
  })

  it('an explicit execution-id without a failed stage fails, saying so', async () => {
    const result = await fx.run({
      service: 'codepipeline',
      'pipeline-name': PIPELINE,
      'execution-id': DEMO_IDS.codepipelineOlderExecution
    })
    expectFailedWith(result, DEMO_IDS.codepipelineOlderExecution, 'has no failed stage')
    expect(fx.emu.callsTo('RetryStageExecution')).toHaveLength(0)
  })

  it('throttling on the retry call is backed off: exactly one retry is applied', async () => {
    fx.emu.inject('RetryStageExecution', { throttle: 2 })
    const result = await fx.run({ service: 'codepipeline', 'pipeline-name': PIPELINE })
    expect(result.exitCode).toBe(0)
    expect(result.outputs.status).toBe('in-progress')
    const calls = fx.emu.callsTo('RetryStageExecution')
    expect(calls.map(c => c.fault)).toEqual(['throttle', 'throttle', undefined])
    expect(stageOf(fx.emu, PIPELINE, FAILED, 'Deploy')?.manualStageRetryAttempt).toBe(1)
  })

  it('ConflictException is transient for CodePipeline: retried after back-off', async () => {
    fx.emu.inject('RetryStageExecution', { error: { code: 'ConflictException', times: 1 } })
    const result = await fx.run({ service: 'codepipeline', 'pipeline-name': PIPELINE })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ retried: 'true', status: 'in-progress' })
    expect(fx.emu.callsTo('RetryStageExecution').map(c => c.fault)).toEqual(['error', undefined])
    expect(result.stdout).toContain('ConflictException')
    expect(stageOf(fx.emu, PIPELINE, FAILED, 'Deploy')?.manualStageRetryAttempt).toBe(1)
  })

  it('a lost answer to the retry is found applied by re-reading the state: no second call', async () => {
    fx.emu.inject('RetryStageExecution', { loseResponse: 1 })
    const result = await fx.run({ service: 'codepipeline', 'pipeline-name': PIPELINE })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ retried: 'true', status: 'in-progress', 'execution-id': FAILED })
    expect(fx.emu.callsTo('RetryStageExecution')).toHaveLength(1)
    expect(fx.emu.callsTo('RetryStageExecution')[0]!.fault).toBe('loseResponse')
    // Discovery read the state once; the check after the lost answer read it again.
    expect(fx.emu.callsTo('GetPipelineState')).toHaveLength(2)
    expect(stageOf(fx.emu, PIPELINE, FAILED, 'Deploy')?.manualStageRetryAttempt).toBe(1)
    expect(result.stdout).toContain('the answer to the retry call was lost')
    expect(result.stdout).toContain('not sending it again')
  })

  fx.rejectsBadInputs({ service: 'codepipeline' }, [
    ['unknown service', 'service', { service: 'codepipline', 'pipeline-name': PIPELINE }],
    ['execution-id not a UUID', 'execution-id', { 'pipeline-name': PIPELINE, 'execution-id': 'abc-123' }],
    ['pipeline-name outside the pattern', 'pipeline-name', { 'pipeline-name': 'release pipeline' }],
    ['wait: yes', 'wait', { 'pipeline-name': PIPELINE, wait: 'yes' }],
    [
      'project-name given to codepipeline',
      'project-name',
      { 'pipeline-name': PIPELINE, 'project-name': 'x' }
    ],
    ['targets mixed with service', 'targets', { targets: `codepipeline:${PIPELINE}` }],
    ['max-attempts negative', 'max-attempts', { 'pipeline-name': PIPELINE, 'max-attempts': '-1' }],
    ['missing pipeline-name', 'pipeline-name', {}]
  ])
})

describe('codepipeline (variants of the demo scenario)', () => {
  const fx = useEmulator(variantScenario)

  it('an older failure behind a newer successful execution is never retried', async () => {
    const result = await fx.run({ service: 'codepipeline', 'pipeline-name': 'superseded-pipeline' })
    fx.expectNothingToRetry(result, NEWER, 'RetryStageExecution')
  })

  it('the superseded failed execution named explicitly is refused: NotLatestPipelineExecutionException', async () => {
    const result = await fx.run({
      service: 'codepipeline',
      'pipeline-name': 'superseded-pipeline',
      'stage-name': 'Deploy',
      'execution-id': FAILED
    })
    expectFailedWith(result, 'NotLatestPipelineExecutionException', 'omit execution-id to retry the latest')
    expect(stageOf(fx.emu, 'superseded-pipeline', FAILED, 'Deploy')?.status).toBe('Failed')
  })

  it('a pipeline without executions has nothing to retry', async () => {
    const result = await fx.run({ service: 'codepipeline', 'pipeline-name': 'empty-pipeline' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ retried: 'false', status: 'nothing-to-retry' })
    expect(resultsOf(result)[0]!.message).toContain('no executions')
    expect(fx.emu.callsTo('RetryStageExecution')).toHaveLength(0)
  })

  it('a stage already retried manual + automatic >= max-attempts times is skipped with a warning', async () => {
    const result = await fx.run({ service: 'codepipeline', 'pipeline-name': 'retried-pipeline' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ retried: 'false', status: 'skipped', 'stage-name': 'Deploy' })
    const warnings = result.stdout.split('\n').filter(l => l.startsWith('::warning::'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('already retried 3 time(s)')
    expect(fx.emu.callsTo('RetryStageExecution')).toHaveLength(0)
  })

  it('max-attempts 0 lifts the limit: the same stage is retried', async () => {
    const result = await fx.run({
      service: 'codepipeline',
      'pipeline-name': 'retried-pipeline',
      'max-attempts': '0'
    })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ retried: 'true', status: 'in-progress' })
    expect(fx.emu.callsTo('RetryStageExecution')).toHaveLength(1)
    expect(stageOf(fx.emu, 'retried-pipeline', FAILED, 'Deploy')?.manualStageRetryAttempt).toBe(3)
  })

  it('max-attempts 4 is above the count: retried', async () => {
    const result = await fx.run({
      service: 'codepipeline',
      'pipeline-name': 'retried-pipeline',
      'max-attempts': '4'
    })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ retried: 'true', status: 'in-progress' })
    expect(result.stdout).toContain('retryStageMetadata: 2 manual + 1 automatic')
  })
})
