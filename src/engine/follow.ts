import type { Provider, Started } from '../model/provider.js'
import type { WaitOptions } from '../model/request.js'
import type { TargetBase, TargetResult } from '../model/target.js'
import { cut, MAX_TEXT } from '../model/text.js'
import { withSignal } from '../transport/cancellation.js'
import { errorMessage } from '../transport/classify.js'
import { formatDuration, pollUntilDone } from './poll.js'
import { targetLog, waiting, type TargetDeps } from './target-deps.js'

/** What a row says while its stop call (a cancel's, with `cancel-on-abort`) has not answered. */
export const STOP_UNCONFIRMED =
  'the stop call (cancel-on-abort) was not made or not answered before the step had to exit'

/** After a cancel, the stop call of `cancel-on-abort` gets this long: the step must be out within 5 s. */
const STOP_WITHIN_MS = 3000

/**
 * `wait`: follows the retried execution to its end, the budget's end or the workflow's cancellation (then,
 * with `cancel-on-abort`, stops it within its own short bound).
 */
export async function follow(
  target: TargetBase,
  provider: Provider,
  started: Started,
  result: TargetResult,
  wait: WaitOptions,
  deps: TargetDeps,
  progress: (result: TargetResult) => void
): Promise<TargetResult> {
  const log = targetLog(target, deps)
  const outcome = await waiting(deps, () =>
    pollUntilDone(() => provider.status(target, started), {
      intervalMs: wait.pollIntervalMs,
      timeoutMs: wait.timeoutMs,
      clock: deps.clock,
      random: deps.random,
      signal: deps.signal,
      log,
      ...(deps.alignPolls ? { align: true } : {})
    })
  )
  const took = formatDuration(outcome.elapsedMs)
  switch (outcome.kind) {
    case 'ended': {
      const { state } = outcome.progress
      const reason =
        outcome.progress.reason === undefined ? undefined : cut(outcome.progress.reason, MAX_TEXT)
      const status = state === 'in-progress' ? 'failed' : state
      const ended = `${status} after ${took}${reason ? `: ${reason}` : ''}`
      log(ended)
      // The last failure read: the provider's reading of it, else the reason its status gave.
      const read = outcome.progress.failure?.reason
      const failure = read !== undefined ? cut(read, MAX_TEXT) : status === 'failed' ? reason : undefined
      return { ...result, status, message: `${result.message}; ${ended}`, ...(failure ? { failure } : {}) }
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
      // Until the stop call answers, the row says the stop is unconfirmed: the step may have to exit first.
      const unconfirmed = `wait cancelled after ${took}; ${STOP_UNCONFIRMED}`
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
}
