import type { ApiError } from './errors.js'

export interface Page<T> {
  items: T[]
  nextToken?: string | undefined
}

// Tokens are opaque to clients; an offset is enough because seeded lists only grow at the newest end.
const encode = (offset: number): string => Buffer.from(`offset:${offset}`).toString('base64url')

function decode(token: string): number | undefined {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString())
  return match?.[1] === undefined ? undefined : Number(match[1])
}

/** One page of `items`; `badToken` builds the service's error for a token it did not issue. */
export function paginate<T>(
  items: readonly T[],
  token: string | undefined,
  size: number,
  badToken: () => ApiError
): Page<T> {
  const offset = token === undefined ? 0 : decode(token)
  if (offset === undefined || offset > items.length) throw badToken()
  const end = offset + size
  return end < items.length
    ? { items: items.slice(offset, end), nextToken: encode(end) }
    : { items: items.slice(offset) }
}

/** Items in ascending order, or newest first, without copying when ascending. */
export const ordered = <T>(ascending: readonly T[], descending: boolean): readonly T[] =>
  descending ? [...ascending].reverse() : ascending
