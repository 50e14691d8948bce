// CodeBuild batch builds: ListBuildBatchesForProject, BatchGetBuildBatches, RetryBuildBatch, StopBuildBatch.
//
// RetryBuildBatch restarts the SAME batch (same ID and ARN), so the action reports the batch's own ID.
// Why: the API "restarts a failed batch build", and BuildGroup.priorBuildSummaryList exists to keep a
// group's builds from before a retry; each retried group gets a new current build.
import {
  FAILED_STATUSES,
  codeBuildArn,
  idIn,
  newCodeBuildId,
  phaseViews,
  projectNamed,
  resourceNotFound
} from './codebuild-common.js'
import type { CodeBuildState } from './codebuild.js'
import type { Input } from './input.js'
import { beginRetry, outcomeQueue, settleIfDue, type Settleable } from './outcomes.js'
import { ordered, paginate } from './paging.js'
import type { Operations, RequestContext } from './protocol.js'
import { awsTime, parseOptionalTime, parseTime } from './time.js'
import type { BuildBatchSeed, BuildStatus, RetryOutcome } from './types.js'

interface BuildSummaryState {
  arn: string
  status: BuildStatus
  requestedOn: number
}

interface BuildGroupState {
  identifier: string
  current: BuildSummaryState
  prior: BuildSummaryState[]
}

export interface BuildBatchState extends Settleable {
  id: string
  arn: string
  projectName: string
  buildBatchNumber: number
  status: BuildStatus
  startTime: number
  endTime?: number | undefined
  sourceVersion?: string | undefined
  resolvedSourceVersion?: string | undefined
  groups: BuildGroupState[]
  failureMessage?: string | undefined
  /** Groups restarted by the retry in flight. */
  retriedGroups: string[]
}

const RETRY_TYPES = ['RETRY_ALL_BUILDS', 'RETRY_FAILED_BUILDS'] as const

export function seedBatch(
  seed: BuildBatchSeed,
  project: string,
  number: number,
  region: string,
  account: string
): BuildBatchState {
  const where = `codebuild batch "${seed.id}"`
  const startTime = parseTime(seed.startTime, where)
  const groups = seed.groups ?? [{ identifier: 'build1', status: seed.status }]
  return {
    id: seed.id,
    arn: codeBuildArn('build-batch', region, account, seed.id),
    projectName: project,
    buildBatchNumber: seed.buildBatchNumber ?? number,
    status: seed.status,
    startTime,
    endTime: parseOptionalTime(seed.endTime, where),
    sourceVersion: seed.sourceVersion,
    resolvedSourceVersion: seed.resolvedSourceVersion,
    groups: groups.map(group => ({
      identifier: group.identifier,
      current: {
        arn: codeBuildArn('build', region, account, newCodeBuildId(project)),
        status: group.status,
        requestedOn: startTime
      },
      prior: []
    })),
    failureMessage: seed.failureMessage,
    outcomes: outcomeQueue(seed.onRetry),
    // Seeded running with an end: its running groups end as `settle` says.
    ...(seed.settle && seed.status === 'IN_PROGRESS'
      ? { pending: { outcome: seed.settle, since: startTime, reads: 0 } }
      : {}),
    retriedGroups:
      seed.settle && seed.status === 'IN_PROGRESS'
        ? groups.filter(g => g.status === 'IN_PROGRESS').map(g => g.identifier)
        : []
  }
}

function settle(batch: BuildBatchState, outcome: RetryOutcome, now: number): void {
  const failing =
    outcome.result === 'failed'
      ? (batch.retriedGroups.find(id => id === outcome.failedGroup) ?? batch.retriedGroups[0])
      : undefined
  for (const group of batch.groups) {
    if (batch.retriedGroups.includes(group.identifier)) {
      group.current.status = group.identifier === failing ? 'FAILED' : 'SUCCEEDED'
    }
  }
  batch.retriedGroups = []
  batch.endTime = now
  batch.status = outcome.result === 'failed' ? 'FAILED' : 'SUCCEEDED'
  batch.failureMessage =
    outcome.result === 'failed' ? (outcome.failureReason ?? `Build group ${failing ?? ''} failed`) : undefined
}

function observe(batch: BuildBatchState, now: number, countRead: boolean): void {
  settleIfDue(batch, now, countRead, outcome => {
    settle(batch, outcome, now)
  })
}

const summaryView = (summary: BuildSummaryState) => ({
  arn: summary.arn,
  buildStatus: summary.status,
  requestedOn: awsTime(summary.requestedOn)
})

function batchView(batch: BuildBatchState, now: number) {
  const complete = batch.status !== 'IN_PROGRESS'
  const terminal = batch.status === 'SUCCEEDED' || batch.status === 'STOPPED' ? batch.status : 'FAILED'
  const running = ['SUBMITTED', 'DOWNLOAD_BATCHSPEC', 'IN_PROGRESS'] as const
  const types = complete ? [...running, terminal] : running
  return {
    id: batch.id,
    arn: batch.arn,
    startTime: awsTime(batch.startTime),
    endTime: awsTime(batch.endTime),
    currentPhase: complete ? terminal : 'IN_PROGRESS',
    buildBatchStatus: batch.status,
    sourceVersion: batch.sourceVersion,
    resolvedSourceVersion: batch.resolvedSourceVersion,
    projectName: batch.projectName,
    phases: phaseViews(types, batch.startTime, batch.endTime ?? now, type =>
      type === 'IN_PROGRESS' && batch.status !== 'SUCCEEDED'
        ? {
            status: batch.status,
            contexts: batch.failureMessage
              ? [{ statusCode: 'BUILD_GROUP_FAILED', message: batch.failureMessage }]
              : []
          }
        : undefined
    ),
    buildTimeoutInMinutes: 60,
    queuedTimeoutInMinutes: 480,
    complete,
    buildBatchNumber: batch.buildBatchNumber,
    buildGroups: batch.groups.map(group => ({
      identifier: group.identifier,
      dependsOn: [],
      ignoreFailure: false,
      currentBuildSummary: summaryView(group.current),
      priorBuildSummaryList: group.prior.map(summaryView)
    }))
  }
}

const batchIn = (state: CodeBuildState, raw: string) => state.batches.get(idIn(raw, 'build-batch'))

function retryBuildBatch(state: CodeBuildState, input: Input, ctx: RequestContext) {
  const id = idIn(input.str('id'), 'build-batch')
  const retryType = input.oneOf('retryType', RETRY_TYPES, 'RETRY_FAILED_BUILDS')
  const token = input.optStr('idempotencyToken')
  const params = `${id} ${retryType}`
  const previous = token === undefined ? undefined : state.batchTokens.lookup(token, params, ctx.now)
  if (previous?.kind === 'mismatch') {
    throw input.invalid(`Idempotency token ${token ?? ''} was used with other parameters: parameter mismatch`)
  }
  const batch = state.batches.get(id)
  if (!batch) throw resourceNotFound(`Batch build ${id} does not exist`)
  observe(batch, ctx.now, false)
  if (previous?.kind === 'replay') return { buildBatch: batchView(batch, ctx.now) }
  if (!FAILED_STATUSES.has(batch.status))
    throw input.invalid('Only batch builds that have failed can be retried')
  const retried = batch.groups.filter(
    group => retryType === 'RETRY_ALL_BUILDS' || group.current.status !== 'SUCCEEDED'
  )
  for (const group of retried) {
    group.prior.push(group.current)
    const arn = codeBuildArn('build', ctx.region, ctx.accountId, newCodeBuildId(batch.projectName))
    group.current = { arn, status: 'IN_PROGRESS', requestedOn: ctx.now }
  }
  batch.retriedGroups = retried.map(group => group.identifier)
  batch.status = 'IN_PROGRESS'
  batch.endTime = undefined
  batch.failureMessage = undefined
  beginRetry(batch, ctx.now)
  if (token !== undefined) state.batchTokens.remember(token, params, batch.id, ctx.now)
  return { buildBatch: batchView(batch, ctx.now) }
}

export const batchOperations: Operations<CodeBuildState> = {
  ListBuildBatchesForProject(state, input, ctx) {
    const project = projectNamed(state.projects, input.str('projectName'))
    const status = input.optObj('filter')?.optStr('status')
    const descending = input.oneOf('sortOrder', ['ASCENDING', 'DESCENDING'], 'DESCENDING') === 'DESCENDING'
    const size = input.int('maxResults', 1, 100, 100)
    if (status !== undefined) for (const batch of project.batches) observe(batch, ctx.now, false)
    const matching = status === undefined ? project.batches : project.batches.filter(b => b.status === status)
    const page = paginate(ordered(matching, descending), input.optStr('nextToken'), size, () =>
      input.invalid('Invalid next token')
    )
    // BuildBatchIds has a model minimum of 1: absent when the project has none.
    return {
      ...(page.items.length > 0 ? { ids: page.items.map(batch => batch.id) } : {}),
      nextToken: page.nextToken
    }
  },

  BatchGetBuildBatches(state, input, ctx) {
    const ids = input.optStrList('ids') ?? []
    if (ids.length < 1 || ids.length > 100) throw input.invalid('ids must hold 1 to 100 batch build IDs')
    const found = ids.map(raw => ({ raw, batch: batchIn(state, raw) }))
    for (const { batch } of found) if (batch) observe(batch, ctx.now, true)
    return {
      buildBatches: found.flatMap(({ batch }) => (batch ? [batchView(batch, ctx.now)] : [])),
      // The model's minimum is one item: absent when nothing is missing.
      ...(found.some(f => !f.batch)
        ? { buildBatchesNotFound: found.flatMap(({ raw, batch }) => (batch ? [] : [raw])) }
        : {})
    }
  },

  RetryBuildBatch: retryBuildBatch,

  StopBuildBatch(state, input, ctx) {
    const batch = batchIn(state, input.str('id'))
    if (!batch) throw resourceNotFound(`Batch build ${input.str('id')} does not exist`)
    observe(batch, ctx.now, false)
    // As StopBuild: a finished batch is answered as it is.
    if (batch.status === 'IN_PROGRESS') {
      batch.pending = undefined
      batch.retriedGroups = []
      batch.status = 'STOPPED'
      batch.endTime = ctx.now
      for (const group of batch.groups)
        if (group.current.status === 'IN_PROGRESS') group.current.status = 'STOPPED'
    }
    return { buildBatch: batchView(batch, ctx.now) }
  }
}
