// Verifies Huawei Cloud SDK-HMAC-SHA256 (AK/SK) request signatures the way API Gateway does: rebuild the
// canonical request from what arrived, sign it with the SK on file, compare.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'

const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256'
const MAX_CLOCK_SKEW_MS = 15 * 60_000
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD'

export interface ArrivedRequest {
  method: string
  /** Raw request target: path and query as sent, still percent-encoded. */
  url: string
  /** Lowercase names, as node:http gives them. */
  headers: IncomingHttpHeaders
  body: Buffer
}

export interface SigningKey {
  ak: string
  sk: string
  securityToken?: string | undefined
}

export type Verdict = { ok: true; ak: string } | { ok: false; reason: string }

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex')

/** Percent-encodes each UTF-8 byte outside the unreserved set A-Za-z0-9-_.~ (uppercase hex). */
function huaweiEncode(value: string): string {
  let out = ''
  for (const byte of Buffer.from(value, 'utf8')) {
    const unreserved =
      (byte >= 0x30 && byte <= 0x39) || // 0-9
      (byte >= 0x41 && byte <= 0x5a) || // A-Z
      (byte >= 0x61 && byte <= 0x7a) || // a-z
      byte === 0x2d || // -
      byte === 0x2e || // .
      byte === 0x5f || // _
      byte === 0x7e // ~
    out += unreserved ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

/** Each raw path segment encoded (a '%' already there is encoded again, as the SDK does), then a trailing '/'. */
function canonicalUri(path: string): string {
  const uri = path.split('/').map(huaweiEncode).join('/')
  return uri.endsWith('/') ? uri : `${uri}/`
}

function decodeQueryPart(part: string): string {
  const spaced = part.replaceAll('+', ' ')
  try {
    return decodeURIComponent(spaced)
  } catch {
    return spaced
  }
}

/** Decoded `k=v` pairs sorted by key (then value), each re-encoded, joined by '&'. */
function canonicalQuery(query: string): string {
  const pairs = query
    .split('&')
    .filter(part => part !== '')
    .map(part => {
      const at = part.indexOf('=')
      const key = decodeQueryPart(at === -1 ? part : part.slice(0, at))
      return { key, value: at === -1 ? '' : decodeQueryPart(part.slice(at + 1)) }
    })
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  pairs.sort((a, b) => compare(a.key, b.key) || compare(a.value, b.value))
  return pairs.map(({ key, value }) => `${huaweiEncode(key)}=${huaweiEncode(value)}`).join('&')
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value.join(',') : value
}

/** The canonical request for `signedHeaders` (lowercase), or the name of a signed header that is missing. */
function canonicalRequest(
  request: ArrivedRequest,
  signedHeaders: readonly string[],
  payloadHash: string
): { ok: true; text: string } | { ok: false; missing: string } {
  const at = request.url.indexOf('?')
  const path = at === -1 ? request.url : request.url.slice(0, at)
  const query = at === -1 ? '' : request.url.slice(at + 1)
  let headers = ''
  for (const name of [...signedHeaders].sort()) {
    const value = headerValue(request.headers, name)
    if (value === undefined) return { ok: false, missing: name }
    headers += `${name}:${value.trim()}\n`
  }
  const lines = [request.method.toUpperCase(), canonicalUri(path), canonicalQuery(query), headers]
  return { ok: true, text: [...lines, signedHeaders.join(';'), payloadHash].join('\n') }
}

const AUTHORIZATION =
  /^SDK-HMAC-SHA256\s+Access=([^,\s]+)\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-fA-F]+)\s*$/
const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/

function parseSdkDate(value: string): number | undefined {
  const m = SDK_DATE.exec(value)
  if (!m) return undefined
  const [, y, mo, d, h, mi, s] = m.map(Number)
  return Date.UTC(y ?? 0, (mo ?? 1) - 1, d, h, mi, s)
}

/** Checks an AK/SK-signed request; `findKey` looks up the SK (and security token) for an AK. */
export function verifyHuaweiSignature(
  request: ArrivedRequest,
  findKey: (ak: string) => SigningKey | undefined,
  now: number
): Verdict {
  const fail = (reason: string): Verdict => ({ ok: false, reason })
  const auth = AUTHORIZATION.exec(headerValue(request.headers, 'authorization') ?? '')
  if (!auth)
    return fail(
      `the Authorization header is not ${SIGNING_ALGORITHM} Access=..., SignedHeaders=..., Signature=...`
    )
  const [, ak = '', signedList = '', signature = ''] = auth
  const signed = signedList.toLowerCase().split(';')
  const key = findKey(ak)
  if (!key) return fail(`unknown access key ${ak}`)
  if (!signed.includes('host')) return fail('SignedHeaders must include host')

  const dateHeader = headerValue(request.headers, 'x-sdk-date') ?? ''
  const date = parseSdkDate(dateHeader)
  if (date === undefined) return fail('X-Sdk-Date is missing or not YYYYMMDDTHHMMSSZ')
  if (Math.abs(now - date) > MAX_CLOCK_SKEW_MS)
    return fail('X-Sdk-Date is more than 15 minutes from the server time')

  const token = headerValue(request.headers, 'x-security-token')
  if (
    key.securityToken !== undefined &&
    (token !== key.securityToken || !signed.includes('x-security-token'))
  ) {
    return fail('temporary credentials need their signed X-Security-Token')
  }
  if (key.securityToken === undefined && token !== undefined)
    return fail('X-Security-Token given with a permanent AK')

  // The SDK may declare the payload hash itself; UNSIGNED-PAYLOAD leaves the body out of the signature.
  const bodyHash = sha256Hex(request.body)
  const declared = signed.includes('x-sdk-content-sha256')
    ? headerValue(request.headers, 'x-sdk-content-sha256')
    : undefined
  if (declared !== undefined && declared !== UNSIGNED_PAYLOAD && declared !== bodyHash) {
    return fail('the body does not match X-Sdk-Content-Sha256')
  }
  const canonical = canonicalRequest(request, signed, declared ?? bodyHash)
  if (!canonical.ok) return fail(`signed header ${canonical.missing} is missing`)

  const stringToSign = `${SIGNING_ALGORITHM}\n${dateHeader}\n${sha256Hex(canonical.text)}`
  const expected = Buffer.from(createHmac('sha256', key.sk).update(stringToSign).digest('hex'))
  const given = Buffer.from(signature.toLowerCase())
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return fail('the signature does not match')
  }
  return { ok: true, ak }
}
