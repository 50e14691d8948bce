import { describe, expect, it } from '@jest/globals'
import { readNewestRun, readRun, readSuccess } from '../../../src/services/codearts/answers.js'

describe('CodeArts answers', () => {
  it('reads the fields of a run that have the documented types', () => {
    expect(
      readRun({
        id: 'r1',
        status: 'FAILED',
        run_number: 7,
        end_time: 1700000000000,
        detail_url: 'https://devcloud.cn-north-4.huaweicloud.com/x',
        stages: [
          { name: 'Build', status: 'FAILED', start_time: '1700', jobs: [{ name: 'unit', status: 'FAILED' }] }
        ],
        extra: { ignored: true }
      })
    ).toEqual({
      id: 'r1',
      status: 'FAILED',
      run_number: 7,
      end_time: 1700000000000,
      detail_url: 'https://devcloud.cn-north-4.huaweicloud.com/x',
      stages: [
        { name: 'Build', status: 'FAILED', start_time: '1700', jobs: [{ name: 'unit', status: 'FAILED' }] }
      ]
    })
  })

  it('reads a field of the wrong type as absent, and anything but an object as an empty run', () => {
    expect(readRun({ id: 42, status: ['FAILED'], run_number: '7', stages: 'x', end_time: null })).toEqual({})
    expect(readRun({ stage_status_list: [null, 3, { name: 'Deploy', jobs: {} }] })).toEqual({
      stage_status_list: [{ name: 'Deploy' }]
    })
    for (const value of [null, 'text', 3, [], undefined]) expect(readRun(value)).toEqual({})
  })

  it('the newest run of a list, or none', () => {
    expect(readNewestRun({ pipeline_runs: [{ pipeline_run_id: 'a' }, { pipeline_run_id: 'b' }] })).toEqual({
      pipeline_run_id: 'a'
    })
    expect(readNewestRun({ pipeline_runs: [] })).toBeUndefined()
    expect(readNewestRun({})).toBeUndefined()
    expect(readNewestRun('<html>')).toBeUndefined()
  })

  it('success only as a boolean', () => {
    expect(readSuccess({ success: true })).toBe(true)
    expect(readSuccess({ success: false })).toBe(false)
    expect(readSuccess({ success: 'true' })).toBeUndefined()
    expect(readSuccess({})).toBeUndefined()
  })
})

describe('CodeArts failure reason', () => {
  it('names each failed job with its failed steps; a step message with a transient word makes it transient', async () => {
    const { runFailure } = await import('../../../src/services/codearts/provider.js')
    const run = readRun({
      id: 'r1',
      status: 'FAILED',
      end_time: 1700000009000,
      stages: [
        { name: 'Build', status: 'COMPLETED' },
        {
          name: 'Deploy',
          status: 'FAILED',
          jobs: [
            {
              name: 'Deploy to CCE',
              status: 'FAILED',
              message: 'deployment step failed',
              end_time: 1700000005000,
              steps: [
                {
                  name: 'kubectl apply',
                  status: 'FAILED',
                  message: 'dial tcp: connection reset by peer',
                  end_time: 1700000004000
                },
                { name: 'checkout', status: 'COMPLETED', message: 'ok' }
              ]
            },
            { name: 'Smoke test', status: 'COMPLETED' }
          ]
        },
        { name: 'Scan', status: 'ASYNC_FAILED' }
      ]
    })
    expect(runFailure(run)).toEqual({
      reason:
        'Deploy / Deploy to CCE: FAILED: deployment step failed / kubectl apply: dial tcp: connection reset by peer; Scan: ASYNC_FAILED',
      transient: "names 'connection reset'",
      endedAt: 1700000005000
    })
  })

  it('a job message without a transient word is deterministic; the run end time stands in', async () => {
    const { runFailure } = await import('../../../src/services/codearts/provider.js')
    const run = readRun({
      status: 'FAILED',
      end_time: 1700000009000,
      stages: [
        {
          name: 'Test',
          status: 'FAILED',
          jobs: [{ name: 'unit', status: 'FAILED', message: '3 tests failed' }]
        }
      ]
    })
    expect(runFailure(run)).toEqual({
      reason: 'Test / unit: FAILED: 3 tests failed',
      transient: undefined,
      endedAt: 1700000009000
    })
  })
})
