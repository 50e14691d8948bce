/**
 * Runs `work` over `items` with at most `concurrency` in flight, keeping the results in input order. `work`
 * is expected to settle every item itself (a target's failure is a result, not a rejection).
 */
export function mapPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>
): Promise<R[]> {
  return new Places(concurrency).map(items, work)
}

/**
 * `concurrency` places for the active part of a target's work (discovery, the retry call). A target that only
 * waits (its execution running, the pause before the next retry) gives its place up meanwhile, so waiting
 * targets never hold back the others; it takes the next free place back before it acts again, ahead of
 * targets not yet started (work in progress finishes first).
 */
export class Places {
  private free: number
  private readonly queue: (() => void)[] = []

  constructor(count: number) {
    this.free = count
  }

  /** Runs `work` over `items` with a place each, keeping the results in input order. */
  map<T, R>(items: readonly T[], work: (item: T, index: number) => Promise<R>): Promise<R[]> {
    return Promise.all(
      items.map(async (item, index) => {
        await this.take(false)
        try {
          return await work(item, index)
        } finally {
          this.give()
        }
      })
    )
  }

  /** Runs `wait` without a place (it must hold one), and takes one back after. */
  async outside<R>(wait: () => Promise<R>): Promise<R> {
    this.give()
    try {
      return await wait()
    } finally {
      await this.take(true)
    }
  }

  private take(first: boolean): Promise<void> {
    if (this.free > 0) {
      this.free--
      return Promise.resolve()
    }
    return new Promise(resolve => {
      if (first) this.queue.unshift(resolve)
      else this.queue.push(resolve)
    })
  }

  private give(): void {
    const next = this.queue.shift()
    if (next) next()
    else this.free++
  }
}
