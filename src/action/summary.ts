import { attribute, summaryText } from '../model/text.js'
import type { Status, TargetResult } from '../model/target.js'

/** GitHub refuses a step summary over 1 MiB (1,048,576 bytes); stay clear of it. */
export const MAX_SUMMARY_BYTES = 1_000_000

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
export function summaryRow(r: TargetResult, origin?: string): string {
  const cells = [
    r.service,
    summaryText(r.target) + (origin ? `<br><sub>from ${summaryText(origin)}</sub>` : ''),
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
  /** Lines under the totals (the shard, exclusions). */
  notes?: readonly string[]
  /** Per result: the pattern line its target came from. */
  origins?: readonly (string | undefined)[]
}

/**
 * The job summary: title, totals, one row per target. Rows that would take it past the size limit are
 * replaced by one row that counts them and points to `results-file`.
 */
export function summaryMarkup(results: readonly TargetResult[], options: SummaryOptions): string {
  const lines = [totalsLine(results), ...(options.notes ?? [])].map(line => summaryText(line))
  const head = `<h2>${summaryText(options.title)}</h2>\n<p>${lines.join('<br>')}</p>\n`
  const header = `<table><tr>${COLUMNS.map(c => `<th>${c}</th>`).join('')}</tr>`
  const end = '</table>\n'
  const omittedRow = (n: number): string =>
    `<tr><td colspan="${COLUMNS.length}">${n} more target${n === 1 ? '' : 's'} not shown: a job summary is ` +
    `limited to 1 MiB. Every target is in the file named by the results-file output ` +
    `(${summaryText(options.resultsFile)}).</td></tr>`
  const max = options.maxBytes ?? MAX_SUMMARY_BYTES
  let bytes = Buffer.byteLength(head + header + end) + Buffer.byteLength(omittedRow(results.length))
  const rows: string[] = []
  for (const [index, r] of results.entries()) {
    const row = summaryRow(r, options.origins?.[index])
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
