// One JSON value against a JSON-Schema-like description (Swagger 2.0 definitions, Google discovery schemas): types,
// formats, enums, patterns, members. Requests are strict (no member the schema lacks); answers may omit anything.

export interface Schema {
  $ref?: string
  type?: string
  format?: string
  enum?: string[]
  pattern?: string
  properties?: Record<string, Schema>
  additionalProperties?: Schema | boolean
  items?: Schema
  allOf?: Schema[]
}

/** How a description's references resolve, and a check of its own for a schema it words differently (or undefined). */
export interface Schemas {
  resolve(schema: Schema): Schema
  /** A problem, `null` for none, or undefined to check `value` the usual way. */
  special?(schema: Schema, value: unknown, where: string): string | null | undefined
}

/** What is wrong with `value` under `schema` (answers may omit anything; requests may not add members). */
export function checkValue(
  value: unknown,
  schema: Schema,
  where: string,
  strictMembers: boolean,
  schemas: Schemas
): string | undefined {
  const special = schemas.special?.(schema, value, where)
  if (special !== undefined) return special ?? undefined
  const s = schemas.resolve(schema)
  if (value === null || value === undefined) return undefined
  if (s.enum !== undefined)
    return typeof value === 'string' && s.enum.includes(value)
      ? undefined
      : `${where}: ${JSON.stringify(value)} is not one of ${s.enum.join(', ')}`
  switch (s.type) {
    case 'string':
      if (typeof value !== 'string') return `${where}: expected a string`
      if (s.format === 'date-time' && !Number.isFinite(Date.parse(value))) return `${where}: not a date-time`
      if (s.format === 'google-datetime' && !Number.isFinite(Date.parse(value)))
        return `${where}: not a timestamp`
      if (s.format === 'google-duration' && !/^-?\d+(\.\d{1,9})?s$/.test(value))
        return `${where}: not a duration`
      if (s.format === 'int64' && !/^-?\d{1,19}$/.test(value)) return `${where}: not an int64 string`
      if (s.pattern !== undefined && !new RegExp(s.pattern).test(value))
        return `${where}: does not match ${s.pattern}`
      if (
        s.format === 'uuid' &&
        !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
      )
        return `${where}: not a uuid`
      return undefined
    case 'integer':
      return Number.isInteger(value) && (s.format !== 'int32' || Math.abs(value as number) < 2 ** 31)
        ? undefined
        : `${where}: expected an ${s.format ?? 'integer'}`
    case 'any':
      return undefined
    case 'number':
      return typeof value === 'number' ? undefined : `${where}: expected a number`
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${where}: expected a boolean`
    case 'array': {
      if (!Array.isArray(value)) return `${where}: expected an array`
      for (const [i, item] of value.entries()) {
        const problem = checkValue(item, s.items ?? {}, `${where}[${i}]`, strictMembers, schemas)
        if (problem) return problem
      }
      return undefined
    }
    default: {
      if (s.properties === undefined && s.additionalProperties === undefined) return undefined
      if (typeof value !== 'object' || Array.isArray(value)) return `${where}: expected an object`
      for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
        const memberSchema =
          s.properties?.[key] ??
          (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined)
        if (memberSchema === undefined) {
          if (strictMembers) return `${where}.${key}: not a member of the schema`
          continue
        }
        const problem = checkValue(member, memberSchema, `${where}.${key}`, strictMembers, schemas)
        if (problem) return problem
      }
      return undefined
    }
  }
}
