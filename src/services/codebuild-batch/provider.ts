import {
  BatchGetBuildBatchesCommand,
  ListBuildBatchesForProjectCommand,
  RetryBuildBatchCommand,
  StopBuildBatchCommand,
  type BuildBatch,
  type BuildGroup
} from '@aws-sdk/client-codebuild'
import type { ProviderContext, ProviderModule } from '../service.js'
import {
  codeBuildClient,
  codeBuildErrors,
  createRunProvider,
  FAILED_STATUSES,
  HEAD_SIZE,
  phaseFailure,
  type Run,
  type RunApi
} from '../codebuild/runs.js'
import type { CodeBuildBatchTarget } from './index.js'

const NOUN = { one: 'batch', many: 'batches' } as const

const RETRY_TYPES = { failed: 'RETRY_FAILED_BUILDS', all: 'RETRY_ALL_BUILDS' } as const

function runOf(batch: BuildBatch, id: string): Run {
  return {
    id,
    arn: batch.arn,
    status: batch.buildBatchStatus ?? 'UNKNOWN',
    phase: batch.currentPhase,
    sourceVersion: batch.resolvedSourceVersion,
    requestedSource: batch.sourceVersion ?? batch.resolvedSourceVersion,
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
    noun: NOUN,
    async listNewest(projectName) {
      const out = await context.call('ListBuildBatchesForProject', signal =>
        client.send(
          new ListBuildBatchesForProjectCommand({
            projectName,
            sortOrder: 'DESCENDING',
            maxResults: HEAD_SIZE
          }),
          { abortSignal: signal }
        )
      )
      return out.ids ?? []
    },
    async read(ids) {
      const out = await context.call('BatchGetBuildBatches', signal =>
        client.send(new BatchGetBuildBatchesCommand({ ids }), { abortSignal: signal })
      )
      return (out.buildBatches ?? []).flatMap(b => (b.id === undefined ? [] : [runOf(b, b.id)]))
    },
    async retry(id, { token, mode, beforeResend }) {
      const out = await context.call(
        'RetryBuildBatch',
        signal =>
          client.send(
            new RetryBuildBatchCommand({ id, idempotencyToken: token, retryType: RETRY_TYPES[mode] }),
            { abortSignal: signal }
          ),
        { beforeResend }
      )
      return { id: out.buildBatch?.id, arn: out.buildBatch?.arn }
    },
    async stop(id) {
      await context.call('StopBuildBatch', signal =>
        client.send(new StopBuildBatchCommand({ id }), { abortSignal: signal })
      )
    }
  }
}

export default {
  errors: codeBuildErrors(NOUN, [
    'ListBuildBatchesForProject',
    'BatchGetBuildBatches',
    'RetryBuildBatch',
    'StopBuildBatch (cancel-on-abort)'
  ]),
  create: context => createRunProvider(batchApi(context), context.region)
} satisfies ProviderModule<CodeBuildBatchTarget>
