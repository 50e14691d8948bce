import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals'
import codearts from '../../../src/services/codearts/provider.js'
import { ServiceCallError, TargetError } from '../../../src/model/errors.js'
import { signRequest } from '../../../src/clouds/huawei/signer.js'
import type { Candidate } from '../../../src/model/provider.js'
import type { HuaweiAuth } from '../../../src/clouds/huawei/cloud.js'
import type { CodeArtsTarget } from '../../../src/services/codearts/target.js'
import { sendOnce, testContext } from '../../support/context.js'

const PROJECT = 'd80a8a6530324b7bac972cbb8a9f28ec'
const PIPELINE = '8bfbd69eac154a0da341705a36294aca'
const RUNS_PATH = `/v5/${PROJECT}/api/pipelines/${PIPELINE}/pipeline-runs`
const TOKEN = 'iam-token-value'
const AKSK = { kind: 'aksk' as const, accessKey: 'AKFAKE000001', secretKey: 'sk+fake/secret=' }

const target: CodeArtsTarget = {
  service: 'codearts',
  label: `codearts:${PROJECT}/${PIPELINE}`,
  projectId: PROJECT,
  pipelineId: PIPELINE
}

const runId = (n: number): string => `${'0'.repeat(28)}${String(n).padStart(4, '0')}`

interface Stage {
  name: string
  status: string
  jobs?: { name: string; status: string }[]
}

interface FakeRun {
  id: string
  run_number: number
  status: string
  detail_url?: string
  stages: Stage[]
}

/** An injected answer for the next call of one operation. */
type Fault =
  | { kind: 'answer'; status: number; body?: unknown; headers?: Record<string, string> }
  /** The change is applied, then the socket is destroyed before any answer. */
  | { kind: 'lose' }
  /** The socket is destroyed, nothing applied. */
  | { kind: 'drop' }

type Operation = 'list' | 'detail' | 'retry' | 'stop'

interface Received {
  operation: Operation | 'unknown'
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

/** A small CodeArts Pipeline: auth check, list/detail/retry/stop, faults; newest run first. */
const fake = {
  runs: [] as FakeRun[],
  faults: {} as Partial<Record<Operation, Fault[]>>,
  received: [] as Received[],
  appliedRetries: 0,
  appliedStops: 0,
  reset(runs: FakeRun[]): void {
    this.runs = runs
    this.faults = {}
    this.received = []
    this.appliedRetries = 0
    this.appliedStops = 0
  }
}

let server: Server
let endpoint: string

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'X-Request-Id': 'req-42', ...headers })
  res.end(body === undefined ? '' : JSON.stringify(body))
}

/** Server-side AK/SK check: the signature recomputed from what arrived (method, path, query, headers, body). */
function signatureValid(req: Received): boolean {
  const stamp = String(req.headers['x-sdk-date'])
  const date = new Date(stamp.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'))
  const token = req.headers['x-security-token']
  const expected = signRequest(
    {
      method: req.method,
      url: `http://${req.headers.host}${req.url}`,
      headers: { 'Content-Type': String(req.headers['content-type']) },
      body: req.body
    },
    {
      accessKey: AKSK.accessKey,
      secretKey: AKSK.secretKey,
      ...(typeof token === 'string' ? { securityToken: token } : {})
    },
    date
  )
  return expected.Authorization === req.headers.authorization
}

function authenticated(req: Received): boolean {
  if (req.headers['x-auth-token'] !== undefined) return req.headers['x-auth-token'] === TOKEN
  return signatureValid(req)
}

function operationOf(method: string, path: string): { operation: Operation | 'unknown'; id?: string } {
  if (!path.startsWith(`${RUNS_PATH}/`)) return { operation: 'unknown' }
  const rest = path.slice(RUNS_PATH.length + 1)
  if (method === 'POST' && rest === 'list') return { operation: 'list' }
  if (method === 'GET' && rest === 'detail') return { operation: 'detail' }
  const match = /^([0-9a-f]{32})\/(retry|stop)$/.exec(rest)
  if (match && method === (match[2] === 'retry' ? 'PUT' : 'POST')) {
    return { operation: match[2] as Operation, id: match[1]! }
  }
  return { operation: 'unknown' }
}

function listItem(run: FakeRun): object {
  return {
    pipeline_run_id: run.id,
    status: run.status,
    run_number: run.run_number,
    trigger_type: 'Manual',
    start_time: 1_700_000_000_000 + run.run_number,
    ...(run.detail_url ? { detail_url: run.detail_url } : {}),
    stage_status_list: run.stages.map(s => ({ name: s.name, status: s.status }))
  }
}

function detail(run: FakeRun): object {
  return {
    id: run.id,
    pipeline_id: PIPELINE,
    status: run.status,
    run_number: run.run_number,
    stages: run.stages,
    ...(run.detail_url ? { detail_url: run.detail_url } : {})
  }
}

function apply(operation: Operation, run: FakeRun | undefined): boolean {
  if (!run) return false
  if (operation === 'retry' && run.status === 'FAILED') {
    run.status = 'RUNNING'
    fake.appliedRetries++
    return true
  }
  if (operation === 'stop' && run.status === 'RUNNING') {
    run.status = 'CANCELED'
    fake.appliedStops++
    return true
  }
  return false
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | 'hang up'

const NO_SUCH_RUN: Reply = { status: 404, body: { error_code: 'DEVPIPE.00011402', error_msg: 'no such run' } }

function reply(req: Received): Reply {
  if (!authenticated(req)) {
    return {
      status: 401,
      body: { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information' }
    }
  }
  const url = new URL(req.url, 'http://localhost')
  const { operation, id } = operationOf(req.method, url.pathname)
  req.operation = operation
  if (operation === 'unknown') {
    return { status: 404, body: { error_code: 'DEVPIPE.00011401', error_msg: 'pipeline not found' } }
  }
  const run = fake.runs.find(r => r.id === (id ?? url.searchParams.get('pipeline_run_id')))
  const fault = fake.faults[operation]?.shift()
  if (fault?.kind === 'answer') return fault
  if (fault?.kind === 'drop') return 'hang up'
  if (fault?.kind === 'lose') {
    apply(operation, run)
    return 'hang up'
  }
  if (operation === 'list') {
    const { limit } = JSON.parse(req.body) as { limit: number }
    const runs = fake.runs.slice(0, limit).map(listItem)
    return { status: 200, body: { offset: 0, limit, total: fake.runs.length, pipeline_runs: runs } }
  }
  if (!run) return NO_SUCH_RUN
  if (operation === 'detail') return { status: 200, body: detail(run) }
  return apply(operation, run)
    ? { status: 200, body: { success: true } }
    : { status: 400, body: { error_code: 'DEVPIPE.00011403', error_msg: `the run is ${run.status}` } }
}

function handle(req: Received, res: ServerResponse): void {
  const answer = reply(req)
  if (answer === 'hang up') res.socket?.destroy()
  else send(res, answer.status, answer.body, answer.headers)
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const received: Received = {
        operation: 'unknown',
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body: Buffer.concat(chunks).toString()
      }
      fake.received.push(received)
      handle(received, res)
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise(resolve => server.close(resolve))
})

const failedRun = (n: number, extra: Partial<FakeRun> = {}): FakeRun => ({
  id: runId(n),
  run_number: n,
  status: 'FAILED',
  stages: [
    { name: 'Build', status: 'COMPLETED' },
    {
      name: 'Test',
      status: 'FAILED',
      jobs: [
        { name: 'unit-tests', status: 'FAILED' },
        { name: 'lint', status: 'COMPLETED' }
      ]
    },
    { name: 'Deploy', status: 'INIT' }
  ],
  ...extra
})

function setup(options: { auth?: HuaweiAuth; region?: string } = {}) {
  const context = testContext(codearts.errors, {
    endpoint,
    region: options.region ?? 'cn-north-4',
    huawei: options.auth ?? { kind: 'token', token: TOKEN }
  })
  return { context, provider: codearts.create(context) }
}

const calls = (operation: Operation): Received[] => fake.received.filter(r => r.operation === operation)

beforeEach(() => {
  fake.reset([])
})

describe('codearts discover', () => {
  it('takes the newest run when it FAILED', async () => {
    fake.reset([
      failedRun(7, {
        detail_url: 'https://devcloud.cn-north-4.huaweicloud.com/cicd/project/p/pipeline/detail/q/7?v=1'
      }),
      failedRun(6)
    ])
    const { provider } = setup()

    const found = await provider.discover(target)

    expect(found).toEqual({
      kind: 'found',
      candidate: {
        executionId: runId(7),
        attemptsBasis: 'CodeArts does not report retry counts; max-attempts is not enforced for codearts',
        description: `run #7 (${runId(7)}) of pipeline ${PIPELINE} is FAILED (failed stages: Test)`,
        revision: 'FAILED - Test:-',
        consoleUrl: 'https://devcloud.cn-north-4.huaweicloud.com/cicd/project/p/pipeline/detail/q/7?v=1',
        // From the run's detail: its failed job.
        failure: { reason: 'Test / unit-tests: FAILED', transient: undefined, endedAt: undefined }
      }
    })
    const [list] = calls('list')
    expect(list!.method).toBe('POST')
    expect(list!.url).toBe(`${RUNS_PATH}/list`)
    expect(JSON.parse(list!.body)).toEqual({ offset: 0, limit: 1, sort_key: 'start_time', sort_dir: 'desc' })
    expect(list!.headers['x-auth-token']).toBe(TOKEN)
    expect(list!.headers['content-type']).toBe('application/json;charset=UTF-8')
  })

  it.each([
    'javascript:alert(document.domain)',
    'http://devcloud.cn-north-4.huaweicloud.com/run/7',
    'https://evil.example/phish',
    'https://user:pw@devcloud.cn-north-4.huaweicloud.com/run/7',
    'https://huaweicloud.com.evil.example/run/7'
  ])('replaces a detail_url that is not an https console link (%s) by the link it builds', async url => {
    fake.reset([failedRun(7, { detail_url: url })])
    const found = await setup().provider.discover(target)
    expect(found.kind).toBe('found')
    const { consoleUrl } = (found as Extract<typeof found, { kind: 'found' }>).candidate
    expect(consoleUrl).toBe(
      `https://devcloud.cn-north-4.huaweicloud.com/cicd/project/${PROJECT}/pipeline/detail/${PIPELINE}/${runId(7)}?v=1`
    )
  })

  it('names a stage or job that is ASYNC_FAILED as the failure', async () => {
    fake.reset([
      {
        id: runId(7),
        run_number: 7,
        status: 'FAILED',
        stages: [
          { name: 'Build', status: 'COMPLETED' },
          { name: 'Scan', status: 'ASYNC_FAILED', jobs: [{ name: 'sast', status: 'ASYNC_FAILED' }] }
        ]
      }
    ])
    const found = await setup().provider.discover(target)
    expect(found).toMatchObject({
      kind: 'found',
      candidate: { description: expect.stringContaining('(failed stages: Scan)') }
    })
  })

  it('retries nothing when the newest run COMPLETED, even with an older failure', async () => {
    fake.reset([{ id: runId(9), run_number: 9, status: 'COMPLETED', stages: [] }, failedRun(8)])
    const { provider } = setup()

    const found = await provider.discover(target)

    expect(found).toEqual({
      kind: 'nothing',
      reason: `latest run #9 (${runId(9)}) of pipeline ${PIPELINE} is COMPLETED`
    })
    expect(fake.received).toHaveLength(1)
  })

  it('retries nothing for a pipeline without runs', async () => {
    const { provider } = setup()
    await expect(provider.discover(target)).resolves.toEqual({
      kind: 'nothing',
      reason: `pipeline ${PIPELINE} has no runs`
    })
  })

  it('confirms an explicit execution-id FAILED with the run detail', async () => {
    fake.reset([{ ...failedRun(3), stages: [{ name: 'Scan', status: 'FAILED' }] }])
    const { provider } = setup()

    const found = await provider.discover({ ...target, executionId: runId(3) })

    expect(found.kind).toBe('found')
    if (found.kind !== 'found') return
    expect(found.candidate.executionId).toBe(runId(3))
    expect(found.candidate.previousAttempts).toBeUndefined()
    expect(found.candidate.description).toContain('failed stages: Scan')
    const [read] = calls('detail')
    expect(read!.url).toBe(`${RUNS_PATH}/detail?pipeline_run_id=${runId(3)}`)
    // One list call of the newest run: is the named run still the latest (not superseded)?
    expect(calls('list').map(c => JSON.parse(c.body) as unknown)).toEqual([
      { offset: 0, limit: 1, sort_key: 'start_time', sort_dir: 'desc' }
    ])
  })

  it('refuses an explicit execution-id that is not FAILED, naming its status', async () => {
    fake.reset([{ id: runId(4), run_number: 4, status: 'COMPLETED', stages: [] }])
    const { provider } = setup()
    const error = await provider.discover({ ...target, executionId: runId(4) }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TargetError)
    expect((error as Error).message).toBe(
      `run #4 (${runId(4)}) of pipeline ${PIPELINE} is COMPLETED: only a FAILED run is retried`
    )
  })

  it('an explicit run still RUNNING is nothing to retry yet, named so that wait follows it', async () => {
    fake.reset([{ id: runId(4), run_number: 4, status: 'RUNNING', stages: [] }])
    const found = await setup().provider.discover({ ...target, executionId: runId(4) })
    expect(found).toMatchObject({
      kind: 'nothing',
      reason: `run #4 (${runId(4)}) of pipeline ${PIPELINE} is RUNNING`,
      running: { executionId: runId(4) }
    })
  })

  it('builds the console link when the API gives none, and gives none without a region', async () => {
    fake.reset([failedRun(5)])
    const withRegion = await setup({ region: 'cn-north-4' }).provider.discover(target)
    expect(withRegion.kind === 'found' && withRegion.candidate.consoleUrl).toBe(
      `https://devcloud.cn-north-4.huaweicloud.com/cicd/project/${PROJECT}/pipeline/detail/${PIPELINE}/${runId(5)}?v=1`
    )
    const endpointOnly = await setup({ region: '' }).provider.discover(target)
    expect(endpointOnly.kind === 'found' && endpointOnly.candidate.consoleUrl).toBe('')
  })
})

describe('codearts errors', () => {
  async function failure(promise: Promise<unknown>): Promise<ServiceCallError> {
    const error = await promise.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ServiceCallError)
    return error as ServiceCallError
  }

  it('fails at once on 401 APIGW.0301 with the credentials hint', async () => {
    fake.reset([failedRun(1)])
    const { provider, context } = setup({ auth: { kind: 'token', token: 'expired-token' } })

    const error = await failure(provider.discover(target))

    expect(error.errorName).toBe('APIGW.0301')
    expect(error.message).toContain('Incorrect IAM authentication information')
    expect(error.message).toContain('request id req-42')
    expect(error.message).toContain('huaweicloud-auth-token')
    expect(error.message).not.toContain('expired-token')
    expect(fake.received).toHaveLength(1)
    expect(context.clock.slept).toEqual([])
  })

  it.each([
    [
      'flat',
      { error_code: 'DEVPIPE.00011401', error_msg: 'The pipeline does not exist' },
      404,
      'check pipeline-id'
    ],
    [
      'nested',
      { error: { code: 'DEVPIPE.00011412', message: 'The project does not exist' } },
      404,
      'check project-id'
    ],
    [
      '2xx with error_code',
      { error_code: 'DEV_21_100169', error_msg: 'The project does not exist' },
      200,
      'check project-id'
    ]
  ])(
    'surfaces a %s error body with its code, message, request id and hint',
    async (_kind, body, status, hint) => {
      fake.reset([failedRun(1)])
      fake.faults.list = [{ kind: 'answer', status, body, headers: { 'X-Request-Id': 'rid-77' } }]
      const error = await failure(setup().provider.discover(target))
      const code = 'error_code' in body ? body.error_code : body.error.code
      const message = 'error_msg' in body ? body.error_msg : body.error.message
      expect(error.errorName).toBe(code)
      expect(error.reason).toBe(message)
      expect(error.requestId).toBe('rid-77')
      expect(error.message).toContain(hint)
      expect(fake.received).toHaveLength(1)
    }
  )

  it('names the permissions a 403 without an error code needs', async () => {
    fake.reset([failedRun(1)])
    fake.faults.list = [{ kind: 'answer', status: 403 }]
    const error = await failure(setup().provider.discover(target))
    expect(error.errorName).toBe('HTTP403')
    expect(error.message).toContain('CodeArts Pipeline permissions to list, read, retry and stop runs')
  })

  it('tries a throttled retry (429 APIGW.0308) again, and retries once', async () => {
    fake.reset([failedRun(2)])
    fake.faults.retry = [
      { kind: 'answer', status: 429, body: { error_code: 'APIGW.0308', error_msg: 'too many requests' } }
    ]
    const { provider, context } = setup()
    const found = await provider.discover(target)
    if (found.kind !== 'found') throw new Error('expected a candidate')

    const started = await provider.retry(target, found.candidate, { mode: 'failed', token: 'unused' })

    expect(started.executionId).toBe(runId(2))
    expect(calls('retry')).toHaveLength(2)
    expect(fake.appliedRetries).toBe(1)
    expect(context.clock.slept).toHaveLength(1)
    expect(context.logs.join('\n')).toContain('APIGW.0308')
  })

  it('treats the concurrency-limit codes as busy signals: backs off and sends again', async () => {
    fake.reset([failedRun(2)])
    fake.faults.retry = [
      {
        kind: 'answer',
        status: 400,
        body: { error_code: 'DEVPIPE.00011169', error_msg: 'queued by concurrency' }
      },
      {
        kind: 'answer',
        status: 400,
        body: { error_code: 'DEVPIPE.00011170', error_msg: 'queued by concurrency' }
      }
    ]
    const { provider } = setup()
    const candidate = { executionId: runId(2), description: '', consoleUrl: '', revision: '' }
    await expect(provider.retry(target, candidate, { mode: 'failed', token: '' })).resolves.toMatchObject({
      executionId: runId(2)
    })
    expect(calls('retry')).toHaveLength(3)
    expect(fake.appliedRetries).toBe(1)
  })

  it('tries a 5xx again', async () => {
    fake.reset([failedRun(1)])
    fake.faults.list = [
      { kind: 'answer', status: 503, body: { error_code: 'DEVPIPE.00010001', error_msg: 'busy' } }
    ]
    const found = await setup().provider.discover(target)
    expect(found.kind).toBe('found')
    expect(calls('list')).toHaveLength(2)
  })
})

describe('codearts retry', () => {
  const candidate = (n: number, consoleUrl = 'https://console/run'): Candidate => ({
    executionId: runId(n),
    description: 'a failed run',
    consoleUrl,
    revision: `FAILED ${n}`
  })

  it('PUTs .../retry without a body; the same run continues', async () => {
    fake.reset([failedRun(11)])
    const started = await setup().provider.retry(target, candidate(11), { mode: 'failed', token: 'tok' })

    expect(started).toEqual({ executionId: runId(11), consoleUrl: 'https://console/run' })
    const [put] = calls('retry')
    expect(put!.url).toBe(`${RUNS_PATH}/${runId(11)}/retry`)
    expect(put!.body).toBe('')
    expect(fake.runs[0]!.status).toBe('RUNNING')
  })

  // The lost-answer checks run in the engine (sendRetryOnce), with the provider's recheck.
  it('applies exactly one retry when the answer is lost after the server applied it', async () => {
    fake.reset([failedRun(12)])
    fake.faults.retry = [{ kind: 'lose' }]
    const { provider, context } = setup()
    const found = await provider.discover(target)
    expect(found.kind).toBe('found')
    if (found.kind !== 'found') return

    const sent = await sendOnce(provider, target, found.candidate, { mode: 'failed', token: 'tok' }, context)

    expect(sent.kind === 'started' && sent.started.executionId).toBe(runId(12))
    expect(calls('retry')).toHaveLength(1)
    // One read at discovery (the failed jobs' messages), one after the lost answer.
    expect(calls('detail')).toHaveLength(2)
    expect(fake.appliedRetries).toBe(1)
    expect(sent.kind === 'started' && sent.note).toContain('the answer to the retry call was lost')
    expect(context.logs.join('\n')).toContain('read again: run #12')
  })

  it('sends again when the connection dropped before the retry was applied', async () => {
    fake.reset([failedRun(13)])
    fake.faults.retry = [{ kind: 'drop' }]
    const { provider, context } = setup()
    const found = await provider.discover(target)
    if (found.kind !== 'found') throw new Error('expected a candidate')
    await sendOnce(provider, target, found.candidate, { mode: 'failed', token: 'tok' }, context)
    expect(calls('retry')).toHaveLength(2)
    // One read at discovery (the failed jobs' messages), one before the re-send.
    expect(calls('detail')).toHaveLength(2)
    expect(fake.appliedRetries).toBe(1)
  })

  it('fails when CodeArts answers success: false', async () => {
    fake.reset([failedRun(14)])
    fake.faults.retry = [{ kind: 'answer', status: 200, body: { success: false } }]
    const error = await setup()
      .provider.retry(target, candidate(14), { mode: 'failed', token: 'tok' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TargetError)
    expect((error as Error).message).toContain(`did not accept the retry of run ${runId(14)}`)
  })

  it('works end to end with AK/SK signing that the server verifies', async () => {
    fake.reset([failedRun(15)])
    const { provider } = setup({ auth: { ...AKSK, securityToken: 'temporary' } })

    const found = await provider.discover(target)
    if (found.kind !== 'found') throw new Error('expected a candidate')
    await provider.retry(target, found.candidate, { mode: 'failed', token: '' })
    const progress = await provider.status(target, { executionId: runId(15), consoleUrl: '' })

    expect(progress.state).toBe('in-progress')
    // list and detail to discover (the detail has the failed jobs' messages), then retry, then a status read.
    expect(fake.received.map(r => r.operation)).toEqual(['list', 'detail', 'retry', 'detail'])
    for (const req of fake.received) {
      expect(req.headers.authorization).toMatch(/^SDK-HMAC-SHA256 Access=AKFAKE000001, SignedHeaders=/)
      expect(req.headers['x-security-token']).toBe('temporary')
      expect(req.headers['x-auth-token']).toBeUndefined()
    }
  })

  it('is refused with the hint when the AK/SK signature does not verify', async () => {
    fake.reset([failedRun(16)])
    const error = await setup({ auth: { ...AKSK, secretKey: 'wrong-secret' } })
      .provider.discover(target)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ServiceCallError)
    expect((error as ServiceCallError).errorName).toBe('APIGW.0301')
    expect((error as Error).message).toContain('huaweicloud-ak')
    expect((error as Error).message).not.toContain('wrong-secret')
  })
})

describe('codearts status and stop', () => {
  const started = { executionId: runId(20), consoleUrl: '' }
  const withRun = (status: string, stages: Stage[]): void => {
    fake.reset([{ id: runId(20), run_number: 20, status, stages }])
  }

  it.each([
    ['COMPLETED', [{ name: 'Build', status: 'COMPLETED' }], { state: 'succeeded' }],
    [
      'RUNNING',
      [
        { name: 'Build', status: 'COMPLETED' },
        { name: 'Test', status: 'RUNNING' },
        { name: 'Deploy', status: 'INIT' }
      ],
      { state: 'in-progress', phase: 'Test' }
    ],
    ['PAUSED', [{ name: 'Approve', status: 'PAUSED' }], { state: 'in-progress', phase: 'Approve (PAUSED)' }],
    ['SUSPEND', [], { state: 'in-progress', phase: 'SUSPEND' }],
    [
      'FAILED',
      [
        { name: 'Build', status: 'FAILED', jobs: [{ name: 'compile', status: 'FAILED' }] },
        { name: 'Scan', status: 'FAILED' }
      ],
      {
        state: 'failed',
        reason: 'failed stages: Build (jobs: compile); Scan',
        failure: { reason: 'Build / compile: FAILED; Scan: FAILED', transient: undefined, endedAt: undefined }
      }
    ],
    [
      'FAILED',
      [],
      {
        state: 'failed',
        reason: 'the run failed (no failed stage reported)',
        failure: { reason: 'FAILED', transient: undefined, endedAt: undefined }
      }
    ],
    ['CANCELED', [], { state: 'stopped', reason: 'the run was canceled' }],
    ['IGNORED', [], { state: 'stopped', reason: 'the run was ignored (skipped by CodeArts)' }]
  ] as [string, Stage[], object][])('maps a %s run', async (status, stages, progress) => {
    withRun(status, stages)
    await expect(setup().provider.status(target, started)).resolves.toEqual(progress)
    expect(calls('detail')[0]!.url).toBe(`${RUNS_PATH}/detail?pipeline_run_id=${runId(20)}`)
  })

  it('stops the run with POST .../stop', async () => {
    withRun('RUNNING', [])
    await setup().provider.stop(target, started, 'workflow cancelled')
    const [post] = calls('stop')
    expect(post!.method).toBe('POST')
    expect(post!.url).toBe(`${RUNS_PATH}/${runId(20)}/stop`)
    expect(fake.runs[0]!.status).toBe('CANCELED')
  })

  it('does not stop twice when the stop answer is lost', async () => {
    withRun('RUNNING', [])
    fake.faults.stop = [{ kind: 'lose' }]
    await setup().provider.stop(target, started, 'workflow cancelled')
    expect(calls('stop')).toHaveLength(1)
    expect(fake.appliedStops).toBe(1)
  })
})

describe('codearts endpoint', () => {
  it('needs a known region when no endpoint is given', () => {
    const context = testContext(codearts.errors, {
      region: 'xx-nowhere-1',
      huawei: { kind: 'token', token: TOKEN }
    })
    expect(() => codearts.create(context)).toThrow(
      "no CodeArts Pipeline endpoint is known for region 'xx-nowhere-1'"
    )
  })

  it("uses the region's public endpoint when no endpoint is given", async () => {
    const context = testContext(codearts.errors, {
      region: 'cn-north-4',
      huawei: { kind: 'token', token: TOKEN }
    })
    const urls: string[] = []
    const fetchSpy = jest.spyOn(globalThis, 'fetch').mockImplementation(input => {
      urls.push(input instanceof URL ? input.href : typeof input === 'string' ? input : input.url)
      return Promise.resolve(new Response(JSON.stringify({ pipeline_runs: [] }), { status: 200 }))
    })
    try {
      await codearts.create(context).discover(target)
    } finally {
      fetchSpy.mockRestore()
    }
    expect(urls).toEqual([`https://cloudpipeline-ext.cn-north-4.myhuaweicloud.com${RUNS_PATH}/list`])
  })
})
