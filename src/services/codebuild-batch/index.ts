import type { Pattern } from '../../model/validate.js'
import { projectService, type ProjectTarget } from '../codebuild/projects.js'

export type CodeBuildBatchTarget = ProjectTarget

const BATCH_ID: Pattern = {
  re: /^(arn:aws[a-z-]*:codebuild:[a-z0-9-]+:[0-9]{12}:build-batch\/)?[A-Za-z0-9][A-Za-z0-9\-_]{1,254}:[A-Za-z0-9-]+$/,
  accepted:
    'a batch ID (project:uuid) or batch ARN (arn:aws:codebuild:REGION:ACCOUNT:build-batch/project:uuid)'
}

/** AWS CodeBuild RetryBuildBatch: the same batch restarts its failed builds (or all). */
export const codebuildBatch = projectService({
  name: 'codebuild-batch',
  noun: 'batch',
  executionId: BATCH_ID,
  retryModes: { all: true, native: { RETRY_FAILED_BUILDS: 'failed', RETRY_ALL_BUILDS: 'all' } },
  load: async () => (await import(/* webpackChunkName: "codebuild-batch" */ './provider.js')).default
})
