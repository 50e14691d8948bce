import type { Status, TargetResult } from './targets.js'

/** Every output the action sets; `action.yml` declares exactly these (a test checks). */
export const OUTPUT_NAMES = [
  'retried',
  'execution-id',
  'execution-arn',
  'stage-name',
  'status',
  'console-url',
  'results'
] as const
export type OutputName = (typeof OUTPUT_NAMES)[number]

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

/** Single mode: every output, from the one target's result. */
export function singleOutputs(result: TargetResult): Record<OutputName, string> {
  return {
    retried: String(result.retried),
    'execution-id': result.executionId,
    'execution-arn': result.executionArn,
    'stage-name': result.stageName,
    status: result.status,
    'console-url': result.consoleUrl,
    results: JSON.stringify([resultObject(result)])
  }
}

/** Targets mode: only `retried` (any target) and `results`. */
export function targetsOutputs(results: readonly TargetResult[]): Partial<Record<OutputName, string>> {
  return {
    retried: String(results.some(r => r.retried)),
    results: JSON.stringify(results.map(resultObject))
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
  error: '❌ error'
}

export type SummaryCell = string | { data: string; header?: boolean }

/** The job summary table: one row per target. Service text is escaped: the summary writer inserts cells as HTML. */
export function summaryTable(results: readonly TargetResult[]): SummaryCell[][] {
  const header = ['Service', 'Target', 'Execution', 'Status', 'Details', 'Link'].map(data => ({
    data,
    header: true
  }))
  const rows = results.map(r => [
    r.service,
    escapeHtml(r.target),
    escapeHtml(r.executionId) || '—',
    STATUS_LABEL[r.status],
    escapeHtml(r.message) || '—',
    r.consoleUrl ? `<a href="${escapeHtml(r.consoleUrl)}">console</a>` : '—'
  ])
  return [header, ...rows]
}

export function totalsLine(results: readonly TargetResult[]): string {
  const counts = new Map<Status, number>()
  for (const r of results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1)
  const parts = [...counts].map(([status, n]) => `${n} ${STATUS_LABEL[status].replace(/^\S+ /, '')}`)
  return `${results.length} target${results.length === 1 ? '' : 's'}: ${parts.join(', ')}`
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
}
