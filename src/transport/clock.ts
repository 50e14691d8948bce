export interface Clock {
  now(): number
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

/** Node fires a timer longer than this after 1 ms (TimeoutOverflowWarning): a long sleep would run hot. */
const MAX_TIMER_MS = 2 ** 31 - 1

/** Real time; `sleep` ends early (without throwing) when the signal aborts. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>(resolve => {
      if (signal?.aborted) {
        resolve()
        return
      }
      const done = (): void => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', done)
        resolve()
      }
      const timer = setTimeout(done, Math.min(ms, MAX_TIMER_MS))
      signal?.addEventListener('abort', done, { once: true })
    })
}
