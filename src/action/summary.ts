import { NEEDS_ATTENTION } from '../model/results.js'
import { attribute, summaryText } from '../model/text.js'
import type { HistoryReport } from '../model/history.js'
import type { Status, TargetResult } from '../model/target.js'

/** GitHub refuses a step summary over 1 MiB (1,048,576 bytes); stay clear of it. */
export const MAX_SUMMARY_BYTES = 1_000_000

/** A cell's API text (failure reason, message) is cut to this many characters; results-file has it whole. */
const CELL_TEXT = 200

const STATUS_LABEL: Readonly<Record<Status, string>> = {
  'in-progress': '🔄 in progress',
  succeeded: '✅ succeeded',
  failed: '❌ failed',
  stopped: '⏹️ stopped',
  'timed-out': '⏱️ timed out',
  'nothing-to-retry': '➖ nothing to retry',
  skipped: '⚠️ skipped',
  'dry-run': '🧪 would retry',
  cancelled: '🚫 cancelled',
  error: '❌ error'
}

/** The plain words of a status, for the headline. */
const words = (status: Status): string => STATUS_LABEL[status].replace(/^\S+ /, '')

export interface SummaryOptions {
  title: string
  /** Where every result is, named when rows had to be left out. */
  resultsFile: string
  /** Defaults to MAX_SUMMARY_BYTES; tests make it small. */
  maxBytes?: number
  /** Lines under the headline (the shard, exclusions). */
  notes?: readonly string[]
  /** Per result: the pattern line its target came from. */
  origins?: readonly (string | undefined)[]
  /** With history-file: each target's earlier runs (the collapsed History section, under the attention table). */
  history?: readonly HistoryReport[]
}

interface Row {
  result: TargetResult
  origin: string | undefined
}

/** One section of the summary: a heading, its columns, and how a row fills them. */
interface Section {
  heading: string
  columns: readonly string[]
  cells: (row: Row) => string[]
  rows: Row[]
  /** Inside a collapsed <details>, under its <summary>. */
  collapsed?: boolean
}

/**
 * The job summary, read at a glance: a headline that counts what happened; the targets that need attention
 * first (errors, failures, skips, cancels); then the ones retried (dry run: would be retried); everything else
 * collapsed. Every text from an API goes through summaryText (one line, HTML and Markdown escaped) and every
 * element sits on one line, so nothing can end the HTML block and be read as Markdown. Past the size limit,
 * the collapsed rows go first, then the retried ones; the attention rows are the last to be left out, and a
 * row counts what was left out and points to `results-file`.
 */
export function summaryMarkup(results: readonly TargetResult[], options: SummaryOptions): string {
  const rows = results.map((result, i) => ({ result, origin: options.origins?.[i] }))
  const attention = rows.filter(r => NEEDS_ATTENTION.has(r.result.status))
  const acted = rows.filter(
    r => !NEEDS_ATTENTION.has(r.result.status) && (r.result.retried || r.result.status === 'dry-run')
  )
  const rest = rows.filter(r => !attention.includes(r) && !acted.includes(r))
  const dryRun = acted.some(r => r.result.status === 'dry-run')

  const all: Section[] = [
    {
      heading: `Needs attention (${attention.length})`,
      columns: ['Target', 'Execution', 'Status', 'Failure', 'Why'],
      cells: attentionCells,
      rows: attention
    },
    {
      heading: `${dryRun ? 'Would retry' : 'Retried'} (${acted.length})`,
      columns: ['Target', 'Execution', 'Status', 'Failure', 'Outcome'],
      cells: attentionCells,
      rows: acted
    },
    {
      heading: `Everything else (${rest.length}): ${restWords(rest)}`,
      columns: ['Target', 'Execution', 'Status', 'Details'],
      cells: r => [target(r), execution(r.result), STATUS_LABEL[r.result.status], why(r.result)],
      rows: rest,
      collapsed: true
    }
  ]
  const sections = all.filter(s => s.rows.length > 0)

  const head =
    `<h2>${summaryText(options.title)}</h2>\n` +
    `<p><strong>${summaryText(headline(results))}</strong>` +
    (options.notes ?? []).map(n => `<br>${summaryText(n)}`).join('') +
    '</p>\n'
  const history = historySection(options.history ?? [])
  const body = fit(sections, options, Buffer.byteLength(head) + Buffer.byteLength(history))
  // Under the attention table when there is one, else first.
  const attentionEnd = attention.length > 0 ? body.indexOf('</table>\n') + '</table>\n'.length : 0
  return head + body.slice(0, attentionEnd) + history + body.slice(attentionEnd)
}

/** The most targets the History section shows; history-report and the file have them all. */
const HISTORY_ROWS = 200

/** One symbol per run, oldest first: rescued by a retry, or the run's status. */
function symbolOf(outcome: string): string {
  if (outcome === 'rescued') return '🔁'
  return Object.hasOwn(STATUS_LABEL, outcome) ? (STATUS_LABEL[outcome as Status].split(' ')[0] ?? '❔') : '❔'
}

/** "History": per target, its last runs at a glance, retries, how often one rescued it, its usual failure. */
function historySection(reports: readonly HistoryReport[]): string {
  if (reports.length === 0) return ''
  const rows = reports
    .slice(0, HISTORY_ROWS)
    .map(r =>
      tableRow([
        summaryText(r.target),
        r.lastStatuses.map(symbolOf).join(''),
        String(r.retries),
        r.retries > 0 ? `${r.rescued} of ${r.retries}` : '—',
        r.topFailureClass || '—',
        r.brokenSince ? `⚠️ not rescued since ${summaryText(r.brokenSince)}` : '—'
      ])
    )
  const more = reports.length - rows.length
  return (
    `<details><summary>${summaryText(`History (${reports.length})`)}</summary>\n` +
    '<table><tr><th>Target</th><th>Last runs (oldest first)</th><th>Retries</th><th>Rescued</th>' +
    '<th>Usual failure</th><th>Broken?</th></tr>' +
    rows.join('') +
    (more > 0 ? `<tr><td colspan="6">${more} more in the history-report output</td></tr>` : '') +
    '</table>\n</details>\n'
  )
}

/**
 * Lays the sections out within the byte limit. Rows are given up from the last section backwards, so the
 * attention rows are the last to go; a section that lost rows ends with one row that counts them.
 */
function fit(sections: readonly Section[], options: SummaryOptions, headBytes: number): string {
  const max = options.maxBytes ?? MAX_SUMMARY_BYTES
  const rendered = sections.map(s => s.rows.map(r => tableRow(s.cells(r))))
  const kept = rendered.map(rows => rows.length)
  // Each section's frame, with its counting row reserved whether it is needed or not, then every row.
  let bytes =
    headBytes +
    sections.reduce(
      (n, s) => n + Buffer.byteLength(open(s) + close(s) + counting(s, 9_999_999, options)),
      0
    ) +
    rendered.flat().reduce((n, row) => n + Buffer.byteLength(row), 0)
  for (let i = sections.length - 1; i >= 0 && bytes > max; i--) {
    const rows = rendered[i] ?? []
    let k = rows.length
    while (k > 0 && bytes > max) bytes -= Buffer.byteLength(rows[--k] ?? '')
    kept[i] = k
  }
  return sections
    .map((s, i) => {
      const rows = (rendered[i] ?? []).slice(0, kept[i])
      const omitted = s.rows.length - rows.length
      return open(s) + rows.join('') + (omitted > 0 ? counting(s, omitted, options) : '') + close(s)
    })
    .join('')
}

/** A section's start: its heading (or the collapsed block's summary) and the table's header row. */
function open(s: Section): string {
  const title = summaryText(s.heading)
  const header = `<table><tr>${s.columns.map(c => `<th>${c}</th>`).join('')}</tr>`
  return s.collapsed ? `<details><summary>${title}</summary>\n${header}` : `<h3>${title}</h3>\n${header}`
}

function close(s: Section): string {
  return s.collapsed ? '</table>\n</details>\n' : '</table>\n'
}

/** The row that stands for the rows left out, pointing to `results-file`. */
function counting(s: Section, omitted: number, options: SummaryOptions): string {
  return (
    `<tr><td colspan="${s.columns.length}">${omitted} more not shown: a job summary is limited to 1 MiB. ` +
    `Every target is in the file named by the results-file output (${summaryText(options.resultsFile)}).</td></tr>`
  )
}

function tableRow(cells: readonly string[]): string {
  return `<tr>${cells.map(c => `<td>${c}</td>`).join('')}</tr>`
}

/** The target, and under it the pattern line it came from. */
function target({ result, origin }: Row): string {
  return summaryText(result.target) + (origin ? `<br><sub>from ${summaryText(origin)}</sub>` : '')
}

/** The execution ID, linked to the console when there is a link the action trusts. */
function execution(r: TargetResult): string {
  if (!r.executionId) return '—'
  const id = summaryText(r.executionId)
  return r.consoleUrl ? `<a href="${attribute(r.consoleUrl)}">${id}</a>` : id
}

function failure(r: TargetResult): string {
  return summaryText(r.failure, CELL_TEXT) || '—'
}

/**
 * The message without the execution ID, which the row shows in its own column (and a `()` left empty). Only the
 * ID standing on its own goes: inside a longer token (an Azure run number `20261207.5120` of run 5120) it stays.
 */
export function withoutId(message: string, executionId: string): string {
  if (!executionId) return message
  const literal = executionId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return message
    .replace(new RegExp(`(?<![\\w.:/-])${literal}(?![\\w.:/-])`, 'g'), '')
    .replace(/\(\s*\)/g, '')
    .replace(/ {2,}/g, ' ')
    .trim()
}

function why(r: TargetResult): string {
  return summaryText(withoutId(r.message, r.executionId), CELL_TEXT) || '—'
}

/** One row as the attention table shows it: target, linked execution, status, failure, why. */
export function summaryRow(result: TargetResult, origin?: string): string {
  return tableRow(attentionCells({ result, origin }))
}

function attentionCells(r: Row): string[] {
  return [target(r), execution(r.result), STATUS_LABEL[r.result.status], failure(r.result), why(r.result)]
}

/**
 * `2 succeeded, 4 nothing to retry`: how many of `results` have each status, in order of first appearance
 * (`errors` in the plural where the headline reads as a sentence).
 */
function statusCounts(results: readonly TargetResult[], plural = false): string[] {
  const counts = new Map<Status, number>()
  for (const r of results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1)
  return [...counts].map(
    ([status, n]) => `${n} ${plural && status === 'error' && n > 1 ? 'errors' : words(status)}`
  )
}

/** The headline's order for targets not retried: what needs a look first. */
const HEADLINE_ORDER: readonly Status[] = [
  'dry-run',
  'skipped',
  'error',
  'failed',
  'timed-out',
  'stopped',
  'cancelled',
  'nothing-to-retry',
  'in-progress',
  'succeeded'
]

/** `12 retried — 10 succeeded, 2 failed; 3 skipped; 1 error; 484 nothing to retry`. */
function headline(results: readonly TargetResult[]): string {
  const retried = results.filter(r => r.retried)
  const parts: string[] = []
  if (retried.length > 0) parts.push(`${retried.length} retried — ${statusCounts(retried).join(', ')}`)
  const others = results.filter(r => !r.retried)
  for (const status of HEADLINE_ORDER)
    parts.push(
      ...statusCounts(
        others.filter(r => r.status === status),
        true
      )
    )
  return parts.length > 0 ? parts.join('; ') : 'no targets'
}

/** `12 nothing to retry, 1 succeeded`: what the collapsed rows are. */
function restWords(rows: readonly Row[]): string {
  return statusCounts(rows.map(r => r.result)).join(', ')
}

/** The totals on one line (the failure line after a cancel): `6 targets: 2 succeeded, 4 nothing to retry`. */
export function totalsLine(results: readonly TargetResult[]): string {
  return `${results.length} target${results.length === 1 ? '' : 's'}: ${statusCounts(results).join(', ')}`
}
