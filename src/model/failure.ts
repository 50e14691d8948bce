/**
 * What the action read about a failure (docs/contract.md, "Retry policy"): the text shown in the log, the
 * summary and `results[].failure`, and matched by `retry-on`; whether it is transient, and by which rule; and
 * when it ended, for `failed-within`.
 */
export interface Failure {
  /** One item a failed action / phase / step / job, joined with `; `, in the service's format. */
  reason: string
  /** Why it counts as transient ("status FAULT", "names 'throttl'"); undefined: deterministic. */
  transient?: string | undefined
  /** Epoch ms: the latest end of the failed items, else of the execution; undefined when the service says none. */
  endedAt?: number | undefined
  /** Something the log should say about how it was read (a detail it could not read). */
  note?: string | undefined
}

/**
 * Words that mark a failure as a service's or the network's, not the code's: AWS's own retryable error names
 * and messages (throttling, internal errors, capacity, limits) and socket resets (case-insensitive).
 */
const TRANSIENT_WORDS = [
  'throttl',
  'rate exceeded',
  'too many requests',
  'InternalError',
  'InternalFailure',
  'InternalServerError',
  'internal error',
  'ServiceUnavailable',
  'SystemUnavailable',
  'service unavailable',
  'CapacityError',
  'InsufficientCapacity',
  'insufficient capacity',
  'ResourceLimitExceeded',
  'RequestLimitExceeded',
  'ECONNRESET',
  'ETIMEDOUT',
  'connection reset'
] as const

/** The first transient word `text` names, if any. */
export function transientWord(text: string | undefined): string | undefined {
  if (!text) return undefined
  const lower = text.toLowerCase()
  return TRANSIENT_WORDS.find(word => lower.includes(word.toLowerCase()))
}

/** The rule by which `text` is transient, for the log: `names 'throttl'`. */
export function namesTransientWord(text: string | undefined): string | undefined {
  const word = transientWord(text)
  return word === undefined ? undefined : `names '${word}'`
}

/** A failure made of items, each transient or not: transient only when every item is (and there is one). */
export function everyItemTransient(rules: readonly (string | undefined)[]): string | undefined {
  if (rules.length === 0 || rules.some(rule => rule === undefined)) return undefined
  return [...new Set(rules)].join(', ')
}

/** The latest of the given times (epoch ms), or `fallback`. */
export function latest(times: readonly (number | undefined)[], fallback?: number): number | undefined {
  const known = times.filter((t): t is number => t !== undefined && Number.isFinite(t))
  return known.length > 0 ? Math.max(...known) : fallback
}

/** A failure reason on one line: the items' own line breaks and runs of blanks become one space. */
export function oneLineReason(items: readonly string[]): string {
  return items.map(item => item.replace(/\s+/g, ' ').trim()).join('; ')
}
