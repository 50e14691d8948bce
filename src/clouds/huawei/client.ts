import type { HuaweiAuth } from './cloud.js'
import { signRequest } from './signer.js'
import { isRecord } from '../../model/json.js'

/**
 * A tiny JSON-over-fetch client for Huawei Cloud REST APIs. Its errors carry the fields the AWS SDK puts on
 * a service error (`name`, `$fault`, `$metadata`, `$retryable`), so the shared classifier in errors.ts
 * works unchanged. Network failures from fetch are re-thrown as they are (the classifier reads cause.code).
 */

const JSON_TYPE = 'application/json;charset=UTF-8'
const DEFAULT_TIMEOUT_MS = 30_000

type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

interface RequestOptions {
  query?: Readonly<Record<string, string>>
  /** Sent as JSON. */
  body?: unknown
  /** Ends the exchange early (the caller's time bound, or cancellation). */
  signal?: AbortSignal
}

export interface HuaweiClient {
  /** The parsed JSON answer (`{}` for an empty one), unread: the caller checks the fields it uses. */
  request(method: HttpMethod, path: string, options?: RequestOptions): Promise<unknown>
}

export interface HuaweiClientOptions {
  /** Base URL, e.g. `https://cloudpipeline-ext.cn-north-4.myhuaweicloud.com`. */
  endpoint: string
  auth: HuaweiAuth
  fetch?: typeof fetch
  /** A hung server must not hang the step: the whole exchange, body included, is bounded. */
  timeoutMs?: number
}

/** A service's error answer, shaped like an AWS SDK v3 service exception. */
export class HuaweiServiceError extends Error {
  readonly $fault: 'client' | 'server'
  readonly $metadata: { httpStatusCode: number; requestId?: string }
  readonly $retryable?: { throttling: boolean }

  constructor(code: string, message: string, status: number, requestId: string | undefined) {
    super(message)
    this.name = code
    this.$fault = status >= 500 ? 'server' : 'client'
    this.$metadata = { httpStatusCode: status, ...(requestId ? { requestId } : {}) }
    if (status === 429 || code === 'APIGW.0308') this.$retryable = { throttling: true }
  }
}

export function createHuaweiClient(options: HuaweiClientOptions): HuaweiClient {
  const send = options.fetch ?? globalThis.fetch
  const base = options.endpoint.replace(/\/+$/, '')
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS

  return {
    async request(
      method: HttpMethod,
      path: string,
      { query, body, signal }: RequestOptions = {}
    ): Promise<unknown> {
      const url = new URL(`${base}${path}`)
      for (const [key, value] of Object.entries(query ?? {})) url.searchParams.append(key, value)
      const payload = body === undefined ? undefined : JSON.stringify(body)
      const headers = { 'Content-Type': JSON_TYPE, ...authHeaders(options.auth, method, url, payload) }
      const response = await send(url, {
        method,
        headers,
        // A redirect is never followed: fetch would carry X-Auth-Token (or the signed headers) to its target.
        redirect: 'manual',
        ...(payload === undefined ? {} : { body: payload }),
        signal: signal
          ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)])
          : AbortSignal.timeout(timeoutMs)
      })
      if (response.status >= 300 && response.status < 400) throw redirected(base, response)
      return readAnswer(response)
    }
  }
}

/** A 3xx answer as a permanent error that names the endpoint and where it pointed, credentials unsent. */
function redirected(base: string, response: Response): HuaweiServiceError {
  void response.body?.cancel()
  const location = response.headers.get('location') ?? ''
  const to =
    location === ''
      ? ''
      : ` to ${URL.canParse(location, base) ? new URL(location, base).origin : 'an unreadable location'}`
  return new HuaweiServiceError(
    'Redirected',
    `the endpoint ${new URL(base).origin} answered HTTP ${response.status} with a redirect${to}; it is not followed, so the credentials stay with ${new URL(base).origin}: set endpoint to the service's own URL`,
    response.status,
    response.headers.get('x-request-id') ?? undefined
  )
}

function authHeaders(
  auth: HuaweiAuth,
  method: string,
  url: URL,
  body: string | undefined
): Record<string, string> {
  if (auth.kind === 'token') return { 'X-Auth-Token': auth.token }
  const signed = signRequest(
    { method, url, headers: { 'Content-Type': JSON_TYPE }, ...(body === undefined ? {} : { body }) },
    auth
  )
  // fetch sets Host from the URL: the same value that was signed.
  delete signed.host
  return signed
}

async function readAnswer(response: Response): Promise<unknown> {
  const text = await response.text()
  const data = parseJson(text)
  const requestId = response.headers.get('x-request-id') ?? undefined
  // A 2xx that carries an explicit error code is a failure too (only the flat `error_code`/`errorCode`
  // forms: a success body may well hold a `code` of its own); a non-2xx is read in every form.
  const failure = response.ok ? explicitErrorOf(data) : errorOf(data)
  if (!response.ok || failure) {
    const code = failure?.code ?? `HTTP${response.status}`
    const message = failure?.message ?? `HTTP ${response.status} ${response.statusText}`.trim()
    throw new HuaweiServiceError(code, message, response.status, requestId)
  }
  if (data === undefined && text.trim() !== '') {
    throw new HuaweiServiceError('InvalidResponse', 'the answer is not JSON', response.status, requestId)
  }
  return data ?? {}
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

interface ErrorFields {
  code: string
  message?: string
}

/** The code / message field pairs Huawei's SDKs read from an error body, in the order they try them. */
const ERROR_FIELDS = [
  ['error_code', 'error_msg'],
  ['errorCode', 'errorMsg'],
  ['code', 'message']
] as const

/**
 * An error body in any of the forms Huawei's SDKs read: `{"error_code","error_msg"}`,
 * `{"errorCode","errorMsg"}`, `{"code","message"}`, or one of them nested one level down
 * (`{"error": {"code","message"}}`). Only a string code counts, so a success body with a numeric `code`
 * field is not taken for an error.
 */
function errorOf(data: unknown): ErrorFields | undefined {
  if (!isRecord(data)) return undefined
  const flat = fieldsOf(data)
  if (flat) return flat
  for (const value of Object.values(data)) {
    const nested = isRecord(value) ? fieldsOf(value) : undefined
    if (nested) return nested
  }
  return undefined
}

function explicitErrorOf(data: unknown): ErrorFields | undefined {
  return isRecord(data) ? fieldsOf(data, ERROR_FIELDS.slice(0, 2)) : undefined
}

function fieldsOf(
  data: Record<string, unknown>,
  pairs: ReadonlyArray<readonly [string, string]> = ERROR_FIELDS
): ErrorFields | undefined {
  for (const [codeKey, messageKey] of pairs) {
    const code = data[codeKey]
    const message = data[messageKey]
    if (typeof code === 'string' && code !== '')
      return { code, ...(typeof message === 'string' && message !== '' ? { message } : {}) }
  }
  return undefined
}
