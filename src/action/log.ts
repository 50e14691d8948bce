import { oneLine } from '../model/text.js'

/** GitHub shows 10 warning annotations per step; the rest are only noise in the checks page. */
export const MAX_WARNINGS = 10

/** A log line holds a target's label, our words and API text of at most MAX_TEXT characters a piece. */
const MAX_LINE = 4000

/** Where lines go: @actions/core in the action, an array in tests. */
export interface LogSink {
  info(line: string): void
  warning(line: string): void
}

export interface Log {
  info(message: string): void
  /** A warning annotation, or a plain line once MAX_WARNINGS have been shown. */
  warn(message: string): void
  /** Adds one annotation that counts the warnings beyond the cap. Safe to call twice. */
  finish(): void
}

/** Every line printed is one line that cannot start a workflow command, whatever text it carries. */
export function printable(message: string, max = MAX_LINE): string {
  return oneLine(message, max)
}

export function createLog(sink: LogSink): Log {
  let warnings = 0
  let finished = false
  return {
    info: message => sink.info(printable(message)),
    warn(message) {
      warnings++
      if (warnings <= MAX_WARNINGS) sink.warning(printable(message))
      else sink.info(printable(`warning: ${message}`))
    },
    finish() {
      if (finished || warnings <= MAX_WARNINGS) return
      finished = true
      const more = warnings - MAX_WARNINGS
      sink.warning(
        `${more} more warning${more === 1 ? '' : 's'} in the log (annotations stop at ${MAX_WARNINGS} per step)`
      )
    }
  }
}
