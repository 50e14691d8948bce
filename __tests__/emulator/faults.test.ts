import { afterEach, describe, expect, it } from '@jest/globals'
import {
  CODEARTS_ERRORS,
  DEMO_IDS,
  demoScenario,
  startEmulator,
  type Emulator
} from '../../tools/emulator/index.js'
import { aws, awsOk, codeArts } from './helpers.js'

const BUILD = DEMO_IDS.failedBuild
const CODEARTS_RUNS = `/v5/${DEMO_IDS.codeartsProject}/api/pipelines/${DEMO_IDS.codeartsPipeline}/pipeline-runs`

let emu: Emulator
afterEach(async () => {
  await emu.close()
})

const buildCount = () => emu.state.codebuild.projects.get('integration-tests')?.builds.length

describe('counted faults', () => {
  it('throttles the next N calls without applying them, then answers normally', async () => {
    emu = await startEmulator(demoScenario())
    emu.inject('RetryBuild', { throttle: 2 })
    for (let i = 0; i < 2; i++) {
      const throttled = await aws(emu, 'codebuild', 'RetryBuild', { id: BUILD })
      expect([throttled.status, throttled.body.__type]).toEqual([400, 'ThrottlingException'])
      expect(throttled.headers.get('x-amzn-errortype')).toBe('ThrottlingException')
    }
    expect(buildCount()).toBe(2)
    expect((await aws(emu, 'codebuild', 'RetryBuild', { id: BUILD })).status).toBe(200)
    expect(buildCount()).toBe(3)
    expect(emu.callsTo('RetryBuild').map(call => call.fault)).toEqual(['throttle', 'throttle', undefined])
  })

  it('answers 5xx faults as InternalFailure or ServiceUnavailable, and modelled errors as given', async () => {
    emu = await startEmulator(demoScenario())
    emu.inject('GetPipelineState', { serverError: 1 })
    emu.inject('ListPipelineExecutions', { serverError: 1, serverErrorStatus: 503 })
    emu.inject('codepipeline:RetryStageExecution', {
      error: { code: 'ConflictException', message: 'busy', times: 2 }
    })
    emu.inject('sagemaker:ListPipelineExecutions', { throttle: 1 })
    const answers = await Promise.all([
      aws(emu, 'codepipeline', 'GetPipelineState', { name: 'release-pipeline' }),
      aws(emu, 'codepipeline', 'ListPipelineExecutions', { pipelineName: 'release-pipeline' }),
      aws(emu, 'sagemaker', 'ListPipelineExecutions', { PipelineName: 'train-and-register' })
    ])
    expect(answers.map(a => [a.status, a.body.__type])).toEqual([
      [500, 'InternalFailure'],
      [503, 'ServiceUnavailable'],
      [400, 'ThrottlingException']
    ])
    const retry = {
      pipelineName: 'release-pipeline',
      stageName: 'Deploy',
      pipelineExecutionId: DEMO_IDS.codepipelineExecution,
      retryMode: 'FAILED_ACTIONS'
    }
    const conflicts = [await aws(emu, 'codepipeline', 'RetryStageExecution', retry)]
    conflicts.push(await aws(emu, 'codepipeline', 'RetryStageExecution', retry))
    expect(conflicts.map(a => a.body)).toEqual([
      { __type: 'ConflictException', message: 'busy' },
      { __type: 'ConflictException', message: 'busy' }
    ])
    expect((await aws(emu, 'codepipeline', 'RetryStageExecution', retry)).status).toBe(200)
  })

  it('answers CodeArts throttling with 429 APIGW.0308 and faults with 500', async () => {
    emu = await startEmulator(demoScenario())
    emu.inject('codearts:retry', { throttle: 1, serverError: 1 })
    const path = `${CODEARTS_RUNS}/${DEMO_IDS.codeartsFailedRun}/retry`
    const throttled = await codeArts(emu, 'PUT', path)
    const failed = await codeArts(emu, 'PUT', path)
    expect([throttled.status, throttled.body.error_code]).toEqual([429, 'APIGW.0308'])
    expect([failed.status, failed.body.error_code]).toEqual([500, CODEARTS_ERRORS.internal])
    expect(throttled.headers.get('x-request-id')).toBeTruthy()
    expect((await codeArts(emu, 'PUT', path)).body).toEqual({ success: true })
  })

  it('a dropped connection answers nothing and applies nothing', async () => {
    emu = await startEmulator(demoScenario())
    emu.inject('RetryBuild', { drop: 1 })
    await expect(aws(emu, 'codebuild', 'RetryBuild', { id: BUILD })).rejects.toThrow()
    expect(buildCount()).toBe(2)
    expect(emu.callsTo('RetryBuild')[0]?.fault).toBe('drop')
    expect((await aws(emu, 'codebuild', 'RetryBuild', { id: BUILD })).status).toBe(200)
  })

  it('a lost response applies the change, so the same idempotency token then answers the same build', async () => {
    emu = await startEmulator(demoScenario())
    emu.inject('RetryBuild', { loseResponse: 1 })
    const request = { id: BUILD, idempotencyToken: 'after-a-lost-answer' }
    await expect(aws(emu, 'codebuild', 'RetryBuild', request)).rejects.toThrow()
    expect(buildCount()).toBe(3)
    const created = emu.state.codebuild.projects.get('integration-tests')?.builds.at(-1)
    expect((await awsOk(emu, 'codebuild', 'RetryBuild', request)).build.id).toBe(created?.id)
    expect(buildCount()).toBe(3)
  })
})

describe('latency, matching and lifetime', () => {
  it('delays matching calls; a service-qualified name leaves the other service alone', async () => {
    emu = await startEmulator(demoScenario())
    emu.inject('sagemaker:DescribePipelineExecution', { latencyMs: 150 })
    emu.inject('codepipeline:StopPipelineExecution', { throttle: 1 })
    const started = performance.now()
    await awsOk(emu, 'sagemaker', 'DescribePipelineExecution', {
      PipelineExecutionArn: DEMO_IDS.sagemakerExecution
    })
    expect(performance.now() - started).toBeGreaterThanOrEqual(145)
    const stop = await aws(emu, 'sagemaker', 'StopPipelineExecution', {
      PipelineExecutionArn: DEMO_IDS.sagemakerExecution,
      ClientRequestToken: 'stop-0123456789abcdef0123456789abcdef'
    })
    expect(stop.body.__type).toBe('ConflictException') // reached the handler: not throttled
  })

  it('arms scenario faults, re-arms them on reset, and clears them', async () => {
    const scenario = { ...demoScenario(), faults: { '*': { throttle: 1 } } }
    emu = await startEmulator(scenario)
    const call = () => aws(emu, 'codebuild', 'ListBuildsForProject', { projectName: 'integration-tests' })
    expect((await call()).body.__type).toBe('ThrottlingException')
    expect((await call()).status).toBe(200)
    emu.reset()
    expect(emu.calls).toHaveLength(0)
    expect((await call()).body.__type).toBe('ThrottlingException')
    emu.inject('ListBuildsForProject', { throttle: 5 })
    emu.clearFaults('ListBuildsForProject')
    expect((await call()).status).toBe(200)
    emu.clearFaults()
  })
})

describe('hang', () => {
  it('never answers the next N calls and applies nothing; the client must give up; then answers normally', async () => {
    emu = await startEmulator(demoScenario())
    emu.inject('RetryBuild', { hang: 1 })
    const request = fetch(`${emu.url}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'CodeBuild_20161006.RetryBuild'
      },
      body: JSON.stringify({ id: BUILD }),
      signal: AbortSignal.timeout(300)
    })
    await expect(request).rejects.toMatchObject({ name: 'TimeoutError' })
    expect(emu.callsTo('RetryBuild').map(call => call.fault)).toEqual(['hang'])
    expect(buildCount()).toBe(2)
    expect((await aws(emu, 'codebuild', 'RetryBuild', { id: BUILD })).status).toBe(200)
    expect(buildCount()).toBe(3)
  })
})
