import { createRequire } from 'node:module'
import { createHash, createHmac } from 'node:crypto'
import { describe, expect, it } from '@jest/globals'
import { encodePathSegment, sdkDate, signRequest } from '../../../src/clouds/huawei/signer.js'

// The official signer is CommonJS (moment, lodash); createRequire loads it the way Node would.
const require = createRequire(import.meta.url)
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
  AKSKSigner: { sign(request: object, credential: object): Record<string, string> }
}

interface Credentials {
  accessKey: string
  secretKey: string
  securityToken?: string
}

/** A generated request in both forms: ours (a wire URL and body bytes) and the official signer's. */
interface Case {
  method: string
  base: string
  /** Path as sent (percent-encoded). */
  path: string
  /** Decoded query pairs, in the order they are sent. */
  query: [string, string][]
  queryStyle: 'form' | 'strict'
  headers: Record<string, string>
  body?: object | undefined
  credentials: Credentials
  date: Date
}

/** Mulberry32: a small seeded generator, so a failing case can be reproduced from its index. */
function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ALPHABET = [
  ...Array.from('abcxyzABCXYZ0189-_.~'),
  ' ',
  ':',
  '@',
  '%',
  '+',
  '=',
  '&',
  ',',
  ';',
  '$',
  '!',
  '*',
  "'",
  '(',
  ')',
  '"',
  '#',
  '?',
  '/',
  'é',
  'ü',
  '中',
  '文',
  '😀',
  '\u00a0'
]
/** Characters that may stand unencoded in a path as sent; both URL parsers keep them as they are. */
const RAW_PATH_SAFE = /^[A-Za-z0-9\-_.~:@+=,;$!*()%]$/

function generator(random: () => number) {
  const int = (n: number): number => Math.floor(random() * n)
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!
  const text = (min: number, max: number): string =>
    Array.from({ length: min + int(max - min + 1) }, () => pick(ALPHABET)).join('')

  /** A segment as sent: fully encoded, or with the characters that may stay raw left raw. */
  const segment = (): string => {
    let raw = text(1, 6)
    while (raw === '.' || raw === '..') raw = text(1, 6)
    if (random() < 0.5) return encodePathSegment(raw)
    // Code points, so an emoji stays whole.
    return Array.from(raw)
      .map(c => (RAW_PATH_SAFE.test(c) ? c : encodePathSegment(c)))
      .join('')
  }

  const query = (): [string, string][] => {
    const keys = ['limit', 'offset', 'pipeline_run_id', 'a', 'A', 'b', 'key', 'Z']
    return Array.from({ length: int(5) }, () => {
      const key = random() < 0.6 ? pick(keys) : text(1, 5)
      return [key, random() < 0.15 ? '' : text(0, 8)] as [string, string]
    })
  }

  const headers = (): Record<string, string> => {
    const result: Record<string, string> = {}
    if (random() < 0.7) result['Content-Type'] = 'application/json;charset=UTF-8'
    for (let i = int(4); i > 0; i--) {
      const name = `X-${pick(['Custom', 'Trace', 'a', 'b1', 'Project-Id', 'Zeta'])}${random() < 0.5 ? `-${int(99)}` : ''}`
      const value = `v${int(1000)}${random() < 0.3 ? '  inner  space' : ''}${random() < 0.3 ? ';q=0.5,b' : ''}`
      result[name] = value
    }
    return result
  }

  const body = (): object | undefined => {
    const shape = int(4)
    if (shape === 0) return undefined
    if (shape === 1) return { offset: 0, limit: 1, sort_key: 'start_time', sort_dir: 'desc' }
    if (shape === 2) return { name: text(0, 12), tags: [text(0, 4), '中文', '😀'], n: int(1e6) }
    return { status: ['FAILED', 'RUNNING'], nested: { deep: { note: `line\n"quoted" ${text(0, 6)}` } } }
  }

  return (): Case => ({
    method: pick(['GET', 'POST', 'PUT', 'DELETE']),
    base: pick(['https://cloudpipeline-ext.cn-north-4.myhuaweicloud.com', 'http://127.0.0.1:8443']),
    path: `/${Array.from({ length: 1 + int(4) }, segment).join('/')}${random() < 0.3 ? '/' : ''}`,
    query: query(),
    queryStyle: random() < 0.5 ? 'form' : 'strict',
    headers: headers(),
    body: body(),
    credentials: {
      accessKey: `AK${text(0, 0)}${int(1e9)}`.replace(/[^A-Za-z0-9]/g, 'Q'),
      secretKey: `sk-${int(1e9)}-${pick(['x', 'secret/with+chars=', '中文'])}`,
      ...(random() < 0.5 ? { securityToken: `token-${int(1e9)}==` } : {})
    },
    date: new Date(Date.UTC(2020, 0, 1) + int(8 * 365 * 24 * 3600) * 1000)
  })
}

function wireQuery(c: Case): string {
  if (c.query.length === 0) return ''
  if (c.queryStyle === 'form') return `?${new URLSearchParams(c.query).toString()}`
  return `?${c.query.map(([k, v]) => `${encodePathSegment(k)}=${encodePathSegment(v)}`).join('&')}`
}

function ours(c: Case): Record<string, string> {
  return signRequest(
    {
      method: c.method,
      url: `${c.base}${c.path}${wireQuery(c)}`,
      headers: c.headers,
      ...(c.body ? { body: JSON.stringify(c.body) } : {})
    },
    c.credentials,
    c.date
  )
}

/** The same request as the official SDK builds it: decoded query object, body object, headers it adds. */
function official(c: Case): Record<string, string> {
  const queryParams: Record<string, string | string[]> = {}
  for (const [key, value] of c.query) {
    const had = queryParams[key]
    queryParams[key] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value]
  }
  const headers: Record<string, string> = { ...c.headers, 'X-Sdk-Date': sdkDate(c.date) }
  if (c.credentials.securityToken) headers['X-Security-Token'] = c.credentials.securityToken
  return AKSKSigner.sign(
    { method: c.method, endpoint: `${c.base}${c.path}`, queryParams, headers, data: c.body },
    { getAk: () => c.credentials.accessKey, getSk: () => c.credentials.secretKey }
  )
}

describe('signRequest against the official AKSKSigner', () => {
  const next = generator(seeded(20240321))
  const cases = Array.from({ length: 400 }, next)

  it('produces the same Authorization header on 400 generated requests', () => {
    const mismatches = cases
      .map((c, index) => ({ index, c, ours: ours(c).Authorization, official: official(c).Authorization }))
      .filter(r => r.ours !== r.official)
    expect(mismatches.slice(0, 3)).toEqual([])
  })

  it('covers the edge cases it is meant to cover', () => {
    const has = (test: (c: Case) => boolean): number => cases.filter(test).length
    expect(has(c => /%25|%20|%C3|%F0/.test(c.path))).toBeGreaterThan(50)
    expect(has(c => /[:@+]/.test(c.path))).toBeGreaterThan(50)
    expect(has(c => new Set(c.query.map(([k]) => k)).size < c.query.length)).toBeGreaterThan(30)
    expect(has(c => c.query.some(([k, v]) => /[^A-Za-z0-9]/.test(k + v)))).toBeGreaterThan(100)
    expect(has(c => c.body === undefined)).toBeGreaterThan(50)
    expect(has(c => JSON.stringify(c.body ?? '').includes('中文'))).toBeGreaterThan(50)
    expect(has(c => c.credentials.securityToken !== undefined)).toBeGreaterThan(100)
    expect(has(c => c.credentials.securityToken === undefined)).toBeGreaterThan(100)
    for (const method of ['GET', 'POST', 'PUT', 'DELETE'])
      expect(has(c => c.method === method)).toBeGreaterThan(50)
  })

  it('returns the date, host and token headers that were signed', () => {
    const c = cases.find(x => x.credentials.securityToken && x.base.startsWith('http://'))!
    const added = ours(c)
    const theirs = official(c)
    expect(added['X-Sdk-Date']).toBe(sdkDate(c.date))
    expect(added.host).toBe('127.0.0.1:8443')
    expect(theirs.host).toBe(added.host)
    expect(added['X-Security-Token']).toBe(c.credentials.securityToken)
    expect(added.Authorization).toContain('x-sdk-date')
    expect(added.Authorization).toContain('x-security-token')
  })
})

describe('signRequest', () => {
  const credentials = { accessKey: 'AKEXAMPLE', secretKey: 'SKEXAMPLE' }
  const date = new Date(Date.UTC(2024, 2, 21, 8, 5, 9))

  /**
   * The algorithm of docs/service-facts.md written out by hand for one request: a fixed expectation. The `%20` sent
   * is encoded again (`%2520`), as the official signer does with the path it is given.
   */
  it('matches the canonical request of docs/service-facts.md worked by hand', () => {
    const body = '{"offset":0}'
    const canonical = [
      'POST',
      '/v5/p%25201/api/',
      'a=1&a=2&b=x%2By',
      'content-type:application/json\nhost:example.com\nx-sdk-date:20240321T080509Z\n',
      'content-type;host;x-sdk-date',
      createHash('sha256').update(body).digest('hex')
    ].join('\n')
    const toSign = `SDK-HMAC-SHA256\n20240321T080509Z\n${createHash('sha256').update(canonical).digest('hex')}`
    const signature = createHmac('sha256', 'SKEXAMPLE').update(toSign).digest('hex')

    const added = signRequest(
      {
        method: 'post',
        url: 'https://example.com/v5/p%201/api?b=x%2By&a=2&a=1',
        headers: { 'Content-Type': ' application/json ' },
        body
      },
      credentials,
      date
    )
    expect(added).toEqual({
      'X-Sdk-Date': '20240321T080509Z',
      host: 'example.com',
      Authorization: `SDK-HMAC-SHA256 Access=AKEXAMPLE, SignedHeaders=content-type;host;x-sdk-date, Signature=${signature}`
    })
  })

  it('adds X-Security-Token only for temporary credentials', () => {
    const url = 'https://example.com/x'
    expect(signRequest({ method: 'GET', url }, credentials, date)).not.toHaveProperty('X-Security-Token')
    const withToken = signRequest({ method: 'GET', url }, { ...credentials, securityToken: 'st' }, date)
    expect(withToken['X-Security-Token']).toBe('st')
    expect(withToken.Authorization).toContain('SignedHeaders=host;x-sdk-date;x-security-token,')
  })

  it('signs the body bytes: a different body gives a different signature', () => {
    const sign = (body?: string): string =>
      signRequest(
        { method: 'PUT', url: 'https://example.com/', ...(body === undefined ? {} : { body }) },
        credentials,
        date
      ).Authorization!
    expect(sign()).toBe(sign(''))
    expect(sign('{"a":1}')).not.toBe(sign('{"a":2}'))
    expect(sign('é')).toBe(
      signRequest({ method: 'PUT', url: 'https://example.com/', body: Buffer.from('é') }, credentials, date)
        .Authorization
    )
  })

  it('uses the current time by default', () => {
    const before = sdkDate(new Date())
    const stamp = signRequest({ method: 'GET', url: 'https://example.com/' }, credentials)['X-Sdk-Date']!
    expect(stamp).toMatch(/^\d{8}T\d{6}Z$/)
    expect(stamp >= before).toBe(true)
  })

  it('encodes path segments strictly (RFC 3986 unreserved only)', () => {
    expect(encodePathSegment("a b+c:@%!*'()~._-中")).toBe('a%20b%2Bc%3A%40%25%21%2A%27%28%29~._-%E4%B8%AD')
  })
})
