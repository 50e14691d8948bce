import { createHash, createHmac } from 'node:crypto'

/**
 * Huawei Cloud AK/SK request signing (SDK-HMAC-SHA256), as docs/service-facts.md describes it and as the official
 * `AKSKSigner` of @huaweicloud/huaweicloud-sdk-core computes it (the tests compare both on many requests).
 * Our own ~80 lines instead of the SDK core, which would pull 45 packages into the bundle.
 */

const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256'

export interface AkSkCredentials {
  accessKey: string
  secretKey: string
  /** Temporary credentials: sent and signed as X-Security-Token. */
  securityToken?: string
}

export interface SignableRequest {
  method: string
  /**
   * The URL exactly as sent: path segments already percent-encoded (see encodePathSegment). The canonical
   * path encodes the path as it appears here, escapes included, as the official signer does.
   */
  url: string | URL
  /** Headers to sign besides X-Sdk-Date, host and X-Security-Token (all given headers are signed). */
  headers?: Readonly<Record<string, string>>
  /** The body bytes exactly as sent. */
  body?: string | Uint8Array
}

/** RFC 3986 percent-encoding of UTF-8 bytes; only A-Za-z0-9 - _ . ~ stay as they are. */
export function encodePathSegment(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** `YYYYMMDDTHHMMSSZ` in UTC. */
export function sdkDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

/**
 * The headers to add to `request` so that Huawei's API gateway accepts it: X-Sdk-Date, Authorization,
 * X-Security-Token (temporary credentials) and host (the value signed; fetch sends the same from the URL).
 */
export function signRequest(
  request: SignableRequest,
  credentials: AkSkCredentials,
  date: Date = new Date()
): Record<string, string> {
  const url = new URL(request.url)
  const given = lowerCaseKeys(request.headers ?? {})
  const added: Record<string, string> = { 'X-Sdk-Date': sdkDate(date), host: given.host ?? url.host }
  if (credentials.securityToken) added['X-Security-Token'] = credentials.securityToken
  const headers = { ...given, ...lowerCaseKeys(added) }

  const names = Object.keys(headers).sort(byCodeUnit)
  const signedHeaders = names.join(';')
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalPath(url.pathname),
    canonicalQuery(url.searchParams),
    // Trimmed: fetch strips the whitespace around header values before sending, so the gateway sees this.
    names.map(name => `${name}:${(headers[name] ?? '').trim()}\n`).join(''),
    signedHeaders,
    // The official signer lets a caller sign a precomputed (or UNSIGNED-PAYLOAD) body hash this way.
    headers['x-sdk-content-sha256'] ?? sha256Hex(request.body ?? '')
  ].join('\n')
  const stringToSign = [SIGNING_ALGORITHM, added['X-Sdk-Date'], sha256Hex(canonicalRequest)].join('\n')
  const signature = createHmac('sha256', credentials.secretKey).update(stringToSign).digest('hex')
  return {
    ...added,
    Authorization: `${SIGNING_ALGORITHM} Access=${credentials.accessKey}, SignedHeaders=${signedHeaders}, Signature=${signature}`
  }
}

/**
 * Each segment of the path as it appears in the URL is percent-encoded again, so an escape such as `%20`
 * becomes `%2520`: that is what the official Node.js signer does (it encodes `url.parse(...).pathname`).
 * The trailing `/` is always added.
 */
function canonicalPath(pathname: string): string {
  const path = pathname.split('/').map(encodePathSegment).join('/')
  return path.endsWith('/') ? path : `${path}/`
}

/**
 * Decoded keys and values, sorted by key then value (UTF-16 code units, before encoding, as the official
 * signer sorts its query object's keys and each repeated key's values), each encoded, `k=v` joined by `&`.
 */
function canonicalQuery(params: URLSearchParams): string {
  return [...params]
    .sort(([k1, v1], [k2, v2]) => byCodeUnit(k1, k2) || byCodeUnit(v1, v2))
    .map(([key, value]) => `${encodePathSegment(key)}=${encodePathSegment(value)}`)
    .join('&')
}

function lowerCaseKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}
