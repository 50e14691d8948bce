import {
  BatchGetBuildBatchesCommand,
  ListBuildBatchesForProjectCommand,
  RetryBuildBatchCommand,
  StopBuildBatchCommand,
  BatchGetBuildsCommand,
  type Build,
  type BuildBatch,
  type BuildGroup
} from '@aws-sdk/client-codebuild'
import { everyItemTransient, latest, oneLineReason, type Failure } from '../../model/failure.js'
import { Cancelled } from '../../transport/cancellation.js'
import type { ProviderContext } from '../../model/service.js'
import {
  buildFailure,
  codeBuildClient,
  listProjectsPage,
  commonFields,
  FAILED_STATUSES,
  HEAD_SIZE,
  phaseFailure,
  runModule,
  type Run,
  type RunApi
} from '../codebuild/runs.js'
import { awsCall } from '../../clouds/aws.js'

const NOUN = { one: 'batch', many: 'batches' } as const

const RETRY_TYPES = { failed: 'RETRY_FAILED_BUILDS', all: 'RETRY_ALL_BUILDS' } as const

function runOf(batch: BuildBatch, id: string, builds: ReadonlyMap<string, Build>): Run {
  return {
    ...commonFields(batch, id),
    status: batch.buildBatchStatus ?? 'UNKNOWN',
    retriedInPlace: retriesOf(batch.buildGroups),
    failure: failedBuilds(batch.buildGroups) ?? phaseFailure(batch.phases),
    failed: FAILED_STATUSES.has(batch.buildBatchStatus ?? '') ? batchFailure(batch, builds) : undefined
  }
}

/** The groups whose build failed and may not fail (`ignoreFailure` groups are left out). */
function failedGroups(batch: BuildBatch): BuildGroup[] {
  return (batch.buildGroups ?? []).filter(g => {
    const status = g.currentBuildSummary?.buildStatus
    return status !== undefined && FAILED_STATUSES.has(status) && !g.ignoreFailure
  })
}

/**
 * A batch's failure (docs/contract.md): `GROUP: ` and the build's failure for each failed build; transient
 * only when every failed build is. A build that could not be read counts as deterministic.
 */
function batchFailure(batch: BuildBatch, builds: ReadonlyMap<string, Build>): Failure {
  const parts = failedGroups(batch).map(group => {
    const summary = group.currentBuildSummary
    const build = summary?.arn === undefined ? undefined : builds.get(summary.arn)
    const failure = build ? buildFailure(build) : undefined
    return {
      text: `${group.identifier ?? summary?.arn ?? '?'}: ${failure?.reason ?? summary?.buildStatus ?? 'FAILED'}`,
      // A build that could not be read still tells its status: FAULT is CodeBuild's own.
      transient: failure?.transient ?? (summary?.buildStatus === 'FAULT' ? 'status FAULT' : undefined),
      endedAt: failure?.endedAt
    }
  })
  // No failed build to name (the batch failed on its own, e.g. its buildspec): its phases say why.
  if (parts.length === 0)
    return buildFailure({ buildStatus: batch.buildBatchStatus, phases: batch.phases, endTime: batch.endTime })
  return {
    reason: oneLineReason(parts.map(p => p.text)),
    transient: everyItemTransient(parts.map(p => p.transient)),
    endedAt: latest(
      parts.map(p => p.endedAt),
      batch.endTime?.getTime()
    )
  }
}

/**
 * A batch retry restarts the same batch and moves each restarted group's build to its prior list, so the
 * group restarted most often tells how often the batch was retried (exact unless the failing group changed
 * between retries of failed builds, then a lower bound).
 */
function retriesOf(groups: BuildGroup[] | undefined): number {
  return Math.max(0, ...(groups ?? []).map(g => g.priorBuildSummaryList?.length ?? 0))
}

/** The batch's failed builds, e.g. "failed builds: linux_x64 FAILED, windows FAULT"; groups allowed to fail are left out. */
function failedBuilds(groups: BuildGroup[] | undefined): string | undefined {
  const failed = (groups ?? []).flatMap(g => {
    const status = g.currentBuildSummary?.buildStatus
    return status && FAILED_STATUSES.has(status) && !g.ignoreFailure
      ? [`${g.identifier ?? g.currentBuildSummary?.arn ?? '?'} ${status}`]
      : []
  })
  return failed.length > 0 ? `failed builds: ${failed.join(', ')}` : undefined
}

function batchApi(context: ProviderContext): RunApi {
  const client = codeBuildClient(context)

  /**
   * The failed builds of failed batches, read in one call (their failure details live on the builds). A read
   * that fails leaves them out: the batch's failure then falls back to its groups' statuses.
   */
  async function readFailedBuilds(batches: readonly BuildBatch[]): Promise<Map<string, Build>> {
    const ids = batches
      .filter(b => FAILED_STATUSES.has(b.buildBatchStatus ?? ''))
      .flatMap(b =>
        failedGroups(b).flatMap(g => (g.currentBuildSummary?.arn ? [g.currentBuildSummary.arn] : []))
      )
      .slice(0, HEAD_SIZE)
    if (ids.length === 0) return new Map()
    try {
      const read = await awsCall(context, 'BatchGetBuilds', options =>
        client.send(new BatchGetBuildsCommand({ ids }), options)
      )
      return new Map((read.builds ?? []).flatMap(b => (b.arn === undefined ? [] : [[b.arn, b] as const])))
    } catch (error) {
      if (error instanceof Cancelled) throw error
      return new Map()
    }
  }

  return {
    listProjects: listProjectsPage(context, client),
    async listNewest(projectName) {
      const out = await awsCall(context, 'ListBuildBatchesForProject', options =>
        client.send(
          new ListBuildBatchesForProjectCommand({
            projectName,
            sortOrder: 'DESCENDING',
            maxResults: HEAD_SIZE
          }),
          options
        )
      )
      return out.ids ?? []
    },
    async read(ids) {
      const out = await awsCall(context, 'BatchGetBuildBatches', options =>
        client.send(new BatchGetBuildBatchesCommand({ ids }), options)
      )
      const batches = out.buildBatches ?? []
      const builds = await readFailedBuilds(batches)
      return batches.flatMap(b => (b.id === undefined ? [] : [runOf(b, b.id, builds)]))
    },
    async retry(id, { token, mode, beforeResend }) {
      const out = await awsCall(
        context,
        'RetryBuildBatch',
        options =>
          client.send(
            new RetryBuildBatchCommand({ id, idempotencyToken: token, retryType: RETRY_TYPES[mode] }),
            options
          ),
        { beforeResend }
      )
      return { id: out.buildBatch?.id, arn: out.buildBatch?.arn }
    },
    async stop(id) {
      await awsCall(context, 'StopBuildBatch', options =>
        client.send(new StopBuildBatchCommand({ id }), options)
      )
    }
  }
}

export default runModule(batchApi, NOUN, [
  'ListBuildBatchesForProject',
  'BatchGetBuildBatches',
  'RetryBuildBatch',
  'StopBuildBatch (cancel-on-abort)',
  'ListProjects (targets patterns)'
])
