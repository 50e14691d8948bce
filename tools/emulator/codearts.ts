// Huawei Cloud CodeArts Pipeline v5: list, detail, retry (the SAME run continues) and stop of pipeline runs.
// How requests arrive (routes, authentication, error bodies) is in codearts-http.ts.
import { randomUUID } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import { ApiError } from './errors.js'
import { Input } from './input.js'
import { beginRetry, outcomeQueue, settleIfDue, type Settleable } from './outcomes.js'
import type { RequestContext } from './protocol.js'
import { parseOptionalTime, parseTime } from './time.js'
import type {
  CodeArtsRunStatus,
  CodeArtsSeed,
  CodeArtsStageStatus,
  HuaweiCredential,
  RetryOutcome
} from './types.js'

// Error codes. Huawei documents the first two; it documents none for the other cases, so these are the
// emulator's own choice, kept in the DEVPIPE form a client would see.
export const CODEARTS_ERRORS = {
  projectNotFound: 'DEVPIPE.00011412', // 404
  pipelineNotFound: 'DEVPIPE.00011401', // 404
  runNotFound: 'DEVPIPE.00011404', // 404 (emulator's choice)
  runNotRetryable: 'DEVPIPE.00011406', // 400: retry of a run that is not FAILED (emulator's choice)
  runNotStoppable: 'DEVPIPE.00011407', // 400: stop of a run that is not running (emulator's choice)
  badParameter: 'DEVPIPE.00011400', // 400 (emulator's choice)
  internal: 'DEVPIPE.00011500', // 500 (emulator's choice)
  badAuth: 'APIGW.0301', // 401
  throttled: 'APIGW.0308', // 429
  noSuchApi: 'APIGW.0101' // 404
} as const

interface CodeArtsJobState {
  id: string
  name: string
  sequence: number
  status: CodeArtsStageStatus
  message?: string | undefined
}

interface CodeArtsStageState {
  id: string
  name: string
  sequence: number
  status: CodeArtsStageStatus
  startTime?: number | undefined
  endTime?: number | undefined
  jobs: CodeArtsJobState[]
}

export interface CodeArtsRunState extends Settleable {
  id: string
  projectId: string
  pipelineId: string
  runNumber: number
  status: CodeArtsRunStatus
  triggerType: string
  detailUrl?: string | undefined
  startTime: number
  endTime?: number | undefined
  stages: CodeArtsStageState[]
  /** Stages restarted by the retry in flight. */
  retriedStages: string[]
}

export interface CodeArtsPipelineState {
  id: string
  name: string
  /** Oldest first. */
  runs: CodeArtsRunState[]
  runsById: Map<string, CodeArtsRunState>
}

export interface CodeArtsState {
  projects: Map<string, Map<string, CodeArtsPipelineState>>
  tokens: Set<string>
  credentials: Map<string, HuaweiCredential>
}

const newId = () => randomUUID().replaceAll('-', '')

export function seedCodeArts(seed: CodeArtsSeed | undefined): CodeArtsState {
  const projects = new Map<string, Map<string, CodeArtsPipelineState>>()
  for (const project of seed?.projects ?? []) {
    const pipelines = new Map<string, CodeArtsPipelineState>()
    for (const pipeline of project.pipelines) {
      for (const id of [project.id, pipeline.id]) {
        if (id.length !== 32) throw new Error(`scenario: codearts ID "${id}" must be 32 characters`)
      }
      const runs = pipeline.runs.map((run, index): CodeArtsRunState => {
        const where = `codearts run "${run.id}"`
        return {
          id: run.id,
          projectId: project.id,
          pipelineId: pipeline.id,
          runNumber: run.runNumber ?? index + 1,
          status: run.status,
          triggerType: run.triggerType ?? 'Manual',
          ...(run.detailUrl !== undefined ? { detailUrl: run.detailUrl } : {}),
          startTime: parseTime(run.startTime, where),
          endTime: parseOptionalTime(run.endTime, where),
          stages: run.stages.map((stage, sequence) => ({
            id: newId(),
            name: stage.name,
            sequence,
            status: stage.status,
            jobs: (stage.jobs ?? [{ name: `${stage.name} job`, status: stage.status }]).map(
              (job, jobSequence) => ({
                id: newId(),
                name: job.name,
                sequence: jobSequence,
                status: job.status,
                ...(job.message !== undefined ? { message: job.message } : {})
              })
            )
          })),
          outcomes: outcomeQueue(run.onRetry),
          // Seeded running with an end: its running stages end as `settle` says.
          ...(run.settle && run.status === 'RUNNING'
            ? { pending: { outcome: run.settle, since: parseTime(run.startTime, where), reads: 0 } }
            : {}),
          retriedStages:
            run.settle && run.status === 'RUNNING'
              ? run.stages.filter(s => s.status === 'RUNNING').map(s => s.name)
              : []
        }
      })
      runs.sort((a, b) => a.startTime - b.startTime)
      const runsById = new Map(runs.map(run => [run.id, run]))
      pipelines.set(pipeline.id, {
        id: pipeline.id,
        name: pipeline.name ?? `pipeline-${pipeline.id}`,
        runs,
        runsById
      })
    }
    projects.set(project.id, pipelines)
  }
  return {
    projects,
    tokens: new Set(seed?.tokens ?? []),
    credentials: new Map((seed?.credentials ?? []).map(credential => [credential.ak, credential]))
  }
}

export interface CodeArtsRequest {
  method: string
  /** Raw path and query. */
  url: string
  headers: IncomingHttpHeaders
  body: Buffer
}

export type CodeArtsOperation = 'list' | 'detail' | 'retry' | 'stop' | 'pipelines'

export interface CodeArtsRoute {
  operation: CodeArtsOperation
  projectId: string
  pipelineId: string
  runId?: string | undefined
}

// ---------- settling and views ----------

function settle(run: CodeArtsRunState, outcome: RetryOutcome, now: number): void {
  const retried = run.stages.filter(stage => run.retriedStages.includes(stage.name))
  const failing =
    outcome.result === 'failed'
      ? (retried.find(s => s.name === outcome.failedStage) ?? retried[0])
      : undefined
  const finish = (stage: CodeArtsStageState, status: CodeArtsStageStatus, message?: string) => {
    stage.status = status
    stage.endTime = now
    stage.jobs.forEach((job, index) => {
      const failedJob = status === 'FAILED' && index === 0
      job.status = failedJob ? 'FAILED' : 'COMPLETED'
      job.message = failedJob ? message : undefined
    })
  }
  if (failing) {
    for (const stage of retried) {
      if (stage === failing) finish(stage, 'FAILED', outcome.failureReason ?? `Stage ${stage.name} failed`)
      else finish(stage, 'COMPLETED')
    }
  } else {
    // The rest of the pipeline runs after a successful retry.
    for (const stage of run.stages)
      if (stage.status !== 'COMPLETED' && stage.status !== 'IGNORED') finish(stage, 'COMPLETED')
  }
  run.retriedStages = []
  run.status = failing ? 'FAILED' : 'COMPLETED'
  run.endTime = now
}

function observe(run: CodeArtsRunState, now: number, countRead: boolean): void {
  settleIfDue(run, now, countRead, outcome => {
    settle(run, outcome, now)
  })
}

const detailUrl = (run: CodeArtsRunState, region: string) =>
  run.detailUrl ??
  `https://devcloud.${region}.huaweicloud.com/cicd/project/${run.projectId}/pipeline/detail/${run.pipelineId}/${run.id}?v=1`

const runSummary = (run: CodeArtsRunState, ctx: RequestContext) => ({
  pipeline_run_id: run.id,
  pipeline_id: run.pipelineId,
  executor_name: 'emulator',
  stage_status_list: run.stages.map(stage => ({
    name: stage.name,
    sequence: stage.sequence,
    status: stage.status,
    start_time: stage.startTime,
    end_time: stage.endTime
  })),
  status: run.status,
  run_number: run.runNumber,
  trigger_type: run.triggerType,
  start_time: run.startTime,
  end_time: run.endTime,
  detail_url: detailUrl(run, ctx.region)
})

const runDetail = (run: CodeArtsRunState, pipeline: CodeArtsPipelineState, ctx: RequestContext) => ({
  id: run.id,
  pipeline_id: run.pipelineId,
  name: pipeline.name,
  executor_name: 'emulator',
  status: run.status,
  trigger_type: run.triggerType,
  run_number: run.runNumber,
  start_time: run.startTime,
  end_time: run.endTime,
  detail_url: detailUrl(run, ctx.region),
  stages: run.stages.map(stage => ({
    id: stage.id,
    name: stage.name,
    identifier: stage.id,
    sequence: stage.sequence,
    status: stage.status,
    start_time: stage.startTime,
    end_time: stage.endTime,
    jobs: stage.jobs.map(job => ({
      id: job.id,
      name: job.name,
      identifier: job.id,
      sequence: job.sequence,
      status: job.status,
      message: job.message
    }))
  }))
})

// ---------- operations ----------

function pipelineFor(state: CodeArtsState, route: CodeArtsRoute): CodeArtsPipelineState {
  const project = state.projects.get(route.projectId)
  if (!project) {
    throw new ApiError(CODEARTS_ERRORS.projectNotFound, `Project ${route.projectId} does not exist`, 404)
  }
  const pipeline = project.get(route.pipelineId)
  if (!pipeline) {
    throw new ApiError(CODEARTS_ERRORS.pipelineNotFound, `Pipeline ${route.pipelineId} does not exist`, 404)
  }
  return pipeline
}

function runFor(pipeline: CodeArtsPipelineState, runId: string | undefined): CodeArtsRunState {
  // Detail without a run ID answers the newest run, as CodeArts does.
  const run = runId === undefined ? pipeline.runs.at(-1) : pipeline.runsById.get(runId)
  if (!run) throw new ApiError(CODEARTS_ERRORS.runNotFound, `Pipeline run ${runId ?? ''} does not exist`, 404)
  return run
}

function list(pipeline: CodeArtsPipelineState, input: Input, ctx: RequestContext) {
  const offset = input.int('offset', 0, Number.MAX_SAFE_INTEGER, 0)
  const limit = input.int('limit', 1, 100, 10)
  input.oneOf('sort_key', ['start_time', 'run_number'], 'start_time')
  const descending = input.oneOf('sort_dir', ['asc', 'desc'], 'desc') === 'desc'
  const statuses = input.optStrList('status')
  if (statuses) for (const run of pipeline.runs) observe(run, ctx.now, false)
  const matching = statuses ? pipeline.runs.filter(run => statuses.includes(run.status)) : pipeline.runs
  const sorted = descending ? [...matching].reverse() : matching
  const page = sorted.slice(offset, offset + limit)
  for (const run of page) observe(run, ctx.now, false)
  return { offset, limit, total: matching.length, pipeline_runs: page.map(run => runSummary(run, ctx)) }
}

/**
 * The project's pipelines, `offset`/`limit` paged (limit 1-100, default 10), with each one's latest run. `name`
 * is the service's own filter: a pipeline whose name contains it (the emulator's reading; not a glob).
 */
function listPipelines(state: CodeArtsState, projectId: string, input: Input, ctx: RequestContext) {
  const project = state.projects.get(projectId)
  if (!project)
    throw new ApiError(CODEARTS_ERRORS.projectNotFound, `Project ${projectId} does not exist`, 404)
  const offset = input.int('offset', 0, Number.MAX_SAFE_INTEGER, 0)
  const limit = input.int('limit', 1, 100, 10)
  const name = input.optStr('name')
  const matching = [...project.values()].filter(p => name === undefined || p.name.includes(name))
  const page = matching.slice(offset, offset + limit)
  return {
    offset,
    limit,
    total: matching.length,
    pipelines: page.map(pipeline => {
      const latest = pipeline.runs.at(-1)
      if (latest) observe(latest, ctx.now, false)
      return {
        pipeline_id: pipeline.id,
        name: pipeline.name,
        project_id: projectId,
        ...(latest
          ? {
              latest_run: {
                pipeline_run_id: latest.id,
                status: latest.status,
                start_time: latest.startTime,
                end_time: latest.endTime ?? 0
              }
            }
          : {})
      }
    })
  }
}

const isFailed = (status: string): boolean => status === 'FAILED' || status === 'ASYNC_FAILED'

function retry(run: CodeArtsRunState, now: number) {
  observe(run, now, false)
  if (run.status !== 'FAILED') {
    throw new ApiError(
      CODEARTS_ERRORS.runNotRetryable,
      `Pipeline run ${run.id} is ${run.status}; only a FAILED run can be retried`,
      400
    )
  }
  // A retry restarts what failed, synchronously or asynchronously (FAILED, ASYNC_FAILED).
  const failed = run.stages.filter(stage => isFailed(stage.status))
  for (const stage of failed) {
    stage.status = 'RUNNING'
    stage.startTime = now
    stage.endTime = undefined
    for (const job of stage.jobs) {
      if (!isFailed(job.status)) continue
      job.status = 'RUNNING'
      job.message = undefined
    }
  }
  run.retriedStages = failed.map(stage => stage.name)
  run.status = 'RUNNING'
  run.endTime = undefined
  beginRetry(run, now)
  return { success: true }
}

function stop(run: CodeArtsRunState, now: number) {
  observe(run, now, false)
  if (run.status !== 'RUNNING') {
    throw new ApiError(
      CODEARTS_ERRORS.runNotStoppable,
      `Pipeline run ${run.id} is ${run.status}, not running`,
      400
    )
  }
  run.pending = undefined
  run.retriedStages = []
  run.status = 'CANCELED'
  run.endTime = now
  for (const stage of run.stages) {
    if (stage.status !== 'RUNNING') continue
    stage.status = 'CANCELED'
    stage.endTime = now
    for (const job of stage.jobs) if (job.status === 'RUNNING') job.status = 'CANCELED'
  }
  return { success: true }
}

/** Runs an authenticated CodeArts operation. */
export function runCodeArts(
  state: CodeArtsState,
  route: CodeArtsRoute,
  request: CodeArtsRequest,
  ctx: RequestContext
) {
  if (route.operation === 'pipelines') {
    const input = Input.parse(
      request.body.toString(),
      CODEARTS_ERRORS.badParameter,
      CODEARTS_ERRORS.badParameter
    )
    return listPipelines(state, route.projectId, input, ctx)
  }
  const pipeline = pipelineFor(state, route)
  switch (route.operation) {
    case 'list': {
      const input = Input.parse(
        request.body.toString(),
        CODEARTS_ERRORS.badParameter,
        CODEARTS_ERRORS.badParameter
      )
      return list(pipeline, input, ctx)
    }
    case 'detail': {
      const query = new URL(request.url, 'http://emulator').searchParams
      const run = runFor(pipeline, query.get('pipeline_run_id') ?? undefined)
      observe(run, ctx.now, true)
      return runDetail(run, pipeline, ctx)
    }
    case 'retry':
      return retry(runFor(pipeline, route.runId), ctx.now)
    case 'stop':
      return stop(runFor(pipeline, route.runId), ctx.now)
  }
}
