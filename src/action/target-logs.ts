import type { Status, TargetResult } from '../model/target.js'
import { printable, type Log } from './log.js'

/** Where a finished target's block goes: @actions/core's group commands in the action, an array in tests. */
export interface GroupSink {
  startGroup(title: string): void
  endGroup(): void
}

/**
 * Targets mode: each target's log lines (and warnings) are held until the target finishes, then written as one
 * `::group::` block titled with the target and its status, so the lines of concurrent targets never interleave.
 * Lines not tied to a target (listing, back-off of shared calls, progress) go out at once, between blocks.
 */
export class TargetLogs {
  private readonly held = new Map<number, { kind: 'info' | 'warn'; message: string }[]>()

  constructor(
    private readonly log: Log,
    private readonly groups: GroupSink
  ) {}

  info(index: number, message: string): void {
    this.hold(index).push({ kind: 'info', message })
  }

  warn(index: number, message: string): void {
    this.hold(index).push({ kind: 'warn', message })
  }

  /** Writes the target's block (once); a target that logged nothing still gets its one-line block. */
  finish(index: number, result: TargetResult): void {
    const lines = this.held.get(index) ?? []
    this.held.delete(index)
    this.groups.startGroup(printable(`${result.target}: ${STATUS_WORDS[result.status]}`, 1000))
    for (const line of lines) {
      if (line.kind === 'warn') this.log.warn(line.message)
      else this.log.info(line.message)
    }
    if (lines.length === 0) this.log.info(result.message)
    this.groups.endGroup()
  }

  /** On a cancel: whatever is still held, so no line is lost. */
  flushAll(results: readonly TargetResult[], offset: number): void {
    for (const index of [...this.held.keys()]) {
      const result = results[offset + index]
      if (result) this.finish(index, result)
    }
  }

  private hold(index: number): { kind: 'info' | 'warn'; message: string }[] {
    let lines = this.held.get(index)
    if (lines === undefined) {
      lines = []
      this.held.set(index, lines)
    }
    return lines
  }
}

const STATUS_WORDS: Readonly<Record<Status, string>> = {
  'in-progress': 'retried, in progress',
  succeeded: 'succeeded',
  failed: 'failed',
  stopped: 'stopped',
  'timed-out': 'timed out',
  'nothing-to-retry': 'nothing to retry',
  skipped: 'skipped',
  'dry-run': 'would retry (dry run)',
  cancelled: 'cancelled',
  error: 'error'
}
