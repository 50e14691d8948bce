import { aws } from '../../clouds/aws.js'
import type { Pattern } from '../../model/validate.js'
import {
  projectKey,
  projectTargetFromInputs,
  projectTargetFromLine,
  STATES,
  TOKEN,
  type ProjectTarget
} from '../codebuild/projects.js'
import type { ServiceDescriptor } from '../service.js'

export type CodeBuildBatchTarget = ProjectTarget & { service: 'codebuild-batch' }

const BATCH_ID: Pattern = {
  re: /^(arn:aws[a-z-]*:codebuild:[a-z0-9-]+:[0-9]{12}:build-batch\/)?[A-Za-z0-9][A-Za-z0-9\-_]{1,254}:[A-Za-z0-9-]+$/,
  accepted:
    'a batch ID (project:uuid) or batch ARN (arn:aws:codebuild:REGION:ACCOUNT:build-batch/project:uuid)'
}

/** AWS CodeBuild RetryBuildBatch: the same batch restarts its failed builds (or all). */
export const codebuildBatch: ServiceDescriptor<CodeBuildBatchTarget> = {
  name: 'codebuild-batch',
  cloud: aws,
  targetInputs: ['project-name'],
  optionInputs: [],
  lineForm: 'codebuild-batch:PROJECT',
  retryModes: { all: true, native: { RETRY_FAILED_BUILDS: 'failed', RETRY_ALL_BUILDS: 'all' } },
  token: TOKEN,
  states: STATES,
  fromInputs: given => projectTargetFromInputs('codebuild-batch', 'batch', BATCH_ID, given),
  fromLine: (resource, where) => projectTargetFromLine('codebuild-batch', resource, where),
  resourceKey: projectKey,
  load: async () => (await import('./provider.js')).default
}
