import { isRecord } from './json.js'
import type { Status, TargetResult } from './target.js'
import { oneLine } from './text.js'

/**
 * Retry memory (contract, "Retry memory"): per target, what its recent runs saw. Read from `history-file`,
 * which is input like any other: every field is checked, anything else is dropped.
 */

type FailureClass = 'transient' | 'deterministic' | 'unknown'

/** One run's record of one target. */
export interface HistoryEntry {
  /** Epoch ms when the run ended the target. */
  at: number
  runId: string
  shard?: string
  status: Status
  failureClass: FailureClass
  /** The failure reason, cut to 200 characters. */
  failure: string
  /** Retries this run started. */
  attempts: number
  /** Whether a retry of this run succeeded; unknown until a run sees the outcome. */
  rescued?: boolean
  durationMs: number
}

export interface History {
  version: 1
  /** By target label, oldest first. */
  targets: Record<string, HistoryEntry[]>
}

/** 90 days and 5 MB (contract): older entries, then the oldest, are dropped first. */
const RETENTION_MS = 90 * 86_400_000
export const MAX_HISTORY_BYTES = 5 * 1024 * 1024
const MAX_FAILURE = 200
const DAY_MS = 86_400_000

const STATUSES: ReadonlySet<string> = new Set([
  'in-progress',
  'succeeded',
  'failed',
  'stopped',
  'timed-out',
  'nothing-to-retry',
  'skipped',
  'dry-run',
  'cancelled',
  'error'
])
const CLASSES: ReadonlySet<string> = new Set(['transient', 'deterministic', 'unknown'])

export const emptyHistory = (): History => ({ version: 1, targets: {} })

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

/** One entry from untrusted JSON, or undefined when any field is not what it must be. */
function entryOf(value: unknown): HistoryEntry | undefined {
  if (!isRecord(value)) return undefined
  const { at, runId, shard, status, failureClass, failure, attempts, rescued, durationMs } = value
  if (!finite(at) || typeof runId !== 'string' || typeof status !== 'string' || !STATUSES.has(status))
    return undefined
  if (typeof failureClass !== 'string' || !CLASSES.has(failureClass)) return undefined
  if (typeof failure !== 'string' || !finite(attempts) || attempts < 0 || !finite(durationMs))
    return undefined
  if (shard !== undefined && typeof shard !== 'string') return undefined
  if (rescued !== undefined && typeof rescued !== 'boolean') return undefined
  return {
    at,
    runId: oneLine(runId, 40),
    ...(shard !== undefined ? { shard: oneLine(shard, 20) } : {}),
    status: status as Status,
    failureClass: failureClass as FailureClass,
    failure: oneLine(failure, MAX_FAILURE),
    attempts: Math.floor(attempts),
    ...(rescued !== undefined ? { rescued } : {}),
    durationMs: Math.max(0, durationMs)
  }
}

/** A history from parsed JSON: what is well-formed is kept, the rest dropped (and counted). */
export function historyOf(data: unknown): { history: History; dropped: number } {
  const history = emptyHistory()
  let dropped = 0
  const targets = isRecord(data) && isRecord(data.targets) ? data.targets : {}
  for (const [label, entries] of Object.entries(targets)) {
    if (!Array.isArray(entries) || label.length > 2048) {
      dropped++
      continue
    }
    const kept = entries.map(entryOf).filter((e): e is HistoryEntry => e !== undefined)
    dropped += entries.length - kept.length
    if (kept.length > 0) history.targets[label] = kept.sort((a, b) => a.at - b.at)
  }
  return { history, dropped }
}

/** Whether the run's newest execution was healthy: it succeeded, by itself or after a retry. */
function healthy(run: Pick<HistoryEntry, 'status' | 'failure' | 'rescued'>): boolean {
  return (
    run.status === 'succeeded' ||
    run.rescued === true ||
    (run.status === 'nothing-to-retry' && run.failure === '')
  )
}

/**
 * The give-up streak: the consecutive runs, newest first, since the target was last seen healthy, in which a
 * retry was started and did not rescue it.
 */
export function unrescuedStreak(entries: readonly HistoryEntry[]): number {
  let streak = 0
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]
    if (entry === undefined || healthy(entry)) break
    if (entry.attempts > 0 && entry.rescued !== true) streak++
  }
  return streak
}

/** Retries recorded for the target in the 24 hours before `now`. */
export function retriesInDay(entries: readonly HistoryEntry[], now: number): number {
  return entries.filter(e => now - e.at < DAY_MS).reduce((sum, e) => sum + e.attempts, 0)
}

/** What one run adds for a target: its result and what only the flow knew. */
export interface RunRecord {
  result: TargetResult
  failureClass: FailureClass
  durationMs: number
}

/**
 * Adds this run's entries. A previous run's retry whose outcome it could not see (no `wait`) is settled by what
 * this run sees: rescued when the target is healthy now, not rescued when it failed again.
 */
export function recordRun(
  history: History,
  records: readonly RunRecord[],
  run: { at: number; runId: string; shard?: string }
): void {
  for (const { result, failureClass, durationMs } of records) {
    const entries = (history.targets[result.target] ??= [])
    const previous = entries.at(-1)
    if (previous && previous.attempts > 0 && previous.rescued === undefined) {
      if (healthy(result)) previous.rescued = true
      else if (result.failure !== '') previous.rescued = false
    }
    const rescued =
      result.attempts === 0
        ? undefined
        : result.status === 'succeeded'
          ? true
          : result.status === 'failed'
            ? false
            : undefined
    entries.push({
      at: run.at,
      runId: run.runId,
      ...(run.shard !== undefined ? { shard: run.shard } : {}),
      status: result.status,
      failureClass,
      failure: oneLine(result.failure, MAX_FAILURE),
      attempts: result.attempts,
      ...(rescued !== undefined ? { rescued } : {}),
      durationMs
    })
  }
}

/** Keeps 90 days and at most 5 MB: older entries go first, then the oldest of all until it fits. */
export function trimHistory(history: History, now: number): void {
  const recent = Object.entries(history.targets).map(
    ([label, entries]) => [label, entries.filter(e => now - e.at <= RETENTION_MS)] as const
  )
  let size = Buffer.byteLength(JSON.stringify({ version: 1, targets: Object.fromEntries(recent) }))
  const dropped = new Set<HistoryEntry>()
  if (size > MAX_HISTORY_BYTES)
    for (const entry of recent.flatMap(([, entries]) => entries).sort((a, b) => a.at - b.at)) {
      if (size <= MAX_HISTORY_BYTES) break
      dropped.add(entry)
      size -= Buffer.byteLength(JSON.stringify(entry)) + 1
    }
  history.targets = Object.fromEntries(
    recent
      .map(([label, entries]) => [label, entries.filter(e => !dropped.has(e))] as const)
      .filter(([, e]) => e.length > 0)
  )
}

/** One target's line of the `history-report` output and the summary's History section. */
export interface HistoryReport {
  target: string
  runs: number
  retries: number
  rescued: number
  /** The outcome of its last runs, oldest first (at most 20). */
  lastStatuses: string[]
  topFailureClass: FailureClass | ''
  /** When the current streak of unrescued retries began (ISO), once it reaches `give-up-after` (or 2). */
  brokenSince?: string
}

/** The outcome of one run at a glance: rescued by a retry, or its status. */
const outcomeOf = (e: HistoryEntry): string => (e.rescued === true ? 'rescued' : e.status)

export function historyReport(
  history: History,
  labels: readonly string[],
  giveUpAfter: number
): HistoryReport[] {
  return labels.flatMap(target => {
    const entries = history.targets[target] ?? []
    if (entries.length === 0) return []
    const classes = new Map<FailureClass, number>()
    for (const e of entries)
      if (e.failure !== '') classes.set(e.failureClass, (classes.get(e.failureClass) ?? 0) + 1)
    const top = [...classes].sort((a, b) => b[1] - a[1])[0]?.[0] ?? ''
    const streak = unrescuedStreak(entries)
    const broken = streak >= Math.max(2, giveUpAfter) ? brokenSince(entries, streak) : undefined
    return [
      {
        target,
        runs: entries.length,
        retries: entries.reduce((sum, e) => sum + e.attempts, 0),
        rescued: entries.filter(e => e.rescued === true).length,
        lastStatuses: entries.slice(-20).map(outcomeOf),
        topFailureClass: top,
        ...(broken !== undefined ? { brokenSince: broken } : {})
      }
    ]
  })
}

/** The time of the oldest retried-and-not-rescued run of the current streak. */
function brokenSince(entries: readonly HistoryEntry[], streak: number): string | undefined {
  let seen = 0
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]
    if (entry === undefined) break
    if (entry.attempts > 0 && entry.rescued !== true) seen++
    if (seen === streak) return new Date(entry.at).toISOString()
  }
  return undefined
}
