import type { TargetResult } from '../model/target.js'

/** A progress line at least this often while targets run. */
const PROGRESS_EVERY_MS = 30_000

/**
 * Targets mode: how far a long scan has got, as one line at every tenth of the targets and at least every
 * 30 seconds: `1,250/5,000 targets done: 40 retried, 2 errors, 3 waiting`.
 */
export class ProgressLine {
  private done = 0
  private retried = 0
  private errors = 0
  private readonly waiting = new Set<number>()
  private lastTenth = 0
  private timer: ReturnType<typeof setInterval> | undefined

  constructor(
    private readonly total: number,
    private readonly print: (line: string) => void,
    everyMs = PROGRESS_EVERY_MS
  ) {
    if (total > 1) {
      this.timer = setInterval(() => {
        this.print(this.line())
      }, everyMs)
      // A progress timer must never keep the step alive.
      this.timer.unref()
    }
  }

  /** A target's state as it moves on: following an execution counts as waiting. */
  update(index: number, result: TargetResult): void {
    if (result.status === 'in-progress') this.waiting.add(index)
    else this.waiting.delete(index)
  }

  finish(index: number, result: TargetResult): void {
    this.waiting.delete(index)
    this.done++
    if (result.retried) this.retried++
    if (result.status === 'error') this.errors++
    const tenth = Math.floor((this.done * 10) / this.total)
    if (this.total > 1 && tenth > this.lastTenth) {
      this.lastTenth = tenth
      this.print(this.line())
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
  }

  line(): string {
    const n = (value: number): string => value.toLocaleString('en-US')
    return (
      `${n(this.done)}/${n(this.total)} targets done: ${n(this.retried)} retried, ` +
      `${n(this.errors)} error${this.errors === 1 ? '' : 's'}, ${n(this.waiting.size)} waiting`
    )
  }
}
