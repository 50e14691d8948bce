import { describe, expect, it, jest } from '@jest/globals'
import { Batcher, BATCH_WINDOW_MS } from '../../../src/transport/batcher.js'
import { Cancelled, withSignal } from '../../../src/transport/cancellation.js'

const reader = () =>
  jest.fn((keys: string[]) =>
    Promise.resolve(new Map(keys.filter(k => k !== 'missing').map(k => [k, `v:${k}`])))
  )

describe('Batcher', () => {
  it('reads the keys asked for together with one call per maxKeys', async () => {
    const read = reader()
    const batcher = new Batcher(read, 100)
    const keys = Array.from({ length: 250 }, (_, i) => `k${i}`)
    const values = await Promise.all(keys.map(k => batcher.load(k)))
    expect(values[0]).toBe('v:k0')
    expect(values[249]).toBe('v:k249')
    expect(read.mock.calls.map(([ks]) => ks.length)).toEqual([100, 100, 50])
  })

  it('asks for a key once however many wait for it, and answers undefined for a key not returned', async () => {
    const read = reader()
    const batcher = new Batcher(read, 100)
    const answers = await Promise.all([batcher.load('a'), batcher.load('a'), batcher.load('missing')])
    expect(answers).toEqual(['v:a', 'v:a', undefined])
    expect(read.mock.calls).toEqual([[['a', 'missing']]])
  })

  it('reads in a later turn again (nothing is cached)', async () => {
    const read = reader()
    const batcher = new Batcher(read, 100)
    await batcher.load('a')
    await batcher.load('a')
    expect(read).toHaveBeenCalledTimes(2)
  })

  it('a failed read fails every waiter of that call', async () => {
    const batcher = new Batcher(async () => Promise.reject(new Error('throttled')), 100)
    await expect(Promise.all([batcher.load('a'), batcher.load('b')])).rejects.toThrow('throttled')
  })

  it('a waiter whose scope aborts stops waiting; the shared read is not cut short for the others', async () => {
    let release!: () => void
    const gate = new Promise<void>(r => {
      release = r
    })
    const batcher = new Batcher(async (keys: string[]) => {
      await gate
      return new Map(keys.map(k => [k, k]))
    }, 100)
    const controller = new AbortController()
    const cut = withSignal(controller.signal, () => batcher.load('a'))
    const other = batcher.load('b')
    await new Promise(r => setTimeout(r, BATCH_WINDOW_MS + 5))
    controller.abort('deadline')
    await expect(cut).rejects.toBeInstanceOf(Cancelled)
    release()
    await expect(other).resolves.toBe('b')
  })
})

describe('Batcher: a read no one waits for', () => {
  it('is cut off when its last waiter stops, and never sent when all stopped before it went out', async () => {
    const seen: AbortSignal[] = []
    const { currentSignal } = await import('../../../src/transport/cancellation.js')
    const read = jest.fn(async (keys: string[]) => {
      const signal = currentSignal()
      if (signal) seen.push(signal)
      await new Promise<void>((_, reject) =>
        signal?.addEventListener('abort', () => reject(new Error(String(signal.reason))))
      )
      return new Map(keys.map(k => [k, k]))
    })
    const batcher = new Batcher(read, 100)
    const a = new AbortController()
    const b = new AbortController()
    const loads = [
      withSignal(a.signal, () => batcher.load('a')),
      withSignal(b.signal, () => batcher.load('b'))
    ]
    await new Promise(r => setTimeout(r, BATCH_WINDOW_MS + 5))
    a.abort('a done')
    expect(seen[0]?.aborted).toBe(false)
    b.abort('b done')
    expect(seen[0]?.aborted).toBe(true)
    await expect(Promise.all(loads)).rejects.toBeInstanceOf(Cancelled)

    const c = new AbortController()
    const early = withSignal(c.signal, () => batcher.load('c'))
    c.abort('gone before the tick')
    await expect(early).rejects.toBeInstanceOf(Cancelled)
    await new Promise(r => setTimeout(r, BATCH_WINDOW_MS + 5))
    expect(read).toHaveBeenCalledTimes(1)
  })
})
