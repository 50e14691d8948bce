/** CodeBuild documents five minutes; SageMaker documents none, so the emulator uses the same window. */
const IDEMPOTENCY_WINDOW_MS = 5 * 60_000

export type TokenLookup<T> = { kind: 'new' } | { kind: 'replay'; value: T } | { kind: 'mismatch' }

/** Remembers idempotency tokens for the window (emulator clock), keyed by the request's parameters. */
export class IdempotencyCache<T> {
  private readonly entries = new Map<string, { params: string; value: T; at: number }>()

  lookup(token: string, params: string, now: number): TokenLookup<T> {
    const entry = this.entries.get(token)
    if (entry === undefined) return { kind: 'new' }
    if (now - entry.at >= IDEMPOTENCY_WINDOW_MS) {
      this.entries.delete(token)
      return { kind: 'new' }
    }
    return entry.params === params ? { kind: 'replay', value: entry.value } : { kind: 'mismatch' }
  }

  remember(token: string, params: string, value: T, now: number): void {
    this.entries.set(token, { params, value, at: now })
  }
}
