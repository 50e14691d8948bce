/** Reading JSON that an API returned: nothing in it is trusted to have the type it should. */

export type Json = Record<string, unknown>

/** A JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The value if it is a string, else ''. */
export const str = (value: unknown): string => (typeof value === 'string' ? value : '')

/** The value if it is a finite number, else 0. */
export const num = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : 0
