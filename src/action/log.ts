import { oneLine } from '../model/text.js'

/** GitHub shows 10 warning annotations per step; the rest are only noise in the checks page. */
export const MAX_WARNINGS = 10
/** Notices (the outcome of each retried execution) are capped the same way. */
export const MAX_NOTICES = 10

/** A log line holds a target's label, our words and API text of at most MAX_TEXT characters a piece. */
const MAX_LINE = 4000

/** Where lines go: @actions/core in the action, an array in tests. */
export interface LogSink {
  info(line: string): void
  warning(line: string): void
  notice(line: string): void
}

export interface Log {
  info(message: string): void
  /** A warning annotation, or a plain line once MAX_WARNINGS have been shown. */
  warn(message: string): void
  /** A notice annotation (a retried execution's outcome), or a plain line once MAX_NOTICES have been shown. */
  notice(message: string): void
  /** Adds one annotation per kind that counts those beyond the cap. Safe to call twice. */
  finish(): void
}

/** Every line printed is one line that cannot start a workflow command, whatever text it carries. */
export function printable(message: string, max = MAX_LINE): string {
  return oneLine(message, max)
}

export function createLog(sink: LogSink): Log {
  let warnings = 0
  let notices = 0
  let finished = false
  return {
    info: message => sink.info(printable(message)),
    warn(message) {
      warnings++
      if (warnings <= MAX_WARNINGS) sink.warning(printable(message))
      else sink.info(printable(`warning: ${message}`))
    },
    notice(message) {
      notices++
      if (notices <= MAX_NOTICES) sink.notice(printable(message))
      else sink.info(printable(`notice: ${message}`))
    },
    finish() {
      if (finished) return
      finished = true
      const beyond = (count: number, cap: number, kind: string): string | undefined => {
        const more = count - cap
        return more > 0
          ? `${more} more ${kind}${more === 1 ? '' : 's'} in the log (annotations stop at ${cap} per step)`
          : undefined
      }
      const moreWarnings = beyond(warnings, MAX_WARNINGS, 'warning')
      if (moreWarnings) sink.warning(moreWarnings)
      const moreNotices = beyond(notices, MAX_NOTICES, 'notice')
      if (moreNotices) sink.notice(moreNotices)
    }
  }
}
