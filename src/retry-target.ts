import { errorMessage } from './errors.js'
import { deriveToken } from './idempotency.js'
import type { ActionRequest } from './inputs.js'
import type { Provider } from './providers/provider.js'
import type { Clock } from './rate-limit.js'
import type { RunLedger } from './run-ledger.js'
import { sendRetryOnce } from './send-retry.js'
import type { Target, TargetResult } from './targets.js'
import { formatDuration, pollUntilDone } from './wait.js'

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
  const log = (message: string): void => deps.log(`${target.label}: ${message}`)
  let result: TargetResult = {
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

    // A cancelled workflow starts no new retry (targets mode: the pool still hands out the remaining targets).
    if (deps.signal.aborted)
      return { ...result, status: 'error', message: 'not retried: the workflow was cancelled' }
    const token =
      request.idempotencyToken ??
      deriveToken(target.service, candidate.executionId, candidate.previousAttempts)
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
    deps.onStarted?.(result)
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
        await provider.stop(target, started, 'Workflow cancelled (pipeline-retry-action cancel-on-abort)')
        return { ...result, status: 'stopped', message: `wait cancelled after ${took}; execution stopped` }
      }
    }
  } catch (error) {
    const message = errorMessage(error)
    deps.warn(`${target.label}: ${message}`)
    return { ...result, status: 'error', message }
  }
}
