// Azure Pipelines over Azure DevOps REST 7.1 (dev.azure.com/{organization}/{project}/_apis/build/...): pipeline
// definitions, runs (builds), their timelines, stage retry and run cancel. Facts and sources: shared/spec/
// providers-next.md, part 2; every request and answer is checked against the vendored 7.1 spec (azure-spec.ts).
// - Stages_Update `state: retry` gives the stage a new attempt (attempt + 1, a new record id, the old one in
//   previousAttempts) and runs it and the stages after it again; the run goes back in progress (2.1, 2.4).
// - A stage that is not completed is refused: 409 InvalidPipelineOperationException "Unable to retry the pipeline
//   because stage {0} is currently in progress." (DistributedTask PipelineStrings, shared with actions/runner; the
//   409 mapping from a decompiled controller, UNCONFIRMED). A stage that did not fail is refused the same way:
//   the service's answer there is UNCONFIRMED, and refusing is the strict side.
// - A wrong or expired credential: a read answers 203 with an HTML sign-in page, a change 401 TF400813 (2.6).
// - Throttling: 429 TF400733 with Retry-After (2.6). Lists are `{count, value}`; definitions continue with the
//   `x-ms-continuationtoken` header (2.3, 2.5).
import { createHash } from 'node:crypto'
import { ApiError } from './errors.js'
import { beginRetry, outcomeQueue, settleIfDue, type Settleable } from './outcomes.js'
import { sendJson, type Wire } from './protocol.js'
import { isoTime, parseOptionalTime, parseTime } from './time.js'
import { AZURE_API_VERSION, type SpecOperation } from './azure-spec.js'
import type { AzureBuildSeed, AzureSeed, AzureTaskResult, RetryOutcome } from './types.js'

interface JobState {
  name: string
  result: AzureTaskResult | undefined
  issues: string[]
}

interface StageState {
  name: string
  state: 'pending' | 'inProgress' | 'completed'
  result: AzureTaskResult | undefined
  attempt: number
  jobs: JobState[]
  finishTime: number | undefined
}

interface BuildState extends Settleable {
  id: number
  buildNumber: string
  definitionId: number
  status: AzureBuildSeed['status']
  result: AzureBuildSeed['result']
  queueTime: number
  finishTime: number | undefined
  sourceBranch: string
  stages: StageState[]
  /** The stages the retry in flight runs again, the first of them the one that settles the outcome. */
  rerun?: string[] | undefined
}

interface DefinitionState {
  id: number
  name: string
  path: string
}

interface ProjectState {
  name: string
  id: string
  organization: string
  definitions: DefinitionState[]
  /** Newest queued first (Builds_List queueTimeDescending). */
  builds: BuildState[]
}

export interface AzureState {
  tokens: Map<string, 'read' | 'execute'>
  /** By `organization/project` (both lower-cased; the service matches names without case). */
  projects: Map<string, ProjectState>
  builds: Map<number, BuildState>
}

export function seedAzure(seed: AzureSeed | undefined): AzureState {
  const state: AzureState = { tokens: new Map(), projects: new Map(), builds: new Map() }
  for (const t of seed?.tokens ?? []) state.tokens.set(t.token, t.permission ?? 'execute')
  for (const org of seed?.organizations ?? [])
    for (const project of org.projects) {
      const builds: BuildState[] = []
      for (const d of project.definitions)
        for (const b of d.builds) builds.push(seedBuild(b, d.id, `azure ${d.name} build ${b.id}`))
      builds.sort((a, b) => b.queueTime - a.queueTime)
      for (const b of builds) state.builds.set(b.id, b)
      state.projects.set(`${org.name}/${project.name}`.toLowerCase(), {
        name: project.name,
        id: project.id,
        organization: org.name,
        definitions: project.definitions.map(d => ({ id: d.id, name: d.name, path: d.path ?? '\\' })),
        builds
      })
    }
  return state
}

function seedBuild(b: AzureBuildSeed, definitionId: number, where: string): BuildState {
  return {
    id: b.id,
    // The default run number format, $(Date:yyyyMMdd).$(Rev:r); here the revision is the run's ID.
    buildNumber: b.buildNumber ?? `${b.queueTime.slice(0, 10).replaceAll('-', '')}.${b.id}`,
    definitionId,
    status: b.status,
    result: b.result,
    queueTime: parseTime(b.queueTime, where),
    finishTime: parseOptionalTime(b.finishTime, where),
    sourceBranch: b.sourceBranch ?? 'refs/heads/main',
    stages: b.stages.map(s => ({
      name: s.name,
      state: s.state ?? 'completed',
      result: s.result,
      attempt: s.attempt ?? 1,
      jobs: (s.jobs ?? []).map(j => ({ name: j.name, result: j.result, issues: j.issues ?? [] })),
      finishTime: parseOptionalTime(b.finishTime, where)
    })),
    outcomes: outcomeQueue(b.onRetry),
    ...(b.settle && b.status !== 'completed'
      ? { pending: { outcome: b.settle, since: parseTime(b.queueTime, where), reads: 0 } }
      : {})
  }
}

/** The record ids of a stage attempt change with each attempt (deterministic ids of `name.attempt`: 2.4). */
function recordId(...parts: (string | number)[]): string {
  const h = createHash('sha256').update(parts.join('.').toLowerCase()).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`
}

function observe(build: BuildState, now: number, countRead: boolean): void {
  settleIfDue(build, now, countRead, (outcome: RetryOutcome) => {
    const rerun = build.rerun ?? build.stages.filter(s => s.state !== 'completed').map(s => s.name)
    build.rerun = undefined
    const named = outcome.failedStage !== undefined && rerun.includes(outcome.failedStage)
    const failing = outcome.result === 'failed' ? (named ? outcome.failedStage : rerun[0]) : undefined
    let failed = false
    for (const stage of build.stages.filter(s => rerun.includes(s.name))) {
      stage.state = 'completed'
      stage.finishTime = now
      if (failed) {
        stage.result = 'skipped'
        continue
      }
      failed = stage.name === failing
      stage.result = failed ? 'failed' : 'succeeded'
      stage.jobs = stage.jobs.map(j => ({
        ...j,
        result: failed && j === stage.jobs[0] ? 'failed' : 'succeeded',
        issues: failed && j === stage.jobs[0] ? [outcome.failureReason ?? 'The job failed again'] : []
      }))
    }
    build.status = 'completed'
    build.result = build.stages.some(s => s.result === 'failed') ? 'failed' : 'succeeded'
    build.finishTime = now
  })
}

function projectOf(state: AzureState, op: SpecOperation): ProjectState {
  const { organization = '', project = '' } = op.path
  const found =
    state.projects.get(`${organization}/${project}`.toLowerCase()) ??
    [...state.projects.values()].find(
      p => p.organization.toLowerCase() === organization.toLowerCase() && p.id === project
    )
  if (!found)
    throw azureError(
      404,
      'ProjectDoesNotExistWithNameException',
      `TF200016: The following project does not exist: ${project}. Verify that the name of the project is correct and that the project exists on the specified Azure DevOps Server.`
    )
  return found
}

function buildOf(project: ProjectState, op: SpecOperation, now: number, countRead: boolean): BuildState {
  const id = Number(op.path.buildId)
  const build = project.builds.find(b => b.id === id)
  if (!build)
    throw azureError(
      404,
      'BuildNotFoundException',
      `The requested build ${op.path.buildId ?? ''} could not be found.`
    )
  observe(build, now, countRead)
  return build
}

function buildView(project: ProjectState, build: BuildState, apiUrl: string) {
  const definition = project.definitions.find(d => d.id === build.definitionId)
  const web = `https://dev.azure.com/${encodeURIComponent(project.organization)}/${encodeURIComponent(project.name)}/_build/results?buildId=${build.id}`
  return {
    id: build.id,
    buildNumber: build.buildNumber,
    status: build.status,
    ...(build.status === 'completed' ? { result: build.result } : {}),
    queueTime: isoTime(build.queueTime),
    startTime: isoTime(build.queueTime),
    ...(build.status === 'completed' ? { finishTime: isoTime(build.finishTime) } : {}),
    sourceBranch: build.sourceBranch,
    definition: {
      id: build.definitionId,
      name: definition?.name ?? '',
      path: definition?.path ?? '\\',
      type: 'build'
    },
    project: { id: project.id, name: project.name },
    url: `${apiUrl}/${project.organization}/${project.id}/_apis/build/Builds/${build.id}`,
    _links: { web: { href: web } }
  }
}

function timelineView(build: BuildState) {
  const records: Record<string, unknown>[] = []
  build.stages.forEach((stage, order) => {
    const stageId = recordId(build.id, stage.name, stage.attempt)
    const common = {
      state: stage.state,
      ...(stage.state === 'completed' && stage.result ? { result: stage.result } : {}),
      ...(stage.state === 'completed' ? { finishTime: isoTime(stage.finishTime) } : {})
    }
    records.push({
      id: stageId,
      type: 'Stage',
      name: stage.name,
      identifier: stage.name,
      attempt: stage.attempt,
      previousAttempts: Array.from({ length: stage.attempt - 1 }, (_, i) => ({
        attempt: i + 1,
        recordId: recordId(build.id, stage.name, i + 1)
      })),
      order: order + 1,
      issues: [],
      ...common
    })
    const phaseId = recordId(build.id, stage.name, 'phase', stage.attempt)
    records.push({
      id: phaseId,
      parentId: stageId,
      type: 'Phase',
      name: 'Job',
      identifier: `${stage.name}.Job`,
      attempt: stage.attempt,
      issues: [],
      ...common
    })
    for (const job of stage.jobs) {
      const failed = job.result === 'failed' || job.result === 'abandoned'
      records.push({
        id: recordId(build.id, stage.name, job.name, stage.attempt),
        parentId: phaseId,
        type: 'Job',
        name: job.name,
        identifier: `${stage.name}.Job.${job.name}`,
        attempt: stage.attempt,
        state: stage.state,
        ...(stage.state === 'completed' && job.result ? { result: job.result } : {}),
        errorCount: failed ? job.issues.length : 0,
        issues: job.issues.map(message => ({
          type: 'error',
          category: 'General',
          message,
          data: { type: 'error' }
        }))
      })
    }
  })
  return {
    records,
    lastChangedOn: isoTime(build.finishTime ?? build.queueTime),
    id: recordId(build.id, 'timeline')
  }
}

/** Glob over a definition name (`*`), as the `name` filter is commonly used (syntax UNCONFIRMED: 2.5). */
function nameFilter(pattern: string | null): (name: string) => boolean {
  if (pattern === null || pattern === '') return () => true
  const parts = pattern.toLowerCase().split('*')
  return name => {
    const n = name.toLowerCase()
    if (parts.length === 1) return n === parts[0]
    let at = 0
    for (const [i, part] of parts.entries()) {
      const found = i === 0 ? (n.startsWith(part) ? 0 : -1) : n.indexOf(part, at)
      if (found < 0) return false
      at = found + part.length
    }
    return parts.at(-1) === '' || n.endsWith(parts.at(-1) ?? '')
  }
}

export interface AzureRequest {
  op: SpecOperation
  query: URLSearchParams
  body: unknown
  apiUrl: string
  now: number
  /** The answer's extra headers (continuation token). */
  headers: Record<string, string>
}

export function runAzure(state: AzureState, req: AzureRequest): unknown {
  const { op, query, now } = req
  const project = projectOf(state, op)
  switch (op.id) {
    case 'Definitions_List': {
      const matching = project.definitions.filter(d => nameFilter(query.get('name'))(d.name))
      const top = Number(query.get('$top') ?? matching.length) || matching.length
      const from = Number(query.get('continuationToken') ?? 0)
      const page = matching.slice(from, from + top)
      if (from + top < matching.length) req.headers['x-ms-continuationtoken'] = String(from + top)
      return {
        count: page.length,
        value: page.map(d => ({
          id: d.id,
          name: d.name,
          path: d.path,
          type: 'build',
          queueStatus: 'enabled',
          revision: 1,
          project: { id: project.id, name: project.name }
        }))
      }
    }
    case 'Builds_List': {
      const ids = (query.get('definitions') ?? '').split(',').filter(Boolean).map(Number)
      const branch = query.get('branchName')
      const order = query.get('queryOrder') ?? 'queueTimeDescending'
      let builds = project.builds.filter(
        b =>
          (ids.length === 0 || ids.includes(b.definitionId)) && (branch === null || b.sourceBranch === branch)
      )
      for (const b of builds) observe(b, now, false)
      if (order === 'queueTimeAscending') builds = [...builds].reverse()
      const top = Number(query.get('$top') ?? builds.length) || builds.length
      const page = builds.slice(0, top)
      return { count: page.length, value: page.map(b => buildView(project, b, req.apiUrl)) }
    }
    case 'Builds_Get':
      return buildView(project, buildOf(project, op, now, false), req.apiUrl)
    case 'Timeline_Get':
      // The timeline is what a poll reads first: its reads count toward settling.
      return timelineView(buildOf(project, op, now, true))
    case 'Stages_Update':
      retryStage(project, req)
      // 200 with no body (the spec's answer has no schema).
      return undefined
    case 'Builds_Update Build':
      return cancelBuild(project, req)
    default:
      throw azureError(404, 'NotFound', `no route for ${op.id}`)
  }
}

function retryStage(project: ProjectState, req: AzureRequest): void {
  const build = buildOf(project, req.op, req.now, false)
  const body = req.body as { state?: string; forceRetryAllJobs?: boolean }
  const name = req.op.path.stageRefName ?? ''
  const index = build.stages.findIndex(s => s.name.toLowerCase() === name.toLowerCase())
  const stage = build.stages[index]
  if (!stage)
    throw azureError(404, 'StageNotFoundException', `Stage ${name} does not exist in build ${build.id}.`)
  if (body.state === 'cancel') return
  if (stage.state !== 'completed')
    throw azureError(
      409,
      'InvalidPipelineOperationException',
      `Unable to retry the pipeline because stage ${stage.name} is currently in progress.`
    )
  if (stage.result !== 'failed' && stage.result !== 'canceled' && stage.result !== 'abandoned')
    throw azureError(
      409,
      'InvalidPipelineOperationException',
      `Unable to retry stage ${stage.name} because it has not failed.`
    )
  // The stage and every stage after it that did not succeed run again (PipelineAttemptBuilder: 2.2).
  const rerun = build.stages.filter((s, i) => i === index || (i > index && s.result !== 'succeeded'))
  for (const s of rerun) {
    s.attempt += s === stage || s.state === 'completed' ? 1 : 0
    s.state = s === stage ? 'inProgress' : 'pending'
    s.result = undefined
    s.finishTime = undefined
  }
  build.status = 'inProgress'
  build.result = undefined
  build.finishTime = undefined
  build.rerun = rerun.map(s => s.name)
  beginRetry(build, req.now)
}

function cancelBuild(project: ProjectState, req: AzureRequest): unknown {
  const build = buildOf(project, req.op, req.now, false)
  const body = req.body as { status?: string }
  if (req.query.get('retry') !== null)
    throw azureError(
      400,
      'InvalidRequestException',
      'The request body must be empty when the retry parameter is specified.'
    )
  if (body.status === 'cancelling' && build.status !== 'completed') {
    build.pending = undefined
    build.rerun = undefined
    build.status = 'completed'
    build.result = 'canceled'
    build.finishTime = req.now
    for (const s of build.stages.filter(s => s.state !== 'completed')) {
      s.state = 'completed'
      s.result = 'canceled'
      s.finishTime = req.now
    }
  }
  return buildView(project, build, req.apiUrl)
}

/** Basic (`:PAT`) or Bearer; a change needs an execute token. */
export function authenticateAzure(
  state: AzureState,
  method: string,
  authorization: string | undefined
): void {
  const [scheme = '', value = ''] = (authorization ?? '').split(' ')
  const token =
    scheme.toLowerCase() === 'basic'
      ? Buffer.from(value, 'base64')
          .toString('utf8')
          .replace(/^[^:]*:/, '')
      : scheme.toLowerCase() === 'bearer'
        ? value
        : undefined
  const permission = token === undefined ? undefined : state.tokens.get(token)
  if (permission === undefined) {
    if (method === 'GET') throw new ApiError('SignIn', 'sign in', 203)
    throw azureError(
      401,
      'UnauthorizedRequestException',
      'TF400813: The user is not authorized to access this resource.'
    )
  }
  if (method !== 'GET' && permission !== 'execute')
    throw azureError(
      401,
      'UnauthorizedRequestException',
      'TF400813: The user is not authorized to access this resource.'
    )
}

/** An Azure DevOps error; its type key is carried as the code. */
export function azureError(status: number, typeKey: string, message: string): ApiError {
  return new ApiError(typeKey, message, status)
}

const headers = (requestId: string, extra: Record<string, string> = {}) => ({
  'content-type': `application/json; charset=utf-8; api-version=${AZURE_API_VERSION}`,
  activityid: requestId,
  ...extra
})

/** Azure DevOps answers: JSON, error bodies with `typeKey`; the 203 sign-in page is HTML. */
export const azureWire: Wire & {
  okWith(
    res: Parameters<Wire['ok']>[0],
    body: unknown,
    requestId: string,
    extra: Record<string, string>
  ): void
} = {
  ok(res, body, requestId) {
    this.okWith(res, body, requestId, {})
  },
  okWith(res, body, requestId, extra) {
    if (body === undefined) {
      res.writeHead(200, { ...headers(requestId, extra), 'content-length': '0' })
      res.end()
      return
    }
    sendJson(res, 200, body, headers(requestId, extra))
  },
  error(res, error, requestId) {
    if (error.status === 203) {
      const page =
        '<!DOCTYPE html><html><head><title>Azure DevOps Services | Sign In</title></head><body></body></html>'
      res.writeHead(203, {
        'content-type': 'text/html; charset=utf-8',
        'content-length': String(Buffer.byteLength(page))
      })
      res.end(page)
      return
    }
    sendJson(
      res,
      error.status,
      {
        $id: '1',
        innerException: null,
        message: error.message,
        typeName: `Microsoft.TeamFoundation.Build.WebApi.${error.code}, Microsoft.TeamFoundation.Build2.WebApi`,
        typeKey: error.code,
        errorCode: 0,
        eventId: 3000
      },
      { ...headers(requestId), ...(error.status === 429 ? { 'retry-after': '1' } : {}) }
    )
  },
  throttled: () =>
    azureError(
      429,
      'RequestBlockedException',
      'TF400733: The request has been canceled: Request was blocked due to exceeding usage of resource Build in namespace Build.'
    ),
  serverError: status => azureError(status, 'InternalServerErrorException', 'An internal error occurred.')
}
