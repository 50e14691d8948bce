import type { ServerResponse } from 'node:http'
import type { ApiError } from './errors.js'
import type { Input } from './input.js'

/** Per-request facts a handler needs; `now` is read once so one answer has one time. */
export interface RequestContext {
  now: number
  region: string
  accountId: string
}

/** An operation handler: returns the answer body or throws ApiError. */
type Operation<S> = (state: S, input: Input, ctx: RequestContext) => unknown

export type Operations<S> = Readonly<Record<string, Operation<S>>>

/** How one wire protocol writes answers and spells the injected faults. */
export interface Wire {
  ok(res: ServerResponse, body: unknown, requestId: string): void
  error(res: ServerResponse, error: ApiError, requestId: string): void
  throttled(): ApiError
  serverError(status: number): ApiError
}

/** Writes a JSON answer with its headers. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string>
): void {
  const payload = JSON.stringify(body)
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(payload)) })
  res.end(payload)
}
