import type { Candidate, Provider, Started } from '../model/provider.js'
import type { ActionRequest, WaitOptions } from '../model/request.js'
import type { TargetBase, TargetResult } from '../model/target.js'
import { cleanResult } from '../model/text.js'
import { Cancelled } from '../transport/cancellation.js'
import { errorMessage } from '../transport/classify.js'
import { decide } from './decide.js'
import { follow } from './follow.js'
import { deriveToken } from './idempotency.js'
import { sendRetryOnce } from './send-retry.js'
import { initialResult, targetLog, waiting, type TargetDeps } from './target-deps.js'

export type { TargetDeps } from './target-deps.js'

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

/** One target's flow: what it works with, and what it knows so far (what a cut-off step reports). */
interface Flow {
  target: TargetBase
  provider: Provider
  request: ActionRequest
  deps: TargetDeps
  log: (message: string) => void
  progress: (result: TargetResult) => void
  result: TargetResult
  /** Whether a retry call is out: a cancel from here on may have let it through. */
  sending: boolean
  /** With wait, the whole loop (following, pausing, retrying) shares timeout-minutes: the ms left. */
  budget: () => number
}

/**
 * One target from start to end: decide (discover, apply the rules), retry, and with `wait` follow the
 * execution, retrying again while the policy allows. Never throws: any failure becomes a result with status
 * `error` (or `cancelled`). Every result it reports is clean (one line, capped, links only to the provider's
 * console).
 */
export async function retryTarget(
  target: TargetBase,
  provider: Provider,
  request: ActionRequest,
  deps: TargetDeps
): Promise<TargetResult> {
  const clean = (r: TargetResult): TargetResult => cleanResult(r, provider.consoleHosts)
  // No new API work once the workflow is cancelled.
  if (deps.signal.aborted) return notStarted(target)
  const deadline = request.wait ? deps.clock.now() + request.wait.timeoutMs : Infinity
  const flow: Flow = {
    target,
    provider,
    request,
    deps,
    log: targetLog(target, deps),
    progress: r => deps.onProgress?.(clean(r)),
    result: initialResult(target),
    sending: false,
    budget: () => Math.max(0, deadline - deps.clock.now())
  }
  flow.progress({
    ...flow.result,
    status: 'cancelled',
    message: 'cut off while reading the execution; nothing was retried'
  })
  try {
    return clean(await loop(flow))
  } catch (error) {
    return clean(settleError(flow, error))
  }
}

/**
 * Decide, retry, follow; again after a failure while `retries`, the policy and the budget allow (pausing
 * `retry-delay-seconds`, doubled each time). A running execution is followed before anything is decided.
 */
async function loop(flow: Flow): Promise<TargetResult> {
  const { target, request, deps } = flow
  let current = target
  let pauseMs = request.retryDelayMs
  // An execution this step retried or followed to its end: a later "no" ends the step failed, not skipped.
  let seen: TargetResult | undefined
  for (;;) {
    const decision = await decide(current, flow.provider, request, flow.result, deps)
    if (decision.kind === 'done') {
      if (decision.running && request.wait && flow.budget() > 0) {
        const followed = await followRunning(flow, current, decision.result, decision.running, request.wait)
        if (followed.status !== 'failed') return followed
        seen = followed
        flow.result = { ...flow.result, failure: followed.failure }
        continue
      }
      return afterDecision(seen, decision.result)
    }
    flow.result = decision.result
    // Cancelled during discovery: no retry call starts.
    if (deps.signal.aborted)
      return {
        ...flow.result,
        status: 'cancelled',
        message: 'cut off by the cancellation; nothing was retried'
      }
    const started = await sendRetry(flow, current, decision.candidate)
    if (started === undefined || !request.wait) return flow.result

    const followed = await followWithin(flow, current, started, flow.result, request.wait)
    const stop = resultIfDone(flow, followed, pauseMs)
    if (stop !== undefined) return stop
    flow.log(
      `pausing ${pauseMs / 1000} s before retry ${flow.result.attempts + 1} of at most ${request.retries}`
    )
    flow.progress(followed)
    await waiting(deps, () => deps.clock.sleep(pauseMs, deps.signal))
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- it changes across the await
    if (deps.signal.aborted)
      return { ...followed, message: `${followed.message}; cancelled before the next retry` }
    pauseMs *= 2
    seen = followed
    flow.result = followed
    // A named execution is now the one running after the retry (CodeBuild: the new build).
    if (target.executionId !== undefined) current = { ...target, executionId: started.executionId }
  }
}

/** `wait`: follows the still-running execution that discovery found, before deciding anything. */
function followRunning(
  flow: Flow,
  target: TargetBase,
  decided: TargetResult,
  running: Started,
  wait: WaitOptions
): Promise<TargetResult> {
  const label = `${running.executionId} (still running)`
  flow.log(`following ${label} before deciding`)
  const base: TargetResult = {
    ...decided,
    executionId: running.executionId,
    executionArn: running.executionArn ?? '',
    consoleUrl: running.consoleUrl,
    status: 'in-progress',
    message: `followed ${label}`
  }
  return followWithin(flow, target, running, base, wait)
}

/** Follows `started` to its end within what is left of the loop's budget. */
function followWithin(
  flow: Flow,
  target: TargetBase,
  started: Started,
  base: TargetResult,
  wait: WaitOptions
): Promise<TargetResult> {
  return follow(
    target,
    flow.provider,
    started,
    base,
    { ...wait, timeoutMs: flow.budget() },
    flow.deps,
    flow.progress
  )
}

/** A "no" after this step retried or followed an execution to a failure ends the step failed, saying why. */
function afterDecision(seen: TargetResult | undefined, decided: TargetResult): TargetResult {
  if (!seen) return decided
  if (decided.status === 'nothing-to-retry')
    return { ...seen, message: `${seen.message}; ${decided.message}` }
  return { ...seen, status: 'failed', message: `${seen.message}; not retried again: ${decided.message}` }
}

/** Sends the retry call once; the started execution, or undefined when nothing was sent (the result says why). */
async function sendRetry(flow: Flow, target: TargetBase, candidate: Candidate): Promise<Started | undefined> {
  const { request, deps, log } = flow
  flow.sending = true
  flow.progress({ ...flow.result, status: 'error', message: mayHaveBeenApplied(flow.result) })
  const sent = await sendRetryOnce(
    flow.provider,
    target,
    candidate,
    {
      mode: request.retryMode,
      token:
        request.idempotencyToken ??
        deriveToken(target.service, candidate.executionId, candidate.previousAttempts),
      ...(request.maxParallelSteps !== undefined ? { maxParallelSteps: request.maxParallelSteps } : {})
    },
    { maxAttempts: request.maxAttempts, log }
  )
  flow.sending = false
  if (sent.kind === 'not-sent') {
    deps.budget?.giveBack(target)
    if (sent.status === 'skipped') deps.warn(`${flow.target.label}: ${sent.message}`)
    else log(sent.message)
    flow.result = { ...flow.result, status: sent.status, message: sent.message }
    return undefined
  }
  const { started, note, ended } = sent
  if (note) log(note)
  flow.result = {
    ...flow.result,
    retried: true,
    executionId: started.executionId,
    executionArn: started.executionArn ?? '',
    stageName: started.stageName ?? flow.result.stageName,
    consoleUrl: started.consoleUrl,
    status: 'in-progress',
    attempts: flow.result.attempts + 1,
    message: `retried ${candidate.description}${note ? ` (${note})` : ''}`
  }
  log(
    `retry ${flow.result.attempts} accepted: ${started.executionId}${started.consoleUrl ? ` (${started.consoleUrl})` : ''}`
  )
  deps.ledger?.retried(flow.target)
  if (ended) {
    // The fresh read saw the retried execution end already: that is what the step reports, not "running".
    flow.result = {
      ...flow.result,
      status: ended.status,
      message: `${flow.result.message}; it has ended: ${ended.description}`
    }
    log(`read again after the lost answer: ${ended.description}`)
  }
  flow.progress(flow.result)
  deps.onStarted?.(cleanResult(flow.result, flow.provider.consoleHosts))
  return ended ? undefined : started
}

/** After following a retried execution: the final result, or undefined to retry again. */
function resultIfDone(flow: Flow, followed: TargetResult, pauseMs: number): TargetResult | undefined {
  if (followed.status !== 'failed') return followed
  const { retries } = flow.request
  if (flow.result.attempts >= retries)
    return { ...followed, message: `${followed.message}; retries used up (${retries})` }
  if (flow.budget() <= pauseMs)
    return { ...followed, message: `${followed.message}; timeout-minutes leaves no time for another retry` }
  return undefined
}

/** A failure of the flow as a result: a cancel (the retry may have gone through if a call was out), or an error. */
function settleError(flow: Flow, error: unknown): TargetResult {
  const { target, deps, result } = flow
  if (error instanceof Cancelled) {
    if (flow.sending && error.maybeApplied) {
      const message = mayHaveBeenApplied(result)
      deps.warn(`${target.label}: ${message}`)
      return { ...result, status: 'error', message }
    }
    flow.log('cancelled; nothing was retried')
    return { ...result, status: 'cancelled', message: 'cut off by the cancellation; nothing was retried' }
  }
  const message = errorMessage(error)
  deps.warn(`${target.label}: ${message}`)
  return { ...result, status: 'error', message }
}
