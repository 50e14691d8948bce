import { describe, expect, it } from '@jest/globals'
import { createHttpJsonClient, HttpServiceError } from '../../../src/transport/http-json.js'
import { isThrottling, isTransient, retryAfterOf } from '../../../src/transport/classify.js'

/** A fetch that answers `status` with `body` and `headers`, and records what it was sent. */
function answering(status: number, body: string, headers: Record<string, string> = {}) {
  const sent: { url: string; init: RequestInit }[] = []
  const fetch: typeof globalThis.fetch = (url, init) => {
    sent.push({ url: url instanceof Request ? url.url : url.toString(), init: init ?? {} })
    return Promise.resolve(new Response(status === 204 ? null : body, { status, headers }))
  }
  return { fetch, sent }
}

async function failure(promise: Promise<unknown>): Promise<HttpServiceError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(HttpServiceError)
  return error as HttpServiceError
}

describe('createHttpJsonClient', () => {
  it('sends JSON with the given headers, never following a redirect, and reads the JSON answer', async () => {
    const { fetch, sent } = answering(200, '{"ok":true}')
    const client = createHttpJsonClient({
      baseUrl: 'https://api.example.com/',
      headers: ({ method, url, body }) => ({ Authorization: `${method} ${url.pathname} ${body ?? ''}` }),
      fetch
    })
    await expect(
      client.request('PATCH', '/things/1', { query: { a: 'b c' }, body: { x: 1 } })
    ).resolves.toEqual({
      ok: true
    })
    expect(sent[0]?.url).toBe('https://api.example.com/things/1?a=b+c')
    expect(sent[0]?.init.redirect).toBe('manual')
    expect(sent[0]?.init.headers).toMatchObject({ Authorization: 'PATCH /things/1 {"x":1}' })
  })

  it('a 3xx is a permanent error naming the endpoint and where it pointed', async () => {
    const { fetch } = answering(307, '', { location: 'https://elsewhere.example/x' })
    const error = await failure(
      createHttpJsonClient({ baseUrl: 'https://api.example.com', fetch }).request('GET', '/')
    )
    expect(error.name).toBe('Redirected')
    expect(error.message).toContain(
      'the endpoint https://api.example.com answered HTTP 307 with a redirect to https://elsewhere.example'
    )
    expect(isTransient(error)).toBe(false)
  })

  it('429 with retry-after is throttling that says when to come back; a stated throttling code too', async () => {
    const limited = answering(429, '{"code":"TooMany","message":"slow down"}', { 'retry-after': '7' })
    const error = await failure(
      createHttpJsonClient({ baseUrl: 'https://a.example', fetch: limited.fetch }).request('GET', '/')
    )
    expect([error.name, error.message, isThrottling(error), retryAfterOf(error)]).toEqual([
      'TooMany',
      'slow down',
      true,
      7000
    ])
    const coded = answering(400, '{"code":"SLOW"}')
    const client = createHttpJsonClient({
      baseUrl: 'https://a.example',
      fetch: coded.fetch,
      throttlingCodes: ['SLOW']
    })
    expect(isThrottling(await failure(client.request('GET', '/')))).toBe(true)
  })

  it('5xx is transient; a 2xx that is not JSON is unreadable; a 2xx stating an error (errorOf) fails', async () => {
    const server = answering(503, 'busy')
    expect(
      isTransient(
        await failure(
          createHttpJsonClient({ baseUrl: 'https://a.example', fetch: server.fetch }).request('GET', '/')
        )
      )
    ).toBe(true)
    const garbled = answering(200, '<html>')
    expect(
      (
        await failure(
          createHttpJsonClient({ baseUrl: 'https://a.example', fetch: garbled.fetch }).request('GET', '/')
        )
      ).name
    ).toBe('InvalidResponse')
    const stated = answering(200, '{"error_code":"E1","error_msg":"no"}')
    const client = createHttpJsonClient({
      baseUrl: 'https://a.example',
      fetch: stated.fetch,
      errorOf: data =>
        (data as { error_code?: string }).error_code ? { code: 'E1', message: 'no' } : undefined
    })
    expect((await failure(client.request('GET', '/'))).name).toBe('E1')
  })
})
