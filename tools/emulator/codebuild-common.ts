// Pieces shared by CodeBuild builds and batches.
import { randomUUID } from 'node:crypto'
import type { ProjectState } from './codebuild.js'
import { ApiError } from './errors.js'
import { awsTime } from './time.js'
import type { BuildStatus } from './types.js'

/** "Failed" in the product contract; also what RetryBuildBatch accepts. */
export const FAILED_STATUSES: ReadonlySet<BuildStatus> = new Set(['FAILED', 'FAULT', 'TIMED_OUT'])

export type ArnKind = 'build' | 'build-batch'

export const codeBuildArn = (kind: ArnKind, region: string, account: string, id: string) =>
  `arn:aws:codebuild:${region}:${account}:${kind}/${id}`

export const newCodeBuildId = (project: string) => `${project}:${randomUUID()}`

/** CodeBuild takes an ID or an ARN wherever it takes an ID. */
export function idIn(raw: string, kind: ArnKind): string {
  const marker = `:${kind}/`
  return raw.startsWith('arn:') && raw.includes(marker) ? raw.slice(raw.indexOf(marker) + marker.length) : raw
}

export const resourceNotFound = (message: string) => new ApiError('ResourceNotFoundException', message)

export function projectNamed(projects: ReadonlyMap<string, ProjectState>, name: string): ProjectState {
  const project = projects.get(name)
  if (!project) throw resourceNotFound(`The provided project name ${name} does not exist`)
  return project
}

export interface PhaseOutcome {
  status: BuildStatus
  contexts: { statusCode: string; message: string }[]
}

/**
 * Phases spread evenly from start to end. The last one shown is the current (or final) phase and, as in
 * CodeBuild, carries no status yet; the others succeeded unless `special` says otherwise.
 */
export function phaseViews<T extends string>(
  types: readonly T[],
  start: number,
  end: number,
  special: (type: T) => PhaseOutcome | undefined
) {
  const step = types.length > 1 ? (end - start) / (types.length - 1) : 0
  return types.map((phaseType, index) => {
    const phaseStart = start + step * index
    if (index === types.length - 1) return { phaseType, startTime: awsTime(phaseStart) }
    const outcome = special(phaseType) ?? { status: 'SUCCEEDED', contexts: [] }
    return {
      phaseType,
      phaseStatus: outcome.status,
      startTime: awsTime(phaseStart),
      endTime: awsTime(phaseStart + step),
      durationInSeconds: Math.round(step / 1000),
      contexts: outcome.contexts
    }
  })
}
