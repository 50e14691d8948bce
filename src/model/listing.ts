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
export const MAX_LIST_PAGES = 500

export const hasWildcard = (text: string): boolean => /[*?]/.test(text)

/** The query for `glob` (optionally within `scope`). */
export function listQuery(glob: string, scope?: string): ListQuery {
  const first = glob.search(/[*?]/)
  return { glob, prefix: first < 0 ? glob : glob.slice(0, first), ...(scope !== undefined ? { scope } : {}) }
}

/** The glob as an anchored, case-sensitive regular expression (resource names are case-sensitive). */
export function globRegExp(glob: string): RegExp {
  // Names hold ASCII only (each service's documented pattern), so a split by code unit is exact.
  const body = glob
    .split('')
    .map(c => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/-]/g, '\\$&')))
    .join('')
  return new RegExp(`^${body}$`, 's')
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
