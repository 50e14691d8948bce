import type { Clock } from './clock.js'

/** Fraction of the measured rate kept after a throttle: under the quota the service showed. */
const CUT = 0.92
/** The pace held after a throttle, as a fraction of the measured rate: under it, so jitter stays unthrottled. */
const HOLD = 0.97
/** At most one cut this often: answers to requests sent before a cut must not cut again. */
const CUT_EVERY_MS = 2000
/** Seconds to close most of the gap back to the held pace (exponential approach). */
const RECOVER_S = 2
/** After this long without a throttle, the pace probes past the measured rate: this fraction of it a second. */
const PROBE_AFTER_MS = 10_000
const PROBE_PER_S = 0.01
/** After this long without a throttle the quota is taken as gone: the rate doubles every second. */
const QUIET_MS = 30_000
/** A throttle with no success to measure paces at half of this (or of the rate so far, if lower). */
const BLIND_RATE = 20
/** Past this many requests a second the pace is lifted altogether. */
const UNLIMITED = 5000

/**
 * One operation's request rate, as the service allows it. Unlimited until the service first throttles
 * (the worker pool bounds a scan then, not us). A throttle (at most one cut every two seconds, so a burst
 * of throttled answers counts once) sets the pace just under the successes of the last second: the quota as
 * far as we know. The pace then recovers quickly to just under that rate, holds there, and after a quiet
 * spell probes past it slowly (quotas change); with no
 * success to measure, it starts low and doubles every second until the service pushes back, as it does
 * once a quota has not been met for a while. Requests are spaced evenly (no bursts), so a one-second
 * window never sees more than the pace.
 */
export class AdaptiveRate {
  /** Requests a second; Infinity until the first throttle. */
  private rate = Infinity
  /** The successful rate measured at the last throttle; Infinity while unknown. */
  private known = Infinity
  private next = 0
  private lastCut = -Infinity
  private lastGrow = 0
  /** Times of the successes in the last second. */
  private readonly successes: number[] = []

  constructor(private readonly clock: Clock) {}

  get currentRate(): number {
    return this.rate
  }

  /** Waits for this request's turn; requests are served in arrival order. */
  async take(signal?: AbortSignal): Promise<void> {
    if (this.rate === Infinity) return
    const now = this.clock.now()
    const at = Math.max(now, this.next)
    this.next = at + 1000 / this.rate
    if (at > now) await this.clock.sleep(at - now, signal)
  }

  onSuccess(): void {
    const now = this.clock.now()
    this.successes.push(now)
    this.trim(now)
    if (this.rate === Infinity) return
    const seconds = Math.max(0, now - this.lastGrow) / 1000
    this.lastGrow = now
    const quiet = now - this.lastCut
    const hold = this.known * HOLD
    if (this.known === Infinity || quiet >= QUIET_MS) this.rate *= 2 ** seconds
    else if (quiet >= PROBE_AFTER_MS) this.rate += this.known * PROBE_PER_S * seconds
    else if (this.rate < hold) this.rate += (hold - this.rate) * Math.min(1, seconds / RECOVER_S)
    if (this.rate > UNLIMITED) {
      this.rate = Infinity
      this.known = Infinity
    }
  }

  onThrottled(): void {
    const now = this.clock.now()
    if (now - this.lastCut < CUT_EVERY_MS) {
      // Still let the service's window clear before the next request.
      if (this.successes.length > 0) this.next = Math.max(this.next, (this.successes[0] ?? now) + 1000)
      return
    }
    this.trim(now)
    // Successes in the last second (before a full second has passed: all so far, as one second's worth).
    const measured = this.successes.length
    if (measured > 0) {
      this.known = Math.min(this.rate, measured)
      this.rate = Math.max(0.5, this.known * CUT)
    } else {
      // Nothing succeeded lately: no rate to go by. Start low and let the doubling find it.
      this.known = Infinity
      this.rate = Math.max(0.5, Math.min(this.rate, BLIND_RATE) / 2)
    }
    this.lastCut = now
    this.lastGrow = now
    // Requests already given a turn keep it (a later one never lands on it); the next waits a full interval at
    // the new pace, and for the oldest success of the last second to leave the service's window.
    const windowFrees = measured > 0 ? (this.successes[0] ?? now) + 1000 : now
    this.next = Math.max(this.next, now + 1000 / this.rate, windowFrees)
  }

  private trim(now: number): void {
    while (this.successes.length > 0 && (this.successes[0] ?? 0) <= now - 1000) this.successes.shift()
  }
}

/** One adaptive rate per operation of one service and region: AWS and Huawei throttle per API action. */
export class RateLimits {
  private readonly byOperation = new Map<string, AdaptiveRate>()

  constructor(private readonly clock: Clock) {}

  for(operation: string): AdaptiveRate {
    let rate = this.byOperation.get(operation)
    if (rate === undefined) {
      rate = new AdaptiveRate(this.clock)
      this.byOperation.set(operation, rate)
    }
    return rate
  }
}
