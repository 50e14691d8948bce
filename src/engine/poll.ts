import { fullJitter, type BackoffPolicy } from '../transport/caller.js'
import { Cancelled, narrowed, withSignal } from '../transport/cancellation.js'
import { errorMessage, isThrottling, isTransient } from '../transport/classify.js'
import type { Progress } from '../model/provider.js'
import type { Clock } from '../transport/clock.js'

export interface PollOptions {
  intervalMs: number
  timeoutMs: number
  clock: Clock
  random: () => number
  signal: AbortSignal
  log: (message: string) => void
  /** A line with the elapsed time this often while nothing changes. */
  heartbeatMs?: number
  /** Transient read failures in a row that are tolerated before the wait gives up. */
  maxReadFailures?: number
  /** Extra pause on throttling, on top of the interval. */
  throttleBackoff?: BackoffPolicy
  /**
   * Read on the clock's multiples of the interval (each pause between half and one and a half intervals),
   * so the reads of every execution followed at once fall together and a provider can batch them.
   */
  align?: boolean
}

export type PollOutcome =
  | { kind: 'ended'; progress: Progress; elapsedMs: number }
  | { kind: 'timed-out'; last?: Progress; elapsedMs: number }
  | { kind: 'aborted'; last?: Progress; elapsedMs: number }

const THROTTLE_BACKOFF: BackoffPolicy = {
  maxAttempts: Infinity,
  baseMs: 2000,
  capMs: 60_000,
  budgetMs: Infinity
}

/**
 * Follows an execution until it ends, the deadline passes, or the signal aborts. One read per interval (the
 * first after one interval: an execution just retried is surely running); a log line only when the state or
 * phase changes, plus a heartbeat.
 */
export async function pollUntilDone(
  read: () => Promise<Progress>,
  options: PollOptions
): Promise<PollOutcome> {
  const { clock, signal, intervalMs } = options
  const heartbeatMs = options.heartbeatMs ?? 60_000
  const maxFailures = options.maxReadFailures ?? 5
  const start = clock.now()
  const deadline = start + options.timeoutMs
  const elapsed = (): number => clock.now() - start
  let last: Progress | undefined
  let lastLine = start
  let failures = 0
  let reads = 0
  let throttles = 0
  let delay = intervalMs

  for (;;) {
    const remaining = deadline - clock.now()
    if (signal.aborted) return { kind: 'aborted', ...(last ? { last } : {}), elapsedMs: elapsed() }
    if (remaining <= 0) return { kind: 'timed-out', ...(last ? { last } : {}), elapsedMs: elapsed() }
    await clock.sleep(Math.min(options.align ? aligned(clock.now(), delay) : delay, remaining), signal)
    // The sleep ends early on abort; the signal may have changed during the await.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    if (signal.aborted) return { kind: 'aborted', ...(last ? { last } : {}), elapsedMs: elapsed() }

    try {
      // A read that hangs must not outlive the budget: its requests end at the deadline too.
      const budget = AbortSignal.timeout(Math.max(1, deadline - clock.now()))
      const progress = await withSignal(narrowed(budget), read)
      failures = throttles = 0
      delay = intervalMs
      reads++
      // An execution that resumes in place (SageMaker, CodeArts) may still read as failed just after the
      // retry: a failure on the very first read is confirmed by one more read before it counts.
      const confirmed = progress.state !== 'failed' || reads > 1
      if (progress.state !== 'in-progress' && confirmed)
        return { kind: 'ended', progress, elapsedMs: elapsed() }
      if (!confirmed) {
        options.log('reads as failed right after the retry; reading once more to confirm')
        continue
      }
      if (last === undefined || progress.phase !== last.phase) {
        options.log(
          `still running${progress.phase ? `: ${progress.phase}` : ''} (${formatDuration(elapsed())})`
        )
        lastLine = clock.now()
      }
      last = progress
    } catch (error) {
      if (error instanceof Cancelled) {
        const cutShort = last ? { last } : {}
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- it changes across the await
        return signal.aborted
          ? { kind: 'aborted', ...cutShort, elapsedMs: elapsed() }
          : { kind: 'timed-out', ...cutShort, elapsedMs: elapsed() }
      }
      if (!isTransient(error) || ++failures > maxFailures) throw error
      delay = isThrottling(error)
        ? intervalMs + fullJitter(throttles++, options.throttleBackoff ?? THROTTLE_BACKOFF, options.random)
        : intervalMs
      options.log(
        `status read failed (${errorMessage(error)}); ${failures} of ${maxFailures} tolerated, reading again`
      )
    }
    if (clock.now() - lastLine >= heartbeatMs) {
      options.log(`waiting, ${formatDuration(elapsed())} so far${last?.phase ? ` (${last.phase})` : ''}`)
      lastLine = clock.now()
    }
  }
}

/** The pause to the next multiple of `interval` that is at least half an interval away. */
function aligned(now: number, interval: number): number {
  const toBoundary = interval - (now % interval)
  return toBoundary < interval / 2 ? toBoundary + interval : toBoundary
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000)
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const sec = s % 60
  return h > 0 ? `${h}h ${m}m ${sec}s` : m > 0 ? `${m}m ${sec}s` : `${sec}s`
}
