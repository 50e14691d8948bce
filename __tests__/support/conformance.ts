// The provider conformance kit: the checks every service's provider must pass, run in-process against the
// emulator over HTTP (the provider's real client, the real caller on a fake clock). A service gets them by
// declaring its fixture (__tests__/unit/services/conformance.test.ts): its descriptor, the demo scenario's
// target with a failed latest execution, and how it authenticates.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { ServiceCallError } from '../../src/model/errors.js'
import type { Provider } from '../../src/model/provider.js'
import type { ServiceDescriptor } from '../../src/model/service.js'
import type { TargetBase } from '../../src/model/target.js'
import { changedSince } from '../../src/engine/send-retry.js'
import { createCaller, DEFAULT_BACKOFF } from '../../src/transport/caller.js'
import {
  demoScenario,
  startEmulator,
  type Emulator,
  type RetriedService
} from '../../tools/emulator/index.js'
import { fakeClock } from './context.js'

export interface ConformanceFixture {
  service: ServiceDescriptor
  /** The emulator's name for the service (retriesApplied). */
  emulated: RetriedService
  /** A `targets` line's RESOURCE naming the demo's resource whose latest execution failed. */
  resource: string
  /** What the provider is built with besides the endpoint (a token, Huawei credentials). */
  credentials?: unknown
  /** The operation the provider's discovery calls first (for the error mapping checks). */
  firstOperation: string
  /** Whether the service reports earlier retries (`max-attempts` applies). */
  retryCounter: boolean
  /** The region (location) its provider is built for; default us-east-1. */
  region?: string
  /** A listing query and a name it must return, when the service lists resources for patterns. */
  listing?: { scope?: string; name: string }
}

/** Registers the conformance checks for `fixture`. */
export function conformance(fixture: ConformanceFixture): void {
  describe(`provider conformance: ${fixture.service.name}`, () => {
    let emu: Emulator
    let provider: Provider
    const target = (): TargetBase => fixture.service.fromLine(fixture.resource, 'conformance')
    const build = async (maxAttempts = DEFAULT_BACKOFF.maxAttempts): Promise<Provider> => {
      const module = await fixture.service.load()
      const call = createCaller(module.errors, {
        clock: fakeClock(),
        random: () => 0.5,
        policy: { ...DEFAULT_BACKOFF, maxAttempts },
        log: () => undefined
      })
      return module.create({
        region: fixture.region ?? 'us-east-1',
        endpoint: emu.url,
        call,
        ...(fixture.credentials !== undefined ? { credentials: fixture.credentials } : {})
      })
    }
    beforeAll(async () => {
      process.env.AWS_ACCESS_KEY_ID ??= 'AKIDCONFORMANCE'
      process.env.AWS_SECRET_ACCESS_KEY ??= 'conformance-not-a-secret'
      emu = await startEmulator(demoScenario())
    })
    afterAll(async () => emu.close())
    beforeEach(async () => {
      emu.reset()
      provider = await build()
    })

    it('discovers the newest execution, failed, with a failure reason and a console link of its own', async () => {
      const found = await provider.discover(target())
      if (found.kind !== 'found') throw new Error(`expected a failed execution, got ${JSON.stringify(found)}`)
      expect(found.candidate.failure?.reason).toEqual(expect.any(String))
      expect(found.candidate.failure?.reason.length).toBeGreaterThan(0)
      expect(provider.consoleHosts.some(h => new URL(found.candidate.consoleUrl).hostname.endsWith(h))).toBe(
        true
      )
      expect(found.candidate.previousAttempts === undefined).toBe(!fixture.retryCounter)
    })

    it('the re-send guard: a fresh read sees the same failure, then a change once it was retried', async () => {
      const found = await provider.discover(target())
      if (found.kind !== 'found') throw new Error('expected a failed execution')
      const { candidate } = found
      expect(changedSince(candidate, await provider.recheck(target(), candidate))).toBe(false)
      await provider.retry(target(), candidate, { mode: 'failed', token: 'c'.repeat(64) })
      expect(emu.retriesApplied(fixture.emulated)).toBe(1)
      expect(changedSince(candidate, await provider.recheck(target(), candidate))).toBe(true)
      // Retried, the newest execution is not a failure to retry again.
      expect((await provider.discover(target())).kind).not.toBe('found')
    })

    it('the same retry sent twice takes effect once: the token answers it again, or the service refuses it', async () => {
      const found = await provider.discover(target())
      if (found.kind !== 'found') throw new Error('expected a failed execution')
      const request = { mode: 'failed' as const, token: 'd'.repeat(64) }
      const first = await provider.retry(target(), found.candidate, request)
      const second = await provider.retry(target(), found.candidate, request).then(
        started => started,
        (error: unknown) => error
      )
      if (second instanceof ServiceCallError) expect(second.refusal).toBe(true)
      else expect(second).toEqual(first)
      expect(emu.retriesApplied(fixture.emulated)).toBe(1)
    })

    it.each([
      [401, false, false],
      [403, false, false],
      [404, false, false],
      [429, true, true],
      [503, true, false]
    ])(
      'an HTTP %s answer is a ServiceCallError: transient %s, throttling %s',
      async (status, transient, throttling) => {
        provider = await build(2)
        emu.inject(fixture.firstOperation, {
          error: {
            code: status === 429 ? 'TooManyRequestsException' : `HTTP${status}`,
            message: `status ${status}`,
            status,
            times: 5
          }
        })
        const error = await provider.discover(target()).then(
          () => undefined,
          (e: unknown) => e
        )
        expect(error).toBeInstanceOf(ServiceCallError)
        expect([(error as ServiceCallError).transient, (error as ServiceCallError).throttling]).toEqual([
          transient,
          throttling
        ])
      }
    )

    if (fixture.listing)
      it('lists the resources a pattern covers (every page)', async () => {
        const { scope, name } = fixture.listing!
        const listed = await provider.list!({
          glob: '*',
          prefix: '',
          ...(scope !== undefined ? { scope } : {})
        })
        expect(listed.map(l => l.name)).toContain(name)
      })
  })
}
