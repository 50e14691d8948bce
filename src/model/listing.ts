import { TargetError } from './errors.js'

/**
 * Target patterns: `*` (any run of characters) and `?` (one character) in a pipeline, project or workflow
 * name, expanded by listing the service's resources.
 */

/** What a pattern lists: the names to match, within a scope where the service has one (a project). */
export interface ListQuery {
  /** The name pattern (`*`, `?`); a name without them matches itself only. */
  glob: string
  /** The part of the name before the first wildcard: services that filter by prefix list only those. */
  prefix: string
  /** The resource the names live in, when the service scopes them (a project ID). */
  scope?: string
}

/** A pattern line's listing, and what each listed resource becomes (a stage the line names is kept). */
export interface NamePattern {
  query: ListQuery
  /** Appended to each listed resource: `/STAGE` when the line limits its pipelines to a stage. */
  suffix?: string
}

/** One listed resource: the name the glob is matched against, and the RESOURCE of a target line for it. */
export interface Listed {
  name: string
  resource: string
}

/** A list that pages past this is cut: a token that never ends cannot loop forever. */
const MAX_LIST_PAGES = 500

export const hasWildcard = (text: string): boolean => /[*?]/.test(text)

/** The query for `glob` (optionally within `scope`). */
export function listQuery(glob: string, scope?: string): ListQuery {
  const first = glob.search(/[*?]/)
  return { glob, prefix: first < 0 ? glob : glob.slice(0, first), ...(scope !== undefined ? { scope } : {}) }
}

/**
 * Whether `name` matches `glob` as a whole (case-sensitive: resource names are). `*` is any run of
 * characters, `?` one. Linear in the name's length for a given glob (no backtracking, unlike a regular
 * expression built from it): the pieces between stars are found leftmost-first in order, which decides a
 * match because a star can always take whatever lies between two pieces.
 */
export function globMatches(glob: string, name: string): boolean {
  const pieces = glob.split('*')
  const head = pieces[0] ?? ''
  if (pieces.length === 1) return name.length === head.length && pieceAt(head, name, 0)
  const tail = pieces.at(-1) ?? ''
  const end = name.length - tail.length
  if (end < head.length || !pieceAt(head, name, 0) || !pieceAt(tail, name, end)) return false
  let from = head.length
  for (const piece of pieces.slice(1, -1)) {
    const at = findPiece(piece, name, from, end)
    if (at < 0) return false
    from = at + piece.length
  }
  return true
}

/** Whether `piece` (with `?` for any one character) stands in `name` at `at`. */
function pieceAt(piece: string, name: string, at: number): boolean {
  for (let i = 0; i < piece.length; i++) {
    const c = piece[i]
    if (c !== '?' && c !== name[at + i]) return false
  }
  return true
}

/** The first place from `from` where `piece` stands wholly before `end`, or -1. */
function findPiece(piece: string, name: string, from: number, end: number): number {
  for (let at = from; at + piece.length <= end; at++) if (pieceAt(piece, name, at)) return at
  return -1
}

/**
 * Every item of a paged list: `page(token)` returns a page's items and the next token (absent at the end).
 * More than MAX_LIST_PAGES pages is an error that names what was listed.
 */
export async function listAll<T>(
  what: string,
  page: (token: string | undefined) => Promise<{ items: readonly T[]; next?: string | undefined }>
): Promise<T[]> {
  const items: T[] = []
  let token: string | undefined
  for (let n = 0; n < MAX_LIST_PAGES; n++) {
    const answer = await page(token)
    items.push(...answer.items)
    if (answer.next === undefined || answer.next === '') return items
    token = answer.next
  }
  throw new TargetError(`listing ${what} did not end after ${MAX_LIST_PAGES} pages; narrow the pattern`)
}

/**
 * Replaces each wildcard by characters a name may hold, so a pattern can be checked with the documented
 * name pattern of its service (`*` may stand for several characters, `?` for one).
 */
export const wildcardsAsName = (glob: string): string => glob.replaceAll('*', 'a0').replaceAll('?', 'a')
