// What a service call is, as the services see it: how one service's errors read, and the call wrapper they are
// handed (rate limit, back-off, classification). Built by transport/caller.ts.

/** How one service's errors read: which extra names are transient, and a hint per permanent one. */
export interface ErrorSpec {
  transient?: readonly string[]
  /**
   * Errors by which the retry API refuses an execution that is not failed (any more): read it again.
   * A trailing `*` matches a prefix.
   */
  refusals?: readonly string[]
  hints?: Readonly<Record<string, string>>
}

export interface CallOptions<T> {
  /**
   * For calls that change something: after a failure that may have hidden an applied change (no answer,
   * 5xx), ask whether it took effect before sending it again, so a lost answer never becomes a second retry.
   */
  alreadyApplied?: (() => Promise<T | undefined>) | undefined
  /**
   * For a retry call: an unreadable answer (even a 2xx) is worth sending again too, but only after this
   * check, which runs before every re-send and throws to send nothing more.
   */
  beforeResend?: ((lastError: unknown) => Promise<void>) | undefined
}

/**
 * Sends one API call through the rate limit and the back-off; a final failure is a ServiceCallError. `send`
 * gets the attempt's signal (pass it to the SDK or fetch): it aborts after REQUEST_TIMEOUT_MS or when the
 * scope (cancellation.ts) aborts, which ends the call with `Cancelled`.
 */
export type Caller = <T>(
  operation: string,
  send: (signal: AbortSignal) => Promise<T>,
  options?: CallOptions<T>
) => Promise<T>
