import { describe, expect, it } from '@jest/globals'
import { google } from '../../../src/clouds/google/cloud.js'
import { createGoogleClient } from '../../../src/clouds/google/client.js'
import { HttpServiceError } from '../../../src/transport/http-json.js'
import { isThrottling, isTransient } from '../../../src/transport/classify.js'

const given = (values: Record<string, string>) => (name: string) => values[name]

describe('Google Cloud credentials and location', () => {
  it('gcp-access-token wins over GOOGLE_OAUTH_ACCESS_TOKEN; with neither, Application Default Credentials', () => {
    expect(
      google.connect(given({ 'gcp-access-token': 'a' }), { GOOGLE_OAUTH_ACCESS_TOKEN: 'b' }, undefined)
    ).toEqual({
      region: 'global',
      credentials: { kind: 'token', token: 'a' }
    })
    expect(google.connect(given({}), { GOOGLE_OAUTH_ACCESS_TOKEN: 'b' }, undefined).credentials).toEqual({
      kind: 'token',
      token: 'b'
    })
    expect(google.connect(given({ 'gcp-location': 'us-central1' }), {}, undefined)).toEqual({
      region: 'us-central1',
      credentials: { kind: 'adc' }
    })
  })

  it('Google error bodies are read by their status; RESOURCE_EXHAUSTED is throttling, UNAVAILABLE transient', async () => {
    const answer = (status: number, code: string) =>
      createGoogleClient({
        endpoint: 'https://cloudbuild.googleapis.com',
        auth: { kind: 'token', token: 't' },
        fetch: () =>
          Promise.resolve(
            new Response(JSON.stringify({ error: { code: status, message: `m ${code}`, status: code } }), {
              status
            })
          )
      })
        .request('GET', '/v1/x')
        .then(
          () => undefined,
          (e: unknown) => e as HttpServiceError
        )
    const notFound = await answer(404, 'NOT_FOUND')
    expect([notFound?.name, notFound?.message, isTransient(notFound)]).toEqual([
      'NOT_FOUND',
      'm NOT_FOUND',
      false
    ])
    expect(isThrottling(await answer(429, 'RESOURCE_EXHAUSTED'))).toBe(true)
    expect(isTransient(await answer(503, 'UNAVAILABLE'))).toBe(true)
  })
})
