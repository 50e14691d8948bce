import type { Input } from './input.js'

/** Per-request facts a handler needs; `now` is read once so one answer has one time. */
export interface RequestContext {
  now: number
  region: string
  accountId: string
}

/** An operation handler: returns the answer body or throws ApiError. */
export type Operation<S> = (state: S, input: Input, ctx: RequestContext) => unknown

export type Operations<S> = Readonly<Record<string, Operation<S>>>
