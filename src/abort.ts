/** The runner sends SIGINT, then SIGTERM 7.5 s later, then kills; the step must be out well before that. */
export const EXIT_WITHIN_MS = 4500

/**
 * Turns SIGINT/SIGTERM into an AbortSignal so a wait stops at once, and arms an unref'd watchdog that
 * exits with code 1 if anything (a hung socket) still holds the process after the abort. Returns a disposer.
 */
export function abortOnSignals(
  controller: AbortController,
  exit: (code: number) => void = code => process.exit(code)
): () => void {
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) return
    controller.abort(signal)
    setTimeout(() => exit(1), EXIT_WITHIN_MS).unref()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return () => {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}
