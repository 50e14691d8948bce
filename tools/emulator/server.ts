// The HTTP front: reads a request, routes it to AWS JSON or CodeArts, records it, applies faults, answers.
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { awsTarget, awsWire } from './aws-json.js'
import { authenticateAzure, azureError, azureWire, runAzure } from './azure.js'
import { AZURE_API_VERSION, azureAnswerProblem, azureRequestProblem, specOperation } from './azure-spec.js'
import { authenticateGoogle, googleWire, runCloudBuild } from './cloud-build.js'
import { cloudBuildAnswerProblem, cloudBuildCall, cloudBuildRequestProblem } from './cloud-build-spec.js'
import { authenticate, codeArtsWire, matchCodeArts, noSuchApi } from './codearts-http.js'
import { runCodeArts } from './codearts.js'
import { ApiError } from './errors.js'
import { githubWire, matchGitHub, runGitHub } from './github.js'
import type { Fault, FaultTable } from './faults.js'
import type { QuotaTable } from './quotas.js'
import type { RequestContext, Wire } from './protocol.js'
import type { EmulatorState } from './state.js'
import type { CallRecord, ServiceName } from './types.js'

/** Runs before a call is answered (after it is recorded), e.g. to let "another run" act in between. */
export type CallHook = (call: CallRecord, nth: number) => void | Promise<void>

export interface ServerDeps {
  state(): EmulatorState
  faults: FaultTable
  quotas: QuotaTable
  calls: CallRecord[]
  hooks: Map<string, CallHook>
  now(): number
}

/** A request a hook sends itself carries this header: no hooks and no faults apply to it. */
export const HOOK_HEADER = 'x-emulator-hook'

interface Arrived {
  method: string
  url: string
  path: string
  headers: IncomingMessage['headers']
  body: Buffer
}

interface Routed {
  service: ServiceName
  operation: string
  wire: Wire
  execute(state: EmulatorState, ctx: RequestContext): unknown
}

const MAX_BODY_BYTES = 10 * 1024 * 1024

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) throw new ApiError('RequestTooLarge', 'The request body is too large', 413)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

/** The operation a request names, or the error its protocol answers when it names none. */
function route(request: Arrived): Routed | { wire: Wire; error: ApiError } {
  // GitHub REST: api.github.com paths, or GitHub Enterprise Server's under /api/v3.
  const githubPath = request.path.replace(/^\/api\/v3(?=\/)/, '')
  if (githubPath.startsWith('/repos/')) {
    const matched = matchGitHub(request.method, githubPath)
    if (!matched) return { wire: githubWire, error: new ApiError('NotFound', 'Not Found', 404) }
    const host = request.headers.host ?? '127.0.0.1'
    const prefix = request.path.slice(0, request.path.length - githubPath.length)
    return {
      service: 'github',
      operation: matched.operation,
      wire: githubWire,
      execute: (state, ctx) =>
        runGitHub(state.github, matched, request, {
          now: ctx.now,
          apiUrl: `http://${host}${prefix}`,
          serverUrl: 'https://github.com'
        })
    }
  }
  if (request.path.includes('/_apis/')) return routeAzure(request)
  if (request.path.startsWith('/v1/projects/')) return routeCloudBuild(request)
  if (request.path.startsWith('/v5/')) {
    const matched = matchCodeArts(request.method, request.path)
    if (!matched) return { wire: codeArtsWire, error: noSuchApi() }
    return {
      service: 'codearts',
      operation: matched.operation,
      wire: codeArtsWire,
      execute(state, ctx) {
        authenticate(state.codearts, request, ctx.now)
        return runCodeArts(state.codearts, matched, request, ctx)
      }
    }
  }
  const header = request.headers['x-amz-target']
  const target = request.method === 'POST' && request.path === '/' ? awsTarget(header?.toString()) : undefined
  if (!target) {
    return {
      wire: awsWire,
      error: new ApiError('UnknownOperationException', `Unknown operation ${String(header)}`)
    }
  }
  const text = request.body.toString('utf8')
  return { ...target, wire: awsWire, execute: (state, ctx) => target.run(target.operation, state, text, ctx) }
}

/** Azure DevOps REST: the spec names the operation; its rules check the request before and the answer after. */
function routeAzure(request: Arrived): Routed | { wire: Wire; error: ApiError } {
  const op = specOperation(request.method, request.path)
  if (!op)
    return {
      wire: azureWire,
      error: azureError(404, 'NotFound', `The resource ${request.path} does not exist.`)
    }
  const extra: Record<string, string> = {}
  const wire: Wire = { ...azureWire, ok: (res, body, id) => azureWire.okWith(res, body, id, extra) }
  const query = new URL(request.url, 'http://emulator').searchParams
  return {
    service: 'azure',
    operation: op.id,
    wire,
    execute(state, ctx) {
      authenticateAzure(state.azure, request.method, request.headers.authorization)
      const version = query.get('api-version')
      if (version === null)
        throw azureError(
          400,
          'VssVersionNotSpecifiedException',
          `No api-version was supplied for the "${request.method}" request. The version must be supplied as a query parameter (e.g. "?api-version=${AZURE_API_VERSION}").`
        )
      const body = request.body.length === 0 ? undefined : parsedBody(request.body)
      if (request.body.length > 0 && body === undefined)
        throw azureError(400, 'RequestContentException', 'The request body is not valid JSON.')
      const problem =
        version === AZURE_API_VERSION
          ? azureRequestProblem(op, query, body)
          : `api-version ${version}: the emulator serves the ${AZURE_API_VERSION} spec only`
      if (problem) throw azureError(400, 'InvalidRequestException', `Azure DevOps REST 7.1 spec: ${problem}`)
      const host = request.headers.host ?? '127.0.0.1'
      const answer = runAzure(state.azure, {
        op,
        query,
        body,
        apiUrl: `http://${host}`,
        now: ctx.now,
        headers: extra
      })
      const wrong = azureAnswerProblem(op, answer)
      if (wrong) throw new Error(`emulator answer breaks the Azure DevOps 7.1 spec (${op.id}): ${wrong}`)
      return answer
    }
  }
}

/** Cloud Build REST: the discovery document names the method and checks the request before and the answer after. */
function routeCloudBuild(request: Arrived): Routed | { wire: Wire; error: ApiError } {
  const call = cloudBuildCall(request.method, request.path)
  if (!call)
    return { wire: googleWire, error: new ApiError('NOT_FOUND', 'Requested entity was not found.', 404) }
  const query = new URL(request.url, 'http://emulator').searchParams
  return {
    service: 'cloudbuild',
    operation: call.operation,
    wire: googleWire,
    execute(state, ctx) {
      const write = authenticateGoogle(state.cloudbuild, request.headers.authorization)
      const body = request.body.length === 0 ? undefined : parsedBody(request.body)
      if (request.body.length > 0 && body === undefined)
        throw new ApiError('INVALID_ARGUMENT', 'Invalid JSON payload received.', 400)
      const problem = cloudBuildRequestProblem(call, request.path, query, body)
      if (problem)
        throw new ApiError('INVALID_ARGUMENT', `Cloud Build v1 discovery document: ${problem}`, 400)
      const answer = runCloudBuild(state.cloudbuild, { call, query, body, now: ctx.now, write })
      const wrong = cloudBuildAnswerProblem(call, answer)
      if (wrong)
        throw new Error(`emulator answer breaks the Cloud Build discovery document (${call.id}): ${wrong}`)
      return answer
    }
  }
}

function parsedBody(body: Buffer): unknown {
  if (body.length === 0) return undefined
  try {
    return JSON.parse(body.toString('utf8'))
  } catch {
    return undefined
  }
}

/** A 200 whose body no client can read: what a proxy or a failing gateway sends after the server acted. */
function sendGarbled(res: ServerResponse, form: 'truncated' | 'html' | 'empty' | 'cut', body: unknown): void {
  // A body-less answer (Azure's stage retry) garbles to an empty one.
  const json = body === undefined ? '' : JSON.stringify(body)
  if (form === 'cut') {
    // Promise the whole body, send half of it, then close: the client sees the connection end mid-body.
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(json))
    })
    res.write(json.slice(0, Math.floor(json.length / 2)))
    setTimeout(() => res.destroy(), 10)
    return
  }
  const text =
    form === 'truncated'
      ? json.slice(0, Math.max(1, Math.floor(json.length / 2)))
      : form === 'html'
        ? '<html><head><title>502 Bad Gateway</title></head><body>Bad Gateway</body></html>'
        : ''
  res.writeHead(200, {
    'content-type': form === 'html' ? 'text/html' : 'application/json',
    'content-length': String(Buffer.byteLength(text))
  })
  res.end(text)
}

function faultError(
  fault: Exclude<Fault, { kind: 'drop' | 'loseResponse' | 'garble' | 'hang' }>,
  wire: Wire
): ApiError {
  if (fault.kind === 'throttle') return wire.throttled()
  if (fault.kind === 'serverError') return wire.serverError(fault.status)
  return new ApiError(fault.code, fault.message, fault.status, fault.form)
}

async function handle(req: IncomingMessage, res: ServerResponse, deps: ServerDeps): Promise<void> {
  const requestId = randomUUID()
  const url = req.url ?? '/'
  const body = await readBody(req)
  const request: Arrived = {
    method: req.method ?? 'GET',
    url,
    path: url.split('?', 1)[0] ?? '/',
    headers: req.headers,
    body
  }
  const routed = route(request)
  if (!('service' in routed)) {
    routed.wire.error(res, routed.error, requestId)
    return
  }
  const { service, operation, wire } = routed
  const call: CallRecord = {
    service,
    operation,
    method: request.method,
    path: request.path,
    query: url.includes('?') ? url.slice(url.indexOf('?') + 1) : '',
    body: parsedBody(body),
    headers: { ...req.headers },
    at: deps.now(),
    ...signedRegion(req.headers.authorization)
  }
  deps.calls.push(call)
  const fromHook = req.headers[HOOK_HEADER] !== undefined
  const hook = fromHook ? undefined : (deps.hooks.get(`${service}:${operation}`) ?? deps.hooks.get(operation))
  if (hook) {
    const nth = deps.calls.filter(c => c.service === service && c.operation === operation).length
    await hook(call, nth)
  }

  const latency = deps.faults.latencyMs(service, operation)
  if (latency > 0) await sleep(latency)
  const overQuota = !fromHook && !deps.quotas.admit(service, operation, deps.now())
  const fault: Fault | undefined = overQuota
    ? { kind: 'throttle' }
    : fromHook
      ? undefined
      : deps.faults.take(service, operation)
  if (fault) call.fault = fault.kind
  if (fault?.kind === 'drop') {
    req.socket.destroy()
    return
  }
  // Never answered: the client's time-out (or the emulator's close) ends the connection.
  if (fault?.kind === 'hang') return
  if (fault && fault.kind !== 'loseResponse' && fault.kind !== 'garble') {
    wire.error(res, faultError(fault, wire), requestId)
    return
  }

  const state = deps.state()
  const ctx: RequestContext = { now: deps.now(), region: state.region, accountId: state.accountId }
  let answer: { ok: true; body: unknown } | { ok: false; error: ApiError }
  try {
    answer = { ok: true, body: routed.execute(state, ctx) }
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    answer = { ok: false, error }
  }
  // A lost response: the change above is applied, the client never hears of it.
  if (fault?.kind === 'loseResponse') {
    req.socket.destroy()
    return
  }
  if (fault?.kind === 'garble' && answer.ok) {
    sendGarbled(res, fault.form, answer.body)
    return
  }
  if (answer.ok) wire.ok(res, answer.body, requestId)
  else wire.error(res, answer.error, requestId)
}

/** SigV4: `Credential=AKID/DATE/REGION/SERVICE/aws4_request` names the region the request was signed for. */
function signedRegion(authorization: string | undefined): { region?: string } {
  const region = /Credential=[^/,\s]+\/\d{8}\/([^/,\s]+)\//.exec(authorization ?? '')?.[1]
  return region !== undefined ? { region } : {}
}

/** A request listener for node:http; an unexpected error is a 500 in the request's own protocol. */
export function requestListener(deps: ServerDeps) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res, deps).catch((error: unknown) => {
      const url = req.url ?? ''
      const wire = url.includes('/_apis/')
        ? azureWire
        : url.startsWith('/v1/projects/')
          ? googleWire
          : url.startsWith('/v5/')
            ? codeArtsWire
            : /^(\/api\/v3)?\/repos\//.test(url)
              ? githubWire
              : awsWire
      const known = error instanceof ApiError ? error : undefined
      if (!known) console.error('emulator: unexpected error', error)
      if (!res.headersSent && !res.destroyed) wire.error(res, known ?? wire.serverError(500), randomUUID())
    })
  }
}
