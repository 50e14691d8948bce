import { AsyncLocalStorage } from 'node:async_hooks'
import { Cancelled, currentSignal, narrowed, withSignal } from './cancellation.js'

interface Waiter<V> {
  resolve(value: V | undefined): void
  reject(error: Error): void
  /** Its scope aborted before an answer: it waits no more. */
  stopped?: boolean
  /** Set when its read is sent: told when this waiter stops waiting. */
  gone?: () => void
}

/** How long the first read of a batch waits for others: timers due at the same instant may fire a loop apart. */
export const BATCH_WINDOW_MS = 10

/**
 * Coalesces reads of single items that are asked for at about the same moment (within BATCH_WINDOW_MS) into
 * calls of up to `maxKeys` keys: the status reads of every waiting execution at one poll tick become
 * one call per `maxKeys` executions. Each waiter stops at its own scope's abort (its deadline, the step's
 * cancel); the shared call runs in the scope the batcher was made in (the step's) and is cut off only when
 * every waiter of it has stopped, so one waiter's deadline never cuts the read short for the others.
 */
export class Batcher<V> {
  private pending = new Map<string, Waiter<V>[]>()
  private readonly inScope = AsyncLocalStorage.snapshot()

  constructor(
    private readonly readMany: (keys: string[]) => Promise<ReadonlyMap<string, V>>,
    private readonly maxKeys: number
  ) {}

  /** The item for `key`, or undefined when the read did not return it. */
  load(key: string): Promise<V | undefined> {
    const signal = currentSignal()
    if (signal?.aborted) return Promise.reject(new Cancelled('status read', false, signal.reason))
    return new Promise<V | undefined>((resolve, reject) => {
      const stop = (): void => {
        waiter.stopped = true
        reject(new Cancelled('status read', false, signal?.reason))
        waiter.gone?.()
      }
      const waiter: Waiter<V> = {
        resolve: value => {
          signal?.removeEventListener('abort', stop)
          resolve(value)
        },
        reject: error => {
          signal?.removeEventListener('abort', stop)
          reject(error)
        }
      }
      signal?.addEventListener('abort', stop, { once: true })
      // The first read of a batch schedules its flush (the flush empties `pending`).
      if (this.pending.size === 0)
        setTimeout(() => {
          this.inScope(() => {
            this.flush()
          })
        }, BATCH_WINDOW_MS)
      const waiters = this.pending.get(key) ?? []
      waiters.push(waiter)
      this.pending.set(key, waiters)
    })
  }

  private flush(): void {
    const batch = new Map<string, Waiter<V>[]>()
    for (const [key, all] of this.pending) {
      const live = all.filter(w => !w.stopped)
      if (live.length > 0) batch.set(key, live)
    }
    this.pending = new Map()
    const keys = [...batch.keys()]
    for (let i = 0; i < keys.length; i += this.maxKeys) {
      const chunk = keys.slice(i, i + this.maxKeys)
      const waiters = chunk.flatMap(key => batch.get(key) ?? [])
      const controller = new AbortController()
      let waiting = waiters.length
      for (const waiter of waiters)
        waiter.gone = () => {
          if (--waiting === 0) controller.abort(new Error('no one waits for this read any more'))
        }
      withSignal(narrowed(controller.signal), () => this.readMany(chunk)).then(
        found => {
          for (const key of chunk) for (const w of batch.get(key) ?? []) w.resolve(found.get(key))
        },
        (error: unknown) => {
          const failure = error instanceof Error ? error : new Error(String(error))
          for (const w of waiters) w.reject(failure)
        }
      )
    }
  }
}
