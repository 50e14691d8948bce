/** Parses a scenario timestamp (ISO 8601) to epoch ms; `where` names the field in the error. */
export function parseTime(value: string, where: string): number {
  const ms = Date.parse(value)
  if (Number.isNaN(ms)) throw new Error(`scenario: ${where}: invalid timestamp ${JSON.stringify(value)}`)
  return ms
}

export function parseOptionalTime(value: string | undefined, where: string): number | undefined {
  return value === undefined ? undefined : parseTime(value, where)
}

/** AWS JSON timestamps are epoch seconds (fractional allowed). */
export function awsTime(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : ms / 1000
}

/** ISO 8601 (Azure DevOps and Google REST answers), undefined for undefined. */
export function isoTime(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString()
}
