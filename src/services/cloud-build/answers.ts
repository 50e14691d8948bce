/**
 * Cloud Build answers (discovery document cloudbuild.v1: Build, Operation, BuildTrigger), read field by field: a
 * field of the wrong type reads as absent.
 */
import { defined, isRecord, optStr, records, type Json } from '../../model/json.js'

export interface Build {
  id: string
  status?: string
  statusDetail?: string
  createTime?: string
  finishTime?: string
  buildTriggerId?: string
  logUrl?: string
  failureType?: string
  failureDetail?: string
  /** The commit it built: the resolved source, else the COMMIT_SHA substitution. */
  commit?: string
  branch?: string
  failedSteps: string[]
}

/** A non-empty string, else undefined (an empty commit or branch groups nothing). */
const str = (value: unknown): string | undefined => optStr(value) || undefined
const obj = (value: unknown): Json => (isRecord(value) ? value : {})

export function readBuild(value: unknown): Build | undefined {
  const b = obj(value)
  const id = str(b.id)
  if (id === undefined) return undefined
  const failure = obj(b.failureInfo)
  const substitutions = obj(b.substitutions)
  const resolved = obj(obj(b.sourceProvenance).resolvedRepoSource)
  const steps = records(b.steps)
  return {
    id,
    failedSteps: steps
      .filter(s => s.status === 'FAILURE' || s.status === 'TIMEOUT' || s.status === 'INTERNAL_ERROR')
      .map((s, i) => str(s.id) ?? str(s.name) ?? `step ${i}`),
    ...defined({
      status: str(b.status),
      statusDetail: str(b.statusDetail),
      createTime: str(b.createTime),
      finishTime: str(b.finishTime),
      buildTriggerId: str(b.buildTriggerId),
      logUrl: str(b.logUrl),
      failureType: str(failure.type),
      failureDetail: str(failure.detail),
      commit: str(resolved.commitSha) ?? str(substitutions.COMMIT_SHA),
      branch: str(substitutions.BRANCH_NAME)
    })
  }
}

/** A ListBuilds page: builds (newest first) and the next page token. */
export function readBuildPage(answer: unknown): { builds: Build[]; next?: string } {
  const a = obj(answer)
  const builds = records(a.builds).flatMap(b => {
    const build = readBuild(b)
    return build ? [build] : []
  })
  const next = str(a.nextPageToken)
  return { builds, ...(next !== undefined ? { next } : {}) }
}

/** A ListBuildTriggers page: IDs and names, and the next page token. */
export function readTriggerPage(answer: unknown): {
  triggers: { id: string; name: string }[]
  next?: string
} {
  const a = obj(answer)
  const triggers = records(a.triggers).flatMap(t => {
    const id = str(obj(t).id)
    const name = str(obj(t).name)
    return id !== undefined && name !== undefined ? [{ id, name }] : []
  })
  const next = str(a.nextPageToken)
  return { triggers, ...(next !== undefined ? { next } : {}) }
}

/** The new build an Operation tracks (`metadata.build`, BuildOperationMetadata). */
export function operationBuild(answer: unknown): Build | undefined {
  return readBuild(obj(obj(answer).metadata).build)
}
