import { describe, expect, it } from '@jest/globals'
import { azureAuthOf, azureDevOps } from '../../../src/clouds/azure/cloud.js'
import { createAzureClient } from '../../../src/clouds/azure/client.js'
import { HttpServiceError } from '../../../src/transport/http-json.js'
import { isTransient } from '../../../src/transport/classify.js'

/** A fetch that answers every request with `status`, `body` and `type`, and keeps what it was sent. */
function answering(status: number, body: string, type = 'application/json') {
  const sent: { url: string; init: RequestInit }[] = []
  const fetch = (url: URL | string, init?: RequestInit): Promise<Response> => {
    sent.push({ url: String(url), init: init ?? {} })
    return Promise.resolve(
      new Response(status === 204 ? null : body, { status, headers: { 'content-type': type } })
    )
  }
  return { fetch: fetch as typeof globalThis.fetch, sent }
}

describe('Azure DevOps credentials', () => {
  it('a JWT (System.AccessToken, an Entra ID token) is a bearer token; anything else a PAT', () => {
    expect(azureAuthOf('eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiJ4In0.c2ln')).toMatchObject({ kind: 'bearer' })
    expect(azureAuthOf('abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst')).toMatchObject({ kind: 'pat' })
  })

  it('the input wins over AZURE_DEVOPS_TOKEN; with neither, the Entra ID default credential', () => {
    const given = (values: Record<string, string>) => (name: string) => values[name]
    expect(
      azureDevOps.connect(
        given({ 'azure-devops-token': 'pat-a' }),
        { AZURE_DEVOPS_TOKEN: 'pat-b' },
        undefined
      )
    ).toEqual({
      credentials: { kind: 'pat', token: 'pat-a' }
    })
    expect(azureDevOps.connect(given({}), { AZURE_DEVOPS_TOKEN: 'pat-b' }, undefined).credentials).toEqual({
      kind: 'pat',
      token: 'pat-b'
    })
    expect(azureDevOps.connect(given({}), {}, undefined).credentials).toEqual({ kind: 'entra' })
  })

  it('a PAT goes as HTTP Basic with an empty user name; a bearer token as Bearer', async () => {
    const pat = answering(200, '{}')
    await createAzureClient({
      endpoint: 'https://dev.azure.com',
      auth: { kind: 'pat', token: 'p4t' },
      fetch: pat.fetch
    }).request('GET', '/x')
    expect((pat.sent[0]?.init.headers as Record<string, string>).Authorization).toBe(
      `Basic ${Buffer.from(':p4t').toString('base64')}`
    )
    const bearer = answering(200, '{}')
    await createAzureClient({
      endpoint: 'https://dev.azure.com',
      auth: { kind: 'bearer', token: 'tkn' },
      fetch: bearer.fetch
    }).request('GET', '/x')
    expect((bearer.sent[0]?.init.headers as Record<string, string>).Authorization).toBe('Bearer tkn')
  })
})

describe('Azure DevOps answers', () => {
  const request = (status: number, body: string, type?: string) =>
    createAzureClient({
      endpoint: 'https://dev.azure.com',
      auth: { kind: 'pat', token: 'p' },
      fetch: answering(status, body, type).fetch
    })
      .request('GET', '/x')
      .then(
        () => undefined,
        (error: unknown) => error as HttpServiceError
      )

  it('HTTP 203 with a sign-in page is an authentication error, not an answer, and not tried again', async () => {
    const error = await request(203, '<html>Sign In</html>', 'text/html')
    expect(error).toBeInstanceOf(HttpServiceError)
    expect(error?.name).toBe('HTTP401')
    expect(error?.message).toContain('sign-in page (HTTP 203)')
    expect(isTransient(error)).toBe(false)
  })

  it('an error body is read by its typeKey and message', async () => {
    const error = await request(
      409,
      JSON.stringify({
        $id: '1',
        message: 'Unable to retry stage Deploy',
        typeKey: 'InvalidPipelineOperationException',
        errorCode: 0
      })
    )
    expect([error?.name, error?.message]).toEqual([
      'InvalidPipelineOperationException',
      'Unable to retry stage Deploy'
    ])
  })

  it('429 TF400733 is throttling with its Retry-After; 503 is transient', async () => {
    expect(
      isTransient(
        await request(
          429,
          JSON.stringify({ message: 'TF400733: blocked', typeKey: 'RequestBlockedException' })
        )
      )
    ).toBe(true)
    expect(isTransient(await request(503, ''))).toBe(true)
  })
})
