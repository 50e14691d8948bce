// Targets mode's log: one group per target when it ends (no interleaving), and a progress line.
import { describe, expect, it, jest } from '@jest/globals'
import { createLog } from '../../../src/action/log.js'
import { ProgressLine } from '../../../src/action/progress.js'
import { TargetLogs } from '../../../src/action/target-logs.js'
import type { TargetResult } from '../../../src/model/target.js'

const result = (target: string, overrides: Partial<TargetResult> = {}): TargetResult => ({
  service: 'codebuild',
  target,
  retried: false,
  executionId: '',
  executionArn: '',
  stageName: '',
  status: 'nothing-to-retry',
  consoleUrl: '',
  message: 'nothing failed',
  attempts: 0,
  failure: '',
  ...overrides
})

function recorder() {
  const out: string[] = []
  const sink = {
    info: (l: string) => out.push(l),
    warning: (l: string) => out.push(`::warning::${l}`),
    notice: (l: string) => out.push(`::notice::${l}`)
  }
  const groups = {
    startGroup: (t: string) => out.push(`::group::${t}`),
    endGroup: () => out.push('::endgroup::')
  }
  return { out, log: createLog(sink), groups }
}

describe('TargetLogs', () => {
  it('holds each target\u2019s lines and writes them as one block when it ends, whatever the order they came in', () => {
    const { out, log, groups } = recorder()
    const logs = new TargetLogs(log, groups)
    logs.info(0, 'a: found build a:1 FAILED')
    logs.info(1, 'b: found build b:1 FAILED')
    logs.warn(0, 'a: skipped: max-attempts')
    logs.info(1, 'b: retry 1 accepted')
    expect(out).toEqual([])
    logs.finish(1, result('codebuild:b', { status: 'in-progress', retried: true }))
    logs.finish(0, result('codebuild:a', { status: 'skipped' }))
    expect(out).toEqual([
      '::group::codebuild:b: retried, in progress',
      'b: found build b:1 FAILED',
      'b: retry 1 accepted',
      '::endgroup::',
      '::group::codebuild:a: skipped',
      'a: found build a:1 FAILED',
      '::warning::a: skipped: max-attempts',
      '::endgroup::'
    ])
  })

  it('a target that logged nothing gets its message; a cancel flushes what is still held', () => {
    const { out, log, groups } = recorder()
    const logs = new TargetLogs(log, groups)
    logs.finish(0, result('codebuild:quiet'))
    logs.info(1, 'b: reading')
    logs.flushAll(
      [
        result('codebuild:failed-listing'),
        result('codebuild:quiet'),
        result('codebuild:b', { status: 'cancelled' })
      ],
      1
    )
    expect(out).toEqual([
      '::group::codebuild:quiet: nothing to retry',
      'nothing failed',
      '::endgroup::',
      '::group::codebuild:b: cancelled',
      'b: reading',
      '::endgroup::'
    ])
  })

  it('a group title from API text stays one line, after our own ::group::', () => {
    const { out, log, groups } = recorder()
    new TargetLogs(log, groups).finish(0, result('codebuild:x\n::error::boom'))
    // One line that starts with our ::group:: (a command mid-line is just text to the runner).
    expect(out[0]).toBe('::group::codebuild:x ::error::boom: nothing to retry')
    expect(out.every(line => !line.includes('\n'))).toBe(true)
  })
})

describe('ProgressLine', () => {
  it('prints at every tenth of the targets, with retried, errors and waiting', () => {
    const lines: string[] = []
    const progress = new ProgressLine(5000, l => lines.push(l), 3_600_000)
    for (let i = 0; i < 5000; i++) {
      if (i === 1248) progress.update(9999, result('codebuild:w', { status: 'in-progress', retried: true }))
      progress.finish(
        i,
        result(`codebuild:${i}`, {
          retried: i % 100 === 0,
          status: i % 1000 === 7 ? 'error' : 'nothing-to-retry'
        })
      )
    }
    progress.stop()
    expect(lines).toHaveLength(10)
    expect(lines[0]).toBe('500/5,000 targets done: 5 retried, 1 error, 0 waiting')
    expect(lines[2]).toBe('1,500/5,000 targets done: 15 retried, 2 errors, 1 waiting')
    expect(lines[9]).toBe('5,000/5,000 targets done: 50 retried, 5 errors, 1 waiting')
  })

  it('prints at least every interval while targets run, and stops', () => {
    jest.useFakeTimers()
    try {
      const lines: string[] = []
      const progress = new ProgressLine(100, l => lines.push(l), 30_000)
      progress.update(0, result('codebuild:a', { status: 'in-progress', retried: true }))
      jest.advanceTimersByTime(60_000)
      expect(lines).toEqual([
        '0/100 targets done: 0 retried, 0 errors, 1 waiting',
        '0/100 targets done: 0 retried, 0 errors, 1 waiting'
      ])
      progress.stop()
      jest.advanceTimersByTime(60_000)
      expect(lines).toHaveLength(2)
    } finally {
      jest.useRealTimers()
    }
  })
})
