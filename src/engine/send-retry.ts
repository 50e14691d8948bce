import { Cancelled } from '../transport/cancellation.js'
import { errorMessage, isMaybeApplied } from '../transport/classify.js'
import { ServiceCallError, TargetError } from '../model/errors.js'
import type { Candidate, Provider, RetryRequest, Snapshot, Started } from '../model/provider.js'
import type { TargetBase } from '../model/target.js'
import { cut, MAX_TEXT } from '../model/text.js'

/** What became of one retry call: accepted, or nothing sent because the execution changed meanwhile. */
export type SendOutcome =
  | {
      kind: 'started'
      started: Started
      note?: string
      /** A lost answer whose fresh read shows the retried execution already ended: what it showed. */
      ended?: { status: 'succeeded' | 'failed' | 'stopped'; description: string }
    }
  | { kind: 'not-sent'; status: 'nothing-to-retry' | 'skipped'; message: string }

export interface SendDeps {
  /** `max-attempts` (0 = no limit), applied again to what the fresh read shows. */
  maxAttempts: number
  log: (message: string) => void
}

/** Thrown from the re-send guard to stop the caller's loop: the execution is not the failure we saw. */
class Changed extends Error {
  override name = 'Changed'
  constructor(readonly snapshot: Snapshot) {
    super(snapshot.description)
  }
}

/**
 * A new revision (status, counters, times) or a grown retry count means someone (maybe this step, if an
 * answer was lost) retried it since discovery. A revision carries the status, so an execution that was not
 * failed when it was named and still is not counts as unchanged: the service's refusal then stands.
 */
export function changedSince(candidate: Candidate, snapshot: Snapshot): boolean {
  return (
    snapshot.revision !== candidate.revision ||
    (snapshot.previousAttempts ?? 0) > (candidate.previousAttempts ?? 0)
  )
}

/**
 * Sends the retry call so that it takes effect at most once, whatever happens on the way:
 * - before every re-send (after throttling, a 5xx, a time-out, a lost or unreadable answer) the execution
 *   is read again, and nothing more is sent once it changed;
 * - a refusal (the service says it is not failed) is confirmed by a fresh read;
 * - an answer that never came readable back is "maybe applied": a changed execution is then reported as
 *   this step's retry, an unchanged one after the bound as an error that says so.
 */
export async function sendRetryOnce(
  provider: Provider,
  target: TargetBase,
  candidate: Candidate,
  request: RetryRequest,
  deps: SendDeps
): Promise<SendOutcome> {
  let unanswered = false

  async function readAgain(): Promise<Snapshot | undefined> {
    const read = await provider.recheck(target, candidate)
    const snapshot = { ...read, description: cut(read.description, MAX_TEXT) }
    deps.log(`read again: ${snapshot.description}`)
    return changedSince(candidate, snapshot) ? snapshot : undefined
  }

  function outcomeOf(snapshot: Snapshot): SendOutcome {
    const attempts = snapshot.previousAttempts ?? 0
    const capped = deps.maxAttempts > 0 && attempts >= deps.maxAttempts
    if (unanswered) {
      // What the step reports comes from this read, never from the hope that the lost call went through.
      const note =
        'the answer to the retry call was lost, and the execution shows a retry since ' +
        "(this step's, or another run's at the same moment); not sending it again"
      if (snapshot.state === 'in-progress') return { kind: 'started', started: snapshot.current, note }
      if (snapshot.state === 'failed' && capped)
        return {
          kind: 'not-sent',
          status: 'skipped',
          message: `${note}; it failed again (${snapshot.description}) and has been retried ${attempts} time(s), max-attempts is ${deps.maxAttempts}`
        }
      return {
        kind: 'started',
        started: snapshot.current,
        note,
        ended: { status: snapshot.state, description: snapshot.description }
      }
    }
    if (snapshot.state === 'failed' && capped)
      return {
        kind: 'not-sent',
        status: 'skipped',
        message: `not retried: retried meanwhile by someone else and failed again; already retried ${attempts} time(s), max-attempts is ${deps.maxAttempts}`
      }
    return {
      kind: 'not-sent',
      status: 'nothing-to-retry',
      message: `already being retried, not by this step: ${snapshot.description}`
    }
  }

  const beforeResend = async (lastError: unknown): Promise<void> => {
    if (isMaybeApplied(lastError)) unanswered = true
    const changed = await readAgain()
    if (changed) throw new Changed(changed)
  }

  try {
    return { kind: 'started', started: await provider.retry(target, candidate, { ...request, beforeResend }) }
  } catch (error) {
    if (error instanceof Changed) return outcomeOf(error.snapshot)
    // Cancelled: no more API work, not even the read that would tell.
    if (error instanceof Cancelled)
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- set by beforeResend
      throw unanswered && !error.maybeApplied ? new Cancelled(error.operation, true, error.reason) : error
    if (isMaybeApplied(error)) unanswered = true
    const refused = error instanceof ServiceCallError && error.refusal
    if (unanswered || refused) {
      const changed = await readAgain().catch((readError: unknown) => {
        deps.log(`could not read it again: ${errorMessage(readError)}`)
        return undefined
      })
      if (changed) return outcomeOf(changed)
    }
    if (unanswered)
      throw new TargetError(
        `${errorMessage(error)}; no readable answer came back, so the retry may have been applied: ` +
          `check the execution before retrying it by hand${candidate.consoleUrl ? ` (${candidate.consoleUrl})` : ''}`
      )
    throw error
  }
}
