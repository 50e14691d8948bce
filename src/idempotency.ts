import { createHash } from 'node:crypto'

/** Who is asking: the parts of the workflow run that make one retry request unique. */
export interface RunIdentity {
  repository: string
  runId: string
  runAttempt: string
  job: string
  /** The step's `GITHUB_ACTION` ID: two steps of one job retry independently. */
  action: string
}

/** From the runner's environment (the same values @actions/github's context reads). */
export function runIdentity(env: NodeJS.ProcessEnv = process.env): RunIdentity {
  return {
    repository: env.GITHUB_REPOSITORY ?? '',
    runId: env.GITHUB_RUN_ID ?? '',
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? '',
    job: env.GITHUB_JOB ?? '',
    action: env.GITHUB_ACTION ?? ''
  }
}

/**
 * The default idempotency token: 64 lowercase hex characters, SHA-256 over the run identity, the service and
 * the execution identifier exactly as it is sent to the API. A step the runner re-sends retries once; a new
 * run attempt (a person pressing "Re-run") retries again.
 */
export function deriveToken(identity: RunIdentity, service: string, executionId: string): string {
  const parts = [
    identity.repository,
    identity.runId,
    identity.runAttempt,
    identity.job,
    identity.action,
    service,
    executionId
  ]
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex')
}
