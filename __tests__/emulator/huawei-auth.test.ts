// CodeArts authentication, checked against Huawei's official AK/SK signer from @huaweicloud/huaweicloud-sdk-core.
import { afterEach, describe, expect, it } from '@jest/globals'
import { request } from 'node:http'
import { createRequire } from 'node:module'
import {
  DEMO_IDS,
  demoScenario,
  startEmulator,
  type Emulator,
  type StartOptions
} from '../../tools/emulator/index.js'

function omit(headers: Record<string, string>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name))
}

// The official signer is CommonJS (moment, lodash); createRequire loads it the way Node would.
const require = createRequire(import.meta.url)
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
  AKSKSigner: { sign(request: object, credential: object): Record<string, string> }
}

const BASE = `/v5/${DEMO_IDS.codeartsProject}/api/pipelines/${DEMO_IDS.codeartsPipeline}/pipeline-runs`
const TEMP = { ak: 'TEMPAK000000000000000001', sk: 'temp-secret', securityToken: 'session-token-xyz' }

interface Reply {
  status: number
  body: any
}

let emu: Emulator
afterEach(async () => {
  await emu.close()
})

async function start(options: StartOptions = {}) {
  const scenario = demoScenario()
  scenario.codearts?.credentials?.push(TEMP)
  emu = await startEmulator(scenario, options)
}

interface Signing {
  method: string
  path: string
  query?: Record<string, string>
  body?: object
  ak?: string
  sk?: string
  headers?: Record<string, string>
}

/** Headers the official signer produces for the request (it adds Host, X-Sdk-Date and Authorization). */
function officialHeaders(s: Signing): Record<string, string> {
  const headers: Record<string, string> = {
    ...(s.body ? { 'Content-Type': 'application/json;charset=UTF-8' } : {}),
    ...s.headers
  }
  return AKSKSigner.sign(
    { method: s.method, endpoint: `${emu.url}${s.path}`, queryParams: s.query ?? {}, headers, data: s.body },
    { getAk: () => s.ak ?? DEMO_IDS.huaweiAk, getSk: () => s.sk ?? DEMO_IDS.huaweiSk }
  )
}

/** Sends exactly these headers (fetch would not let Host through) and body. */
function send(
  method: string,
  pathAndQuery: string,
  headers: Record<string, string>,
  body = ''
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${emu.url}${pathAndQuery}`, { method, headers }, res => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined })
      })
    })
    req.on('error', reject)
    req.end(body)
  })
}

const query = (q: Record<string, string>) =>
  `?${Object.entries(q)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&')}`

const listBody = { offset: 0, limit: 10, sort_key: 'start_time', sort_dir: 'desc' }

function expectRejected(reply: Reply, why: string): void {
  expect(reply.status).toBe(401)
  expect(reply.body.error_code).toBe('APIGW.0301')
  expect(reply.body.error_msg).toMatch(/^Incorrect IAM authentication information: /)
  expect(reply.body.error_msg).toContain(why)
}

describe('AK/SK requests signed by the official AKSKSigner', () => {
  it('are accepted: a JSON POST, a GET with a query, a PUT without body, and UNSIGNED-PAYLOAD', async () => {
    await start()
    const list = await send(
      'POST',
      `${BASE}/list`,
      officialHeaders({ method: 'POST', path: `${BASE}/list`, body: listBody }),
      JSON.stringify(listBody)
    )
    expect(list.status).toBe(200)
    expect(list.body.total).toBe(2)

    const q = { pipeline_run_id: DEMO_IDS.codeartsFailedRun }
    const detail = await send(
      'GET',
      `${BASE}/detail${query(q)}`,
      officialHeaders({ method: 'GET', path: `${BASE}/detail`, query: q })
    )
    expect(detail.status).toBe(200)
    expect(detail.body.id).toBe(DEMO_IDS.codeartsFailedRun)

    const retryPath = `${BASE}/${DEMO_IDS.codeartsFailedRun}/retry`
    const retry = await send('PUT', retryPath, officialHeaders({ method: 'PUT', path: retryPath }))
    expect(retry.body).toEqual({ success: true })

    // What the SDK does for a request without a JSON content type.
    const unsigned = { 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' }
    const stop = await send(
      'POST',
      `${BASE}/${DEMO_IDS.codeartsFailedRun}/stop`,
      officialHeaders({
        method: 'POST',
        path: `${BASE}/${DEMO_IDS.codeartsFailedRun}/stop`,
        headers: unsigned
      })
    )
    expect(stop.status).not.toBe(401)
  })

  it('encode query values the way the official signer does', async () => {
    await start()
    const q = { pipeline_run_id: 'a b+c/d~é', extra: 'x=y&z' }
    const reply = await send(
      'GET',
      `${BASE}/detail${query(q)}`,
      officialHeaders({ method: 'GET', path: `${BASE}/detail`, query: q })
    )
    expect(reply.status).toBe(404) // signature accepted; no such run
    expect(reply.body.error_code).not.toBe('APIGW.0301')
  })

  it('are rejected when the body, path, query or a signed header was tampered with', async () => {
    await start()
    const signed = officialHeaders({ method: 'POST', path: `${BASE}/list`, body: listBody })
    expectRejected(
      await send('POST', `${BASE}/list`, signed, JSON.stringify({ ...listBody, limit: 11 })),
      'signature'
    )
    const otherPath = BASE.replace(DEMO_IDS.codeartsPipeline, 'f'.repeat(32))
    expectRejected(await send('POST', `${otherPath}/list`, signed, JSON.stringify(listBody)), 'signature')

    const q = { pipeline_run_id: DEMO_IDS.codeartsFailedRun }
    const detailHeaders = officialHeaders({ method: 'GET', path: `${BASE}/detail`, query: q })
    expectRejected(await send('GET', `${BASE}/detail?pipeline_run_id=other`, detailHeaders), 'signature')
    const withProject = officialHeaders({
      method: 'GET',
      path: `${BASE}/detail`,
      headers: { 'X-Project-Id': 'p1' }
    })
    const withoutProject = omit(withProject, 'X-Project-Id')
    expectRejected(
      await send('GET', `${BASE}/detail`, withoutProject),
      'signed header x-project-id is missing'
    )
    const undated = omit(detailHeaders, 'X-Sdk-Date')
    expectRejected(await send('GET', `${BASE}/detail${query(q)}`, undated), 'X-Sdk-Date is missing')
    const laterDate = {
      ...detailHeaders,
      'X-Sdk-Date': detailHeaders['X-Sdk-Date']!.replace(/\d(?=Z$)/, d => String((Number(d) + 1) % 10))
    }
    expectRejected(await send('GET', `${BASE}/detail${query(q)}`, laterDate), 'signature')
  })

  it('are rejected with an unknown AK, a wrong SK, or a date more than 15 minutes off', async () => {
    await start({ now: () => Date.now() + 16 * 60_000 })
    const path = `${BASE}/detail`
    expectRejected(await send('GET', path, officialHeaders({ method: 'GET', path })), '15 minutes')
    await emu.close()

    await start({ now: () => Date.now() - 10 * 60_000 })
    expect((await send('GET', path, officialHeaders({ method: 'GET', path }))).status).toBe(200)
    expectRejected(
      await send('GET', path, officialHeaders({ method: 'GET', path, ak: 'NOSUCHAK' })),
      'unknown access key'
    )
    expectRejected(
      await send('GET', path, officialHeaders({ method: 'GET', path, sk: 'wrong' })),
      'signature'
    )
  })

  it('need the signed X-Security-Token with temporary credentials', async () => {
    await start()
    const path = `${BASE}/detail`
    const withToken = officialHeaders({
      method: 'GET',
      path,
      ak: TEMP.ak,
      sk: TEMP.sk,
      headers: { 'X-Security-Token': TEMP.securityToken }
    })
    expect((await send('GET', path, withToken)).status).toBe(200)
    const without = officialHeaders({ method: 'GET', path, ak: TEMP.ak, sk: TEMP.sk })
    expectRejected(await send('GET', path, without), 'X-Security-Token')
  })
})

describe('X-Auth-Token', () => {
  it('accepts a scenario token and rejects others or no authentication at all', async () => {
    await start()
    const path = `${BASE}/detail`
    expect((await send('GET', path, { 'X-Auth-Token': DEMO_IDS.huaweiToken })).status).toBe(200)
    expectRejected(await send('GET', path, { 'X-Auth-Token': 'stale' }), 'X-Auth-Token')
    expectRejected(await send('GET', path, {}), 'no X-Auth-Token')
    expectRejected(await send('GET', path, { Authorization: 'Bearer x' }), 'Authorization header')
  })
})
