import type { Failure } from '../model/failure.js'
import type { RetryPolicy } from '../model/request.js'
import { cut, MAX_TEXT } from '../model/text.js'

export type Verdict = { retry: true; why: string } | { retry: false; why: string }

/**
 * Whether the policy allows retrying `failure` at `now`, and why: the `retry-on` entry (and for `transient`
 * the rule) that matched, or what did not match; a failure that ended too long ago is never retried.
 */
export function judge(failure: Failure | undefined, policy: RetryPolicy, now: number): Verdict {
  // Patterns see what the summary shows: the reason cut to MAX_TEXT (API text has no bound of its own).
  const reason = cut(failure?.reason ?? '', MAX_TEXT)
  if (policy.failedWithinMs !== undefined && failure?.endedAt !== undefined) {
    const age = now - failure.endedAt
    if (age > policy.failedWithinMs)
      return {
        retry: false,
        why: `failed ${formatElapsed(age)} ago; failed-within is ${formatAge(policy.failedWithinMs)}`
      }
  }
  for (const entry of policy.retryOn) {
    if (entry.kind === 'any') return { retry: true, why: 'retry-on: any' }
    if (entry.kind === 'transient' && failure?.transient !== undefined)
      return { retry: true, why: `retry-on: transient (${failure.transient})` }
    if (entry.kind === 'pattern' && entry.pattern.test(reason))
      return { retry: true, why: `retry-on: /${entry.source}/ matched` }
  }
  const entries = policy.retryOn.map(e => (e.kind === 'pattern' ? `/${e.source}/` : e.kind)).join(', ')
  const what = failure?.transient === undefined ? 'a deterministic failure' : 'this failure'
  return { retry: false, why: `not retried: ${what}, and retry-on (${entries}) does not match it` }
}

/** A configured duration (`90m`, `24h`, `3d`): exact in the largest unit that divides evenly, else rounded down from two units up. */
export function formatAge(ms: number): string {
  const minutes = Math.round(ms / 60_000)
  if (minutes >= 1440 && minutes % 1440 === 0) return `${minutes / 1440}d`
  if (minutes >= 60 && minutes % 60 === 0) return `${minutes / 60}h`
  if (minutes >= 2 * 1440) return `${Math.floor(minutes / 1440)}d`
  if (minutes >= 2 * 60) return `${Math.floor(minutes / 60)}h`
  return `${minutes}m`
}

/**
 * A measured age, rounded down in one unit chosen by size alone (`326d`, `5h`, `47m`): the same age never reads as
 * hours at one moment and days the next just because it happened to land on a whole hour.
 */
export function formatElapsed(ms: number): string {
  const minutes = Math.floor(ms / 60_000)
  if (minutes >= 2 * 1440) return `${Math.floor(minutes / 1440)}d`
  if (minutes >= 2 * 60) return `${Math.floor(minutes / 60)}h`
  return `${minutes}m`
}
