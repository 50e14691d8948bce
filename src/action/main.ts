import { randomUUID } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as core from '@actions/core'
import { abortOnSignals } from './signals.js'
import { withSignal } from '../transport/cancellation.js'
import { errorMessage } from '../transport/classify.js'
import { InputError } from '../model/errors.js'
import { readRequest, type InputName } from './inputs.js'
import { type ActionRequest } from '../model/request.js'
import { createLog, printable, type Log } from './log.js'
import { mapPool } from '../engine/pool.js'
import { ProviderSet } from '../engine/provider-set.js'
import { systemClock, type Clock } from '../transport/clock.js'
import { failureLine, isFailure, resultsFileContent, resultsOutput } from '../model/results.js'
import { singleOutputs, targetsOutputs } from './outputs.js'
import { summaryMarkup, totalsLine } from './summary.js'
import { notStarted, retryTarget } from '../engine/retry-target.js'
import { RunLedger } from '../engine/run-ledger.js'
import type { TargetResult } from '../model/target.js'

export interface RunOptions {
  clock?: Clock
  random?: () => number
  env?: NodeJS.ProcessEnv
  signal?: AbortSignal
}

/** The action: inputs -> providers -> report. Every failure ends here as one `setFailed` line. */
export async function run(options: RunOptions = {}): Promise<void> {
  const env = options.env ?? process.env
  const log = createLog({ info: core.info, warning: core.warning })
  const controller = new AbortController()
  const signal = options.signal ?? controller.signal
  // Set once the targets are known: on a cancel, the watchdog reports from it if the targets are slow to.
  let report: (() => Promise<void>) | undefined
  const dispose = options.signal ? () => undefined : abortOnSignals(controller, async () => report?.())
  try {
    const request = readRequest(name => readInput(name), env, core.setSecret)
    const step = new StepReport(request, log, env)
    report = async () => step.finish(step.known(), signal)
    await withSignal(signal, async () => retryAll(request, signal, step, options, log))
  } catch (error) {
    // Input errors are the user's to fix: one line. Anything else also fails the step, whatever was thrown.
    if (!(error instanceof InputError) && error instanceof Error && error.stack) core.debug(error.stack)
    core.setFailed(printable(errorMessage(error)))
  } finally {
    dispose()
  }
}

/** `targets` keeps its leading blank lines so an error's line number is the one the user sees. */
function readInput(name: InputName): string {
  return name === 'targets' ? core.getInput(name, { trimWhitespace: false }) : core.getInput(name)
}

async function retryAll(
  request: ActionRequest,
  signal: AbortSignal,
  step: StepReport,
  options: RunOptions,
  log: Log
): Promise<void> {
  const clock = options.clock ?? systemClock
  const random = options.random ?? Math.random
  const info = (message: string): void => log.info(message)
  const providers = new ProviderSet(request.connection, { clock, random, log: info })
  const ledger = new RunLedger()

  const results = await mapPool(request.targets, request.concurrency, async (target, index) =>
    // A cancelled step starts no new target: no request goes out for one after the signal.
    signal.aborted
      ? notStarted(target)
      : retryTarget(target, await providers.for(target), request, {
          clock,
          random,
          signal,
          log: info,
          warn: message => log.warn(message),
          ledger,
          onProgress: result => step.record(index, result),
          // Single mode: outputs as soon as the retry is accepted, so a cut-short wait still names the execution.
          ...(request.mode === 'single' ? { onStarted: result => step.setSingleOutputs(result) } : {})
        })
  )
  await step.finish(results, signal)
}

/**
 * Everything the step reports: outputs, `results-file`, the job summary and the failure line. It keeps what
 * is known of every target, so a cancelled step reports within seconds, and it reports only once.
 */
class StepReport {
  private readonly board: TargetResult[]
  private readonly resultsFile: string
  private finishing: Promise<void> | undefined

  constructor(
    private readonly request: ActionRequest,
    private readonly log: Log,
    env: NodeJS.ProcessEnv
  ) {
    this.board = request.targets.map(notStarted)
    this.resultsFile = join(env.RUNNER_TEMP || tmpdir(), `pipeline-retry-results-${randomUUID()}.json`)
  }

  record(index: number, result: TargetResult): void {
    this.board[index] = result
  }

  known(): TargetResult[] {
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

  private async write(results: readonly TargetResult[], signal: AbortSignal): Promise<void> {
    const { request, log } = this
    writeFileSync(this.resultsFile, resultsFileContent(results))
    if (request.mode === 'single') this.setSingleOutputs(results[0] as TargetResult)
    else {
      const output = resultsOutput(results)
      if (output.note) log.warn(output.note)
      for (const [name, value] of Object.entries(targetsOutputs(results, this.resultsFile, output)))
        core.setOutput(name, value)
    }
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
      await core.summary.addRaw(summaryMarkup(results, { title, resultsFile: this.resultsFile })).write()
    } catch (error) {
      // The retries happened; a summary that cannot be written must not fail the step.
      this.log.warn(`the job summary could not be written: ${errorMessage(error)}`)
    } finally {
      core.summary.emptyBuffer()
    }
  }
}
