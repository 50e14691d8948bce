// Fault injection by operation name. A key matches `service:operation`, the bare operation, or `*`;
// the most specific key that has something left applies.
import type { HuaweiErrorForm } from './errors.js'
import type { FaultSpec, ServiceName } from './types.js'

export type Fault =
  | { kind: 'drop' }
  | { kind: 'throttle' }
  | { kind: 'serverError'; status: 500 | 503 }
  | { kind: 'error'; code: string; message: string; status: number; form?: HuaweiErrorForm }
  | { kind: 'loseResponse' }
  | { kind: 'garble'; form: 'truncated' | 'html' | 'empty' | 'cut' }
  | { kind: 'hang' }

type Counted = 'drop' | 'throttle' | 'serverError' | 'loseResponse' | 'garble' | 'hang'

interface Armed {
  spec: FaultSpec
  left: Record<Counted | 'error', number>
}

const arm = (spec: FaultSpec): Armed => ({
  spec,
  left: {
    drop: spec.drop ?? 0,
    throttle: spec.throttle ?? 0,
    serverError: spec.serverError ?? 0,
    error: spec.error ? (spec.error.times ?? 1) : 0,
    loseResponse: spec.loseResponse ?? 0,
    garble: spec.garble ?? 0,
    hang: spec.hang ?? 0
  }
})

const ORDER = ['hang', 'drop', 'throttle', 'serverError', 'error', 'loseResponse', 'garble'] as const

export class FaultTable {
  private readonly armed = new Map<string, Armed>()

  constructor(
    private readonly scenarioFaults: Readonly<Record<string, FaultSpec>> = {},
    private readonly baseLatencyMs = 0
  ) {
    this.reset()
  }

  /** Back to the scenario's faults. */
  reset(): void {
    this.armed.clear()
    for (const [operation, spec] of Object.entries(this.scenarioFaults)) this.set(operation, spec)
  }

  set(operation: string, spec: FaultSpec): void {
    this.armed.set(operation, arm(spec))
  }

  clear(operation?: string): void {
    if (operation === undefined) this.armed.clear()
    else this.armed.delete(operation)
  }

  private matching(service: ServiceName, operation: string): Armed[] {
    return [`${service}:${operation}`, operation, '*'].flatMap(key => this.armed.get(key) ?? [])
  }

  /** Global latency plus the most specific matching spec's latency. */
  latencyMs(service: ServiceName, operation: string): number {
    const specific = this.matching(service, operation).find(a => a.spec.latencyMs !== undefined)
    return this.baseLatencyMs + (specific?.spec.latencyMs ?? 0)
  }

  /** Consumes and returns the fault for this call, if any. */
  take(service: ServiceName, operation: string): Fault | undefined {
    for (const armed of this.matching(service, operation)) {
      const kind = ORDER.find(k => armed.left[k] > 0)
      if (kind === undefined) continue
      armed.left[kind] -= 1
      const { spec } = armed
      if (kind === 'serverError') return { kind, status: spec.serverErrorStatus ?? 500 }
      if (kind === 'garble') return { kind, form: spec.garbleForm ?? 'truncated' }
      if (kind === 'error' && spec.error) {
        const { code, message = `Injected ${spec.error.code}`, status = 400, form } = spec.error
        return { kind, code, message, status, ...(form ? { form } : {}) }
      }
      if (kind !== 'error') return { kind }
    }
    return undefined
  }
}
