// Google Cloud Build v1 over REST (cloudbuild.googleapis.com/v1/projects/{p}/locations/{l}/...): triggers, builds,
// builds.retry and builds.cancel. Facts and sources: shared/spec/providers-next.md, part 3; every request and answer
// is checked against the vendored discovery document (cloud-build-spec.ts).
// - ListBuilds: "Builds will be sorted by create_time, descending"; the filter `trigger_id="ID"` (the filter
//   grammar beyond that is UNCONFIRMED: the emulator refuses other filters rather than guess them).
// - builds.retry "creates a new build using the original build request"; a triggered build's retry builds the
//   same revision. It has no request ID and no documented refusal: two retries make two builds. It answers a
//   long-running Operation whose metadata (BuildOperationMetadata) carries the new build; its first status,
//   QUEUED, is UNCONFIRMED for retries (the create and run examples show it).
// - builds.cancel "Cancels a build in progress" and answers the Build; on a finished build it is answered
//   unchanged (UNCONFIRMED).
// - Errors in Google's model `{"error": {code, message, status}}`; gRPC codes mapped to HTTP (google/rpc/code.proto).
import { randomUUID } from 'node:crypto'
import { ApiError } from './errors.js'
import { outcomeQueue, settleIfDue, takeOutcome, type Settleable } from './outcomes.js'
import { paginate } from './paging.js'
import { sendJson, type Wire } from './protocol.js'
import { isoTime, parseOptionalTime, parseTime } from './time.js'
import type { CloudBuildCall } from './cloud-build-spec.js'
import type { CloudBuildSeed, CloudBuildStatus, RetryOutcome } from './types.js'

interface BuildState extends Settleable {
  id: string
  project: string
  location: string
  triggerId: string
  status: CloudBuildStatus
  createTime: number
  finishTime?: number | undefined
  commit: string
  branch: string
  failure?: { type: string; detail: string } | undefined
  failedStep?: string | undefined
  /** The build this one retried. */
  retryOf?: string | undefined
}

interface TriggerState {
  id: string
  name: string
  project: string
  location: string
  created: number
}

export interface CloudBuildState {
  /** Bearer tokens: `read` ones may not create or cancel builds. */
  tokens: Map<string, 'read' | 'write'>
  triggers: TriggerState[]
  /** Every build, by ID. */
  builds: Map<string, BuildState>
}

const FINISHED = new Set(['SUCCESS', 'FAILURE', 'INTERNAL_ERROR', 'TIMEOUT', 'CANCELLED', 'EXPIRED'])

export function seedCloudBuild(seed: CloudBuildSeed | undefined): CloudBuildState {
  const state: CloudBuildState = { tokens: new Map(), triggers: [], builds: new Map() }
  for (const t of seed?.tokens ?? []) state.tokens.set(t.token, t.permission ?? 'write')
  for (const project of seed?.projects ?? [])
    for (const trigger of project.triggers) {
      const location = trigger.location ?? 'global'
      const where = `cloud-build trigger ${trigger.name}`
      state.triggers.push({
        id: trigger.id,
        name: trigger.name,
        project: project.id,
        location,
        created: Math.min(...trigger.builds.map(b => parseTime(b.createTime, where)), Date.now())
      })
      for (const b of trigger.builds)
        state.builds.set(b.id, {
          id: b.id,
          project: project.id,
          location,
          triggerId: trigger.id,
          status: b.status,
          createTime: parseTime(b.createTime, where),
          finishTime: parseOptionalTime(b.finishTime, where),
          commit: b.commit ?? '9fceb02d0ae598e95dc970b74767f19372d61af8',
          branch: b.branch ?? 'main',
          failure: b.failureInfo,
          failedStep: b.failedStep,
          outcomes: outcomeQueue(b.onRetry),
          ...(b.settle && !FINISHED.has(b.status)
            ? { pending: { outcome: b.settle, since: parseTime(b.createTime, where), reads: 0 } }
            : {})
        })
    }
  return state
}

function observe(build: BuildState, now: number, countRead: boolean): void {
  settleIfDue(build, now, countRead, (outcome: RetryOutcome) => {
    build.finishTime = now
    if (outcome.result === 'succeeded') {
      build.status = 'SUCCESS'
      build.failure = undefined
      build.failedStep = undefined
      return
    }
    build.status = 'FAILURE'
    build.failure = {
      type: outcome.errorCode ?? 'USER_BUILD_STEP',
      detail:
        outcome.failureReason ??
        'Build step failure: build step 0 "gcr.io/cloud-builders/npm" failed: step exited with non-zero status: 1'
    }
    build.failedStep = outcome.failedStage ?? 'test'
  })
}

function view(b: BuildState) {
  const done = FINISHED.has(b.status)
  return {
    name: `projects/${b.project}/locations/${b.location}/builds/${b.id}`,
    id: b.id,
    projectId: b.project,
    status: b.status,
    ...(b.status === 'FAILURE' && b.failure
      ? { failureInfo: b.failure, statusDetail: b.failure.detail }
      : {}),
    createTime: isoTime(b.createTime),
    ...(b.status !== 'QUEUED' && b.status !== 'PENDING' ? { startTime: isoTime(b.createTime + 1000) } : {}),
    ...(done ? { finishTime: isoTime(b.finishTime ?? b.createTime) } : {}),
    buildTriggerId: b.triggerId,
    substitutions: { BRANCH_NAME: b.branch, COMMIT_SHA: b.commit, TRIGGER_NAME: b.triggerId },
    sourceProvenance: { resolvedRepoSource: { projectId: b.project, repoName: 'app', commitSha: b.commit } },
    steps: [
      {
        id: 'install',
        name: 'gcr.io/cloud-builders/npm',
        args: ['ci'],
        ...(done ? { status: 'SUCCESS' } : {})
      },
      {
        id: b.failedStep ?? 'test',
        name: 'gcr.io/cloud-builders/npm',
        args: ['test'],
        ...(done
          ? { status: b.status === 'FAILURE' ? 'FAILURE' : b.status === 'SUCCESS' ? 'SUCCESS' : b.status }
          : {})
      }
    ],
    logUrl: `https://console.cloud.google.com/cloud-build/builds${b.location === 'global' ? '' : `;region=${b.location}`}/${b.id}?project=${b.project}`,
    timeout: '600s'
  }
}

const googleError = (status: number, code: string, message: string) => new ApiError(code, message, status)

function buildIn(state: CloudBuildState, call: CloudBuildCall, now: number, countRead: boolean): BuildState {
  const { projectsId = '', locationsId = '', buildsId = '' } = call.params
  const build = state.builds.get(buildsId)
  if (!build || build.project !== projectsId || build.location !== locationsId)
    throw googleError(404, 'NOT_FOUND', `Requested entity was not found.`)
  observe(build, now, countRead)
  return build
}

export interface CloudBuildRequest {
  call: CloudBuildCall
  query: URLSearchParams
  body: unknown
  now: number
  write: boolean
}

export function runCloudBuild(state: CloudBuildState, req: CloudBuildRequest): unknown {
  const { call, query, now } = req
  const { projectsId = '', locationsId = '' } = call.params
  switch (call.operation) {
    case 'ListBuildTriggers': {
      const triggers = state.triggers.filter(t => t.project === projectsId && t.location === locationsId)
      const page = paginate(
        triggers,
        query.get('pageToken') ?? undefined,
        Number(query.get('pageSize') ?? 50) || 50,
        () => googleError(400, 'INVALID_ARGUMENT', 'Invalid page token.')
      )
      return {
        triggers: page.items.map(t => ({
          id: t.id,
          name: t.name,
          resourceName: `projects/${t.project}/locations/${t.location}/triggers/${t.id}`,
          createTime: isoTime(t.created),
          filename: 'cloudbuild.yaml'
        })),
        ...(page.nextToken ? { nextPageToken: page.nextToken } : {})
      }
    }
    case 'ListBuilds': {
      const filter = query.get('filter')
      const trigger = filter === null ? undefined : /^trigger_id\s*=\s*"([^"]+)"$/.exec(filter.trim())?.[1]
      if (filter !== null && trigger === undefined)
        throw googleError(
          400,
          'INVALID_ARGUMENT',
          `The emulator reads only trigger_id="ID" filters, not: ${filter}`
        )
      const builds = [...state.builds.values()]
        .filter(
          b =>
            b.project === projectsId &&
            b.location === locationsId &&
            (trigger === undefined || b.triggerId === trigger)
        )
        .sort((a, b) => b.createTime - a.createTime)
      for (const b of builds) observe(b, now, false)
      const page = paginate(
        builds,
        query.get('pageToken') ?? undefined,
        Number(query.get('pageSize') ?? 50) || 50,
        () => googleError(400, 'INVALID_ARGUMENT', 'Invalid page token.')
      )
      return { builds: page.items.map(view), ...(page.nextToken ? { nextPageToken: page.nextToken } : {}) }
    }
    case 'GetBuild':
      return view(buildIn(state, call, now, true))
    case 'RetryBuild':
      return retry(state, req)
    case 'CancelBuild': {
      if (!req.write) throw denied('cloudbuild.builds.update')
      const build = buildIn(state, call, now, false)
      if (!FINISHED.has(build.status)) {
        build.pending = undefined
        build.status = 'CANCELLED'
        build.finishTime = now
      }
      return view(build)
    }
    default:
      throw googleError(404, 'NOT_FOUND', 'Requested entity was not found.')
  }
}

const denied = (permission: string) =>
  googleError(403, 'PERMISSION_DENIED', `The caller does not have permission (${permission})`)

function retry(state: CloudBuildState, req: CloudBuildRequest) {
  if (!req.write) throw denied('cloudbuild.builds.create')
  const original = buildIn(state, req.call, req.now, false)
  const body = req.body as { projectId?: string; id?: string }
  // RetryBuildRequest: projectId and id are "Required".
  if (!body.projectId || !body.id)
    throw googleError(400, 'INVALID_ARGUMENT', 'projectId and id are required.')
  const { outcome, rest } = takeOutcome(original.outcomes)
  original.outcomes = rest
  original.retriesApplied = (original.retriesApplied ?? 0) + 1
  const build: BuildState = {
    id: randomUUID(),
    project: original.project,
    location: original.location,
    triggerId: original.triggerId,
    status: 'QUEUED',
    createTime: req.now,
    commit: original.commit,
    branch: original.branch,
    retryOf: original.id,
    outcomes: rest,
    pending: { outcome, since: req.now, reads: 0 }
  }
  state.builds.set(build.id, build)
  return {
    name: `projects/${build.project}/locations/${build.location}/operations/${Buffer.from(build.id).toString('base64')}`,
    metadata: {
      '@type': 'type.googleapis.com/google.devtools.cloudbuild.v1.BuildOperationMetadata',
      build: view(build)
    },
    done: false
  }
}

/** Bearer tokens only (OAuth 2.0 access tokens). */
export function authenticateGoogle(state: CloudBuildState, authorization: string | undefined): boolean {
  const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1]
  const permission = token === undefined ? undefined : state.tokens.get(token)
  if (permission === undefined)
    throw googleError(
      401,
      'UNAUTHENTICATED',
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.'
    )
  return permission === 'write'
}

/** Google's JSON error model. */
export const googleWire: Wire = {
  ok(res, body) {
    sendJson(res, 200, body, { 'content-type': 'application/json; charset=UTF-8' })
  },
  error(res, error) {
    sendJson(
      res,
      error.status,
      { error: { code: error.status, message: error.message, status: error.code } },
      { 'content-type': 'application/json; charset=UTF-8' }
    )
  },
  throttled: () =>
    googleError(
      429,
      'RESOURCE_EXHAUSTED',
      "Quota exceeded for quota metric 'Build and Operation Get requests' and limit 'Build and Operation Get requests per minute'."
    ),
  serverError: status =>
    googleError(status, status === 503 ? 'UNAVAILABLE' : 'INTERNAL', 'The service is currently unavailable.')
}
