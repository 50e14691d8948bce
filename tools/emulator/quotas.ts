// Per-operation request-rate quotas: above N requests a second an operation answers as the service does when
// it throttles (AWS ThrottlingException, CodeArts APIGW.0308), so benchmarks can measure throttled runs.
// A key matches like a fault's: `service:operation`, the bare operation, or `*`.
import type { ServiceName } from './types.js'

interface Window {
  perSecond: number
  /** Arrival times (emulator clock) of the requests admitted in the last second. */
  admitted: number[]
}

export class QuotaTable {
  private readonly windows = new Map<string, Window>()

  constructor(quotas: Readonly<Record<string, number>> = {}) {
    for (const [key, perSecond] of Object.entries(quotas)) this.set(key, perSecond)
  }

  set(key: string, perSecond: number): void {
    if (!(perSecond > 0)) throw new Error(`quota for ${key} must be a positive number of requests a second`)
    this.windows.set(key, { perSecond, admitted: [] })
  }

  clear(): void {
    this.windows.clear()
  }

  /** Whether a request at `now` is admitted; a refused one does not count against the quota. */
  admit(service: ServiceName, operation: string, now: number): boolean {
    const window = [`${service}:${operation}`, operation, '*']
      .map(key => this.windows.get(key))
      .find(w => w !== undefined)
    if (!window) return true
    // A sliding one-second window: no second, wherever it starts, admits more than the quota.
    while (window.admitted.length > 0 && (window.admitted[0] ?? 0) <= now - 1000) window.admitted.shift()
    if (window.admitted.length >= window.perSecond) return false
    window.admitted.push(now)
    return true
  }
}
