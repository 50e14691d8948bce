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

/** The value if it is a string (even ''), else undefined: for fields whose absence the reader must see. */
export const optStr = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

/** The JSON objects of an array (other items dropped); [] when it is not one. */
export const records = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isRecord) : [])

/** Epoch ms of an ISO 8601 time, if it is one. */
export function isoTime(value: string | undefined): number | undefined {
  const at = value === undefined ? NaN : Date.parse(value)
  return Number.isFinite(at) ? at : undefined
}

/** The fields that are set: `{a: undefined}` is not an absent `a` under exactOptionalPropertyTypes. */
export function defined<T extends object>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>
  }
}
