import { aws } from '../../clouds/aws.js'
import { hasWildcard, listQuery, wildcardsAsName } from '../../model/listing.js'
import type { StatusTable } from '../../model/provider.js'
import { makeTarget, type TargetBase } from '../../model/target.js'
import { expectPattern, nameOrFromId, type Pattern } from '../../model/validate.js'
import type { ProviderModule, RetryModes, ServiceDescriptor } from '../../model/service.js'

/**
 * What CodeBuild builds and batches share before any API call: the project name, IDs that carry it, the
 * statuses and the token rule, and the descriptor built from them. Light: both descriptors import it.
 */

/** A build's or batch's project; absent only when `executionId` (which names the project) is given. */
export interface ProjectTarget extends TargetBase {
  projectName?: string
}

/** Project names (CodeBuild API reference: CreateProject `name`). */
const PROJECT: Pattern = {
  re: /^[A-Za-z0-9][A-Za-z0-9\-_]{1,254}$/,
  accepted: 'a CodeBuild project name (2-255 characters of A-Z a-z 0-9 - _, starting with a letter or digit)'
}

/** Build and batch statuses (StatusType). FAILED, FAULT and TIMED_OUT are retried; STOPPED was a person's call. */
export const STATES = {
  IN_PROGRESS: 'in-progress',
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  FAULT: 'failed',
  TIMED_OUT: 'failed',
  STOPPED: 'stopped'
} as const satisfies StatusTable

/** `project:uuid` or `arn:...:build/project:uuid` (or `build-batch/`) -> project. */
export function projectOfBuildId(id: string | undefined): string | undefined {
  if (id === undefined) return undefined
  const tail = id.slice(id.lastIndexOf('/') + 1)
  const colon = tail.indexOf(':')
  return colon > 0 ? tail.slice(0, colon) : undefined
}

/** A CodeBuild service (builds or batches): how its executions are named and retried. */
export interface ProjectServiceSpec {
  name: string
  noun: 'build' | 'batch'
  /** Its execution IDs and ARNs. */
  executionId: Pattern
  retryModes: RetryModes
  load(): Promise<ProviderModule<ProjectTarget>>
}

/** The descriptor of a CodeBuild service: a project (or an execution ID naming it) is the target. */
export function projectService(spec: ProjectServiceSpec): ServiceDescriptor<ProjectTarget> {
  const target = (project: string, executionId?: string): ProjectTarget =>
    makeTarget(spec.name, project, { projectName: project }, executionId)
  return {
    name: spec.name,
    cloud: aws,
    targetInputs: ['project-name'],
    inputDocs: {
      'project-name': `the project whose latest ${spec.name === 'codebuild' ? 'build' : 'batch'} is retried if it failed.`
    },
    lineForm: `${spec.name}:PROJECT`,
    retryModes: spec.retryModes,
    // CodeBuild documents no limit for `idempotencyToken`; 128 is ours.
    token: { min: 1, max: 128 },
    states: STATES,
    fromInputs(given) {
      const { name, executionId } = nameOrFromId(given, {
        service: spec.name,
        nameInput: 'project-name',
        name: PROJECT,
        executionId: spec.executionId,
        nameOf: projectOfBuildId,
        resourceNoun: 'project',
        executionOf: project => `an ID of a ${spec.noun} of project ${project}`
      })
      return target(name, executionId)
    },
    fromLine: (resource, where) => target(expectPattern(where, resource, PROJECT)),
    patternOf(resource, where) {
      if (!hasWildcard(resource)) return undefined
      expectPattern(where, wildcardsAsName(resource), PROJECT)
      return { query: listQuery(resource) }
    },
    resourceKey: t => t.projectName ?? projectOfBuildId(t.executionId) ?? '',
    load: () => spec.load()
  }
}
