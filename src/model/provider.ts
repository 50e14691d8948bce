import type { Failure } from './failure.js'
import type { Listed, ListQuery } from './listing.js'
import type { TargetBase } from './target.js'

/** A failed execution that may be retried, found by discovery or named by the user. */
export interface Candidate {
  /** The identifier exactly as it is sent to the retry API (ID or ARN); the idempotency token hashes it. */
  executionId: string
  /** codepipeline: the failed stage to retry. */
  stageName?: string
  /** Earlier retries of this execution (automatic and manual); undefined when the service does not tell. */
  previousAttempts?: number
  /** How `previousAttempts` was counted, for the log (e.g. "retryStageMetadata: 1 manual + 1 automatic"). */
  attemptsBasis?: string
  /**
   * What changes whenever the execution is retried (by anyone): retry counters, the newest build of its
   * source, end and start times. Two reads with the same revision saw the same failure.
   */
  revision: string
  /** One line for the log and the summary: what was found. */
  description: string
  consoleUrl: string
  /** What failed, whether it is transient and when it ended (the retry policy reads it). */
  failure?: Failure | undefined
}

/**
 * `nothing`: nothing failed; `running` names the execution when it is still running (`wait` follows it).
 * `skip`: a named execution that must not be retried (a newer one superseded it); the reason names the newer
 * execution and its status.
 */
export type Discovery = (
  | { kind: 'found'; candidate: Candidate }
  | { kind: 'nothing'; reason: string; running?: Started | undefined }
  | { kind: 'skip'; reason: string }
) & {
  /**
   * The target as `results` names it, when only reading the execution tells (a GitHub run ID names its
   * workflow); absent: the target's own label.
   */
  target?: string | undefined
}

/** The candidate's execution read again, just before a retry call is (re-)sent or after it was refused. */
export interface Snapshot {
  /** `failed`: failed now; anything else means it runs again or ended otherwise. */
  state: Progress['state']
  revision: string
  previousAttempts?: number
  /** Where a retry of the candidate runs now (CodeBuild: the newest build of its source; others: itself). */
  current: Started
  /** One line for the log: what the read showed. */
  description: string
}

export interface RetryRequest {
  mode: 'failed' | 'all'
  /** Idempotency token (derived or given); providers whose API has none ignore it. */
  token: string
  maxParallelSteps?: number
  /** Runs before every re-send of the retry call (pass it to the caller); throws to send nothing more. */
  beforeResend?: (lastError: unknown) => Promise<void>
}

/** The execution running after a retry was accepted. */
export interface Started {
  executionId: string
  executionArn?: string
  stageName?: string
  consoleUrl: string
}

/** A status read, normalised across services. */
export interface Progress {
  state: 'in-progress' | 'succeeded' | 'failed' | 'stopped'
  /** Current phase / stage / step, shown when it changes. */
  phase?: string
  /** Why it failed or stopped: failed stage/action and error, failed phase, FailureReason... */
  reason?: string
  /** When it failed: the failure in the retry policy's terms. */
  failure?: Failure | undefined
}

/**
 * One retry API behind one interface. A provider is built per service and connection; it is stateless
 * between calls so one instance can serve many targets at once.
 */
export interface Provider<T extends TargetBase = TargetBase> {
  /** Hosts (and their subdomains) of the provider's console: the only links shown, always `https`. */
  readonly consoleHosts: readonly string[]
  /** Find what to retry: the named execution, or the latest one if it failed. */
  discover(target: T): Promise<Discovery>
  /** Read the candidate's execution again: the same failure (same revision), or changed since. */
  recheck(target: T, candidate: Candidate): Promise<Snapshot>
  /** Retry the candidate once; must not turn a lost answer into a second retry. */
  retry(target: T, candidate: Candidate, request: RetryRequest): Promise<Started>
  /** Read the retried execution's status. */
  status(target: T, started: Started): Promise<Progress>
  /** Stop the retried execution (cancel-on-abort). */
  stop(target: T, started: Started, reason: string): Promise<void>
  /** Target patterns: every resource the query's listing covers (all pages, bounded); the caller matches. */
  list?(query: ListQuery): Promise<Listed[]>
}

/** A service's native statuses and what each means; a status not in the table is still running. */
export type StatusTable = Readonly<Record<string, Progress['state']>>

export function stateOf(table: StatusTable, status: string | undefined): Progress['state'] {
  return (status !== undefined && Object.hasOwn(table, status) && table[status]) || 'in-progress'
}
