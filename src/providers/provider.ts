import type { Service, TargetOf } from '../targets.js'
import type { Caller } from '../call.js'

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
  /** One line for the log and the summary: what was found. */
  description: string
  consoleUrl: string
}

export type Discovery = { kind: 'found'; candidate: Candidate } | { kind: 'nothing'; reason: string }

export interface RetryRequest {
  mode: 'failed' | 'all'
  /** Idempotency token (derived or given); providers whose API has none ignore it. */
  token: string
  maxParallelSteps?: number
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
}

/**
 * One retry API behind one interface. A provider is built per service and connection; it is stateless
 * between calls so one instance can serve many targets at once.
 */
export interface Provider<S extends Service = Service> {
  /** Find what to retry: the named execution, or the latest one if it failed. */
  discover(target: TargetOf<S>): Promise<Discovery>
  /** Retry the candidate once; must not turn a lost answer into a second retry. */
  retry(target: TargetOf<S>, candidate: Candidate, request: RetryRequest): Promise<Started>
  /** Read the retried execution's status. */
  status(target: TargetOf<S>, started: Started): Promise<Progress>
  /** Stop the retried execution (cancel-on-abort). */
  stop(target: TargetOf<S>, started: Started, reason: string): Promise<void>
}

/** What every provider gets: where to connect and the shared call wrapper (rate limit + back-off). */
export interface ProviderContext {
  /** Resolved region: AWS region, or Huawei region (may be absent for codearts with an endpoint). */
  region: string
  endpoint?: string
  huawei?: HuaweiAuth
  /** Wraps every API call of one service: rate limit, back-off, error classification. */
  call: Caller
}

export type HuaweiAuth =
  | { kind: 'token'; token: string }
  | { kind: 'aksk'; accessKey: string; secretKey: string; securityToken?: string }

export type ProviderFactory<S extends Service> = (context: ProviderContext) => Provider<S>
