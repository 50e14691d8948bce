import { attribute, cut, summaryText } from './text.js'
import type { Status, TargetResult } from './target.js'

/** Every output the action sets; `action.yml` declares exactly these (a test checks). */
export const OUTPUT_NAMES = [
  'retried',
  'execution-id',
  'execution-arn',
  'stage-name',
  'status',
  'console-url',
  'results',
  'results-file'
] as const
export type OutputName = (typeof OUTPUT_NAMES)[number]

/** GitHub refuses an output over 1 MB: `results` stays under this many characters (`results-file` never). */
export const MAX_RESULTS_CHARS = 1_000_000
/** What a message is cut to when `results` would be too long otherwise. */
export const SHORT_MESSAGE = 200
/** GitHub refuses a step summary over 1 MiB (1,048,576 bytes); stay clear of it. */
export const MAX_SUMMARY_BYTES = 1_000_000

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
    message: r.message
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
 * `results` under MAX_RESULTS_CHARS: whole if it fits; else with messages cut to SHORT_MESSAGE characters;
 * else only the targets that need attention; else as many of those as fit. `results-file` has them all.
 */
export function resultsOutput(results: readonly TargetResult[]): ResultsOutput {
  const whole = JSON.stringify(results.map(resultObject))
  if (whole.length < MAX_RESULTS_CHARS) return { json: whole }
  const short = results.map(r => ({ ...resultObject(r), message: cut(r.message, SHORT_MESSAGE) }))
  const shortened = JSON.stringify(short)
  const tail = 'results-file has every target with its whole message'
  if (shortened.length < MAX_RESULTS_CHARS)
    return {
      json: shortened,
      note: `results: messages cut to ${SHORT_MESSAGE} characters to stay under GitHub's 1 MB output limit; ${tail}`
    }
  const attention = short.filter(r => NEEDS_ATTENTION.has(r.status))
  const kept: string[] = []
  let length = 2
  for (const r of attention) {
    const text = JSON.stringify(r)
    if (length + text.length + 1 >= MAX_RESULTS_CHARS) break
    kept.push(text)
    length += text.length + 1
  }
  const which =
    kept.length === attention.length
      ? `only the ${attention.length} targets that need attention`
      : `only the first ${kept.length} of the ${attention.length} targets that need attention`
  return {
    json: `[${kept.join(',')}]`,
    note: `results: ${which} (of ${results.length}), to stay under GitHub's 1 MB output limit; ${tail}`
  }
}

/** Single mode: every output, from the one target's result. */
export function singleOutputs(result: TargetResult, resultsFile: string): Record<OutputName, string> {
  return {
    retried: String(result.retried),
    'execution-id': result.executionId,
    'execution-arn': result.executionArn,
    'stage-name': result.stageName,
    status: result.status,
    'console-url': result.consoleUrl,
    results: resultsOutput([result]).json,
    'results-file': resultsFile
  }
}

/** Targets mode: only `retried` (any target), `results` and `results-file`. */
export function targetsOutputs(
  results: readonly TargetResult[],
  resultsFile: string,
  output: ResultsOutput = resultsOutput(results)
): Partial<Record<OutputName, string>> {
  return {
    retried: String(results.some(r => r.retried)),
    results: output.json,
    'results-file': resultsFile
  }
}

/** Whether a result fails the step: an error always; with `wait`, a retried execution that did not succeed. */
export function isFailure(result: TargetResult, waited: boolean): boolean {
  return result.status === 'error' || (waited && result.retried && result.status !== 'succeeded')
}

const STATUS_LABEL: Readonly<Record<Status, string>> = {
  'in-progress': '🔄 in progress',
  succeeded: '✅ succeeded',
  failed: '❌ failed',
  stopped: '⏹️ stopped',
  'timed-out': '⏱️ timed out',
  'nothing-to-retry': '➖ nothing to retry',
  skipped: '⚠️ skipped',
  'dry-run': '🧪 dry run',
  cancelled: '🚫 cancelled',
  error: '❌ error'
}

const COLUMNS = ['Service', 'Target', 'Execution', 'Status', 'Details', 'Link']

/**
 * One table row. Every text goes through summaryText (one line, HTML and Markdown escaped), and the whole
 * table is one line, so nothing from an API can end the HTML block and be read as Markdown.
 */
export function summaryRow(r: TargetResult): string {
  const cells = [
    r.service,
    summaryText(r.target),
    summaryText(r.executionId) || '—',
    STATUS_LABEL[r.status],
    summaryText(r.message) || '—',
    r.consoleUrl ? `<a href="${attribute(r.consoleUrl)}">console</a>` : '—'
  ]
  return `<tr>${cells.map(c => `<td>${c}</td>`).join('')}</tr>`
}

export interface SummaryOptions {
  title: string
  /** Where every result is, named when rows had to be left out. */
  resultsFile: string
  /** Defaults to MAX_SUMMARY_BYTES; tests make it small. */
  maxBytes?: number
}

/**
 * The job summary: title, totals, one row per target. Rows that would take it past the size limit are
 * replaced by one row that counts them and points to `results-file`.
 */
export function summaryMarkup(results: readonly TargetResult[], options: SummaryOptions): string {
  const head = `<h2>${summaryText(options.title)}</h2>\n<p>${summaryText(totalsLine(results))}</p>\n`
  const header = `<table><tr>${COLUMNS.map(c => `<th>${c}</th>`).join('')}</tr>`
  const end = '</table>\n'
  const omittedRow = (n: number): string =>
    `<tr><td colspan="${COLUMNS.length}">${n} more target${n === 1 ? '' : 's'} not shown: a job summary is ` +
    `limited to 1 MiB. Every target is in the file named by the results-file output ` +
    `(${summaryText(options.resultsFile)}).</td></tr>`
  const max = options.maxBytes ?? MAX_SUMMARY_BYTES
  let bytes = Buffer.byteLength(head + header + end) + Buffer.byteLength(omittedRow(results.length))
  const rows: string[] = []
  for (const r of results) {
    const row = summaryRow(r)
    const size = Buffer.byteLength(row)
    if (bytes + size > max) break
    rows.push(row)
    bytes += size
  }
  const omitted = results.length - rows.length
  return `${head}${header}${rows.join('')}${omitted > 0 ? omittedRow(omitted) : ''}${end}`
}

export function totalsLine(results: readonly TargetResult[]): string {
  const counts = new Map<Status, number>()
  for (const r of results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1)
  const parts = [...counts].map(([status, n]) => `${n} ${STATUS_LABEL[status].replace(/^\S+ /, '')}`)
  return `${results.length} target${results.length === 1 ? '' : 's'}: ${parts.join(', ')}`
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
