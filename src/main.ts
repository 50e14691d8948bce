import * as core from '@actions/core'
import { abortOnSignals } from './abort.js'
import { errorMessage, InputError } from './errors.js'
import { readRequest, type ActionRequest, type InputName } from './inputs.js'
import { mapPool } from './pool.js'
import { ProviderSet } from './providers/load.js'
import { systemClock, type Clock } from './rate-limit.js'
import { isFailure, singleOutputs, summaryTable, targetsOutputs, totalsLine } from './report.js'
import { retryTarget } from './retry-target.js'
import { RunLedger } from './run-ledger.js'
import type { TargetResult } from './targets.js'

export interface RunOptions {
  clock?: Clock
  random?: () => number
  env?: NodeJS.ProcessEnv
  signal?: AbortSignal
}

/** The action: inputs -> providers -> report. Every failure ends here as one `setFailed` line. */
export async function run(options: RunOptions = {}): Promise<void> {
  const controller = new AbortController()
  const dispose = options.signal ? () => undefined : abortOnSignals(controller)
  try {
    const request = readRequest(name => readInput(name), options.env ?? process.env, core.setSecret)
    await retryAll(request, options.signal ?? controller.signal, options)
  } catch (error) {
    // Input errors are the user's to fix: one line. Anything else also fails the step, whatever was thrown.
    if (!(error instanceof InputError) && error instanceof Error && error.stack) core.debug(error.stack)
    core.setFailed(errorMessage(error))
  } finally {
    dispose()
  }
}

/** `targets` keeps its leading blank lines so an error's line number is the one the user sees. */
function readInput(name: InputName): string {
  return name === 'targets' ? core.getInput(name, { trimWhitespace: false }) : core.getInput(name)
}

async function retryAll(request: ActionRequest, signal: AbortSignal, options: RunOptions): Promise<void> {
  const clock = options.clock ?? systemClock
  const random = options.random ?? Math.random
  const log = (message: string): void => core.info(message)
  const providers = new ProviderSet(request.connection, { clock, random, log })
  const single = request.mode === 'single'
  const ledger = new RunLedger()

  const results = await mapPool(request.targets, request.concurrency, async target =>
    retryTarget(target, await providers.get(target.service), request, {
      clock,
      random,
      signal,
      log,
      warn: message => core.warning(message),
      ledger,
      // Single mode: outputs as soon as the retry is accepted, so a cut-short wait still names the execution.
      ...(single ? { onStarted: setOutputs } : {})
    })
  )

  if (single) setOutputs(results[0] as TargetResult)
  else setTargetsOutputs(results)
  await writeSummary(results, request)

  const failures = results.filter(r => isFailure(r, request.wait !== undefined))
  if (signal.aborted)
    core.setFailed(`Cancelled (${String(signal.reason)}) while waiting: ${describe(results)}`)
  else if (failures.length > 0)
    core.setFailed(
      single
        ? failures.map(r => r.message).join('; ')
        : `${failures.length} of ${results.length} targets did not succeed: ${failures.map(r => `${r.target} (${r.status}: ${r.message})`).join('; ')}`
    )
}

function setOutputs(result: TargetResult): void {
  for (const [name, value] of Object.entries(singleOutputs(result))) core.setOutput(name, value)
}

function setTargetsOutputs(results: readonly TargetResult[]): void {
  for (const [name, value] of Object.entries(targetsOutputs(results))) core.setOutput(name, value)
}

function describe(results: readonly TargetResult[]): string {
  return results.map(r => `${r.target} ${r.status}`).join(', ')
}

async function writeSummary(results: readonly TargetResult[], request: ActionRequest): Promise<void> {
  // Outside a runner (no GITHUB_STEP_SUMMARY) there is nowhere to write: the log already has it all.
  if (!process.env.GITHUB_STEP_SUMMARY) return
  const title = request.dryRun ? 'Pipeline Retry (dry run)' : 'Pipeline Retry'
  await core.summary
    .addHeading(title, 2)
    .addTable(summaryTable(results))
    .addRaw(totalsLine(results), true)
    .write()
}
