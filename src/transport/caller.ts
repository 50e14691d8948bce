import { Cancelled, currentSignal } from './cancellation.js'
import type { Clock } from './clock.js'
import type { RateLimits } from './rate-limit.js'
import type { Caller, CallOptions, ErrorSpec } from '../model/call.js'
import { ServiceCallError } from '../model/errors.js'
import { cut, MAX_TEXT } from '../model/text.js'
import {
  errorMessage,
  errorName,
  isMaybeApplied,
  isNetworkError,
  isServerError,
  isThrottling,
  isTransient,
  networkCode,
  redirectStatus,
  requestIdOf,
  retryAfterOf
} from './classify.js'

/** Bounds for trying a transient failure again: full jitter, at least 3 attempts, about a minute at most. */
export interface BackoffPolicy {
  maxAttempts: number
  baseMs: number
  capMs: number
  /** No new attempt starts once this much time has gone since the first. */
  budgetMs: number
}

/** No request waits longer than this for its answer: a hung server counts as a network error. */
const REQUEST_TIMEOUT_MS = 30_000

/** How much a service's own "come back after" may add to the back-off bound. */
const MAX_ASKED_WAIT_MS = 60_000

export const DEFAULT_BACKOFF: BackoffPolicy = {
  maxAttempts: 6,
  baseMs: 1000,
  capMs: 20_000,
  budgetMs: 60_000
}

export interface CallerDeps {
  clock: Clock
  random: () => number
  policy: BackoffPolicy
  /** The service's request rates, one per operation. */
  limiter?: RateLimits
  log: (message: string) => void
  /** Default REQUEST_TIMEOUT_MS. */
  requestTimeoutMs?: number
}

/** A request that got no answer in time: a network error (transient, maybe applied), like ETIMEDOUT. */
class RequestTimedOut extends Error {
  override name = 'TimeoutError'
  constructor(operation: string, ms: number) {
    super(`${operation}: no answer within ${ms / 1000} s`)
  }
}

/**
 * Runs `send` with a signal that aborts after `timeoutMs` or with `scope`. Returns its answer, or throws
 * Cancelled (the scope aborted: a request was in flight), RequestTimedOut, or what `send` threw.
 */
async function attempt<T>(
  operation: string,
  send: (signal: AbortSignal) => Promise<T>,
  scope: AbortSignal | undefined,
  timeoutMs: number
): Promise<T> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(new RequestTimedOut(operation, timeoutMs)), timeoutMs)
  const onScopeAbort = (): void => controller.abort(scope?.reason)
  scope?.addEventListener('abort', onScopeAbort, { once: true })
  try {
    return await send(controller.signal)
  } catch (error) {
    if (scope?.aborted) throw new Cancelled(operation, true, scope.reason)
    if (controller.signal.reason instanceof RequestTimedOut) throw controller.signal.reason
    throw error
  } finally {
    clearTimeout(timer)
    scope?.removeEventListener('abort', onScopeAbort)
  }
}

/** Full jitter (a uniform pick in [0, min(cap, base * 2^attempt)]) spreads out clients that failed together. */
export function fullJitter(attempt: number, policy: BackoffPolicy, random: () => number): number {
  return Math.floor(random() * Math.min(policy.capMs, policy.baseMs * 2 ** attempt))
}

export function toServiceCallError(operation: string, error: unknown, spec: ErrorSpec): ServiceCallError {
  if (error instanceof ServiceCallError) return error
  const status = redirectStatus(error)
  if (status !== undefined)
    return new ServiceCallError(
      operation,
      'Redirected',
      `the service endpoint answered HTTP ${status}, a redirect; redirects are never followed, so credentials stay on the endpoint's host`,
      requestIdOf(error),
      "point endpoint (or the service's AWS_ENDPOINT_URL_<SERVICE> / GITHUB_API_URL) at the service's own URL"
    )
  const name = networkCode(error) ?? errorName(error)
  const transient = isTransient(error, new Set(spec.transient))
  return new ServiceCallError(
    operation,
    cut(name, 200),
    cut(errorMessage(error), MAX_TEXT),
    requestIdOf(error),
    spec.hints?.[name],
    transient,
    isThrottling(error),
    isMaybeApplied(error),
    (spec.refusals ?? []).some(r => (r.endsWith('*') ? name.startsWith(r.slice(0, -1)) : r === name))
  )
}

export function createCaller(spec: ErrorSpec, deps: CallerDeps): Caller {
  const extraTransient = new Set(spec.transient)
  const { clock, policy, limiter } = deps
  const timeoutMs = deps.requestTimeoutMs ?? REQUEST_TIMEOUT_MS

  return async function call<T>(
    operation: string,
    send: (signal: AbortSignal) => Promise<T>,
    options?: CallOptions<T>
  ) {
    const scope = currentSignal()
    const start = clock.now()
    // Whether an answer so far was missing or unreadable: a cancel during the pause that follows it
    // leaves the change possibly applied.
    let unanswered = false
    for (let attemptNo = 0; ; attemptNo++) {
      if (scope?.aborted) throw new Cancelled(operation, unanswered, scope.reason)
      const rate = limiter?.for(operation)
      if (rate) await rate.take(scope)
      // It may have aborted while the request waited for the rate limit.
      if (scope?.aborted) throw new Cancelled(operation, unanswered, scope.reason)
      try {
        const result = await attempt(operation, send, scope, timeoutMs)
        rate?.onSuccess()
        return result
      } catch (error) {
        if (error instanceof Cancelled) throw error
        unanswered ||= isMaybeApplied(error)
        if (isThrottling(error)) rate?.onThrottled()
        // A service that says when to come back (a rate limit's retry-after) is waited for: the bound grows by
        // that wait, up to one minute more (GitHub's secondary limit asks for at least a minute).
        const asked = retryAfterOf(error)
        const delay = Math.max(fullJitter(attemptNo, policy, deps.random), asked ?? 0)
        const budget = policy.budgetMs + Math.min(asked ?? 0, MAX_ASKED_WAIT_MS)
        const resendable =
          isTransient(error, extraTransient) || (options?.beforeResend !== undefined && isMaybeApplied(error))
        const again =
          resendable && attemptNo + 1 < policy.maxAttempts && clock.now() - start + delay <= budget
        if (!again) throw toServiceCallError(operation, error, spec)
        deps.log(
          `${operation}: ${cut(errorName(error), 200)} (${cut(errorMessage(error), MAX_TEXT)}); trying again in ${delay} ms ` +
            `(attempt ${attemptNo + 2} of at most ${policy.maxAttempts})`
        )
        await clock.sleep(delay, scope)
        if (scope?.aborted) throw new Cancelled(operation, unanswered, scope.reason)
        await options?.beforeResend?.(error)
        if (options?.alreadyApplied && (isNetworkError(error) || isServerError(error))) {
          const applied = await options.alreadyApplied()
          if (applied !== undefined) {
            deps.log(
              `${operation}: the earlier attempt took effect although its answer was lost; not sending again`
            )
            return applied
          }
        }
      }
    }
  }
}
