// End to end: the bundled action (dist/index.js) against the emulator, service codearts (Huawei Cloud).
import { describe, expect, it } from '@jest/globals'
import { DEMO_IDS, demoScenario } from '../../tools/emulator/index.js'
import type { Scenario } from '../../tools/emulator/index.js'
import {
  codeartsInputs,
  errorLines,
  resultsOf,
  run,
  useEmulator,
  withoutMasks,
  type Emulator,
  expectFailedWith,
  expectSecretsKept,
  expectSummaryRow
} from './helpers.js'

const PROJECT = DEMO_IDS.codeartsProject
const PIPELINE = DEMO_IDS.codeartsPipeline
const RUN = DEMO_IDS.codeartsFailedRun
const COMPLETED_RUN = 'e5f6a7b8c9d04e1f2a3b4c5d6e7f8091'
const SUPERSEDED_PIPELINE = 'a'.repeat(32)
const EMPTY_PIPELINE = 'c'.repeat(32)
const SECRETS = [DEMO_IDS.huaweiToken, DEMO_IDS.huaweiAk, DEMO_IDS.huaweiSk]
const CONSOLE = `https://devcloud.us-east-1.huaweicloud.com/cicd/project/${PROJECT}/pipeline/detail/${PIPELINE}/${RUN}?v=1`

const runIn = (emu: Emulator, pipeline: string = PIPELINE, id: string = RUN) =>
  emu.state.codearts.projects.get(PROJECT)?.get(pipeline)?.runsById.get(id)

/** The demo pipeline copied: superseded by a newer COMPLETED run, and one without runs. */
function variantScenario(): Scenario {
  const scenario = demoScenario()
  const pipelines = scenario.codearts!.projects[0]!.pipelines
  const demo = pipelines.find(p => p.id === PIPELINE)!
  const superseded = { ...structuredClone(demo), id: SUPERSEDED_PIPELINE }
  superseded.runs.push({
    ...structuredClone(superseded.runs[0]!),
    id: 'f'.repeat(32),
    runNumber: 19,
    startTime: '2026-01-15T05:00:00Z',
    endTime: '2026-01-15T05:20:00Z'
  })
  pipelines.push(superseded, { id: EMPTY_PIPELINE, runs: [] })
  return scenario
}

describe('codearts (demo scenario)', () => {
  const fx = useEmulator()

  it.each(['token', 'aksk'] as const)(
    'discovers the latest FAILED run and retries it once (auth: %s)',
    async auth => {
      const result = await run(codeartsInputs(fx.emu, auth))
      expect(result.exitCode).toBe(0)
      expect(errorLines(result)).toEqual([])
      expect(result.outputs).toMatchObject({
        retried: 'true',
        'execution-id': RUN,
        'execution-arn': '',
        'stage-name': '',
        status: 'in-progress',
        'console-url': CONSOLE
      })
      expect(resultsOf(result)).toEqual([
        {
          service: 'codearts',
          target: `codearts:${PROJECT}/${PIPELINE}`,
          retried: true,
          executionId: RUN,
          executionArn: '',
          stageName: '',
          status: 'in-progress',
          consoleUrl: CONSOLE,
          message: expect.stringContaining('failed stages: Deploy'),
          attempts: 1,
          failure: 'Deploy / Deploy to CCE: FAILED'
        }
      ])
      expectSummaryRow(result.summary, `codearts:${PROJECT}/${PIPELINE}`, RUN)

      const retries = fx.emu.callsTo('codearts:retry')
      expect(retries).toHaveLength(1)
      expect(retries[0]).toMatchObject({
        method: 'PUT',
        path: `/v5/${PROJECT}/api/pipelines/${PIPELINE}/pipeline-runs/${RUN}/retry`
      })
      if (auth === 'token') expect(retries[0]!.headers['x-auth-token']).toBe(DEMO_IDS.huaweiToken)
      else expect(String(retries[0]!.headers.authorization)).toMatch(/^SDK-HMAC-SHA256 Access=DEMOAK/)
      expect(runIn(fx.emu)?.status).toBe('RUNNING')
      expectSecretsKept(
        result,
        auth === 'token' ? [DEMO_IDS.huaweiToken] : [DEMO_IDS.huaweiAk, DEMO_IDS.huaweiSk]
      )
    }
  )

  it('credentials from the environment (huaweicloud/auth-action names) work and are masked', async () => {
    const inputs = codeartsInputs(fx.emu, 'token')
    delete inputs['huaweicloud-auth-token']
    const result = await run(inputs, {
      env: {
        HUAWEI_CLOUD_ACCESS_KEY_ID: DEMO_IDS.huaweiAk,
        HUAWEI_CLOUD_SECRET_ACCESS_KEY: DEMO_IDS.huaweiSk
      }
    })
    expect(result.exitCode).toBe(0)
    expect(result.outputs.retried).toBe('true')
    expect(fx.emu.callsTo('codearts:retry')).toHaveLength(1)
    expectSecretsKept(result, [DEMO_IDS.huaweiAk, DEMO_IDS.huaweiSk])
  })

  it('retries an explicit run ID', async () => {
    const result = await run({ ...codeartsInputs(fx.emu), 'execution-id': RUN, 'retry-mode': 'FAILED' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ retried: 'true', 'execution-id': RUN })
    expect(fx.emu.callsTo('codearts:retry')).toHaveLength(1)
    // One read of the newest run: the named run must not be superseded.
    expect(fx.emu.callsTo('codearts:list').map(c => c.body)).toEqual([
      { offset: 0, limit: 1, sort_key: 'start_time', sort_dir: 'desc' }
    ])
  })

  it('dry-run calls no retry API', async () => {
    const result = await run({ ...codeartsInputs(fx.emu, 'aksk'), 'dry-run': 'true' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ retried: 'false', status: 'dry-run', 'execution-id': RUN })
    expect(fx.emu.callsTo('codearts:retry')).toHaveLength(0)
    expect(runIn(fx.emu)?.status).toBe('FAILED')
  })

  it('APIGW.0301: a bad IAM token names the error and the hint, and is not printed', async () => {
    const bad = 'e2e-expired-iam-token-value'
    const result = await run({ ...codeartsInputs(fx.emu, 'token'), 'huaweicloud-auth-token': bad })
    expectFailedWith(result, 'APIGW.0301', 'Hint: the IAM token is expired or invalid')
    expect(fx.emu.callsTo('codearts:retry')).toHaveLength(0)
    expectSecretsKept(result, [bad])
  })

  it('APIGW.0301: a wrong secret key is rejected, and neither key is printed', async () => {
    const badSk = 'e2e-wrong-secret-key-value'
    const result = await run({ ...codeartsInputs(fx.emu, 'aksk'), 'huaweicloud-sk': badSk })
    expectFailedWith(result, 'APIGW.0301', 'Hint:', 'huaweicloud-ak / huaweicloud-sk')
    expect(fx.emu.callsTo('codearts:retry')).toHaveLength(0)
    expectSecretsKept(result, [DEMO_IDS.huaweiAk, badSk])
  })

  it.each([
    [
      'an unknown project',
      { 'project-id': 'd'.repeat(32) },
      'DEVPIPE.00011412',
      'Hint: the CodeArts project was not found'
    ],
    [
      'an unknown pipeline',
      { 'pipeline-id': 'd'.repeat(32) },
      'DEVPIPE.00011401',
      'Hint: the pipeline was not found'
    ],
    ['an unknown run', { 'execution-id': 'd'.repeat(32) }, 'DEVPIPE.00011404', 'does not exist']
  ])('not found: %s', async (_case, inputs, code, hint) => {
    const result = await run({ ...codeartsInputs(fx.emu), ...inputs })
    expectFailedWith(result, code, hint)
    expect(fx.emu.callsTo('codearts:retry')).toHaveLength(0)
    expectSecretsKept(result, [DEMO_IDS.huaweiToken])
  })

  it('an explicit run that is not FAILED is not retried', async () => {
    const result = await run({ ...codeartsInputs(fx.emu), 'execution-id': COMPLETED_RUN })
    expectFailedWith(result, COMPLETED_RUN, 'COMPLETED', 'only a FAILED run is retried')
    expect(fx.emu.callsTo('codearts:retry')).toHaveLength(0)
  })

  it('throttling (APIGW.0308) on the retry is backed off: the run is retried once', async () => {
    fx.emu.inject('codearts:retry', { throttle: 2 })
    const result = await run(codeartsInputs(fx.emu, 'aksk'))
    expect(result.exitCode).toBe(0)
    expect(result.outputs.status).toBe('in-progress')
    expect(fx.emu.callsTo('codearts:retry').map(c => c.fault)).toEqual(['throttle', 'throttle', undefined])
    expect(runIn(fx.emu)?.status).toBe('RUNNING')
  })

  it('a lost answer to the retry is found applied by re-reading the run: no second call', async () => {
    fx.emu.inject('codearts:retry', { loseResponse: 1 })
    const result = await run(codeartsInputs(fx.emu))
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ retried: 'true', status: 'in-progress', 'execution-id': RUN })
    expect(fx.emu.callsTo('codearts:retry')).toHaveLength(1)
    // One detail read to discover (the failed jobs' messages), one after the lost answer.
    expect(fx.emu.callsTo('codearts:detail')).toHaveLength(2)
    expect(result.stdout).toContain('the answer to the retry call was lost')
    expect(result.stdout).toContain('not sending it again')
  })

  fx.rejectsBadInputs(
    emu => codeartsInputs(emu),
    [
      ['project-id of 31 characters', 'project-id', { 'project-id': PROJECT.slice(1) }],
      ['execution-id of 31 characters', 'execution-id', { 'execution-id': RUN.slice(1) }],
      ['retry-mode all', 'retry-mode', { 'retry-mode': 'all' }],
      ['huaweicloud-sk without huaweicloud-ak', 'huaweicloud-ak', { 'huaweicloud-sk': DEMO_IDS.huaweiSk }],
      ['idempotency-token given to codearts', 'idempotency-token', { 'idempotency-token': 'x'.repeat(40) }],
      ['cancel-on-abort: on', 'cancel-on-abort', { 'cancel-on-abort': 'on' }]
    ],
    result => {
      for (const secret of SECRETS) expect(withoutMasks(result.stdout) + result.stderr).not.toContain(secret)
    }
  )

  it('without endpoint, an unknown region is an input error', async () => {
    const inputs = codeartsInputs(fx.emu)
    delete inputs.endpoint
    const result = await run({ ...inputs, region: 'xx-nowhere-9' })
    expect(result.exitCode).toBe(1)
    expect(errorLines(result)).toEqual([expect.stringMatching(/^::error::Input 'region'/)])
    expect(fx.emu.calls).toHaveLength(0)
  })
})

describe('codearts (variants of the demo scenario)', () => {
  const fx = useEmulator(variantScenario)

  it.each([
    ['a newer COMPLETED run after the failure', SUPERSEDED_PIPELINE, 'COMPLETED'],
    ['a pipeline without runs', EMPTY_PIPELINE, 'no runs']
  ])('nothing to retry: %s', async (_case, pipeline, reason) => {
    const result = await run({ ...codeartsInputs(fx.emu), 'pipeline-id': pipeline })
    fx.expectNothingToRetry(result, reason, 'codearts:retry')
    expect(runIn(fx.emu, pipeline)?.status ?? 'none').not.toBe('RUNNING')
  })
})
