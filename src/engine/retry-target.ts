import { Cancelled, withSignal } from '../transport/cancellation.js'
import { errorMessage } from '../model/errors.js'
import { deriveToken } from './idempotency.js'
import type { ActionRequest } from '../action/inputs.js'
import type { Provider } from '../model/provider.js'
import type { Clock } from '../transport/token-bucket.js'
import type { RunLedger } from './run-ledger.js'
import { cleanResult } from '../model/text.js'
import { sendRetryOnce } from './send-retry.js'
import type { Target, TargetResult } from '../model/target.js'
import { formatDuration, pollUntilDone } from './poll.js'

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
}

/** After a cancel, the stop call of `cancel-on-abort` gets this long: the step must be out within 5 s. */
export const STOP_WITHIN_MS = 3000

/** The result of a target that never started: what the step reports for it if the workflow is cancelled. */
export function notStarted(target: Target): TargetResult {
  return cleanResult(
    {
      ...initialResult(target),
      status: 'cancelled',
      message: 'not started: the workflow was cancelled'
    },
    []
  )
}

function initialResult(target: Target): TargetResult {
  return {
    service: target.service,
    target: target.label,
    retried: false,
    executionId: target.executionId ?? '',
    executionArn: '',
    stageName: target.service === 'codepipeline' ? (target.stageName ?? '') : '',
    status: 'error',
    consoleUrl: '',
    message: ''
  }
}

/** The message of a target whose retry call was cut off with its answer unknown. */
function mayHaveBeenApplied(result: TargetResult): string {
  return (
    'the workflow was cancelled while the retry call was in flight: the retry may have been applied; check the execution' +
    (result.consoleUrl ? ` at ${result.consoleUrl}` : '') +
    ' before retrying it by hand'
  )
}

/**
 * One target from start to end: discover, check the attempt cap, retry (or only report in dry-run), and
 * with `wait` follow the execution. Never throws: any failure becomes a result with status `error`.
 */
export async function retryTarget(
  target: Target,
  provider: Provider,
  request: ActionRequest,
  deps: TargetDeps
): Promise<TargetResult> {
  const settled = await settle(target, provider, request, deps)
  return cleanResult(settled, provider.consoleHosts)
}

async function settle(
  target: Target,
  provider: Provider,
  request: ActionRequest,
  deps: TargetDeps
): Promise<TargetResult> {
  const log = (message: string): void => deps.log(`${target.label}: ${message}`)
  const progress = (r: TargetResult): void => deps.onProgress?.(cleanResult(r, provider.consoleHosts))
  let result = initialResult(target)
  // Whether a retry call is out: a cancel from here on may have let it through.
  let sending = false
  // No new API work once the workflow is cancelled.
  if (deps.signal.aborted) return notStarted(target)
  progress({
    ...result,
    status: 'cancelled',
    message: 'cut off while reading the execution; nothing was retried'
  })
  try {
    const discovery = await provider.discover(target)
    if (discovery.kind === 'nothing') {
      const by = deps.ledger?.retriedBy(target)
      const reason = by ? `${discovery.reason} (retried by ${by} earlier in this run)` : discovery.reason
      log(`nothing to retry: ${reason}`)
      return { ...result, status: 'nothing-to-retry', message: reason }
    }
    if (discovery.kind === 'skip') {
      deps.warn(`${target.label}: not retried: ${discovery.reason}`)
      return { ...result, status: 'skipped', message: `not retried: ${discovery.reason}` }
    }
    const candidate = discovery.candidate
    result = {
      ...result,
      executionId: candidate.executionId,
      stageName: candidate.stageName ?? result.stageName,
      consoleUrl: candidate.consoleUrl
    }
    log(`found ${candidate.description}`)
    if (candidate.attemptsBasis)
      log(`earlier retries: ${candidate.previousAttempts ?? 'unknown'} (${candidate.attemptsBasis})`)

    const attempts = candidate.previousAttempts
    if (request.maxAttempts > 0 && attempts !== undefined && attempts >= request.maxAttempts) {
      const message = `not retried: already retried ${attempts} time(s), max-attempts is ${request.maxAttempts}`
      deps.warn(`${target.label}: ${message}`)
      return { ...result, status: 'skipped', message }
    }
    const owner = deps.ledger?.claim(
      target,
      `${target.service}:${candidate.executionId}:${candidate.stageName ?? ''}`
    )
    if (owner !== undefined) {
      log(`already handled by ${owner} in this run`)
      return {
        ...result,
        status: 'nothing-to-retry',
        message: `${candidate.description}: already handled by ${owner} in this run`
      }
    }
    if (request.dryRun) {
      log('dry-run: not retrying')
      return { ...result, status: 'dry-run', message: `would retry ${candidate.description}` }
    }

    // Cancelled during discovery: no retry call starts.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- it changes across the awaits
    if (deps.signal.aborted)
      return { ...result, status: 'cancelled', message: 'cut off by the cancellation; nothing was retried' }
    const token =
      request.idempotencyToken ??
      deriveToken(target.service, candidate.executionId, candidate.previousAttempts)
    sending = true
    progress({ ...result, status: 'error', message: mayHaveBeenApplied(result) })
    const sent = await sendRetryOnce(
      provider,
      target,
      candidate,
      {
        mode: request.retryMode,
        token,
        ...(request.maxParallelSteps !== undefined ? { maxParallelSteps: request.maxParallelSteps } : {})
      },
      { maxAttempts: request.maxAttempts, log }
    )
    if (sent.kind === 'not-sent') {
      if (sent.status === 'skipped') deps.warn(`${target.label}: ${sent.message}`)
      else log(sent.message)
      return { ...result, status: sent.status, message: sent.message }
    }
    sending = false
    const { started } = sent
    if (sent.note) log(sent.note)
    result = {
      ...result,
      retried: true,
      executionId: started.executionId,
      executionArn: started.executionArn ?? '',
      stageName: started.stageName ?? result.stageName,
      consoleUrl: started.consoleUrl,
      status: 'in-progress',
      message: `retried ${candidate.description}${sent.note ? ` (${sent.note})` : ''}`
    }
    log(`retry accepted: ${started.executionId}${started.consoleUrl ? ` (${started.consoleUrl})` : ''}`)
    deps.ledger?.retried(target)
    progress(result)
    deps.onStarted?.(cleanResult(result, provider.consoleHosts))
    if (!request.wait) return result

    const wait = request.wait
    const outcome = await pollUntilDone(() => provider.status(target, started), {
      intervalMs: wait.pollIntervalMs,
      timeoutMs: wait.timeoutMs,
      clock: deps.clock,
      random: deps.random,
      signal: deps.signal,
      log
    })
    const took = formatDuration(outcome.elapsedMs)
    switch (outcome.kind) {
      case 'ended': {
        const { state, reason } = outcome.progress
        const status = state === 'in-progress' ? 'failed' : state
        log(`${status} after ${took}${reason ? `: ${reason}` : ''}`)
        return {
          ...result,
          status,
          message: `${result.message}; ${status} after ${took}${reason ? `: ${reason}` : ''}`
        }
      }
      case 'timed-out': {
        const message = `still running after ${took} (timeout-minutes); left running${result.consoleUrl ? `, follow it at ${result.consoleUrl}` : ''}`
        deps.warn(`${target.label}: ${message}`)
        return { ...result, status: 'timed-out', message }
      }
      case 'aborted': {
        if (!wait.cancelOnAbort) {
          log('cancelled while waiting; the execution keeps running')
          return {
            ...result,
            status: 'in-progress',
            message: `wait cancelled after ${took}; execution left running`
          }
        }
        log('cancelled while waiting; stopping the execution (cancel-on-abort)')
        const unconfirmed = `wait cancelled after ${took}; a stop was requested but not confirmed`
        progress({ ...result, status: 'in-progress', message: unconfirmed })
        try {
          // The step's own signal is aborted: the stop call gets a short bound of its own instead.
          await withSignal(AbortSignal.timeout(STOP_WITHIN_MS), () =>
            provider.stop(target, started, 'Workflow cancelled (pipeline-retry-action cancel-on-abort)')
          )
        } catch (error) {
          const message = `${unconfirmed} (${errorMessage(error)}); it may still be running`
          deps.warn(`${target.label}: ${message}`)
          return { ...result, status: 'in-progress', message }
        }
        return { ...result, status: 'stopped', message: `wait cancelled after ${took}; execution stopped` }
      }
    }
  } catch (error) {
    if (error instanceof Cancelled) {
      if (sending && error.maybeApplied) {
        const message = mayHaveBeenApplied(result)
        deps.warn(`${target.label}: ${message}`)
        return { ...result, status: 'error', message }
      }
      log('cancelled; nothing was retried')
      return { ...result, status: 'cancelled', message: 'cut off by the cancellation; nothing was retried' }
    }
    const message = errorMessage(error)
    deps.warn(`${target.label}: ${message}`)
    return { ...result, status: 'error', message }
  }
}
