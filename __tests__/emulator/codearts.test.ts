import { afterEach, describe, expect, it } from '@jest/globals'
import {
  CODEARTS_ERRORS,
  DEMO_IDS,
  demoScenario,
  startEmulator,
  type Emulator,
  type OnRetry
} from '../../tools/emulator/index.js'
import { codeArts } from './helpers.js'

const BASE = `/v5/${DEMO_IDS.codeartsProject}/api/pipelines/${DEMO_IDS.codeartsPipeline}/pipeline-runs`
const RUN = DEMO_IDS.codeartsFailedRun
const OLDER_RUN = 'e5f6a7b8c9d04e1f2a3b4c5d6e7f8091'

let emu: Emulator
afterEach(async () => {
  await emu.close()
})

async function start(onRetry?: OnRetry) {
  const scenario = demoScenario()
  const run = scenario.codearts?.projects[0]?.pipelines[0]?.runs[1]
  if (!run) throw new Error('demo changed')
  run.onRetry = onRetry
  emu = await startEmulator(scenario)
}

const detail = async (runId = RUN) =>
  (await codeArts(emu, 'GET', `${BASE}/detail?pipeline_run_id=${runId}`)).body

describe('list and detail', () => {
  it('lists runs newest first with paging, totals and a status filter', async () => {
    await start()
    const all = await codeArts(emu, 'POST', `${BASE}/list`, {
      body: { offset: 0, limit: 10, sort_key: 'start_time', sort_dir: 'desc' }
    })
    expect(all.status).toBe(200)
    expect(all.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    expect(all.body).toMatchObject({ offset: 0, limit: 10, total: 2 })
    const [latest] = all.body.pipeline_runs
    expect(latest).toMatchObject({
      pipeline_run_id: RUN,
      status: 'FAILED',
      run_number: 18,
      trigger_type: 'Manual',
      start_time: Date.parse('2026-01-15T03:00:00Z'),
      end_time: Date.parse('2026-01-15T03:14:00Z')
    })
    expect(latest.detail_url).toContain(RUN)
    expect(latest.stage_status_list.map((s: any) => [s.name, s.status])).toEqual([
      ['Build', 'COMPLETED'],
      ['Deploy', 'FAILED']
    ])
    const second = await codeArts(emu, 'POST', `${BASE}/list`, { body: { offset: 1, limit: 1 } })
    expect(second.body.pipeline_runs.map((r: any) => r.pipeline_run_id)).toEqual([OLDER_RUN])
    const completed = await codeArts(emu, 'POST', `${BASE}/list`, {
      body: { status: ['COMPLETED'], offset: 0, limit: 10 }
    })
    expect(completed.body.total).toBe(1)
    const bad = await codeArts(emu, 'POST', `${BASE}/list`, { body: { limit: 0 } })
    expect(bad.status).toBe(400)
    expect(bad.body.error_code).toBe(CODEARTS_ERRORS.badParameter)
  })

  it('details a run (the newest without an ID) and names missing projects, pipelines, runs and APIs', async () => {
    await start()
    const run = await detail()
    expect(run).toMatchObject({ id: RUN, pipeline_id: DEMO_IDS.codeartsPipeline, status: 'FAILED' })
    expect(run.stages.map((s: any) => [s.name, s.sequence, s.status])).toEqual([
      ['Build', 0, 'COMPLETED'],
      ['Deploy', 1, 'FAILED']
    ])
    expect(run.stages[1].jobs[0]).toMatchObject({ name: 'Deploy to CCE', status: 'FAILED' })
    expect((await codeArts(emu, 'GET', `${BASE}/detail`)).body.id).toBe(RUN)

    const otherProject = BASE.replace(DEMO_IDS.codeartsProject, 'f'.repeat(32))
    const otherPipeline = BASE.replace(DEMO_IDS.codeartsPipeline, 'f'.repeat(32))
    const answers = await Promise.all([
      codeArts(emu, 'GET', `${otherProject}/detail`),
      codeArts(emu, 'GET', `${otherPipeline}/detail`),
      codeArts(emu, 'GET', `${BASE}/detail?pipeline_run_id=${'0'.repeat(32)}`),
      codeArts(emu, 'DELETE', `${BASE}/${RUN}/retry`)
    ])
    expect(answers.map(a => [a.status, a.body.error_code])).toEqual([
      [404, 'DEVPIPE.00011412'],
      [404, 'DEVPIPE.00011401'],
      [404, CODEARTS_ERRORS.runNotFound],
      [404, 'APIGW.0101']
    ])
  })
})

describe('retry and stop', () => {
  it('retries a failed run in place; it runs, then completes every stage', async () => {
    await start({ result: 'succeeded', settleAfterReads: 1 })
    const retried = await codeArts(emu, 'PUT', `${BASE}/${RUN}/retry`)
    expect(retried.status).toBe(200)
    expect(retried.body).toEqual({ success: true })
    const running = await detail()
    expect(running.status).toBe('RUNNING')
    expect(running.stages[1].status).toBe('RUNNING')
    expect(running.end_time).toBeUndefined()
    const done = await detail()
    expect(done.status).toBe('COMPLETED')
    expect(done.stages.map((s: any) => s.status)).toEqual(['COMPLETED', 'COMPLETED'])
    const again = await codeArts(emu, 'PUT', `${BASE}/${RUN}/retry`)
    expect(again.status).toBe(400)
    expect(again.body).toEqual({
      error_code: CODEARTS_ERRORS.runNotRetryable,
      error_msg: expect.stringContaining('FAILED')
    })
  })

  it('fails on the chosen stage with the scenario reason', async () => {
    await start({ result: 'failed', failedStage: 'Deploy', failureReason: 'CCE rollout timed out' })
    await codeArts(emu, 'PUT', `${BASE}/${RUN}/retry`)
    const run = await detail()
    expect(run.status).toBe('FAILED')
    expect(run.stages[1]).toMatchObject({
      status: 'FAILED',
      jobs: [{ status: 'FAILED', message: 'CCE rollout timed out' }]
    })
  })

  it('stops a running run and refuses to stop it twice', async () => {
    await start({ result: 'succeeded', settleAfterReads: 9 })
    await codeArts(emu, 'PUT', `${BASE}/${RUN}/retry`)
    const stopped = await codeArts(emu, 'POST', `${BASE}/${RUN}/stop`)
    expect(stopped.body).toEqual({ success: true })
    const run = await detail()
    expect(run.status).toBe('CANCELED')
    expect(run.stages[1].status).toBe('CANCELED')
    const again = await codeArts(emu, 'POST', `${BASE}/${RUN}/stop`)
    expect([again.status, again.body.error_code]).toEqual([400, CODEARTS_ERRORS.runNotStoppable])
    expect(emu.callsTo('codearts:stop')).toHaveLength(2)
    expect(emu.callsTo('codearts:retry')[0]?.path).toBe(`${BASE}/${RUN}/retry`)
  })
})
