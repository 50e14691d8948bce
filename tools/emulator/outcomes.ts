import type { OnRetry, RetryOutcome } from './types.js'

/** A retried execution waiting to settle. */
interface Pending {
  outcome: RetryOutcome
  since: number
  reads: number
}

/** What every retryable execution carries: the outcomes of its next retries and the one in flight. */
export interface Settleable {
  outcomes: RetryOutcome[]
  pending?: Pending | undefined
  /** Retries that took effect on this execution (replays and refusals excluded), for exactly-once checks. */
  retriesApplied?: number | undefined
}

const SUCCEED: RetryOutcome = { result: 'succeeded' }

export const outcomeQueue = (onRetry: OnRetry | undefined): RetryOutcome[] =>
  onRetry === undefined ? [] : Array.isArray(onRetry) ? [...onRetry] : [onRetry]

/** The next retry's outcome and the queue after it; the last outcome repeats, none means success. */
export function takeOutcome(queue: readonly RetryOutcome[]): { outcome: RetryOutcome; rest: RetryOutcome[] } {
  const [first, ...rest] = queue
  if (first === undefined) return { outcome: SUCCEED, rest: [] }
  return { outcome: first, rest: rest.length > 0 ? rest : [first] }
}

/** Starts settling `target` (retried in place) with its next outcome. */
export function beginRetry(target: Settleable, now: number): void {
  const { outcome, rest } = takeOutcome(target.outcomes)
  target.outcomes = rest
  target.pending = { outcome, since: now, reads: 0 }
  target.retriesApplied = (target.retriesApplied ?? 0) + 1
}

/**
 * Applies the pending outcome once it is due: `settleAfterMs` has passed and `settleAfterReads` status
 * reads have already reported the execution in progress. A detail read (`countRead`) that does not
 * settle counts as one of those reads; list views only check.
 */
export function settleIfDue(
  target: Settleable,
  now: number,
  countRead: boolean,
  apply: (outcome: RetryOutcome) => void
): void {
  const pending = target.pending
  if (pending === undefined) return
  const { settleAfterMs = 0, settleAfterReads = 0 } = pending.outcome
  if (now - pending.since >= settleAfterMs && pending.reads >= settleAfterReads) {
    target.pending = undefined
    apply(pending.outcome)
  } else if (countRead) {
    pending.reads += 1
  }
}
