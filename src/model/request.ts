import type { TargetBase, TargetLine } from './target.js'

/** A compiled `retry-on` pattern: whether it matches somewhere in a text. */
export interface TextPattern {
  test(text: string): boolean
}

/** One `retry-on` line: every failure, the transient ones, or those a regular expression matches. */
export type RetryOnEntry =
  { kind: 'any' } | { kind: 'transient' } | { kind: 'pattern'; source: string; pattern: TextPattern }

/** Which failures this step retries. */
export interface RetryPolicy {
  retryOn: readonly RetryOnEntry[]
  /** `failed-within`: a failure that ended longer ago than this is left alone. */
  failedWithinMs?: number | undefined
}

/** `wait: true`: follow the execution, within a budget. */
export interface WaitOptions {
  timeoutMs: number
  pollIntervalMs: number
  cancelOnAbort: boolean
}

/** A cloud's region and credentials as the step's inputs and environment give them (see model/service.ts). */
export interface CloudConnection {
  region?: string
  /** What the cloud's providers sign requests with; each cloud reads and narrows its own form. */
  credentials?: unknown
}

/** Where every service connects: the `endpoint` input, and per cloud (by its name) a region and credentials. */
export interface Connection {
  endpoint?: string
  clouds: Readonly<Record<string, CloudConnection>>
}

/** The step's inputs, validated: what to retry and how. */
export interface ActionRequest {
  mode: 'single' | 'targets'
  /** Single mode: the one target. Targets mode: empty; the targets come from expanding `lines`. */
  targets: TargetBase[]
  /** Targets mode: the validated lines of `targets` and `targets-file`, in that order. */
  lines?: TargetLine[]
  /** `shard: K/N`. */
  shard?: { index: number; count: number }
  retryMode: 'failed' | 'all'
  idempotencyToken?: string
  maxParallelSteps?: number
  dryRun: boolean
  maxAttempts: number
  policy: RetryPolicy
  /** `retries`: how many retries this step may make for one target (more than 1 needs `wait`). */
  retries: number
  /** `retry-delay-seconds` in ms: the pause before the second retry, doubled before each later one. */
  retryDelayMs: number
  wait?: WaitOptions
  concurrency: number
  connection: Connection
  /** `history-file` (resolved inside the workspace) and the budgets that count earlier runs. */
  memory?: { file: string; giveUpAfter: number; maxRetriesPerDay: number }
  /** `max-retries`: the most retries this step may start over all its targets (0 = no limit). */
  maxRetries: number
}
