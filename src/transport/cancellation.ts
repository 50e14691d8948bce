import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * The signal that bounds the API work of whatever runs inside it: the workflow's cancellation for the whole
 * step, narrowed by a wait's deadline while a status read runs, or a short bound of its own for the stop
 * calls that still go out after a cancel. The caller (call.ts) reads it for every request, so a provider
 * never has to pass a signal along.
 */
const scope = new AsyncLocalStorage<AbortSignal>()

export function withSignal<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return scope.run(signal, work)
}

export function currentSignal(): AbortSignal | undefined {
  return scope.getStore()
}

/** The current scope narrowed by `signal`: aborted as soon as either is. */
export function narrowed(signal: AbortSignal): AbortSignal {
  const outer = currentSignal()
  return outer ? AbortSignal.any([outer, signal]) : signal
}

/**
 * API work was cut off because the scope's signal aborted (the workflow was cancelled, or a wait's budget
 * ran out). `maybeApplied`: a request was in flight, or its last answer never came readable back, so a
 * change it asked for may have happened.
 */
export class Cancelled extends Error {
  override name = 'Cancelled'
  constructor(
    readonly operation: string,
    readonly maybeApplied: boolean,
    readonly reason: unknown
  ) {
    super(`${operation} was cut off (${String(reason)})`)
  }
}
