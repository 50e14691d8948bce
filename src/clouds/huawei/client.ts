import { createHttpJsonClient, type HttpJsonClient } from '../../transport/http-json.js'
import type { HuaweiAuth } from './cloud.js'
import { signRequest } from './signer.js'
import { isRecord } from '../../model/json.js'

/**
 * Huawei Cloud REST APIs over the shared HTTP JSON transport: requests signed with AK/SK (SDK-HMAC-SHA256) or
 * carrying an IAM token, and error bodies read in every form Huawei's SDKs read.
 */

const JSON_TYPE = 'application/json;charset=UTF-8'

export type HuaweiClient = HttpJsonClient

export interface HuaweiClientOptions {
  /** Base URL, e.g. `https://cloudpipeline-ext.cn-north-4.myhuaweicloud.com`. */
  endpoint: string
  auth: HuaweiAuth
  fetch?: typeof fetch
  /** A hung server must not hang the step: the whole exchange, body included, is bounded. */
  timeoutMs?: number
}

export function createHuaweiClient(options: HuaweiClientOptions): HuaweiClient {
  return createHttpJsonClient({
    baseUrl: options.endpoint,
    headers: ({ method, url, body }) => authHeaders(options.auth, method, url, body),
    // A 2xx that carries an explicit error code is a failure too (only the flat `error_code`/`errorCode`
    // forms: a success body may well hold a `code` of its own); a non-2xx is read in every form.
    errorOf: (data, ok) => (ok ? explicitErrorOf(data) : errorOf(data)),
    // API Gateway's "request throttled".
    throttlingCodes: ['APIGW.0308'],
    requestIdHeader: 'x-request-id',
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {})
  })
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
