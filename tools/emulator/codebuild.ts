// CodeBuild builds: ListBuildsForProject, BatchGetBuilds, RetryBuild (a NEW build), StopBuild.
import { batchOperations, seedBatch, type BuildBatchState } from './codebuild-batch.js'
import {
  codeBuildArn,
  idIn,
  newCodeBuildId,
  phaseViews,
  projectNamed,
  resourceNotFound
} from './codebuild-common.js'
import { IdempotencyCache } from './idempotency.js'
import type { Input } from './input.js'
import { outcomeQueue, settleIfDue, takeOutcome, type Settleable } from './outcomes.js'
import { ordered, paginate } from './paging.js'
import type { Operations, RequestContext } from './protocol.js'
import { awsTime, parseOptionalTime, parseTime } from './time.js'
import type { BuildPhaseType, BuildSeed, BuildStatus, CodeBuildProjectSeed, RetryOutcome } from './types.js'

interface BuildState extends Settleable {
  id: string
  arn: string
  projectName: string
  buildNumber: number
  status: BuildStatus
  startTime: number
  endTime?: number | undefined
  sourceVersion?: string | undefined
  resolvedSourceVersion?: string | undefined
  failure?: { phase: BuildPhaseType; code: string; message: string } | undefined
  autoRetryConfig?: BuildSeed['autoRetryConfig'] | undefined
  /** Who started it: `codepipeline/...` builds are never auto-retried (CodeBuild user guide, "Auto-retry"). */
  initiator: string
  /** How long after a failure CodeBuild's own RetryBuild comes (the emulator's pace; AWS gives no figure). */
  autoRetryDelayMs: number
  /** The build this one retried (RetryBuild), for assertions. */
  retryOf?: string | undefined
  /** The build CodeBuild retried itself to start this one, for assertions. */
  autoRetryOf?: string | undefined
}

export interface ProjectState {
  name: string
  /** Oldest first; RetryBuild appends. */
  builds: BuildState[]
  batches: BuildBatchState[]
}

export interface CodeBuildState {
  projects: Map<string, ProjectState>
  builds: Map<string, BuildState>
  batches: Map<string, BuildBatchState>
  buildTokens: IdempotencyCache<string>
  batchTokens: IdempotencyCache<string>
}

const PHASES: readonly BuildPhaseType[] = [
  'SUBMITTED',
  'QUEUED',
  'PROVISIONING',
  'DOWNLOAD_SOURCE',
  'INSTALL',
  'PRE_BUILD',
  'BUILD',
  'POST_BUILD',
  'UPLOAD_ARTIFACTS',
  'FINALIZING',
  'COMPLETED'
]

function failureOf(status: BuildStatus, phase: BuildPhaseType | undefined, code?: string, message?: string) {
  if (status === 'SUCCEEDED' || status === 'IN_PROGRESS') return undefined
  // COMPLETED is the final, status-less phase: a failure there shows on FINALIZING.
  const failed = phase === undefined ? 'BUILD' : phase === 'COMPLETED' ? 'FINALIZING' : phase
  const fallback = status === 'STOPPED' ? 'Build was stopped' : `Phase ${failed} ended with ${status}`
  return {
    phase: failed,
    code: code ?? (status === 'STOPPED' ? 'BUILD_STOPPED' : 'COMMAND_EXECUTION_ERROR'),
    message: message ?? fallback
  }
}

function seedBuild(
  seed: BuildSeed,
  project: string,
  number: number,
  region: string,
  account: string
): BuildState {
  const where = `codebuild build "${seed.id}"`
  const failure = failureOf(seed.status, seed.failedPhase, seed.failureCode, seed.failureMessage)
  return {
    id: seed.id,
    arn: codeBuildArn('build', region, account, seed.id),
    projectName: project,
    buildNumber: seed.buildNumber ?? number,
    status: seed.status,
    startTime: parseTime(seed.startTime, where),
    endTime: parseOptionalTime(seed.endTime, where),
    sourceVersion: seed.sourceVersion,
    resolvedSourceVersion: seed.resolvedSourceVersion,
    outcomes: outcomeQueue(seed.onRetry),
    ...(seed.settle && seed.status === 'IN_PROGRESS'
      ? { pending: { outcome: seed.settle, since: parseTime(seed.startTime, where), reads: 0 } }
      : {}),
    ...(failure ? { failure } : {}),
    initiator: seed.initiator ?? (seed.autoRetryConfig ? 'emulator-user' : 'codepipeline/emulator'),
    autoRetryDelayMs: seed.autoRetryDelayMs ?? 1000,
    ...(seed.autoRetryConfig ? { autoRetryConfig: { ...seed.autoRetryConfig } } : {})
  }
}

export function seedCodeBuild(
  seeds: CodeBuildProjectSeed[],
  region: string,
  account: string
): CodeBuildState {
  const state: CodeBuildState = {
    projects: new Map(),
    builds: new Map(),
    batches: new Map(),
    buildTokens: new IdempotencyCache(),
    batchTokens: new IdempotencyCache()
  }
  for (const seed of seeds) {
    for (const item of [...(seed.builds ?? []), ...(seed.batches ?? [])]) {
      if (!item.id.startsWith(`${seed.name}:`)) {
        throw new Error(
          `scenario: codebuild project "${seed.name}": ID "${item.id}" must start with "${seed.name}:"`
        )
      }
    }
    const byStart = <T extends { startTime: string }>(items: T[] | undefined) =>
      [...(items ?? [])].sort((a, b) => Date.parse(a.startTime) - Date.parse(b.startTime))
    let number = 0
    const builds = byStart(seed.builds).map(b => {
      const build = seedBuild(b, seed.name, number + 1, region, account)
      number = build.buildNumber
      return build
    })
    const batches = byStart(seed.batches).map((b, index) =>
      seedBatch(b, seed.name, index + 1, region, account)
    )
    state.projects.set(seed.name, { name: seed.name, builds, batches })
    for (const build of builds) state.builds.set(build.id, build)
    for (const batch of batches) state.batches.set(batch.id, batch)
  }
  return state
}

// ---------- settling and views ----------

function observe(build: BuildState, now: number, countRead: boolean): void {
  settleIfDue(build, now, countRead, (outcome: RetryOutcome) => {
    build.endTime = now
    if (outcome.result === 'succeeded') {
      build.status = 'SUCCEEDED'
      build.failure = undefined
    } else {
      build.status = 'FAILED'
      build.failure = failureOf('FAILED', outcome.failedPhase, outcome.errorCode, outcome.failureReason)
    }
  })
}

/**
 * CodeBuild's auto-retry (API reference "AutoRetryConfig"): a failed build whose `autoRetryNumber` is below
 * its `autoRetryLimit` is retried by CodeBuild itself (RetryBuild with the project's role), unless a pipeline
 * started it; the new build carries the next number and `previousAutoRetry`, the old one `nextAutoRetry`.
 */
function autoRetryIfDue(state: CodeBuildState, build: BuildState, ctx: RequestContext): void {
  const config = build.autoRetryConfig
  if (build.status === 'IN_PROGRESS' || build.status === 'SUCCEEDED' || build.status === 'STOPPED') return
  if (
    config === undefined ||
    config.nextAutoRetry !== undefined ||
    build.initiator.startsWith('codepipeline/')
  )
    return
  const number = config.autoRetryNumber ?? 0
  const limit = config.autoRetryLimit ?? 0
  if (number >= limit || ctx.now - (build.endTime ?? build.startTime) < build.autoRetryDelayMs) return
  const retried = startRetry(state, build, ctx, 'codebuild-auto-retry')
  retried.autoRetryOf = build.id
  retried.autoRetryConfig = {
    autoRetryLimit: limit,
    autoRetryNumber: number + 1,
    previousAutoRetry: build.arn
  }
  config.nextAutoRetry = retried.arn
}

/** Observes a build as a read would: a due outcome settles, a due auto-retry starts. */
function advance(state: CodeBuildState, build: BuildState, ctx: RequestContext, countRead: boolean): void {
  observe(build, ctx.now, countRead)
  autoRetryIfDue(state, build, ctx)
}

function buildView(build: BuildState, now: number) {
  const complete = build.status !== 'IN_PROGRESS'
  const shown = complete ? PHASES : PHASES.slice(0, PHASES.indexOf('BUILD') + 1)
  return {
    id: build.id,
    arn: build.arn,
    buildNumber: build.buildNumber,
    startTime: awsTime(build.startTime),
    endTime: awsTime(build.endTime),
    currentPhase: complete ? 'COMPLETED' : 'BUILD',
    buildStatus: build.status,
    sourceVersion: build.sourceVersion,
    resolvedSourceVersion: build.resolvedSourceVersion,
    projectName: build.projectName,
    phases: phaseViews(shown, build.startTime, build.endTime ?? now, type =>
      build.failure && type === build.failure.phase
        ? {
            status: build.status,
            contexts: [{ statusCode: build.failure.code, message: build.failure.message }]
          }
        : undefined
    ),
    timeoutInMinutes: 60,
    queuedTimeoutInMinutes: 480,
    buildComplete: complete,
    initiator: build.initiator,
    autoRetryConfig: build.autoRetryConfig
  }
}

const buildIn = (state: CodeBuildState, raw: string) => state.builds.get(idIn(raw, 'build'))

// ---------- operations ----------

function retryBuild(state: CodeBuildState, input: Input, ctx: RequestContext) {
  const id = idIn(input.str('id'), 'build')
  const token = input.optStr('idempotencyToken')
  const previous =
    token === undefined ? { kind: 'new' as const } : state.buildTokens.lookup(token, id, ctx.now)
  if (previous.kind === 'mismatch') {
    throw input.invalid(`Idempotency token ${token ?? ''} was used with other parameters: parameter mismatch`)
  }
  if (previous.kind === 'replay') {
    const replayed = state.builds.get(previous.value)
    if (replayed) return { build: buildView(replayed, ctx.now) }
  }
  const build = state.builds.get(id)
  if (!build) throw resourceNotFound(`Build ${id} does not exist`)
  advance(state, build, ctx, false)
  if (build.status === 'IN_PROGRESS') throw input.invalid(`Build ${id} is in progress and cannot be retried`)
  const retried = startRetry(state, build, ctx, 'emulator-user')
  retried.retryOf = build.id
  if (token !== undefined) state.buildTokens.remember(token, id, retried.id, ctx.now)
  return { build: buildView(retried, ctx.now) }
}

/** A new build of the same source (RetryBuild, by a person or by CodeBuild), settling with its next outcome. */
function startRetry(
  state: CodeBuildState,
  build: BuildState,
  ctx: RequestContext,
  initiator: string
): BuildState {
  const project = projectNamed(state.projects, build.projectName)
  const { outcome, rest } = takeOutcome(build.outcomes)
  const newId = newCodeBuildId(project.name)
  const retried: BuildState = {
    id: newId,
    arn: codeBuildArn('build', ctx.region, ctx.accountId, newId),
    projectName: project.name,
    buildNumber: (project.builds.at(-1)?.buildNumber ?? 0) + 1,
    status: 'IN_PROGRESS',
    startTime: ctx.now,
    sourceVersion: build.sourceVersion,
    resolvedSourceVersion: build.resolvedSourceVersion,
    outcomes: rest,
    pending: { outcome, since: ctx.now, reads: 0 },
    initiator,
    autoRetryDelayMs: build.autoRetryDelayMs,
    // A new build starts its own auto-retry count under the project's limit.
    ...(build.autoRetryConfig
      ? { autoRetryConfig: { autoRetryLimit: build.autoRetryConfig.autoRetryLimit, autoRetryNumber: 0 } }
      : {})
  }
  project.builds.push(retried)
  state.builds.set(retried.id, retried)
  return retried
}

export const codeBuildOperations: Operations<CodeBuildState> = {
  // ListProjects (CodeBuild API reference): up to 100 names a page; sortBy NAME, CREATED_TIME or LAST_MODIFIED_TIME.
  ListProjects(state, input) {
    const sortBy = input.oneOf('sortBy', ['NAME', 'CREATED_TIME', 'LAST_MODIFIED_TIME'], 'NAME')
    const descending = input.oneOf('sortOrder', ['ASCENDING', 'DESCENDING'], 'ASCENDING') === 'DESCENDING'
    const names = [...state.projects.keys()]
    if (sortBy === 'NAME') names.sort()
    const page = paginate(ordered(names, descending), input.optStr('nextToken'), 100, () =>
      input.invalid('Invalid next token')
    )
    return { projects: page.items, nextToken: page.nextToken }
  },

  ListBuildsForProject(state, input, ctx) {
    const project = projectNamed(state.projects, input.str('projectName'))
    for (const build of [...project.builds]) advance(state, build, ctx, false)
    const descending = input.oneOf('sortOrder', ['ASCENDING', 'DESCENDING'], 'DESCENDING') === 'DESCENDING'
    const page = paginate(ordered(project.builds, descending), input.optStr('nextToken'), 100, () =>
      input.invalid('Invalid next token')
    )
    // BuildIds has a model minimum of 1: a project without builds answers without the member.
    return {
      ...(page.items.length > 0 ? { ids: page.items.map(build => build.id) } : {}),
      nextToken: page.nextToken
    }
  },

  BatchGetBuilds(state, input, ctx) {
    const ids = input.optStrList('ids') ?? []
    if (ids.length < 1 || ids.length > 100) throw input.invalid('ids must hold 1 to 100 build IDs')
    const found = ids.map(raw => ({ raw, build: buildIn(state, raw) }))
    for (const { build } of found) if (build) advance(state, build, ctx, true)
    const notFound = found.flatMap(({ raw, build }) => (build ? [] : [raw]))
    return {
      builds: found.flatMap(({ build }) => (build ? [buildView(build, ctx.now)] : [])),
      // The model's minimum is one item: AWS leaves the member out when nothing is missing.
      ...(notFound.length > 0 ? { buildsNotFound: notFound } : {})
    }
  },

  RetryBuild: retryBuild,

  StopBuild(state, input, ctx) {
    const build = buildIn(state, input.str('id'))
    if (!build) throw resourceNotFound(`Build ${input.str('id')} does not exist`)
    observe(build, ctx.now, false)
    // A finished build is answered as it is (the emulator's choice; no modelled error fits).
    if (build.status === 'IN_PROGRESS') {
      build.pending = undefined
      build.status = 'STOPPED'
      build.endTime = ctx.now
      build.failure = failureOf('STOPPED', 'BUILD')
    }
    return { build: buildView(build, ctx.now) }
  },

  ...batchOperations
}
