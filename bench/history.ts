// Retry memory (issue #25): a history of 5,000 targets x 90 runs is read, updated with one run of every target,
// trimmed to its caps and written. Ideal: within 1 s and 100 MB. The file's 5 MB cap keeps far fewer entries than
// 450,000 (about 35,000 of this size), so the trim is part of what is measured.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { historyOf, recordRun, trimHistory, type HistoryEntry } from '../src/model/history.js'
import type { TargetResult } from '../src/model/target.js'

function measure(targets: number, runs: number): void {
  const now = Date.now()
  const entries = (t: number): HistoryEntry[] =>
    Array.from({ length: runs }, (_, r) => ({
      at: now - (runs - r) * 86_400_000 + t,
      runId: String(9_000_000 + r),
      status: r % 3 === 0 ? 'in-progress' : 'nothing-to-retry',
      failureClass: 'transient',
      failure: r % 3 === 0 ? 'phase BUILD FAILED: COMMAND_EXECUTION_ERROR: exit status 1' : '',
      attempts: r % 3 === 0 ? 1 : 0,
      durationMs: 1200
    }))
  const file = join(mkdtempSync(join(tmpdir(), 'history-bench-')), 'history.json')
  const targetsOf = Object.fromEntries(
    Array.from({ length: targets }, (_, t) => [`codebuild:project-${t}`, entries(t)])
  )
  writeFileSync(file, JSON.stringify({ version: 1, targets: targetsOf }))
  const rssBefore = process.memoryUsage().rss
  const started = performance.now()
  const { history } = historyOf(JSON.parse(readFileSync(file, 'utf8')) as unknown)
  const results: TargetResult[] = Object.keys(targetsOf).map(target => ({
    service: 'codebuild',
    target,
    retried: false,
    executionId: '',
    executionArn: '',
    stageName: '',
    status: 'nothing-to-retry',
    consoleUrl: '',
    message: '',
    attempts: 0,
    failure: ''
  }))
  recordRun(
    history,
    results.map(result => ({ result, failureClass: 'unknown', durationMs: 900 })),
    { at: now, runId: '1' }
  )
  trimHistory(history, now)
  writeFileSync(file, JSON.stringify(history))
  const ms = performance.now() - started
  const rssMb = Math.max(process.memoryUsage().rss, rssBefore) / 1024 / 1024
  const kept = Object.values(history.targets).reduce((n, e) => n + e.length, 0)
  console.log(
    `\n== history: ${targets} targets x ${runs} runs (${(readFileSync(file).length / 1e6).toFixed(1)} MB written)`
  )
  console.log(`| read + update + trim + write | RSS | entries kept |`)
  console.log(`|---|---|---|`)
  console.log(
    `| ${ms.toFixed(0)} ms (ideal <= 1000) | ${rssMb.toFixed(0)} MB (ideal <= 100) | ${kept} of ${targets * (runs + 1)} |`
  )
}

/** What the action really reads (a file at its 5 MB cap), then the figure (5,000 x 90, far past the cap). */
export function historyBench(): void {
  measure(5000, 7)
  measure(5000, 90)
}
