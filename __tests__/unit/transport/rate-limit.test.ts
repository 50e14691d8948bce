import { describe, expect, it } from '@jest/globals'
import { fakeClock } from '../../support/context.js'
import { systemClock, type Clock } from '../../../src/transport/clock.js'
import { AdaptiveRate } from '../../../src/transport/rate-limit.js'

/** A clock whose sleeps end only when the test advances time. */
function manualClock(): Clock & { advance(ms: number): Promise<void>; pending(): number } {
  let now = 0
  let timers: { at: number; resolve: () => void }[] = []
  const flush = async (): Promise<void> => {
    for (let i = 0; i < 20; i++) await Promise.resolve()
  }
  return {
    now: () => now,
    sleep: ms =>
      new Promise<void>(resolve => {
        timers.push({ at: now + ms, resolve })
      }),
    pending: () => timers.length,
    async advance(ms) {
      const end = now + ms
      await flush()
      for (;;) {
        const due = timers.filter(t => t.at <= end).sort((a, b) => a.at - b.at)[0]
        if (due === undefined) break
        now = due.at
        timers = timers.filter(t => t !== due)
        due.resolve()
        await flush()
      }
      now = end
      await flush()
    }
  }
}

describe('AdaptiveRate', () => {
  it('does not limit anything before the service first throttles', async () => {
    const clock = fakeClock(0)
    const rate = new AdaptiveRate(clock)
    for (let i = 0; i < 1000; i++) await rate.take()
    expect(clock.now()).toBe(0)
    expect(rate.currentRate).toBe(Infinity)
  })

  it('after a throttle, paces just under the successes of the last second, evenly spaced', async () => {
    const clock = fakeClock(0)
    const rate = new AdaptiveRate(clock)
    for (let i = 0; i < 20; i++) rate.onSuccess()
    rate.onThrottled()
    expect(rate.currentRate).toBeCloseTo(20 * 0.92)
    const times: number[] = []
    for (let i = 0; i < 4; i++) {
      await rate.take()
      times.push(clock.now())
    }
    const gap = 1000 / (20 * 0.92)
    expect(times[1]! - times[0]!).toBeCloseTo(gap)
    expect(times[3]! - times[2]!).toBeCloseTo(gap)
  })

  it('a burst of throttled answers within two seconds cuts the rate once', () => {
    const clock = fakeClock(0)
    const rate = new AdaptiveRate(clock)
    for (let i = 0; i < 50; i++) rate.onSuccess()
    for (let i = 0; i < 30; i++) rate.onThrottled()
    expect(rate.currentRate).toBeCloseTo(50 * 0.92)
  })

  it('with no success to measure: starts low and doubles every second until pushed back', async () => {
    const clock = fakeClock(0)
    const rate = new AdaptiveRate(clock)
    rate.onThrottled()
    expect(rate.currentRate).toBe(10)
    await clock.sleep(1000)
    rate.onSuccess()
    expect(rate.currentRate).toBe(20)
    await clock.sleep(2000)
    rate.onSuccess()
    expect(rate.currentRate).toBe(80)
    // Far past any quota: no pace at all.
    await clock.sleep(7000)
    rate.onSuccess()
    expect(rate.currentRate).toBe(Infinity)
  })

  it('recovers to just under the rate that worked, holds, then probes past it slowly', async () => {
    const clock = fakeClock(0)
    const rate = new AdaptiveRate(clock)
    for (let i = 0; i < 10; i++) rate.onSuccess()
    rate.onThrottled()
    expect(rate.currentRate).toBeCloseTo(9.2)
    await clock.sleep(2000)
    rate.onSuccess()
    expect(rate.currentRate).toBeCloseTo(9.7)
    await clock.sleep(7000)
    rate.onSuccess()
    expect(rate.currentRate).toBeCloseTo(9.7)
    // Ten seconds without a throttle: probe 1% of the measured rate a second.
    await clock.sleep(6000)
    rate.onSuccess()
    expect(rate.currentRate).toBeCloseTo(10.3)
    // Past thirty seconds the quota is taken as gone: the pace doubles each second.
    await clock.sleep(14_000)
    rate.onSuccess()
    expect(rate.currentRate).toBeCloseTo(11.7)
    await clock.sleep(2000)
    rate.onSuccess()
    expect(rate.currentRate).toBeCloseTo(46.8)
  })

  it('serves callers in arrival order, each at its turn', async () => {
    const clock = manualClock()
    const rate = new AdaptiveRate(clock)
    rate.onSuccess()
    rate.onThrottled()
    const order: string[] = []
    const takes = ['a', 'b', 'c'].map(name => rate.take().then(() => order.push(name)))
    await clock.advance(1086)
    expect(order).toEqual([])
    await clock.advance(1)
    expect(order).toEqual(['a'])
    await clock.advance(1087)
    expect(order).toEqual(['a', 'b'])
    await clock.advance(2000)
    expect(order).toEqual(['a', 'b', 'c'])
    await Promise.all(takes)
  })

  /** A service that admits `quota` requests in any one second and throttles the rest (the emulator's rule). */
  async function againstQuota(quota: number, seconds: number) {
    const clock = fakeClock(0)
    // Answers take 1-9 ms (seeded): requests reach the service a little bunched or spread, as they do.
    let seed = 7
    const jitter = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return 1 + (seed % 9)
    }
    const rate = new AdaptiveRate(clock)
    const admitted: number[] = []
    let throttled = 0
    let sent = 0
    while (clock.now() < seconds * 1000) {
      await rate.take()
      sent++
      const now = clock.now()
      while (admitted.length > 0 && admitted[0]! <= now - 1000) admitted.shift()
      if (admitted.length < quota) {
        admitted.push(now)
        rate.onSuccess()
        await clock.sleep(jitter())
      } else {
        throttled++
        rate.onThrottled()
        await clock.sleep(jitter())
      }
    }
    return { succeeded: sent - throttled, throttled, sent }
  }

  it.each([10, 50])('against a quota of %i/s: within 1.1x of the quota, under 3%% throttled', async quota => {
    const { succeeded, throttled, sent } = await againstQuota(quota, 120)
    expect(succeeded).toBeGreaterThanOrEqual((quota * 120) / 1.1)
    expect(succeeded).toBeLessThanOrEqual(quota * 121)
    expect(throttled / sent).toBeLessThan(0.03)
  })
})

describe('systemClock.sleep', () => {
  it('ends early, without throwing, when the signal aborts', async () => {
    const controller = new AbortController()
    const started = Date.now()
    const sleeping = systemClock.sleep(60_000, controller.signal)
    controller.abort()
    await sleeping
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('returns at once for an already aborted signal', async () => {
    const started = Date.now()
    await systemClock.sleep(60_000, AbortSignal.abort())
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('a sleep longer than the largest timer does not end after 1 ms', async () => {
    const controller = new AbortController()
    const long = systemClock.sleep(2 ** 33, controller.signal).then(() => 'slept')
    const short = new Promise(resolve => setTimeout(resolve, 10, 'short'))
    try {
      await expect(Promise.race([long, short])).resolves.toBe('short')
    } finally {
      controller.abort()
    }
  })

  it('sleeps about the time asked', async () => {
    const started = Date.now()
    await systemClock.sleep(5)
    expect(Date.now() - started).toBeGreaterThanOrEqual(4)
  })
})
