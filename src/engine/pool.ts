/**
 * Runs `work` over `items` with at most `concurrency` in flight, keeping the results in input order. `work`
 * is expected to settle every item itself (a target's failure is a result, not a rejection).
 */
export function mapPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>
): Promise<R[]> {
  return new ConcurrencyPool(concurrency).map(items, work)
}

/**
 * `concurrency` pool for the active part of a target's work (discovery, the retry call). A target that only
 * waits (its execution running, the pause before the next retry) gives its place up meanwhile, so waiting
 * targets never hold back the others; it takes the next free place back before it acts again, ahead of
 * targets not yet started (work in progress finishes first).
 */
export class ConcurrencyPool {
  private free: number
  private readonly queue: (() => void)[] = []

  constructor(count: number) {
    this.free = count
  }

  /** Runs `work` over `items` with a slot each, keeping the results in input order. */
  map<T, R>(items: readonly T[], work: (item: T, index: number) => Promise<R>): Promise<R[]> {
    return Promise.all(
      items.map(async (item, index) => {
        await this.acquire()
        try {
          return await work(item, index)
        } finally {
          this.release()
        }
      })
    )
  }

  /** Runs `wait` without a slot (it must hold one), and takes one back after, ahead of work not started. */
  async withoutSlot<R>(wait: () => Promise<R>): Promise<R> {
    this.release()
    try {
      return await wait()
    } finally {
      await this.reacquire()
    }
  }

  /** A free slot, or a place at the back of the queue. */
  private acquire(): Promise<void> {
    return this.wait(false)
  }

  /** A free slot, or a place at the front of the queue: work in progress finishes first. */
  private reacquire(): Promise<void> {
    return this.wait(true)
  }

  private wait(front: boolean): Promise<void> {
    if (this.free > 0) {
      this.free--
      return Promise.resolve()
    }
    return new Promise(resolve => {
      if (front) this.queue.unshift(resolve)
      else this.queue.push(resolve)
    })
  }

  private release(): void {
    const next = this.queue.shift()
    if (next) next()
    else this.free++
  }
}
