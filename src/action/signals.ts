/**
 * The runner sends SIGINT, then SIGTERM 7.5 s later, then kills. The contract gives the step 5 s: targets
 * get until REPORT_AFTER_MS to wind down (stop calls included); then whatever they have not reported yet is
 * reported from what is known, and the process exits by EXIT_WITHIN_MS whatever still holds it.
 */
export const REPORT_AFTER_MS = 3500
export const EXIT_WITHIN_MS = 4700

/**
 * Turns SIGINT/SIGTERM into an abort of `controller` (every wait and request ends), and arms unref'd
 * timers: `report` at REPORT_AFTER_MS, then exit with code 1 as soon as it is done or at EXIT_WITHIN_MS.
 * Returns a disposer.
 */
export function abortOnSignals(
  controller: AbortController,
  report: () => Promise<void>,
  exit: (code: number) => void = code => process.exit(code)
): () => void {
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) return
    controller.abort(signal)
    setTimeout(() => {
      void report()
        .catch(() => undefined)
        .finally(() => exit(1))
    }, REPORT_AFTER_MS).unref()
    setTimeout(() => exit(1), EXIT_WITHIN_MS).unref()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return () => {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}
