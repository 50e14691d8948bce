import {
  BatchGetBuildsCommand,
  ListBuildsForProjectCommand,
  RetryBuildCommand,
  StopBuildCommand,
  type Build
} from '@aws-sdk/client-codebuild'
import type { ProviderContext, ProviderModule } from '../service.js'
import {
  codeBuildClient,
  codeBuildErrors,
  createRunProvider,
  phaseFailure,
  type Run,
  type RunApi
} from './runs.js'
import type { CodeBuildTarget } from './index.js'

const NOUN = { one: 'build', many: 'builds' } as const

function runOf(build: Build, id: string): Run {
  return {
    id,
    arn: build.arn,
    status: build.buildStatus ?? 'UNKNOWN',
    phase: build.currentPhase,
    sourceVersion: build.resolvedSourceVersion,
    requestedSource: build.sourceVersion ?? build.resolvedSourceVersion,
    nextAutoRetry: build.autoRetryConfig?.nextAutoRetry,
    retriedInPlace: 0,
    failure: phaseFailure(build.phases)
  }
}

function buildApi(context: ProviderContext): RunApi {
  const client = codeBuildClient(context)
  return {
    noun: NOUN,
    async listNewest(projectName) {
      const out = await context.call('ListBuildsForProject', signal =>
        client.send(new ListBuildsForProjectCommand({ projectName, sortOrder: 'DESCENDING' }), {
          abortSignal: signal
        })
      )
      return out.ids ?? []
    },
    async read(ids) {
      const out = await context.call('BatchGetBuilds', signal =>
        client.send(new BatchGetBuildsCommand({ ids }), { abortSignal: signal })
      )
      return (out.builds ?? []).flatMap(b => (b.id === undefined ? [] : [runOf(b, b.id)]))
    },
    // A build always restarts whole, so the retry mode does not apply.
    async retry(id, { token, beforeResend }) {
      const out = await context.call(
        'RetryBuild',
        signal =>
          client.send(new RetryBuildCommand({ id, idempotencyToken: token }), { abortSignal: signal }),
        { beforeResend }
      )
      return { id: out.build?.id, arn: out.build?.arn }
    },
    async stop(id) {
      await context.call('StopBuild', signal =>
        client.send(new StopBuildCommand({ id }), { abortSignal: signal })
      )
    }
  }
}

export default {
  errors: codeBuildErrors(NOUN, [
    'ListBuildsForProject',
    'BatchGetBuilds',
    'RetryBuild',
    'StopBuild (cancel-on-abort)'
  ]),
  create: context => createRunProvider(buildApi(context), context.region)
} satisfies ProviderModule<CodeBuildTarget>
