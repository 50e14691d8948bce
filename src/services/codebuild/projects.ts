import type { StatusTable } from '../../model/provider.js'
import type { TargetBase } from '../../model/target.js'
import { InputError } from '../../model/errors.js'
import { expectPattern, type Pattern } from '../../model/validate.js'
import type { InputLookup } from '../service.js'

/**
 * What CodeBuild builds and batches share before any API call: the project name, IDs that carry it, the
 * statuses and the token rule. Light: the two descriptors import it statically.
 */

/** A build's or batch's project; absent only when `executionId` (which names the project) is given. */
export interface ProjectTarget extends TargetBase {
  projectName?: string
}

/** Project names (CodeBuild API reference: CreateProject `name`). */
export const PROJECT: Pattern = {
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

/** CodeBuild documents no limit for `idempotencyToken`; 128 is ours. */
export const TOKEN = { min: 1, max: 128 }

/** `project:uuid` or `arn:...:build/project:uuid` (or `build-batch/`) -> project. */
export function projectOfBuildId(id: string | undefined): string | undefined {
  if (id === undefined) return undefined
  const tail = id.slice(id.lastIndexOf('/') + 1)
  const colon = tail.indexOf(':')
  return colon > 0 ? tail.slice(0, colon) : undefined
}

/** Single mode for builds and batches: `project-name`, `execution-id`, or both when they agree. */
export function projectTargetFromInputs<S extends string>(
  service: S,
  noun: 'build' | 'batch',
  idPattern: Pattern,
  given: InputLookup
): ProjectTarget & { service: S } {
  const projectName = given('project-name')
  if (projectName !== undefined) expectPattern('project-name', projectName, PROJECT)
  const executionId = given('execution-id')
  if (executionId !== undefined) expectPattern('execution-id', executionId, idPattern)
  const project = projectName ?? projectOfBuildId(executionId)
  if (project === undefined)
    throw new InputError(
      'project-name',
      `is required for service ${service} when execution-id is not given`,
      PROJECT.accepted
    )
  if (projectName !== undefined && executionId !== undefined && projectOfBuildId(executionId) !== projectName)
    throw new InputError(
      'execution-id',
      `'${executionId}' belongs to another project than '${projectName}'`,
      `an ID of a ${noun} of project ${projectName}`
    )
  return {
    service,
    label: `${service}:${project}`,
    projectName: project,
    ...(executionId !== undefined ? { executionId } : {})
  }
}

export function projectTargetFromLine<S extends string>(
  service: S,
  resource: string,
  where: string
): ProjectTarget & { service: S } {
  return { service, label: `${service}:${resource}`, projectName: expectPattern(where, resource, PROJECT) }
}

/** The run ledger's key: the project (or, for an explicit ID, the project it names). */
export function projectKey(target: ProjectTarget): string {
  return target.projectName ?? projectOfBuildId(target.executionId) ?? ''
}
