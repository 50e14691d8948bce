import { oneLine } from '../model/text.js'

/** GitHub shows 10 warning annotations per step; the rest are only noise in the checks page. */
export const MAX_WARNINGS = 10
/**
 * Annotations kept free for the step's own warnings (results shortened, rows left out, limits reached), which
 * are often known only at the end: per-target warnings take the rest, so the cap never hides a step warning.
 */
export const STEP_WARNINGS = 2
/** Notices (the outcome of each retried execution) are capped the same way. */
const MAX_NOTICES = 10

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
  /** A target's warning: an annotation, or a plain line once MAX_WARNINGS - STEP_WARNINGS have been shown. */
  warn(message: string): void
  /** A warning about the whole step: always an annotation, in the room kept for it (more are joined in one). */
  stepWarn(message: string): void
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
  let stepWarnings = 0
  const heldStepWarnings: string[] = []
  let notices = 0
  let finished = false
  const targetCap = MAX_WARNINGS - STEP_WARNINGS
  return {
    info: message => sink.info(printable(message)),
    warn(message) {
      warnings++
      if (warnings <= targetCap) sink.warning(printable(message))
      else sink.info(printable(`warning: ${message}`))
    },
    stepWarn(message) {
      stepWarnings++
      // The last place kept is held to the end, so any number of step warnings fit in the room kept.
      if (stepWarnings < STEP_WARNINGS && !finished) sink.warning(printable(message))
      else if (finished) sink.warning(printable(message))
      else heldStepWarnings.push(message)
    },
    notice(message) {
      notices++
      if (notices <= MAX_NOTICES) sink.notice(printable(message))
      else sink.info(printable(`notice: ${message}`))
    },
    finish() {
      if (finished) return
      finished = true
      if (heldStepWarnings.length > 0) sink.warning(printable(heldStepWarnings.join('; ')))
      const beyond = (count: number, cap: number, kind: string): string | undefined => {
        const more = count - cap
        return more > 0
          ? `${more} more ${kind}${more === 1 ? '' : 's'} in the log (annotations stop at ${cap} per step)`
          : undefined
      }
      const moreWarnings = beyond(warnings, targetCap, 'warning')
      if (moreWarnings) sink.warning(moreWarnings)
      const moreNotices = beyond(notices, MAX_NOTICES, 'notice')
      if (moreNotices) sink.notice(moreNotices)
    }
  }
}
