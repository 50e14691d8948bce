import { describe, expect, it } from '@jest/globals'
import {
  emptyHistory,
  historyOf,
  historyReport,
  recordRun,
  retriesInDay,
  trimHistory,
  unrescuedStreak,
  type HistoryEntry
} from '../../../src/model/history.js'
import type { Status, TargetResult } from '../../../src/model/target.js'

const NOW = 1_800_000_000_000
const HOUR = 3_600_000

function entry(over: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    at: NOW,
    runId: '1',
    status: 'in-progress',
    failureClass: 'transient',
    failure: 'x',
    attempts: 1,
    durationMs: 1,
    ...over
  }
}

function result(status: Status, attempts = 0, failure = 'boom'): TargetResult {
  return {
    service: 'codebuild',
    target: 'codebuild:p',
    retried: attempts > 0,
    executionId: 'p:1',
    executionArn: '',
    stageName: '',
    status,
    consoleUrl: '',
    message: '',
    attempts,
    failure
  }
}

describe('history', () => {
  it('keeps only well-formed entries of untrusted JSON, cut and one line', () => {
    const { history, dropped } = historyOf({
      targets: {
        a: [entry({ failure: `x\n::add-mask::y${'z'.repeat(500)}` }), { at: 'no' }, null],
        b: 'not a list'
      }
    })
    expect(dropped).toBe(3)
    expect(history.targets.a).toHaveLength(1)
    expect(history.targets.a?.[0]?.failure.length).toBeLessThanOrEqual(200)
    expect(history.targets.a?.[0]?.failure).not.toMatch(/\n/)
    expect(historyOf('garbage')).toEqual({ history: emptyHistory(), dropped: 0 })
  })

  it('the give-up streak counts retried-and-not-rescued runs since the target was last healthy', () => {
    const entries = [
      entry({ status: 'succeeded', attempts: 0, failure: '' }),
      entry({ rescued: false }),
      entry({ status: 'nothing-to-retry', attempts: 0 }),
      entry({ rescued: false })
    ]
    expect(unrescuedStreak(entries)).toBe(2)
    expect(unrescuedStreak([...entries, entry({ rescued: true })])).toBe(0)
  })

  it('retries in the last 24 hours', () => {
    expect(
      retriesInDay([entry({ at: NOW - 25 * HOUR, attempts: 3 }), entry({ at: NOW - HOUR, attempts: 2 })], NOW)
    ).toBe(2)
  })

  it('a run settles the previous retry: rescued when healthy now, not rescued when failed again', () => {
    const history = emptyHistory()
    recordRun(history, [{ result: result('in-progress', 1), failureClass: 'transient', durationMs: 5 }], {
      at: NOW,
      runId: '1'
    })
    recordRun(
      history,
      [{ result: result('nothing-to-retry', 0, ''), failureClass: 'unknown', durationMs: 5 }],
      { at: NOW + 1, runId: '2' }
    )
    expect(history.targets['codebuild:p']?.[0]?.rescued).toBe(true)
    recordRun(history, [{ result: result('in-progress', 1), failureClass: 'transient', durationMs: 5 }], {
      at: NOW + 2,
      runId: '3'
    })
    recordRun(history, [{ result: result('skipped', 0), failureClass: 'deterministic', durationMs: 5 }], {
      at: NOW + 3,
      runId: '4',
      shard: '1/2'
    })
    expect(history.targets['codebuild:p']?.[2]?.rescued).toBe(false)
    expect(history.targets['codebuild:p']?.[3]?.shard).toBe('1/2')
  })

  it('keeps 90 days and at most 5 MB, dropping the oldest first', () => {
    const history = emptyHistory()
    history.targets.old = [entry({ at: NOW - 91 * 24 * HOUR })]
    history.targets.big = Array.from({ length: 40_000 }, (_, i) =>
      entry({ at: NOW - i, failure: 'f'.repeat(150) })
    )
    trimHistory(history, NOW)
    expect(history.targets.old).toBeUndefined()
    expect(Buffer.byteLength(JSON.stringify(history))).toBeLessThanOrEqual(5 * 1024 * 1024)
    const kept = history.targets.big
    expect(kept.length).toBeLessThan(40_000)
    expect(Math.min(...kept.map(e => e.at))).toBeGreaterThan(NOW - 40_000)
  })

  it('reports runs, retries, how often a retry rescued, the usual failure class and since when it is broken', () => {
    const history = emptyHistory()
    history.targets.t = [
      entry({ rescued: true, at: NOW - 3 }),
      entry({ rescued: false, failureClass: 'deterministic', at: NOW - 2 }),
      entry({ rescued: false, failureClass: 'deterministic', at: NOW - 1 })
    ]
    expect(historyReport(history, ['t', 'none'], 0)).toEqual([
      {
        target: 't',
        runs: 3,
        retries: 3,
        rescued: 1,
        lastStatuses: ['rescued', 'in-progress', 'in-progress'],
        topFailureClass: 'deterministic',
        brokenSince: new Date(NOW - 2).toISOString()
      }
    ])
  })
})
