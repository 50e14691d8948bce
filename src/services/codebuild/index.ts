import type { Pattern } from '../../model/validate.js'
import { projectService, type ProjectTarget } from './projects.js'

export type CodeBuildTarget = ProjectTarget

const BUILD_ID: Pattern = {
  re: /^(arn:aws[a-z-]*:codebuild:[a-z0-9-]+:[0-9]{12}:build\/)?[A-Za-z0-9][A-Za-z0-9\-_]{1,254}:[A-Za-z0-9-]+$/,
  accepted: 'a build ID (project:uuid) or build ARN (arn:aws:codebuild:REGION:ACCOUNT:build/project:uuid)'
}

/** AWS CodeBuild RetryBuild: a new build of the project's latest failed build. */
export const codebuild = projectService({
  name: 'codebuild',
  noun: 'build',
  executionId: BUILD_ID,
  // A build always restarts whole: both modes are accepted and mean the same.
  retryModes: { all: true, native: {} },
  load: async () => (await import(/* webpackChunkName: "codebuild" */ './provider.js')).default
})
