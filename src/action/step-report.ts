import { randomUUID } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as core from '@actions/core'
import type { ActionRequest } from '../model/request.js'
import type { HistoryReport } from '../model/history.js'
import {
  failureLine,
  isFailure,
  jsonPrefixWithin,
  MAX_RESULTS_BYTES,
  resultsFileContent,
  resultsOutput
} from '../model/results.js'
import type { TargetBase, TargetLine, TargetResult } from '../model/target.js'
import { errorMessage } from '../transport/classify.js'
import { STOP_UNCONFIRMED } from '../engine/follow.js'
import { notStarted } from '../engine/retry-target.js'
import { printable, type Log } from './log.js'
import { singleOutputs, targetsOutputs } from './outputs.js'
import { summaryMarkup, totalsLine } from './summary.js'

/** `history-report`: the report as JSON, within GitHub's output limit (the first targets that fit). */
function historyOutput(report: readonly HistoryReport[]): string {
  // Half of the output limit: `results` shares the job's outputs with it.
  return `[${jsonPrefixWithin(report, MAX_RESULTS_BYTES / 2).join(',')}]`
}

/** A target line's row before it is expanded: what a cancel during listing reports for it. */
function lineNotStarted(line: TargetLine): TargetResult {
  return {
    ...notStarted({ service: line.service, label: line.text }),
    message: 'not started: the workflow was cancelled while the target lines were expanded'
  }
}

/**
 * Everything the step reports: outputs, `results-file`, the job summary and the failure line. It keeps what
 * is known of every target, so a cancelled step reports within seconds, and it reports only once.
 */
export class StepReport {
  private board: TargetResult[]
  /** Per board row: the pattern line its target came from, for the summary. */
  private origins: (string | undefined)[] = []
  /** Lines for the summary's head: what the shard kept, what `!` lines left out. */
  private notes: string[] = []
  private readonly resultsFile: string
  private finishing: Promise<void> | undefined
  private beforeWrite: (known: readonly TargetResult[]) => void = () => undefined
  /** With history-file: each target's earlier runs, for `history-report` and the summary. */
  private history: readonly HistoryReport[] | undefined

  constructor(
    private readonly request: ActionRequest,
    private readonly log: Log,
    env: NodeJS.ProcessEnv
  ) {
    // Targets mode starts with a row per line, so a cancel while the lines are listed still reports each.
    this.board = request.lines
      ? request.lines.filter(line => line.kind.name !== 'exclude').map(lineNotStarted)
      : request.targets.map(notStarted)
    this.resultsFile = join(env.RUNNER_TEMP || tmpdir(), `pipeline-retry-results-${randomUUID()}.json`)
  }

  /**
   * Targets mode, once the lines are expanded: the rows are the pattern lines that could not be listed, then
   * every target. Returns the row of the first target (record's index = that + the target's index).
   */
  setTargets(
    targets: readonly TargetBase[],
    unlisted: readonly TargetResult[],
    notes: readonly string[]
  ): number {
    this.board = [...unlisted, ...targets.map(notStarted)]
    this.origins = [...unlisted.map(() => undefined), ...targets.map(t => t.origin)]
    this.notes = [...notes]
    return unlisted.length
  }

  /** Runs first when the report is written (a cancel's too): e.g. the log lines still held. */
  beforeReport(callback: (known: readonly TargetResult[]) => void): void {
    this.beforeWrite = callback
  }

  /** The history report of the targets (with history-file), and which shard's file it is. */
  setHistory(report: readonly HistoryReport[], shard: string | undefined): void {
    this.history = report
    if (shard !== undefined) this.notes.push(`history: shard ${shard}'s history-file`)
  }

  record(index: number, result: TargetResult): void {
    this.board[index] = result
  }

  snapshot(): TargetResult[] {
    return [...this.board]
  }

  setSingleOutputs(result: TargetResult): void {
    for (const [name, value] of Object.entries(singleOutputs(result, this.resultsFile)))
      core.setOutput(name, value)
  }

  /** Writes every output, the results file and the summary, then fails the step if it must. Once. */
  finish(results: readonly TargetResult[], signal: AbortSignal): Promise<void> {
    this.finishing ??= this.write(results, signal)
    return this.finishing
  }

  private async write(written: readonly TargetResult[], signal: AbortSignal): Promise<void> {
    const { request, log } = this
    const results = signal.aborted && request.wait?.cancelOnAbort ? written.map(stopUnconfirmed) : written
    this.beforeWrite(this.snapshot())
    writeFileSync(this.resultsFile, resultsFileContent(results))
    if (request.mode === 'single') this.setSingleOutputs(results[0] as TargetResult)
    else {
      const output = resultsOutput(results)
      if (output.note) log.stepWarn(output.note)
      for (const [name, value] of Object.entries(targetsOutputs(results, this.resultsFile, output)))
        core.setOutput(name, value)
    }
    if (this.history) core.setOutput('history-report', historyOutput(this.history))
    await this.writeSummary(results)
    log.finish()

    const failures = results.filter(r => isFailure(r, request.wait !== undefined))
    if (signal.aborted)
      core.setFailed(printable(`Cancelled (${String(signal.reason)}): ${totalsLine(results)}`))
    else if (failures.length > 0)
      core.setFailed(
        printable(
          request.mode === 'single'
            ? failures.map(r => r.message).join('; ')
            : failureLine(failures, results.length)
        )
      )
  }

  private async writeSummary(results: readonly TargetResult[]): Promise<void> {
    // Outside a runner (no GITHUB_STEP_SUMMARY) there is nowhere to write: the log already has it all.
    if (!process.env.GITHUB_STEP_SUMMARY) return
    const title = this.request.dryRun ? 'Pipeline Retry (dry run)' : 'Pipeline Retry'
    try {
      const markup = summaryMarkup(results, {
        title,
        resultsFile: this.resultsFile,
        notes: this.notes,
        origins: this.origins,
        ...(this.history ? { history: this.history } : {})
      })
      await core.summary.addRaw(markup).write()
    } catch (error) {
      // The retries happened; a summary that cannot be written must not fail the step.
      this.log.stepWarn(`the job summary could not be written: ${errorMessage(error)}`)
    } finally {
      core.summary.emptyBuffer()
    }
  }
}

/**
 * A cancel with `cancel-on-abort` reported before a retried target reached its stop call (a large scan on a busy
 * runner): the row is still running, so its stop was not made or not answered, and it says so.
 */
export function stopUnconfirmed(result: TargetResult): TargetResult {
  if (result.status !== 'in-progress' || !result.retried || result.message.includes('cancel-on-abort'))
    return result
  return {
    ...result,
    message: `${result.message}; ${STOP_UNCONFIRMED}`
  }
}
