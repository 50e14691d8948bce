import { describe, expect, it } from '@jest/globals'
import { fakeClock } from '../../support/context.js'
import { systemClock, type Clock } from '../../../src/transport/clock.js'
import { TokenBucket } from '../../../src/transport/token-bucket.js'

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

describe('TokenBucket', () => {
  it('serves the burst at once, then one token per 1/rate second', async () => {
    const clock = fakeClock(0)
    const bucket = new TokenBucket(10, clock, 2)
    const times: number[] = []
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        await bucket.take()
        times.push(clock.now())
      })
    )
    expect(times).toEqual([0, 0, 100, 200, 300, 400])
  })

  it('N takes beyond the default burst (= rate) wait N / rate seconds in all', async () => {
    const clock = fakeClock(0)
    const bucket = new TokenBucket(5, clock)
    for (let i = 0; i < 5 + 3; i++) await bucket.take()
    expect(clock.now()).toBe(600)
  })

  it('does not save up more than the burst while idle', async () => {
    const clock = fakeClock(0)
    const bucket = new TokenBucket(10, clock, 3)
    await clock.sleep(3_600_000)
    const start = clock.now()
    for (let i = 0; i < 4; i++) await bucket.take()
    expect(clock.now() - start).toBe(100)
  })

  it('serves callers in arrival order, each only when its token is there', async () => {
    const clock = manualClock()
    const bucket = new TokenBucket(1, clock, 1)
    const order: string[] = []
    const takes = ['a', 'b', 'c', 'd'].map(name => bucket.take().then(() => order.push(name)))
    await clock.advance(0)
    expect(order).toEqual(['a'])
    await clock.advance(999)
    expect(order).toEqual(['a'])
    await clock.advance(1)
    expect(order).toEqual(['a', 'b'])
    await clock.advance(2000)
    expect(order).toEqual(['a', 'b', 'c', 'd'])
    await Promise.all(takes)
  })

  it('onThrottled halves the rate (not below 1/s) and empties the bucket', async () => {
    const clock = fakeClock(0)
    const bucket = new TokenBucket(10, clock)
    bucket.onThrottled()
    expect(bucket.currentRate).toBe(5)
    await bucket.take()
    expect(clock.now()).toBe(200)
    await bucket.take()
    expect(clock.now()).toBe(400)
    for (let i = 0; i < 10; i++) bucket.onThrottled()
    expect(bucket.currentRate).toBe(1)
  })

  it('onSuccess raises the rate back towards the ceiling, never above it', () => {
    const bucket = new TokenBucket(10, fakeClock(0))
    bucket.onSuccess()
    expect(bucket.currentRate).toBe(10)
    bucket.onThrottled()
    bucket.onThrottled()
    expect(bucket.currentRate).toBe(2.5)
    bucket.onSuccess()
    expect(bucket.currentRate).toBeCloseTo(2.7)
    for (let i = 0; i < 100; i++) bucket.onSuccess()
    expect(bucket.currentRate).toBe(10)
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
