import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { abortOnSignals, EXIT_WITHIN_MS, REPORT_AFTER_MS } from '../../../src/action/signals.js'

afterEach(() => {
  jest.useRealTimers()
})

describe('abortOnSignals', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s aborts at once, reports at REPORT_AFTER_MS, then exits 1 as soon as the report is written',
    async signal => {
      jest.useFakeTimers()
      const controller = new AbortController()
      const report = jest.fn(() => Promise.resolve())
      const exit = jest.fn<(code: number) => void>()
      const dispose = abortOnSignals(controller, report, exit)
      try {
        process.emit(signal, signal)
        expect(controller.signal.aborted).toBe(true)
        expect(controller.signal.reason).toBe(signal)
        jest.advanceTimersByTime(REPORT_AFTER_MS - 1)
        expect(report).not.toHaveBeenCalled()
        jest.advanceTimersByTime(1)
        expect(report).toHaveBeenCalledTimes(1)
        await Promise.resolve()
        await Promise.resolve()
        expect(exit).toHaveBeenCalledWith(1)
      } finally {
        dispose()
      }
    }
  )

  it('exits by EXIT_WITHIN_MS even when the report hangs, and a second signal changes nothing', () => {
    jest.useFakeTimers()
    const controller = new AbortController()
    const report = jest.fn(() => new Promise<void>(() => undefined))
    const exit = jest.fn<(code: number) => void>()
    const dispose = abortOnSignals(controller, report, exit)
    try {
      process.emit('SIGINT', 'SIGINT')
      process.emit('SIGTERM', 'SIGTERM')
      expect(controller.signal.reason).toBe('SIGINT')
      jest.advanceTimersByTime(EXIT_WITHIN_MS)
      expect(report).toHaveBeenCalledTimes(1)
      expect(exit).toHaveBeenCalledTimes(1)
      expect(exit).toHaveBeenCalledWith(1)
      expect(EXIT_WITHIN_MS).toBeLessThan(5000)
    } finally {
      dispose()
    }
  })

  it('the disposer removes its listeners', () => {
    const before = process.listenerCount('SIGINT')
    const dispose = abortOnSignals(
      new AbortController(),
      () => Promise.resolve(),
      () => undefined
    )
    expect(process.listenerCount('SIGINT')).toBe(before + 1)
    dispose()
    expect(process.listenerCount('SIGINT')).toBe(before)
  })
})
