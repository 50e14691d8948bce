import { cut } from './text.js'
import type { Status, TargetResult } from './target.js'

/**
 * GitHub refuses an output over 1 MB, counted in bytes: `results` stays under this many bytes of UTF-8
 * (`results-file` is never shortened).
 */
export const MAX_RESULTS_BYTES = 1_000_000

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8')
/** What a message is cut to when `results` would be too long otherwise. */
const SHORT_MESSAGE = 200

/** Outcomes a person should look at; kept first when the outputs must shrink. */
export const NEEDS_ATTENTION: ReadonlySet<Status> = new Set([
  'error',
  'failed',
  'timed-out',
  'stopped',
  'skipped',
  'cancelled'
])

/** The `results` JSON object, with the contract's key order. */
function resultObject(r: TargetResult): TargetResult {
  return {
    service: r.service,
    target: r.target,
    retried: r.retried,
    executionId: r.executionId,
    executionArn: r.executionArn,
    stageName: r.stageName,
    status: r.status,
    consoleUrl: r.consoleUrl,
    message: r.message,
    attempts: r.attempts,
    failure: r.failure
  }
}

/** Every result, never shortened: the content of `results-file`. */
export function resultsFileContent(results: readonly TargetResult[]): string {
  return `${JSON.stringify(results.map(resultObject), null, 2)}\n`
}

/** The `results` output, and a note for a warning when it had to leave something out. */
export interface ResultsOutput {
  json: string
  note?: string
}

/**
 * `results` under MAX_RESULTS_BYTES: whole if it fits; else with messages cut to SHORT_MESSAGE characters;
 * else only the targets that need attention; else as many of those as fit. `results-file` has them all.
 */
export function resultsOutput(results: readonly TargetResult[]): ResultsOutput {
  const whole = JSON.stringify(results.map(resultObject))
  if (bytes(whole) < MAX_RESULTS_BYTES) return { json: whole }
  const short = results.map(r => ({ ...resultObject(r), message: cut(r.message, SHORT_MESSAGE) }))
  const shortened = JSON.stringify(short)
  const tail = 'results-file has every target with its whole message'
  if (bytes(shortened) < MAX_RESULTS_BYTES)
    return {
      json: shortened,
      note: `results: messages cut to ${SHORT_MESSAGE} characters to stay under GitHub's 1 MB output limit; ${tail}`
    }
  const attention = short.filter(r => NEEDS_ATTENTION.has(r.status))
  const kept = jsonPrefixWithin(attention, MAX_RESULTS_BYTES)
  const which =
    kept.length === attention.length
      ? `only the ${attention.length} targets that need attention`
      : `only the first ${kept.length} of the ${attention.length} targets that need attention`
  return {
    json: `[${kept.join(',')}]`,
    note: `results: ${which} (of ${results.length}), to stay under GitHub's 1 MB output limit; ${tail}`
  }
}

/** The JSON texts of the first `items` whose array stays under `maxBytes` of UTF-8 (an output's limit). */
export function jsonPrefixWithin(items: readonly unknown[], maxBytes: number): string[] {
  const kept: string[] = []
  let length = 2
  for (const item of items) {
    const text = JSON.stringify(item)
    const size = bytes(text)
    if (length + size + 1 >= maxBytes) break
    kept.push(text)
    length += size + 1
  }
  return kept
}

/**
 * Whether a result fails the step: an error always; with `wait`, an execution it retried or followed that did
 * not succeed (a retried one still running was cut short).
 */
export function isFailure(result: TargetResult, waited: boolean): boolean {
  if (result.status === 'error') return true
  if (!waited) return false
  return (
    ['failed', 'stopped', 'timed-out'].includes(result.status) ||
    (result.retried && result.status !== 'succeeded')
  )
}

/** The step's failure line in targets mode: the first few that failed, then a count. */
export function failureLine(failures: readonly TargetResult[], total: number, listed = 10): string {
  const shown = failures
    .slice(0, listed)
    .map(r => `${r.target} (${r.status}: ${cut(r.message, SHORT_MESSAGE)})`)
  const more = failures.length - shown.length
  return (
    `${failures.length} of ${total} targets did not succeed: ${shown.join('; ')}` +
    (more > 0 ? `; and ${more} more (see the job summary or results-file)` : '')
  )
}
