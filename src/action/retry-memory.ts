import type { RetryBudget } from '../engine/target-deps.js'
import {
  historyReport,
  recordRun,
  retriesInDay,
  trimHistory,
  unrescuedStreak,
  type History,
  type HistoryReport
} from '../model/history.js'
import type { ActionRequest } from '../model/request.js'
import type { TargetBase, TargetResult } from '../model/target.js'
import type { Clock } from '../transport/clock.js'
import { readHistory, writeHistory } from './history-file.js'
import type { Log } from './log.js'

/**
 * Retry memory (contract, "Retry memory"): the budgets a step's retries must fit (`max-retries`; with
 * `history-file`, `give-up-after` and `max-retries-per-day` over earlier runs), and the history this run adds.
 * The history only ever says whether a target's budget allows a retry, never which execution is retried.
 */
export class RetryMemory implements RetryBudget {
  private readonly history: History | undefined
  /** Retries counted by this step, per target and in all. */
  private readonly taken = new Map<string, number>()
  private total = 0

  constructor(
    private readonly request: ActionRequest,
    log: Log,
    private readonly clock: Clock
  ) {
    if (request.memory === undefined) return
    const read = readHistory(request.memory.file)
    this.history = read.history
    if (read.notice) log.notice(read.notice)
    if (read.warning) log.stepWarn(read.warning)
  }

  take(target: TargetBase, dryRun: boolean): string | undefined {
    const why = this.refusal(target)
    if (why !== undefined || dryRun) return why
    this.taken.set(target.label, (this.taken.get(target.label) ?? 0) + 1)
    this.total++
    return undefined
  }

  giveBack(target: TargetBase): void {
    const taken = this.taken.get(target.label) ?? 0
    if (taken === 0) return
    this.taken.set(target.label, taken - 1)
    this.total--
  }

  private refusal(target: TargetBase): string | undefined {
    const { memory, maxRetries } = this.request
    const entries = this.history?.targets[target.label] ?? []
    if (memory && memory.giveUpAfter > 0 && unrescuedStreak(entries) >= memory.giveUpAfter)
      return `retried and not rescued on the last ${memory.giveUpAfter} runs: likely broken, not flaky`
    if (memory && memory.maxRetriesPerDay > 0) {
      const day = retriesInDay(entries, this.clock.now()) + (this.taken.get(target.label) ?? 0)
      if (day >= memory.maxRetriesPerDay)
        return `max-retries-per-day is ${memory.maxRetriesPerDay}, and ${day} retries of this target started in the last 24 hours`
    }
    if (maxRetries > 0 && this.total >= maxRetries)
      return `retry budget spent: this step started ${this.total} retries, max-retries is ${maxRetries}`
    return undefined
  }

  /**
   * Adds this run to the history and writes the file (a dry run reads it but writes nothing); the report of
   * every target with history. Undefined without `history-file`.
   */
  finish(
    results: readonly TargetResult[],
    durations: readonly number[],
    run: { runId: string; shard?: string }
  ): HistoryReport[] | undefined {
    const { memory } = this.request
    if (memory === undefined || this.history === undefined) return undefined
    if (!this.request.dryRun) {
      const now = this.clock.now()
      recordRun(
        this.history,
        results.map((result, i) => ({
          result,
          failureClass: result.failure === '' ? 'unknown' : (result.failureClass ?? 'unknown'),
          durationMs: durations[i] ?? 0
        })),
        { at: now, ...run }
      )
      trimHistory(this.history, now)
      writeHistory(memory.file, this.history)
    }
    return historyReport(this.history, [...new Set(results.map(r => r.target))], memory.giveUpAfter)
  }
}
