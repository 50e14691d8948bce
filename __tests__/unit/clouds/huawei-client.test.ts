import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse
} from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { createHuaweiClient } from '../../../src/clouds/huawei/client.js'
import { HttpServiceError as HuaweiServiceError } from '../../../src/transport/http-json.js'
import {
  isNetworkError,
  isServerError,
  isThrottling,
  isTransient,
  requestIdOf
} from '../../../src/transport/classify.js'

const require = createRequire(import.meta.url)
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
  AKSKSigner: { sign(request: object, credential: object): Record<string, string> }
}

interface Received {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

type Handler = (req: Received, res: ServerResponse) => void

let server: Server
let endpoint: string
let handler: Handler
let received: Received[]

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const r = {
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body: Buffer.concat(chunks).toString()
      }
      received.push(r)
      handler(r, res)
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise(resolve => server.close(resolve))
})

beforeEach(() => {
  received = []
  handler = (_req, res) => {
    json(res, 200, { ok: true })
  }
})

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

const credentials = { kind: 'aksk' as const, accessKey: 'AKTEST0000', secretKey: 'sk/secret+value=' }

/** Server side: recompute the signature of what arrived with Huawei's official signer. */
function officialSignature(req: Received, secretKey: string): string | undefined {
  const match = /^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=[0-9a-f]{64}$/.exec(
    String(req.headers.authorization)
  )
  if (!match) return undefined
  const headers: Record<string, string> = {}
  for (const name of match[2]!.split(';')) {
    // The official signer reads the date from this exact header name.
    headers[name === 'x-sdk-date' ? 'X-Sdk-Date' : name] = String(req.headers[name])
  }
  const url = new URL(req.url, `http://${req.headers.host}`)
  const queryParams: Record<string, string[]> = {}
  for (const [key, value] of url.searchParams) (queryParams[key] ??= []).push(value)
  return AKSKSigner.sign(
    {
      method: req.method,
      endpoint: `http://${req.headers.host}${url.pathname}`,
      queryParams,
      headers,
      data: req.body === '' ? undefined : JSON.parse(req.body)
    },
    { getAk: () => match[1], getSk: () => secretKey }
  ).Authorization
}

describe('createHuaweiClient: what is sent', () => {
  it('sends the IAM token as X-Auth-Token with a JSON body and query', async () => {
    handler = (_req, res) => {
      json(res, 200, { pipeline_runs: [{ pipeline_run_id: 'r1' }] })
    }
    const client = createHuaweiClient({
      endpoint: `${endpoint}/`,
      auth: { kind: 'token', token: 'iam-token' }
    })

    const answer = await client.request('POST', '/v5/p/list', {
      query: { pipeline_run_id: 'abc', note: 'a b' },
      body: { offset: 0, limit: 1 }
    })

    expect(answer).toEqual({ pipeline_runs: [{ pipeline_run_id: 'r1' }] })
    expect(received).toHaveLength(1)
    const [req] = received
    expect(req!.method).toBe('POST')
    expect(req!.url).toBe('/v5/p/list?pipeline_run_id=abc&note=a+b')
    expect(req!.headers['x-auth-token']).toBe('iam-token')
    expect(req!.headers['content-type']).toBe('application/json;charset=UTF-8')
    expect(req!.headers.authorization).toBeUndefined()
    expect(JSON.parse(req!.body)).toEqual({ offset: 0, limit: 1 })
  })

  it('keeps a base path of the endpoint (private deployments)', async () => {
    const client = createHuaweiClient({
      endpoint: `${endpoint}/gateway`,
      auth: { kind: 'token', token: 't' }
    })
    await client.request('GET', '/v5/x')
    expect(received[0]!.url).toBe('/gateway/v5/x')
  })

  it.each([
    [
      'POST with a body',
      'POST',
      '/v5/p%20q/api/pipelines/list',
      { query: undefined, body: { offset: 0, 中文: '😀' } }
    ],
    [
      'GET with a query',
      'GET',
      '/v5/p/detail',
      { query: { pipeline_run_id: 'r 1+2', a: '' }, body: undefined }
    ],
    ['PUT without a body', 'PUT', '/v5/p/r1/retry', { query: undefined, body: undefined }]
  ] as const)(
    'signs AK/SK requests the official signer verifies server-side: %s',
    async (_name, method, path, options) => {
      const client = createHuaweiClient({ endpoint, auth: credentials })
      await client.request(method, path, {
        ...(options.query ? { query: options.query } : {}),
        ...(options.body ? { body: options.body } : {})
      })

      const [req] = received
      expect(req!.method).toBe(method)
      expect(req!.headers['x-auth-token']).toBeUndefined()
      expect(req!.headers['x-sdk-date']).toMatch(/^\d{8}T\d{6}Z$/)
      expect(req!.headers.authorization).toContain(
        'Access=AKTEST0000, SignedHeaders=content-type;host;x-sdk-date,'
      )
      expect(officialSignature(req!, credentials.secretKey)).toBe(req!.headers.authorization)
      // The check can fail: another secret gives another signature.
      expect(officialSignature(req!, 'other-secret')).not.toBe(req!.headers.authorization)
    }
  )

  it('sends and signs X-Security-Token for temporary credentials', async () => {
    const client = createHuaweiClient({ endpoint, auth: { ...credentials, securityToken: 'temp-token' } })
    await client.request('POST', '/v5/x', { body: { a: 1 } })
    const [req] = received
    expect(req!.headers['x-security-token']).toBe('temp-token')
    expect(req!.headers.authorization).toContain(
      'SignedHeaders=content-type;host;x-sdk-date;x-security-token,'
    )
    expect(officialSignature(req!, credentials.secretKey)).toBe(req!.headers.authorization)
  })
})

describe('createHuaweiClient: answers', () => {
  const client = (): ReturnType<typeof createHuaweiClient> =>
    createHuaweiClient({ endpoint, auth: { kind: 'token', token: 'secret-iam-token' } })

  async function failure(respond: Handler): Promise<HuaweiServiceError> {
    handler = respond
    const error = await client()
      .request('GET', '/v5/x')
      .then(
        () => undefined,
        (e: unknown) => e
      )
    expect(error).toBeInstanceOf(HuaweiServiceError)
    return error as HuaweiServiceError
  }

  it('surfaces a flat error body: error_code, error_msg, status and request id', async () => {
    const error = await failure((_req, res) => {
      json(
        res,
        404,
        { error_code: 'DEVPIPE.00011401', error_msg: 'pipeline not found' },
        { 'X-Request-Id': 'rid-1' }
      )
    })
    expect(error.name).toBe('DEVPIPE.00011401')
    expect(error.message).toBe('pipeline not found')
    expect(error.$fault).toBe('client')
    expect(error.$metadata).toEqual({ httpStatusCode: 404, requestId: 'rid-1' })
    expect(error.$retryable).toBeUndefined()
    expect(requestIdOf(error)).toBe('rid-1')
    expect(isTransient(error)).toBe(false)
  })

  it('surfaces a nested error body', async () => {
    const error = await failure((_req, res) => {
      json(res, 403, { error: { code: 'IAM.0001', message: 'no permission' } })
    })
    expect(error.name).toBe('IAM.0001')
    expect(error.message).toBe('no permission')
    expect(error.$metadata.httpStatusCode).toBe(403)
  })

  it.each([
    ['errorCode / errorMsg', { errorCode: 'DEVPIPE.00011169', errorMsg: 'queued: concurrency limit' }],
    ['code / message', { code: 'DEVPIPE.00011169', message: 'queued: concurrency limit' }],
    [
      'nested error_code',
      { error: { error_code: 'DEVPIPE.00011169', error_msg: 'queued: concurrency limit' } }
    ],
    ['nested errorCode', { result: { errorCode: 'DEVPIPE.00011169', errorMsg: 'queued: concurrency limit' } }]
  ])('reads a %s error body as Huawei SDKs do', async (_form, body) => {
    const error = await failure((_req, res) => json(res, 400, body))
    expect(error.name).toBe('DEVPIPE.00011169')
    expect(error.message).toBe('queued: concurrency limit')
    // The concurrency-limit code is the provider's transient name, whatever form it came in.
    expect(isTransient(error, new Set(['DEVPIPE.00011169']))).toBe(true)
  })

  it('does not take a 2xx body with a code field of its own for an error', async () => {
    handler = (_req, res) => json(res, 200, { success: true, code: 'OK', message: 'done' })
    const reply = await client().request('PUT', '/v5/x')
    expect(reply).toEqual({ success: true, code: 'OK', message: 'done' })
  })

  it('treats a 2xx answer that carries errorCode as a failure', async () => {
    const error = await failure((_req, res) => json(res, 200, { errorCode: 'DEV.1', errorMsg: 'no' }))
    expect(error.name).toBe('DEV.1')
  })

  it('treats a 2xx answer that carries error_code as a failure', async () => {
    const error = await failure((_req, res) => {
      json(
        res,
        200,
        { error_code: 'DEVPIPE.00011412', error_msg: 'project not found' },
        { 'X-Request-Id': 'rid-2' }
      )
    })
    expect(error.name).toBe('DEVPIPE.00011412')
    expect(error.message).toBe('project not found')
    expect(error.$metadata).toEqual({ httpStatusCode: 200, requestId: 'rid-2' })
    expect(isTransient(error)).toBe(false)
  })

  it('names an error answer without a code after its status; 5xx is a server fault', async () => {
    const error = await failure((_req, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' })
      res.end('<html>bad gateway</html>')
    })
    expect(error.name).toBe('HTTP502')
    expect(error.message).toBe('HTTP 502 Bad Gateway')
    expect(error.$fault).toBe('server')
    expect(isServerError(error)).toBe(true)
    expect(isTransient(error)).toBe(true)
  })

  it('marks APIGW.0308 and any 429 as throttling', async () => {
    const gateway = await failure((_req, res) => {
      json(res, 429, { error_code: 'APIGW.0308', error_msg: 'throttled' })
    })
    expect(gateway.name).toBe('APIGW.0308')
    expect(gateway.$retryable).toEqual({ throttling: true })
    expect(isThrottling(gateway)).toBe(true)
    const bare = await failure((_req, res) => {
      res.writeHead(429)
      res.end()
    })
    expect(bare.name).toBe('HTTP429')
    expect(isThrottling(bare)).toBe(true)
  })

  it('a 401 APIGW.0301 is a permanent client error that never shows the token', async () => {
    const error = await failure((_req, res) => {
      json(res, 401, { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information' })
    })
    expect(error.name).toBe('APIGW.0301')
    expect(error.$fault).toBe('client')
    expect(isTransient(error)).toBe(false)
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain('secret-iam-token')
  })

  it('returns {} for an empty 2xx answer and rejects one that is not JSON', async () => {
    handler = (_req, res) => {
      res.writeHead(200)
      res.end()
    }
    await expect(client().request('POST', '/v5/stop')).resolves.toEqual({})
    const error = await failure((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' })
      res.end('<html>login</html>')
    })
    expect(error.name).toBe('InvalidResponse')
    expect(isTransient(error)).toBe(false)
  })

  it('re-throws a lost connection as fetch reports it, which the classifier sees as a network error', async () => {
    handler = (_req, res) => res.socket?.destroy()
    const error = await client()
      .request('PUT', '/v5/retry')
      .catch((e: unknown) => e)
    // fetch's own TypeError (from another realm under jest, hence no instanceof) with the socket's code.
    expect((error as Error).name).toBe('TypeError')
    expect((error as { cause?: { code?: string } }).cause?.code).toMatch(/^(ECONNRESET|UND_ERR_SOCKET)$/)
    expect(isNetworkError(error)).toBe(true)
    expect(isTransient(error)).toBe(true)
  })

  it('gives up on a server that never answers after the timeout', async () => {
    handler = () => undefined
    const started = Date.now()
    const error = await createHuaweiClient({ endpoint, auth: { kind: 'token', token: 't' }, timeoutMs: 150 })
      .request('GET', '/v5/hang')
      .catch((e: unknown) => e)
    expect(Date.now() - started).toBeLessThan(5000)
    expect((error as Error).name).toBe('TimeoutError')
    expect(isNetworkError(error)).toBe(true)
  })

  it('uses an injected fetch', async () => {
    const calls: string[] = []
    const fake: typeof fetch = (input: string | URL | Request) => {
      calls.push(new URL(input).href)
      return Promise.resolve(new Response('{"success":true}', { status: 200 }))
    }
    const answer = await createHuaweiClient({
      endpoint: 'https://h.example',
      auth: { kind: 'token', token: 't' },
      fetch: fake
    }).request('PUT', '/v5/a/retry')
    expect(answer).toEqual({ success: true })
    expect(calls).toEqual(['https://h.example/v5/a/retry'])
  })
})
