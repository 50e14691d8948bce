/** A user mistake in the step's inputs: reported as one line, never with a stack trace. */
export class InputError extends Error {
  override name = 'InputError'
  constructor(input: string, problem: string, accepted: string) {
    super(`Input '${input}': ${problem}. Expected ${accepted}.`)
  }
}

/** A service call that failed for good: the service's error, its reason and what to do about it. */
export class ServiceCallError extends Error {
  override name = 'ServiceCallError'
  constructor(
    readonly operation: string,
    readonly errorName: string,
    readonly reason: string,
    readonly requestId?: string,
    readonly hint?: string,
    /** The last failure was transient (the back-off bound ran out): a poll loop may still tolerate it. */
    readonly transient = false,
    /** The last failure was throttling: a poll loop backs off further. */
    readonly throttling = false,
    /** No readable answer came back (network, 5xx, a cut or garbled 2xx): a change may have been applied. */
    readonly maybeApplied = false,
    /** The service refused because the execution is not in a retryable state (someone may have retried it). */
    readonly refusal = false
  ) {
    const id = requestId ? ` (request id ${requestId})` : ''
    super(`${operation} failed: ${errorName}: ${reason}${id}${hint ? `. Hint: ${hint}` : ''}`)
  }
}

/** A condition that makes the target an error without being the service's fault (e.g. no failed stage). */
export class TargetError extends Error {
  override name = 'TargetError'
}

/** A 2xx answer that lacks what the operation always returns (e.g. RetryBuild without a build). */
export class UnreadableAnswer extends Error {
  override name = 'UnreadableAnswer'
}
