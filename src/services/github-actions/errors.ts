/**
 * GitHub REST errors, named for what they mean and shaped like the AWS SDK's (name, `$metadata`, `$fault`,
 * `$retryable`) so the shared caller classifies them: rate limits are throttling (waiting what GitHub asks,
 * within the back-off bound), 5xx are transient, and the rest are permanent with a hint.
 */

/** A GitHub answer that is an error (HTTP status >= 400). */
class GitHubApiError extends Error {
  readonly $metadata: { httpStatusCode: number; requestId?: string }
  readonly $fault?: 'server'
  readonly $retryable?: { throttling: boolean }
  /** How long GitHub asked us to wait (`retry-after`, or until `x-ratelimit-reset`), in ms. */
  readonly retryAfterMs?: number

  constructor(
    override readonly name: string,
    message: string,
    status: number,
    extra: { requestId?: string; throttling?: boolean; retryAfterMs?: number }
  ) {
    super(message)
    this.$metadata = { httpStatusCode: status, ...(extra.requestId ? { requestId: extra.requestId } : {}) }
    if (status >= 500) this.$fault = 'server'
    if (extra.throttling) this.$retryable = { throttling: true }
    if (extra.retryAfterMs !== undefined) this.retryAfterMs = extra.retryAfterMs
  }
}

/** A secondary rate limit that names no time is waited out this long (REST API docs, "Rate limits"). */
const SECONDARY_LIMIT_WAIT_MS = 60_000

interface OctokitErrorShape {
  status?: unknown
  message?: unknown
  response?: { headers?: Record<string, string | undefined>; data?: unknown }
}

const header = (headers: Record<string, string | undefined>, name: string): string | undefined =>
  headers[name] ?? undefined

/**
 * The error `octokit.request` threw, as a GitHubApiError when GitHub answered; anything else (no answer, an
 * abort) is returned as it is, so the caller sees the network error or the cancellation underneath.
 */
export function gitHubErrorOf(error: unknown, now: number = Date.now()): unknown {
  const e = (typeof error === 'object' && error !== null ? error : {}) as OctokitErrorShape
  const status = typeof e.status === 'number' ? e.status : undefined
  if (status === undefined || e.response === undefined) return error
  const headers = e.response.headers ?? {}
  const data = e.response.data
  const message =
    typeof data === 'object' && data !== null && 'message' in data && typeof data.message === 'string'
      ? data.message
      : typeof e.message === 'string'
        ? e.message
        : `HTTP ${status}`
  const requestId = header(headers, 'x-github-request-id')
  const base = requestId ? { requestId } : {}

  // Primary limit: 403/429 with x-ratelimit-remaining 0 (wait until x-ratelimit-reset). Secondary limit:
  // 403/429 with retry-after, or saying so (GitHub docs, "Rate limits for the REST API").
  if (status === 403 || status === 429) {
    const retryAfter = Number(header(headers, 'retry-after'))
    const remaining = header(headers, 'x-ratelimit-remaining')
    const reset = Number(header(headers, 'x-ratelimit-reset'))
    if (Number.isFinite(retryAfter) && header(headers, 'retry-after') !== undefined)
      return new GitHubApiError('SecondaryRateLimit', message, status, {
        ...base,
        throttling: true,
        retryAfterMs: retryAfter * 1000
      })
    if (remaining === '0')
      return new GitHubApiError('RateLimitExceeded', message, status, {
        ...base,
        throttling: true,
        ...(Number.isFinite(reset) ? { retryAfterMs: Math.max(0, reset * 1000 - now) } : {})
      })
    // No header says when: GitHub's docs ask to "wait for at least one minute before retrying".
    if (status === 429 || /rate limit/i.test(message))
      return new GitHubApiError('SecondaryRateLimit', message, status, {
        ...base,
        throttling: true,
        retryAfterMs: SECONDARY_LIMIT_WAIT_MS
      })
  }
  return new GitHubApiError(nameOf(status, message), message, status, base)
}

function nameOf(status: number, message: string): string {
  if (status === 401) return 'BadCredentials'
  if (status === 404) return 'NotFound'
  if (status === 403) {
    if (/not accessible by integration|must have admin|permission/i.test(message))
      return 'ResourceNotAccessible'
    if (/already running|not completed|is running|in progress/i.test(message)) return 'RunNotComplete'
    if (/month|30 days/i.test(message)) return 'RunTooOld'
    return 'Forbidden'
  }
  if (status === 422) return 'ValidationFailed'
  return status >= 500 ? `ServerError${status}` : `HTTP${status}`
}
