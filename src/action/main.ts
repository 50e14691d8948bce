import * as core from '@actions/core'
import { expandTargets } from '../engine/expand.js'
import { ConcurrencyPool } from '../engine/pool.js'
import { ProviderSet } from '../engine/provider-set.js'
import { notStarted, retryTarget } from '../engine/retry-target.js'
import { RunLedger } from '../engine/run-ledger.js'
import { InputError } from '../model/errors.js'
import { serviceOf } from '../services/registry.js'
import type { ActionRequest } from '../model/request.js'
import type { TargetResult } from '../model/target.js'
import { cut } from '../model/text.js'
import { Cancelled, withSignal } from '../transport/cancellation.js'
import { errorMessage } from '../transport/classify.js'
import { systemClock, type Clock } from '../transport/clock.js'
import { readRequest, type InputName } from './inputs.js'
import { createLog, printable, type Log } from './log.js'
import { abortOnSignals } from './signals.js'
import { ProgressLine } from './progress.js'
import { RetryMemory } from './retry-memory.js'
import { StepReport } from './step-report.js'
import { TargetLogs } from './target-logs.js'

export interface RunOptions {
  clock?: Clock
  random?: () => number
  env?: NodeJS.ProcessEnv
  signal?: AbortSignal
}

/** The action: inputs -> providers -> report. Every failure ends here as one `setFailed` line. */
export async function run(options: RunOptions = {}): Promise<void> {
  const env = options.env ?? process.env
  const log = createLog({ info: core.info, warning: core.warning, notice: core.notice })
  const controller = new AbortController()
  const signal = options.signal ?? controller.signal
  // Set once the targets are known: on a cancel, the watchdog reports from it if the targets are slow to.
  let report: (() => Promise<void>) | undefined
  const dispose = options.signal ? () => undefined : abortOnSignals(controller, async () => report?.())
  try {
    const request = readRequest(name => readInput(name), env, core.setSecret)
    const step = new StepReport(request, log, env)
    report = async () => step.finish(step.snapshot(), signal)
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
  const providers = new ProviderSet(request.connection, { serviceOf, clock, random, log: info })
  const ledger = new RunLedger(serviceOf)
  const warn = (message: string): void => log.warn(message)

  let targets = request.targets
  let unlisted: TargetResult[] = []
  let first = 0
  if (request.lines) {
    const expansion = await expandTargets(request.lines, request.shard, {
      serviceOf,
      providerFor: target => providers.for(target),
      regionOf: service => providers.regionOf(service),
      concurrency: request.concurrency,
      log: info,
      warn
    }).catch((error: unknown) => {
      if (error instanceof Cancelled) return undefined
      throw error
    })
    // Cancelled while listing: every line is reported `cancelled`, with every output written.
    if (expansion === undefined) return step.finish(step.snapshot(), signal)
    targets = expansion.targets
    unlisted = expansion.settled
    for (const note of expansion.notes) info(note)
    info(`${targets.length} target${targets.length === 1 ? '' : 's'} to check`)
    first = step.setTargets(targets, unlisted, expansion.notes)
  }

  // Targets mode: each target's lines come out as one group when it ends, and a progress line tells how far
  // the scan has got. Single mode keeps its plain lines.
  const grouped = request.mode === 'targets' ? new TargetLogs(log, core) : undefined
  const progress = request.mode === 'targets' ? new ProgressLine(targets.length, info) : undefined
  step.beforeReport(known => grouped?.flushAll(known, first))

  const memory = new RetryMemory(request, log, clock)
  // Waiting does not hold a place: `concurrency` bounds discovery and retry calls only.
  const pool = new ConcurrencyPool(request.concurrency)
  const durations: number[] = []
  const results = await pool.map(targets, async (target, index) => {
    // A cancelled step starts no new target: no request goes out for one after the signal.
    if (signal.aborted) return notStarted(target)
    const started = clock.now()
    const result = await retryTarget(target, await providers.for(target), request, {
      clock,
      random,
      signal,
      log: grouped ? message => grouped.info(index, message) : info,
      warn: grouped ? message => grouped.warn(index, message) : warn,
      ledger,
      budget: memory,
      onProgress: r => {
        step.record(first + index, r)
        progress?.update(index, r)
      },
      whileWaiting: wait => pool.withoutSlot(wait),
      // Single mode: outputs as soon as the retry is accepted, so a cut-short wait still names the execution.
      ...(request.mode === 'single' ? { onStarted: r => step.setSingleOutputs(r) } : { alignPolls: true })
    })
    durations[index] = clock.now() - started
    grouped?.finish(index, result)
    progress?.finish(index, result)
    if (result.retried) log.notice(outcomeNotice(result))
    return result
  })
  progress?.stop()
  const all = [...unlisted, ...results]
  const env = options.env ?? process.env
  const shard = request.shard ? `${request.shard.index}/${request.shard.count}` : undefined
  const report = memory.finish(all, [...unlisted.map(() => 0), ...durations], {
    runId: env.GITHUB_RUN_ID?.trim() ?? '',
    ...(shard !== undefined ? { shard } : {})
  })
  if (report) step.setHistory(report, shard)
  await step.finish(all, signal)
}

/** The notice for a retried execution: what it is now. */
function outcomeNotice(r: TargetResult): string {
  const now = r.status === 'in-progress' ? 'running' : r.status
  const why =
    r.status !== 'succeeded' && r.status !== 'in-progress' && r.failure ? `: ${cut(r.failure, 200)}` : ''
  return `${r.target}: retried (${r.attempts}x), ${r.executionId} is ${now}${why}`
}
