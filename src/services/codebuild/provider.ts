import {
  BatchGetBuildsCommand,
  ListBuildsForProjectCommand,
  RetryBuildCommand,
  StopBuildCommand,
  type Build
} from '@aws-sdk/client-codebuild'
import type { ProviderContext } from '../../model/service.js'
import {
  buildFailure,
  codeBuildClient,
  listProjectsPage,
  commonFields,
  FAILED_STATUSES,
  phaseFailure,
  runModule,
  type Run,
  type RunApi
} from './runs.js'
import { awsCall } from '../../clouds/aws.js'

const NOUN = { one: 'build', many: 'builds' } as const

function runOf(build: Build, id: string): Run {
  return {
    ...commonFields(build, id),
    status: build.buildStatus ?? 'UNKNOWN',
    nextAutoRetry: build.autoRetryConfig?.nextAutoRetry,
    autoRetryPending: autoRetryPending(build),
    retriedInPlace: 0,
    failure: phaseFailure(build.phases),
    failed: FAILED_STATUSES.has(build.buildStatus ?? '') ? buildFailure(build) : undefined
  }
}

/**
 * CodeBuild retries a failed build itself while `autoRetryNumber < autoRetryLimit` (API reference,
 * "AutoRetryConfig"): a failed build in that state with no `nextAutoRetry` yet is about to be retried by it.
 * Builds a pipeline started are never auto-retried ("CodeBuild does not support auto-retry for CodePipeline").
 */
function autoRetryPending(build: Build): Run['autoRetryPending'] {
  const config = build.autoRetryConfig
  if (!FAILED_STATUSES.has(build.buildStatus ?? '') || config === undefined || config.nextAutoRetry)
    return undefined
  if (build.initiator?.startsWith('codepipeline/')) return undefined
  const limit = config.autoRetryLimit ?? 0
  const number = config.autoRetryNumber ?? 0
  return number < limit ? { number: number + 1, limit } : undefined
}

function buildApi(context: ProviderContext): RunApi {
  const client = codeBuildClient(context)
  return {
    listProjects: listProjectsPage(context, client),
    async listNewest(projectName) {
      const out = await awsCall(context, 'ListBuildsForProject', options =>
        client.send(new ListBuildsForProjectCommand({ projectName, sortOrder: 'DESCENDING' }), options)
      )
      return out.ids ?? []
    },
    async read(ids) {
      const out = await awsCall(context, 'BatchGetBuilds', options =>
        client.send(new BatchGetBuildsCommand({ ids }), options)
      )
      return (out.builds ?? []).flatMap(b => (b.id === undefined ? [] : [runOf(b, b.id)]))
    },
    // A build always restarts whole, so the retry mode does not apply.
    async retry(id, { token, beforeResend }) {
      const out = await awsCall(
        context,
        'RetryBuild',
        options => client.send(new RetryBuildCommand({ id, idempotencyToken: token }), options),
        { beforeResend }
      )
      return { id: out.build?.id, arn: out.build?.arn }
    },
    async stop(id) {
      await awsCall(context, 'StopBuild', options => client.send(new StopBuildCommand({ id }), options))
    }
  }
}

export default runModule(buildApi, NOUN, [
  'ListBuildsForProject',
  'BatchGetBuilds',
  'RetryBuild',
  'StopBuild (cancel-on-abort)',
  'ListProjects (targets patterns)'
])
