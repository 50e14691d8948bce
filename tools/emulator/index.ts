// A local cloud emulator for tests, demos and benchmarks: AWS CodePipeline, CodeBuild and SageMaker (JSON 1.1)
// and Huawei Cloud CodeArts Pipeline (REST) on one HTTP port. Never bundled into dist.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { FaultTable } from './faults.js'
import { QuotaTable } from './quotas.js'
import { requestListener, type CallHook } from './server.js'
import { createState, retriesApplied, type EmulatorState, type RetriedService } from './state.js'
import type { CallRecord, FaultSpec, Scenario, StartOptions } from './types.js'

export interface Emulator {
  /** `http://127.0.0.1:PORT`: the endpoint for every service. */
  readonly url: string
  readonly port: number
  /** Every routed call, oldest first (cleared by reset). */
  readonly calls: readonly CallRecord[]
  /** Calls to `operation`, written as for inject: `RetryBuild`, `sagemaker:StopPipelineExecution`, `codearts:retry`. */
  callsTo(operation: string): CallRecord[]
  /** Replaces the fault for `operation` (`*` = every operation). */
  inject(operation: string, fault: FaultSpec): void
  /** Limits `operation` (`*` = every operation) to `perSecond` requests a second; above it, throttled. */
  setQuota(operation: string, perSecond: number): void
  /** Removes the fault for `operation`, or all faults (the scenario's too). */
  clearFaults(operation?: string): void
  /**
   * Runs `hook` before every call to `operation` is answered (not for requests that carry HOOK_HEADER, which a
   * hook's own requests send): the way a test lets another run act between two calls of the action.
   */
  onCall(operation: string, hook: CallHook): void
  /** Retries of `service` that took effect (replayed tokens and refused calls excluded). */
  retriesApplied(service: RetriedService): number
  /** The live state, for assertions. Pending retries settle when a client reads them, not here. */
  readonly state: EmulatorState
  /** Back to the scenario: fresh state, its faults, no calls. */
  reset(): void
  close(): Promise<void>
}

export async function startEmulator(scenario: Scenario, options: StartOptions = {}): Promise<Emulator> {
  const now = options.now ?? Date.now
  let state = createState(scenario)
  const faults = new FaultTable(scenario.faults, (scenario.latencyMs ?? 0) + (options.latencyMs ?? 0))
  const quotas = new QuotaTable(options.quotas)
  const calls: CallRecord[] = []
  const hooks = new Map<string, CallHook>()
  const server = createServer(requestListener({ state: () => state, faults, quotas, calls, hooks, now }))
  // Benchmarks open many keep-alive connections at once; a long keep-alive spares clients the race of
  // reusing a socket the server is closing (close() ends every connection anyway).
  server.maxConnections = 4096
  server.keepAliveTimeout = 65_000
  server.headersTimeout = 66_000
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const matches = (call: CallRecord, operation: string) =>
    call.operation === operation || `${call.service}:${call.operation}` === operation
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    calls,
    callsTo: operation => calls.filter(call => matches(call, operation)),
    inject: (operation, fault) => {
      faults.set(operation, fault)
    },
    setQuota: (operation, perSecond) => {
      quotas.set(operation, perSecond)
    },
    clearFaults: operation => {
      faults.clear(operation)
    },
    onCall: (operation, hook) => {
      hooks.set(operation, hook)
    },
    retriesApplied: service => retriesApplied(state, service),
    get state() {
      return state
    },
    reset() {
      state = createState(scenario)
      faults.reset()
      hooks.clear()
      calls.length = 0
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close(error => {
          if (error) reject(error)
          else resolve()
        })
        server.closeAllConnections()
      })
  }
}

export { type RetriedService } from './state.js'

export {
  DEMO_IDS,
  SCENARIOS,
  clientEnv,
  SCALED_CODEARTS_PROJECT,
  demoScenario,
  scaledCodeArtsPipeline,
  scaledScenario
} from './scenarios.js'
export { CODEARTS_ERRORS } from './codearts.js'

export type * from './types.js'
