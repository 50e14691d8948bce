import { describe, expect, it } from '@jest/globals'
import { mapPool, ConcurrencyPool } from '../../../src/engine/pool.js'

/** A promise the test settles by hand. */
function deferred() {
  let resolve!: () => void
  const promise = new Promise<void>(r => {
    resolve = r
  })
  return { promise, resolve }
}

const tick = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve()
}

describe('mapPool', () => {
  it('keeps results in input order whatever order work finishes in', async () => {
    const gates = [deferred(), deferred(), deferred()]
    const running = mapPool([0, 1, 2], 3, async (item, index) => {
      await gates[item]?.promise
      return `r${index}`
    })
    gates[2]?.resolve()
    await tick()
    gates[0]?.resolve()
    await tick()
    gates[1]?.resolve()
    await expect(running).resolves.toEqual(['r0', 'r1', 'r2'])
  })

  it('never has more than concurrency items in flight, and starts the next as one ends', async () => {
    const gates = Array.from({ length: 5 }, () => deferred())
    const started: number[] = []
    let inFlight = 0
    let peak = 0
    const running = mapPool([0, 1, 2, 3, 4], 2, async item => {
      started.push(item)
      peak = Math.max(peak, ++inFlight)
      await gates[item]?.promise
      inFlight--
      return item * 10
    })
    await tick()
    expect(started).toEqual([0, 1])
    gates[1]?.resolve()
    await tick()
    expect(started).toEqual([0, 1, 2])
    gates[0]?.resolve()
    gates[2]?.resolve()
    await tick()
    expect(started).toEqual([0, 1, 2, 3, 4])
    gates[3]?.resolve()
    gates[4]?.resolve()
    await expect(running).resolves.toEqual([0, 10, 20, 30, 40])
    expect(peak).toBe(2)
  })

  it('works with more workers than items and with no items', async () => {
    await expect(mapPool(['a'], 64, x => Promise.resolve(x.toUpperCase()))).resolves.toEqual(['A'])
    await expect(mapPool([], 4, () => Promise.resolve(1))).resolves.toEqual([])
  })
})

describe('ConcurrencyPool', () => {
  it('holds at most N targets active, and a waiting target gives its place to the next', async () => {
    const pool = new ConcurrencyPool(2)
    const waits = Array.from({ length: 4 }, () => deferred())
    const finish = Array.from({ length: 4 }, () => deferred())
    const started: number[] = []
    let active = 0
    let peak = 0
    const running = pool.map([0, 1, 2, 3], async item => {
      started.push(item)
      peak = Math.max(peak, ++active)
      active--
      // The wait (an execution running) happens without a place.
      await pool.withoutSlot(() => waits[item]!.promise)
      peak = Math.max(peak, ++active)
      await finish[item]!.promise
      active--
      return item
    })
    await tick()
    // Both first targets wait: the other two start although neither has finished.
    expect(started).toEqual([0, 1, 2, 3])
    for (const d of [...waits, ...finish]) d.resolve()
    await expect(running).resolves.toEqual([0, 1, 2, 3])
    expect(peak).toBeLessThanOrEqual(2)
  })

  it('a target coming back from its wait goes before targets not yet started', async () => {
    const pool = new ConcurrencyPool(1)
    const wait = deferred()
    const order: string[] = []
    const running = pool.map(['a', 'b', 'c'], async item => {
      order.push(`${item} starts`)
      if (item === 'a') {
        await pool.withoutSlot(() => wait.promise)
        order.push('a resumes')
      }
      if (item === 'b') {
        wait.resolve()
        await tick()
      }
      return item
    })
    await running
    expect(order).toEqual(['a starts', 'b starts', 'a resumes', 'c starts'])
  })
})
