import { aws } from '../../clouds/aws.js'
import type { Pattern } from '../../model/validate.js'
import type { ServiceDescriptor } from '../service.js'
import {
  projectKey,
  projectTargetFromInputs,
  projectTargetFromLine,
  STATES,
  TOKEN,
  type ProjectTarget
} from './projects.js'

export type CodeBuildTarget = ProjectTarget & { service: 'codebuild' }

const BUILD_ID: Pattern = {
  re: /^(arn:aws[a-z-]*:codebuild:[a-z0-9-]+:[0-9]{12}:build\/)?[A-Za-z0-9][A-Za-z0-9\-_]{1,254}:[A-Za-z0-9-]+$/,
  accepted: 'a build ID (project:uuid) or build ARN (arn:aws:codebuild:REGION:ACCOUNT:build/project:uuid)'
}

/** AWS CodeBuild RetryBuild: a new build of the project's latest failed build. */
export const codebuild: ServiceDescriptor<CodeBuildTarget> = {
  name: 'codebuild',
  cloud: aws,
  targetInputs: ['project-name'],
  optionInputs: [],
  lineForm: 'codebuild:PROJECT',
  // A build always restarts whole: both modes are accepted and mean the same.
  retryModes: { all: true, native: {} },
  token: TOKEN,
  states: STATES,
  fromInputs: given => projectTargetFromInputs('codebuild', 'build', BUILD_ID, given),
  fromLine: (resource, where) => projectTargetFromLine('codebuild', resource, where),
  resourceKey: projectKey,
  load: async () => (await import('./provider.js')).default
}
