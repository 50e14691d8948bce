import { ServiceCallError, UnreadableAnswer } from '../model/errors.js'

/** The fields the AWS SDK v3 (and our Huawei client, which mimics them) put on a service error. */
interface SdkErrorShape {
  name?: unknown
  message?: unknown
  code?: unknown
  cause?: unknown
  $fault?: unknown
  $retryable?: { throttling?: boolean }
  $metadata?: { httpStatusCode?: number; requestId?: string }
}

const THROTTLING_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'APIGW.0308'
])

/** Socket-level failures: the request may or may not have reached the service. */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT'
])
const NETWORK_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException'])

function shape(error: unknown): SdkErrorShape {
  return typeof error === 'object' && error !== null ? error : {}
}

export function errorName(error: unknown): string {
  const { name } = shape(error)
  return typeof name === 'string' && name !== '' ? name : 'Error'
}

export function errorMessage(error: unknown): string {
  if (typeof error === 'string') return error
  const { message } = shape(error)
  return typeof message === 'string' && message !== '' ? message : String(error)
}

/** How long the service asked to wait before trying again (a `retryAfterMs` the provider read), if it did. */
export function retryAfterOf(error: unknown): number | undefined {
  const value = (shape(error) as { retryAfterMs?: unknown }).retryAfterMs
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined
}

/** The HTTP status of an answer that was a redirect (3xx: the SDK does not follow it), if the error is one. */
export function redirectStatus(error: unknown): number | undefined {
  const status = shape(error).$metadata?.httpStatusCode
  return status !== undefined && status >= 300 && status < 400 && errorName(error) !== 'Redirected'
    ? status
    : undefined
}

export function requestIdOf(error: unknown): string | undefined {
  return shape(error).$metadata?.requestId
}

export function isThrottling(error: unknown): boolean {
  if (error instanceof ServiceCallError) return error.throttling
  const e = shape(error)
  return (
    e.$retryable?.throttling === true ||
    THROTTLING_NAMES.has(errorName(error)) ||
    e.$metadata?.httpStatusCode === 429
  )
}

/** No answer from the service, or a cut connection: the request may have been applied. */
export function isNetworkError(error: unknown): boolean {
  return networkCode(error) !== undefined
}

/** The socket-level code (ECONNRESET, TimeoutError...) of an error or of its causes (fetch wraps them). */
export function networkCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 4; depth++) {
    const s = shape(e)
    if (typeof s.code === 'string' && NETWORK_CODES.has(s.code)) return s.code
    if (NETWORK_NAMES.has(errorName(e))) return errorName(e)
    e = s.cause
  }
  return undefined
}

/**
 * An answer that did not say what happened: no answer at all, a 5xx, or a 2xx whose body could not be read
 * (the SDK throws a SyntaxError carrying `$metadata.httpStatusCode` 200). A change may have been applied.
 */
export function isMaybeApplied(error: unknown): boolean {
  if (error instanceof ServiceCallError) return error.maybeApplied
  if (error instanceof UnreadableAnswer) return true
  const status = shape(error).$metadata?.httpStatusCode
  return isNetworkError(error) || isServerError(error) || (status !== undefined && status < 300)
}

export function isServerError(error: unknown): boolean {
  const e = shape(error)
  const status = e.$metadata?.httpStatusCode
  return e.$fault === 'server' || (status !== undefined && status >= 500)
}

/**
 * Transient: worth trying again after a pause. Classified by error name, `$retryable`, `$fault` and status,
 * never by message text. `extraTransient` names service-specific busy errors (CodePipeline ConflictException).
 */
export function isTransient(error: unknown, extraTransient: ReadonlySet<string> = new Set()): boolean {
  if (error instanceof ServiceCallError) return error.transient
  return (
    isThrottling(error) ||
    isServerError(error) ||
    isNetworkError(error) ||
    shape(error).$retryable !== undefined ||
    extraTransient.has(errorName(error))
  )
}
