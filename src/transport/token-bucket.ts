import type { Clock } from './clock.js'

/**
 * A token bucket that keeps one service's request rate under its API limits, shared by every target of
 * that service. It adapts like the SDKs' "adaptive" mode: throttling halves the rate, successes slowly
 * raise it back towards the ceiling.
 */
export class TokenBucket {
  private tokens: number
  private rate: number
  private last: number
  private queue: Promise<void> = Promise.resolve()

  constructor(
    private readonly ceiling: number,
    private readonly clock: Clock,
    private readonly burst = ceiling
  ) {
    this.rate = ceiling
    this.tokens = burst
    this.last = clock.now()
  }

  get currentRate(): number {
    return this.rate
  }

  /** Wait for a token. Callers are served in arrival order. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.waitForToken())
    this.queue = turn
    return turn
  }

  onThrottled(): void {
    this.rate = Math.max(1, this.rate / 2)
    this.tokens = Math.min(this.tokens, 0)
  }

  onSuccess(): void {
    if (this.rate < this.ceiling) this.rate = Math.min(this.ceiling, this.rate + this.ceiling / 50)
  }

  private refill(): void {
    const now = this.clock.now()
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate)
    this.last = now
  }

  private async waitForToken(): Promise<void> {
    this.refill()
    while (this.tokens < 1) {
      await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.rate) * 1000))
      this.refill()
    }
    this.tokens -= 1
  }
}
