import type { TargetBase, TargetResult } from '../model/target.js'
import type { Clock } from '../transport/clock.js'
import type { RunLedger } from './run-ledger.js'

/** Budgets on the retries a step may start: `max-retries`, and with history `give-up-after`, `max-retries-per-day`. */
export interface RetryBudget {
  /** Why no retry of the target may start now, or undefined; it then counts the retry (a dry run only asks). */
  take(target: TargetBase, dryRun: boolean): string | undefined
  /** A counted retry that was not sent after all. */
  giveBack(target: TargetBase): void
}

/** What one target's flow needs from the step around it. */
export interface TargetDeps {
  clock: Clock
  random: () => number
  signal: AbortSignal
  log: (message: string) => void
  warn: (message: string) => void
  /** What this run already retried: overlapping target lines must not retry one execution twice. */
  ledger?: RunLedger
  /** Called as soon as the retry is accepted, before any wait, so outputs exist even if the wait is cut short. */
  onStarted?: (result: TargetResult) => void
  /**
   * Called as the target moves on with what it would report if the step were cut off right then, so a
   * cancelled step can still write every result within its few seconds.
   */
  onProgress?: (result: TargetResult) => void
  /**
   * Runs a wait (following an execution, the pause before a retry) outside the worker pool: the target gives
   * its place up meanwhile. Absent: the wait keeps it.
   */
  whileWaiting?: <R>(wait: () => Promise<R>) => Promise<R>
  /** The step's retry budgets; absent: no limit but max-attempts. */
  budget?: RetryBudget
  /** Status reads of all waiting targets fall on a shared tick (multiples of the interval), so they batch. */
  alignPolls?: boolean
}

/** Runs `wait` as the deps say: outside the pool when the step has one. */
export function waiting<R>(deps: TargetDeps, wait: () => Promise<R>): Promise<R> {
  return deps.whileWaiting ? deps.whileWaiting(wait) : wait()
}

/** A target's result before anything is known: what it names, no status yet. */
export function initialResult(target: TargetBase): TargetResult {
  return {
    service: target.service,
    target: target.label,
    retried: false,
    executionId: target.executionId ?? '',
    executionArn: '',
    stageName: target.stageName ?? '',
    status: 'error',
    consoleUrl: '',
    message: '',
    attempts: 0,
    failure: ''
  }
}

/** Log lines of one target carry its label. */
export function targetLog(target: TargetBase, deps: TargetDeps): (message: string) => void {
  return message => deps.log(`${target.label}: ${message}`)
}
