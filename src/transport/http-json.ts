import { isRecord } from '../model/json.js'

/**
 * JSON over HTTP for services without an official SDK here (CodeArts, and the REST services to come). It bounds
 * every exchange, never follows a redirect (fetch would carry custom credential headers to the new host),
 * reads `retry-after`, and turns an error answer into an HttpServiceError that carries the fields the shared
 * classifier reads (`name`, `$fault`, `$metadata`, `$retryable`, `retryAfterMs`), as the AWS SDK's errors do.
 * Network failures from fetch are re-thrown as they are (the classifier reads their `cause.code`).
 */

type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

interface HttpRequestOptions {
  query?: Readonly<Record<string, string>>
  /** Sent as JSON. */
  body?: unknown
  /** Ends the exchange early (the caller's time bound, or cancellation). */
  signal?: AbortSignal
  /** Sees the answer's headers (a continuation token some services send there), once the answer is read. */
  onHeaders?: (headers: Headers) => void
}

export interface HttpJsonClient {
  /** The parsed JSON answer (`{}` for an empty one), unread: the caller checks the fields it uses. */
  request(method: HttpMethod, path: string, options?: HttpRequestOptions): Promise<unknown>
}

/** A code and message a service states in an answer body. */
interface StatedError {
  code: string
  message?: string
}

export interface HttpJsonOptions {
  /** Base URL; paths are appended to it. */
  baseUrl: string
  /**
   * The headers of one request besides Content-Type: credentials, a signature over the final URL and body. May
   * be async (a token fetched or renewed first), within the exchange's bound (`signal`).
   */
  headers?: (request: {
    method: string
    url: URL
    body: string | undefined
    signal: AbortSignal
  }) => Record<string, string> | Promise<Record<string, string>>
  /** The error an answer states: any form for a non-2xx (`ok` false); only an explicit one for a 2xx. */
  errorOf?: (data: unknown, ok: boolean) => StatedError | undefined
  /** A status that is an error whatever the body says (Azure DevOps answers a bad credential with 203). */
  statusError?: (status: number) => StatedError | undefined
  /** Error codes that mean "slow down" besides HTTP 429. */
  throttlingCodes?: readonly string[]
  /** The answer header that carries the request ID. */
  requestIdHeader?: string
  fetch?: typeof fetch
  /** A hung server must not hang the step: the whole exchange, body included, is bounded. Default 30 s. */
  timeoutMs?: number
}

const JSON_TYPE = 'application/json;charset=UTF-8'
const DEFAULT_TIMEOUT_MS = 30_000

/** A service's error answer, shaped like an AWS SDK v3 service exception. */
export class HttpServiceError extends Error {
  readonly $fault: 'client' | 'server'
  readonly $metadata: { httpStatusCode: number; requestId?: string }
  readonly $retryable?: { throttling: boolean }
  /** How long the service asked us to wait (`retry-after`), in ms. */
  readonly retryAfterMs?: number

  constructor(
    code: string,
    message: string,
    status: number,
    extra: { requestId?: string | undefined; throttling?: boolean; retryAfterMs?: number | undefined } = {}
  ) {
    super(message)
    this.name = code
    this.$fault = status >= 500 ? 'server' : 'client'
    this.$metadata = { httpStatusCode: status, ...(extra.requestId ? { requestId: extra.requestId } : {}) }
    if (status === 429 || extra.throttling) this.$retryable = { throttling: true }
    if (extra.retryAfterMs !== undefined) this.retryAfterMs = extra.retryAfterMs
  }
}

export function createHttpJsonClient(options: HttpJsonOptions): HttpJsonClient {
  const send = options.fetch ?? globalThis.fetch
  const base = options.baseUrl.replace(/\/+$/, '')
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  return {
    async request(method, path, { query, body, signal, onHeaders } = {}): Promise<unknown> {
      const url = new URL(`${base}${path}`)
      for (const [key, value] of Object.entries(query ?? {})) url.searchParams.append(key, value)
      const payload = body === undefined ? undefined : JSON.stringify(body)
      const bound = signal
        ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)])
        : AbortSignal.timeout(timeoutMs)
      const extra = await options.headers?.({ method, url, body: payload, signal: bound })
      const response = await send(url, {
        method,
        headers: { 'Content-Type': JSON_TYPE, ...extra },
        redirect: 'manual',
        ...(payload === undefined ? {} : { body: payload }),
        signal: bound
      })
      if (response.status >= 300 && response.status < 400) throw redirected(base, response, options)
      const answer = await readAnswer(response, options)
      onHeaders?.(response.headers)
      return answer
    }
  }
}

/** A 3xx answer as a permanent error that names the endpoint and where it pointed, credentials unsent. */
function redirected(base: string, response: Response, options: HttpJsonOptions): HttpServiceError {
  void response.body?.cancel()
  const origin = new URL(base).origin
  const location = response.headers.get('location') ?? ''
  const to =
    location === ''
      ? ''
      : ` to ${URL.canParse(location, base) ? new URL(location, base).origin : 'an unreadable location'}`
  return new HttpServiceError(
    'Redirected',
    `the endpoint ${origin} answered HTTP ${response.status} with a redirect${to}; it is not followed, so the credentials stay with ${origin}: set endpoint to the service's own URL`,
    response.status,
    { requestId: requestIdOf(response, options) }
  )
}

async function readAnswer(response: Response, options: HttpJsonOptions): Promise<unknown> {
  const text = await response.text()
  const data = parseJson(text)
  const failure =
    options.statusError?.(response.status) ??
    options.errorOf?.(data, response.ok) ??
    (response.ok ? undefined : plainError(data))
  const requestId = requestIdOf(response, options)
  if (!response.ok || failure) {
    const code = failure?.code ?? `HTTP${response.status}`
    const message = failure?.message ?? `HTTP ${response.status} ${response.statusText}`.trim()
    throw new HttpServiceError(code, message, response.status, {
      requestId,
      throttling: options.throttlingCodes?.includes(code) ?? false,
      retryAfterMs: retryAfterMs(response.headers.get('retry-after'))
    })
  }
  if (data === undefined && text.trim() !== '')
    throw new HttpServiceError('InvalidResponse', 'the answer is not JSON', response.status, { requestId })
  return data ?? {}
}

/** `{code, message}` or `{message}`: what most REST services answer with when nothing better is known. */
function plainError(data: unknown): StatedError | undefined {
  if (!isRecord(data)) return undefined
  const code = typeof data.code === 'string' && data.code !== '' ? data.code : undefined
  const message = typeof data.message === 'string' && data.message !== '' ? data.message : undefined
  return code !== undefined ? { code, ...(message !== undefined ? { message } : {}) } : undefined
}

function requestIdOf(response: Response, options: HttpJsonOptions): string | undefined {
  return options.requestIdHeader ? (response.headers.get(options.requestIdHeader) ?? undefined) : undefined
}

/** `retry-after` in seconds or as an HTTP date, in ms from now. */
function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
  const at = Date.parse(header)
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
