import { latest, namesTransientWord, oneLineReason, type Failure } from '../../model/failure.js'

/**
 * How a CodeBuild build's failure reads for the retry policy. No SDK import: CodePipeline classifies its
 * CodeBuild actions with it without loading the CodeBuild client's chunk.
 */

/** CodeBuild statuses that are retried; STOPPED was a person's decision. */
export const FAILED_STATUSES: ReadonlySet<string> = new Set(['FAILED', 'FAULT', 'TIMED_OUT'])

export interface Phase {
  phaseType?: string | undefined
  phaseStatus?: string | undefined
  contexts?: { statusCode?: string | undefined; message?: string | undefined }[] | undefined
  endTime?: Date | undefined
}

/** Phases before a build's own commands run: a failure there is the platform's, not the buildspec's. */
const EARLY_PHASES: ReadonlySet<string> = new Set(['SUBMITTED', 'QUEUED', 'PROVISIONING', 'DOWNLOAD_SOURCE'])

const contextText = (phase: Phase): string =>
  (phase.contexts ?? [])
    .map(c => [c.statusCode, c.message].filter(Boolean).join(': '))
    .filter(Boolean)
    .join(' / ')

/**
 * A build's failure (docs/contract.md): `STATUS PHASE: CODE: MESSAGE` for each failed phase. Transient when the
 * build is `FAULT` (CodeBuild's own fault), when its first failed phase ran before its own commands, or when a
 * failed phase's context names a transient word. TIMED_OUT and BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE stay
 * deterministic: as often a slow test or a wrong image as a hiccup (a retry-on pattern can say otherwise).
 */
export function buildFailure(build: {
  buildStatus?: string | undefined
  phases?: readonly Phase[] | undefined
  endTime?: Date | undefined
}): Failure {
  const status = build.buildStatus ?? 'UNKNOWN'
  const failed = (build.phases ?? []).filter(
    p => p.phaseStatus !== undefined && FAILED_STATUSES.has(p.phaseStatus)
  )
  const items = failed.map(p => {
    const text = contextText(p)
    return `${p.phaseStatus ?? ''} ${p.phaseType ?? 'UNKNOWN'}${text ? `: ${text}` : ''}`
  })
  const first = failed[0]?.phaseType
  const transient =
    status === 'FAULT'
      ? 'status FAULT'
      : first !== undefined && EARLY_PHASES.has(first)
        ? `failed in ${first}, before its own commands ran`
        : failed.map(p => namesTransientWord(contextText(p))).find(rule => rule !== undefined)
  return {
    reason: oneLineReason(items.length > 0 ? items : [status]),
    transient,
    endedAt: latest(
      failed.map(p => p.endTime?.getTime()),
      build.endTime?.getTime()
    )
  }
}
