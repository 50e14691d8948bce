import { describe, expect, it, jest } from '@jest/globals'
import { fakeClock, networkError, sdkError } from '../../support/context.js'
import { createCaller, DEFAULT_BACKOFF, toServiceCallError } from '../../../src/transport/caller.js'
import { withSignal } from '../../../src/transport/cancellation.js'
import { ServiceCallError } from '../../../src/model/errors.js'
import type { Progress } from '../../../src/model/provider.js'
import type { Clock } from '../../../src/transport/clock.js'
import { formatDuration, pollUntilDone, type PollOptions } from '../../../src/engine/poll.js'

const START = 1_000_000
const running = (phase?: string): Progress => ({ state: 'in-progress', ...(phase ? { phase } : {}) })

function options(overrides: Partial<PollOptions> = {}) {
  const clock = fakeClock(START)
  const logs: string[] = []
  const opts: PollOptions = {
    intervalMs: 15_000,
    timeoutMs: 3_600_000,
    clock,
    random: () => 0.5,
    signal: new AbortController().signal,
    log: m => logs.push(m),
    ...overrides
  }
  return { opts, clock, logs }
}

/** A read() that returns (or throws) each step in turn, recording when it was called. */
function script(clock: Clock, steps: (Progress | Error)[]) {
  const at: number[] = []
  let i = 0
  const read = jest.fn(() => {
    at.push(clock.now() - START)
    const step = steps[Math.min(i++, steps.length - 1)]
    return step instanceof Error ? Promise.reject(step) : Promise.resolve(step as Progress)
  })
  return { read, at }
}

describe('pollUntilDone', () => {
  it('ends after k polls with exactly k reads, the first one interval after the start', async () => {
    const { opts, clock } = options()
    const { read, at } = script(clock, [running(), running(), running(), { state: 'succeeded' }])
    const outcome = await pollUntilDone(read, opts)
    expect(outcome).toEqual({ kind: 'ended', progress: { state: 'succeeded' }, elapsedMs: 60_000 })
    expect(read).toHaveBeenCalledTimes(4)
    expect(at).toEqual([15_000, 30_000, 45_000, 60_000])
    expect(clock.slept).toEqual([15_000, 15_000, 15_000, 15_000])
  })

  it('passes on the reason of a failure', async () => {
    const { opts, clock } = options()
    const failed: Progress = { state: 'failed', phase: 'Deploy', reason: 'Deploy: action Approve failed' }
    const { read } = script(clock, [running('Build'), failed])
    const outcome = await pollUntilDone(read, opts)
    expect(outcome.kind).toBe('ended')
    expect(outcome.kind === 'ended' && outcome.progress).toEqual(failed)
  })

  it('confirms a failure seen on the very first read with one more read', async () => {
    const { opts, clock, logs } = options()
    const stale: Progress = { state: 'failed', reason: 'old failure' }
    const { read } = script(clock, [stale, running('Train'), { state: 'succeeded' }])
    const outcome = await pollUntilDone(read, opts)
    expect(outcome).toMatchObject({ kind: 'ended', progress: { state: 'succeeded' } })
    expect(read).toHaveBeenCalledTimes(3)
    expect(logs.some(l => l.includes('reading once more'))).toBe(true)
  })

  it('a failure read twice in a row from the start ends the wait', async () => {
    const { opts, clock } = options()
    const failed: Progress = { state: 'failed', reason: 'Train: OOM' }
    const { read } = script(clock, [failed, failed])
    const outcome = await pollUntilDone(read, opts)
    expect(outcome).toMatchObject({ kind: 'ended', progress: failed })
    expect(read).toHaveBeenCalledTimes(2)
  })

  it('times out at the deadline and never reads past it', async () => {
    const { opts, clock } = options({ timeoutMs: 40_000 })
    const { read, at } = script(clock, [running('Build')])
    const outcome = await pollUntilDone(read, opts)
    expect(outcome).toEqual({ kind: 'timed-out', last: running('Build'), elapsedMs: 40_000 })
    expect(at).toEqual([15_000, 30_000, 40_000])
    expect(Math.max(...at)).toBeLessThanOrEqual(40_000)
    expect(clock.now() - START).toBe(40_000)
  })

  it('a timeout shorter than the interval reads once, at the deadline', async () => {
    const { opts, clock } = options({ timeoutMs: 3000 })
    const { read, at } = script(clock, [running()])
    expect((await pollUntilDone(read, opts)).kind).toBe('timed-out')
    expect(at).toEqual([3000])
  })

  it('an abort in the middle of a wait returns aborted at once', async () => {
    const controller = new AbortController()
    // Sleeps end only on abort: if the loop did not listen to the signal, this test would hang.
    const clock: Clock = {
      now: () => START,
      sleep: (_ms, signal) =>
        new Promise<void>(resolve => {
          signal?.addEventListener('abort', () => {
            resolve()
          })
        })
    }
    const read = jest.fn(() => Promise.resolve(running()))
    const polling = pollUntilDone(read, { ...options().opts, clock, signal: controller.signal })
    await new Promise(resolve => setImmediate(resolve))
    controller.abort('SIGTERM')
    await expect(polling).resolves.toEqual({ kind: 'aborted', elapsedMs: 0 })
    expect(read).not.toHaveBeenCalled()
  })

  it('an abort during a read stops before the next sleep, keeping the last progress', async () => {
    const controller = new AbortController()
    const { opts, clock } = options({ signal: controller.signal })
    const read = jest.fn(() => {
      controller.abort()
      return Promise.resolve(running('Test'))
    })
    const outcome = await pollUntilDone(read, opts)
    expect(outcome).toEqual({ kind: 'aborted', last: running('Test'), elapsedMs: 15_000 })
    expect(read).toHaveBeenCalledTimes(1)
    expect(clock.slept).toEqual([15_000])
  })

  it('an already aborted signal returns without reading', async () => {
    const { opts } = options({ signal: AbortSignal.abort() })
    const read = jest.fn(() => Promise.resolve(running()))
    expect((await pollUntilDone(read, opts)).kind).toBe('aborted')
    expect(read).not.toHaveBeenCalled()
  })

  it('tolerates transient read errors in a row up to the bound', async () => {
    const { opts, clock, logs } = options({ maxReadFailures: 3 })
    const e = sdkError('InternalFailure', 'down', { status: 500 })
    const { read } = script(clock, [e, networkError(), e, running(), e, e, e, { state: 'succeeded' }])
    const outcome = await pollUntilDone(read, opts)
    expect(outcome.kind).toBe('ended')
    expect(read).toHaveBeenCalledTimes(8)
    expect(logs.filter(l => l.includes('status read failed'))).toHaveLength(6)
  })

  it('throws the transient error once the bound is passed', async () => {
    const { opts, clock } = options({ maxReadFailures: 3 })
    const last = networkError('ETIMEDOUT')
    const { read } = script(clock, [networkError(), networkError(), networkError(), last])
    await expect(pollUntilDone(read, opts)).rejects.toBe(last)
    expect(read).toHaveBeenCalledTimes(4)
  })

  it('tolerates a transient ServiceCallError from the caller (back-off ran out)', async () => {
    const { opts, clock } = options()
    const e = new ServiceCallError('GetPipelineExecution', 'InternalFailure', 'down', 'r', undefined, true)
    const { read } = script(clock, [e, { state: 'succeeded' }])
    expect((await pollUntilDone(read, opts)).kind).toBe('ended')
  })

  it('throws a permanent error at once', async () => {
    const { opts, clock } = options()
    const denied = sdkError('AccessDeniedException', 'not allowed')
    const { read } = script(clock, [running(), denied, { state: 'succeeded' }])
    await expect(pollUntilDone(read, opts)).rejects.toBe(denied)
    expect(read).toHaveBeenCalledTimes(2)
  })

  it('throttling adds a jittered back-off on top of the interval, reset by a good read', async () => {
    const throttleBackoff = { maxAttempts: Infinity, baseMs: 2000, capMs: 60_000, budgetMs: Infinity }
    const { opts, clock } = options({ throttleBackoff, random: () => 0.5 })
    const t = sdkError('ThrottlingException', 'Rate exceeded', { throttling: true })
    const { read } = script(clock, [t, t, running(), { state: 'succeeded' }])
    await pollUntilDone(read, opts)
    // first sleep is the plain interval; then +0.5*2000, +0.5*4000; after the good read, the interval again.
    expect(clock.slept).toEqual([15_000, 16_000, 17_000, 15_000])
  })

  it('throttling reported by the caller as a ServiceCallError also backs off', async () => {
    const throttleBackoff = { maxAttempts: Infinity, baseMs: 2000, capMs: 60_000, budgetMs: Infinity }
    const { opts, clock } = options({ throttleBackoff, random: () => 0.5 })
    // What the caller throws once its own back-off ran out on throttling.
    const t = toServiceCallError(
      'GetPipelineExecution',
      sdkError('ThrottlingException', 'Rate exceeded', { status: 400 }),
      {}
    )
    expect(t.transient).toBe(true)
    const { read } = script(clock, [t, { state: 'succeeded' }])
    await pollUntilDone(read, opts)
    expect(clock.slept).toEqual([15_000, 16_000])
  })

  it('throttling keeps the deadline and the signal', async () => {
    const throttleBackoff = { maxAttempts: Infinity, baseMs: 10_000, capMs: 60_000, budgetMs: Infinity }
    const { opts, clock } = options({
      throttleBackoff,
      random: () => 0.999,
      timeoutMs: 100_000,
      maxReadFailures: 99
    })
    const t = sdkError('ThrottlingException', 'Rate exceeded', { throttling: true })
    const { read, at } = script(clock, [t])
    const outcome = await pollUntilDone(read, opts)
    expect(outcome.kind).toBe('timed-out')
    expect(Math.max(...at)).toBeLessThanOrEqual(100_000)
    expect(clock.now() - START).toBe(100_000)
    expect(clock.slept[1]).toBeGreaterThan(15_000)

    const controller = new AbortController()
    const read2 = jest.fn(() => {
      controller.abort()
      return Promise.reject(t)
    })
    const aborted = await pollUntilDone(read2, {
      ...options().opts,
      throttleBackoff,
      signal: controller.signal
    })
    expect(aborted.kind).toBe('aborted')
    expect(read2).toHaveBeenCalledTimes(1)
  })

  it('logs on phase changes and a heartbeat, not once per poll', async () => {
    const { opts, clock, logs } = options({ heartbeatMs: 60_000 })
    const steps: Progress[] = [
      ...Array.from({ length: 10 }, () => running('Build')),
      running('Deploy'),
      running('Deploy'),
      { state: 'succeeded' }
    ]
    const { read } = script(clock, steps)
    await pollUntilDone(read, opts)
    expect(read).toHaveBeenCalledTimes(13)
    expect(logs).toEqual([
      'still running: Build (15s)',
      'waiting, 1m 15s so far (Build)',
      'waiting, 2m 15s so far (Build)',
      'still running: Deploy (2m 45s)'
    ])
  })

  it('without phases, logs the first poll and then only heartbeats', async () => {
    const { opts, clock, logs } = options({ intervalMs: 10_000, heartbeatMs: 30_000 })
    const { read } = script(clock, [...Array.from({ length: 6 }, () => running()), { state: 'stopped' }])
    const outcome = await pollUntilDone(read, opts)
    expect(outcome.kind === 'ended' && outcome.progress.state).toBe('stopped')
    expect(logs).toEqual(['still running (10s)', 'waiting, 40s so far'])
  })
})

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [59_400, '59s'],
    [61_000, '1m 1s'],
    [3_600_000, '1h 0m 0s'],
    [3_661_000, '1h 1m 1s']
  ])('%d ms -> %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })
})

describe('pollUntilDone: a read that hangs', () => {
  /** A read through the real caller whose request never answers (the caller's own bound is far away). */
  function hangingRead(clock: Clock) {
    const call = createCaller({}, { clock, random: () => 0, policy: DEFAULT_BACKOFF, log: () => undefined })
    return jest.fn(() =>
      call(
        'BatchGetBuilds',
        signal =>
          new Promise<Progress>((_resolve, reject) =>
            signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true })
          )
      )
    )
  }

  it('does not outlive the budget: the read is cut at the deadline and the wait times out', async () => {
    const { opts, clock } = options({ intervalMs: 10, timeoutMs: 150 })
    const read = hangingRead(clock)
    const outcome = await pollUntilDone(read, opts)
    expect(outcome.kind).toBe('timed-out')
    expect(read).toHaveBeenCalledTimes(1)
  })

  it('ends as aborted when the workflow is cancelled during a hanging read', async () => {
    const controller = new AbortController()
    const { opts, clock } = options({ intervalMs: 10, signal: controller.signal })
    const read = hangingRead(clock)
    setTimeout(() => controller.abort('SIGINT'), 30)
    const outcome = await withSignal(controller.signal, () => pollUntilDone(read, opts))
    expect(outcome.kind).toBe('aborted')
  })
})
