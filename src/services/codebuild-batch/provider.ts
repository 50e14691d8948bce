import {
  BatchGetBuildBatchesCommand,
  ListBuildBatchesForProjectCommand,
  RetryBuildBatchCommand,
  StopBuildBatchCommand,
  type BuildBatch,
  type BuildGroup
} from '@aws-sdk/client-codebuild'
import type { ProviderContext } from '../service.js'
import {
  codeBuildClient,
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

function runOf(batch: BuildBatch, id: string): Run {
  return {
    ...commonFields(batch, id),
    status: batch.buildBatchStatus ?? 'UNKNOWN',
    retriedInPlace: retriesOf(batch.buildGroups),
    failure: failedBuilds(batch.buildGroups) ?? phaseFailure(batch.phases)
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
  return {
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
      return (out.buildBatches ?? []).flatMap(b => (b.id === undefined ? [] : [runOf(b, b.id)]))
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
  'StopBuildBatch (cancel-on-abort)'
])
