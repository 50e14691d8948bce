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
