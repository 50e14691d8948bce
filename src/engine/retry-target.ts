import type { Provider } from '../model/provider.js'
import type { ActionRequest } from '../model/request.js'
import type { TargetBase, TargetResult } from '../model/target.js'
import { cleanResult } from '../model/text.js'
import { Cancelled } from '../transport/cancellation.js'
import { errorMessage } from '../transport/classify.js'
import { decide } from './decide.js'
import { follow } from './follow.js'
import { deriveToken } from './idempotency.js'
import { sendRetryOnce } from './send-retry.js'
import { initialResult, targetLog, type TargetDeps } from './target-deps.js'

export type { TargetDeps } from './target-deps.js'
export { STOP_WITHIN_MS } from './follow.js'

/** The result of a target that never started: what the step reports for it if the workflow is cancelled. */
export function notStarted(target: TargetBase): TargetResult {
  return cleanResult(
    { ...initialResult(target), status: 'cancelled', message: 'not started: the workflow was cancelled' },
    []
  )
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
 * One target from start to end: decide (discover, apply the rules), retry once, and with `wait` follow the
 * execution. Never throws: any failure becomes a result with status `error` (or `cancelled`). Every result
 * it reports is clean (one line, capped, links only to the provider's console).
 */
export async function retryTarget(
  target: TargetBase,
  provider: Provider,
  request: ActionRequest,
  deps: TargetDeps
): Promise<TargetResult> {
  const clean = (r: TargetResult): TargetResult => cleanResult(r, provider.consoleHosts)
  const progress = (r: TargetResult): void => deps.onProgress?.(clean(r))
  const log = targetLog(target, deps)
  // No new API work once the workflow is cancelled.
  if (deps.signal.aborted) return notStarted(target)
  let result = initialResult(target)
  // Whether a retry call is out: a cancel from here on may have let it through.
  let sending = false
  progress({
    ...result,
    status: 'cancelled',
    message: 'cut off while reading the execution; nothing was retried'
  })
  try {
    const wait = request.wait
    // With wait, the whole loop (following, pausing, retrying) shares timeout-minutes.
    const deadline = wait ? deps.clock.now() + wait.timeoutMs : Infinity
    const budget = (): number => Math.max(0, deadline - deps.clock.now())
    let current = target
    let pauseMs = request.retryDelayMs
    // An execution this step retried or followed to its end: a later "no" ends the step failed, not skipped.
    let seen: TargetResult | undefined
    for (;;) {
      const decision = await decide(current, provider, request, result, deps)
      if (decision.kind === 'done') {
        const { running } = decision
        if (running && wait && budget() > 0) {
          const label = `${running.executionId} (still running)`
          log(`following ${label} before deciding`)
          const base = {
            ...decision.result,
            executionId: running.executionId,
            executionArn: running.executionArn ?? '',
            consoleUrl: running.consoleUrl
          }
          const followed = await follow(
            current,
            provider,
            running,
            { ...base, status: 'in-progress', message: `followed ${label}` },
            { ...wait, timeoutMs: budget() },
            deps,
            progress
          )
          if (followed.status !== 'failed') return clean(followed)
          seen = followed
          result = { ...result, failure: followed.failure }
          continue
        }
        if (seen && decision.result.status !== 'nothing-to-retry')
          return clean({
            ...seen,
            status: 'failed',
            message: `${seen.message}; not retried again: ${decision.result.message}`
          })
        return clean(
          seen && decision.result.status === 'nothing-to-retry'
            ? { ...seen, message: `${seen.message}; ${decision.result.message}` }
            : decision.result
        )
      }
      result = decision.result
      const { candidate } = decision
      // Cancelled during discovery: no retry call starts.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- it changes across the awaits
      if (deps.signal.aborted)
        return clean({
          ...result,
          status: 'cancelled',
          message: 'cut off by the cancellation; nothing was retried'
        })

      sending = true
      progress({ ...result, status: 'error', message: mayHaveBeenApplied(result) })
      const sent = await sendRetryOnce(
        provider,
        current,
        candidate,
        {
          mode: request.retryMode,
          token:
            request.idempotencyToken ??
            deriveToken(current.service, candidate.executionId, candidate.previousAttempts),
          ...(request.maxParallelSteps !== undefined ? { maxParallelSteps: request.maxParallelSteps } : {})
        },
        { maxAttempts: request.maxAttempts, log }
      )
      sending = false
      if (sent.kind === 'not-sent') {
        if (sent.status === 'skipped') deps.warn(`${target.label}: ${sent.message}`)
        else log(sent.message)
        return clean({ ...result, status: sent.status, message: sent.message })
      }
      const { started, note } = sent
      if (note) log(note)
      result = {
        ...result,
        retried: true,
        executionId: started.executionId,
        executionArn: started.executionArn ?? '',
        stageName: started.stageName ?? result.stageName,
        consoleUrl: started.consoleUrl,
        status: 'in-progress',
        attempts: result.attempts + 1,
        message: `retried ${candidate.description}${note ? ` (${note})` : ''}`
      }
      log(
        `retry ${result.attempts} accepted: ${started.executionId}${started.consoleUrl ? ` (${started.consoleUrl})` : ''}`
      )
      deps.ledger?.retried(target)
      progress(result)
      deps.onStarted?.(clean(result))
      if (!wait) return clean(result)

      const followed = await follow(
        current,
        provider,
        started,
        result,
        { ...wait, timeoutMs: budget() },
        deps,
        progress
      )
      if (followed.status !== 'failed') return clean(followed)
      if (result.attempts >= request.retries)
        return clean({ ...followed, message: `${followed.message}; retries used up (${request.retries})` })
      if (budget() <= pauseMs)
        return clean({
          ...followed,
          message: `${followed.message}; timeout-minutes leaves no time for another retry`
        })
      log(`pausing ${pauseMs / 1000} s before retry ${result.attempts + 1} of at most ${request.retries}`)
      progress(followed)
      await deps.clock.sleep(pauseMs, deps.signal)
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- it changes across the await
      if (deps.signal.aborted)
        return clean({ ...followed, message: `${followed.message}; cancelled before the next retry` })
      pauseMs *= 2
      seen = followed
      result = followed
      // A named execution is now the one running after the retry (CodeBuild: the new build).
      if (target.executionId !== undefined) current = { ...target, executionId: started.executionId }
    }
  } catch (error) {
    if (error instanceof Cancelled) {
      if (sending && error.maybeApplied) {
        const message = mayHaveBeenApplied(result)
        deps.warn(`${target.label}: ${message}`)
        return clean({ ...result, status: 'error', message })
      }
      log('cancelled; nothing was retried')
      return clean({
        ...result,
        status: 'cancelled',
        message: 'cut off by the cancellation; nothing was retried'
      })
    }
    const message = errorMessage(error)
    deps.warn(`${target.label}: ${message}`)
    return clean({ ...result, status: 'error', message })
  }
}
