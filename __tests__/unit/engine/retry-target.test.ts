import { describe, expect, it, jest } from '@jest/globals'
import { fakeClock } from '../../support/context.js'
import { Cancelled, currentSignal, withSignal } from '../../../src/transport/cancellation.js'
import { deriveToken } from '../../../src/engine/idempotency.js'
import type { ActionRequest } from '../../../src/model/request.js'
import type {
  Candidate,
  Discovery,
  Progress,
  Provider,
  RetryRequest,
  Snapshot,
  Started
} from '../../../src/model/provider.js'
import { RunLedger } from '../../../src/engine/run-ledger.js'
import { serviceOf } from '../../../src/services/registry.js'
import { retryTarget, type TargetDeps } from '../../../src/engine/retry-target.js'
import type { TargetResult } from '../../../src/model/target.js'
import type { CodePipelineTarget as Target } from '../../../src/services/codepipeline/target.js'

const target: Target = {
  service: 'codepipeline',
  label: 'codepipeline:release/Deploy',
  pipelineName: 'release',
  stageName: 'Deploy'
}
const EXEC = '3137f7cb-7cf7-4d2c-9f2a-1b2c3d4e5f60'

const candidate: Candidate = {
  executionId: EXEC,
  stageName: 'Deploy',
  previousAttempts: 1,
  attemptsBasis: '1 manual + 0 automatic',
  revision: `${EXEC} Failed 1 0`,
  description: `stage Deploy of execution ${EXEC}`,
  consoleUrl: 'https://console.example/old'
}
const started: Started = {
  executionId: EXEC,
  executionArn: 'arn:example',
  stageName: 'Deploy',
  consoleUrl: 'https://console.example/new'
}

type Step = Progress | (() => Progress)

/** A Provider whose every method is a jest mock, scripted per test. */
function fakeProvider(
  setup: {
    discovery?: Discovery | (() => Promise<Discovery>)
    retry?: () => Promise<Started>
    recheck?: () => Promise<Snapshot>
    statuses?: Step[]
    stop?: () => Promise<void>
  } = {}
) {
  let i = 0
  const statuses = setup.statuses ?? [{ state: 'succeeded' }]
  const provider = {
    discover: jest.fn((_t: Target) => {
      const d = setup.discovery ?? { kind: 'found', candidate }
      return typeof d === 'function' ? d() : Promise.resolve(d)
    }),
    consoleHosts: ['console.example'],
    recheck: jest.fn((_t: Target, _c: Candidate) =>
      setup.recheck
        ? setup.recheck()
        : Promise.resolve<Snapshot>({
            state: 'failed',
            revision: candidate.revision,
            current: started,
            description: 'unchanged'
          })
    ),
    retry: jest.fn((_t: Target, _c: Candidate, _r: RetryRequest) =>
      setup.retry ? setup.retry() : Promise.resolve(started)
    ),
    status: jest.fn((_t: Target, _s: Started) => {
      const step = statuses[Math.min(i++, statuses.length - 1)] as Step
      return Promise.resolve(typeof step === 'function' ? step() : step)
    }),
    stop: jest.fn((_t: Target, _s: Started, _reason: string) =>
      setup.stop ? setup.stop() : Promise.resolve()
    )
  }
  const typed: Provider = provider
  return { provider, typed }
}

function request(overrides: Partial<ActionRequest> = {}): ActionRequest {
  return {
    mode: 'single',
    targets: [target],
    retryMode: 'failed',
    dryRun: false,
    maxAttempts: 3,
    policy: { retryOn: [{ kind: 'any' }] },
    retries: 1,
    retryDelayMs: 60_000,
    concurrency: 1,
    connection: { clouds: { aws: { region: 'us-east-1' } } },
    maxRetries: 0,
    ...overrides
  }
}

function deps(overrides: Partial<TargetDeps> = {}) {
  const logs: string[] = []
  const warnings: string[] = []
  const d: TargetDeps = {
    clock: fakeClock(0),
    random: () => 0.5,
    signal: new AbortController().signal,
    log: m => logs.push(m),
    warn: m => warnings.push(m),
    ...overrides
  }
  return { d, logs, warnings }
}

const WAIT = { timeoutMs: 60_000, pollIntervalMs: 10_000, cancelOnAbort: false }

describe('retryTarget before the retry', () => {
  it('an execution already claimed by another target of the run is not retried again', async () => {
    const ledger = new RunLedger(serviceOf)
    const first = fakeProvider()
    const second = fakeProvider()
    const one = await retryTarget(target, first.typed, request(), deps({ ledger }).d)
    const two = await retryTarget(
      { ...target, label: 'codepipeline:release' },
      second.typed,
      request(),
      deps({ ledger }).d
    )
    expect(one.status).toBe('in-progress')
    expect(two.status).toBe('nothing-to-retry')
    expect(two.message).toContain(`already handled by ${target.label}`)
    expect(second.provider.retry).not.toHaveBeenCalled()
  })

  it('a later line that finds nothing because this run retried it says so', async () => {
    const ledger = new RunLedger(serviceOf)
    await retryTarget(target, fakeProvider().typed, request(), deps({ ledger }).d)
    const nothing = fakeProvider({ discovery: { kind: 'nothing', reason: 'latest execution is InProgress' } })
    const later = await retryTarget(
      { ...target, label: 'codepipeline:release' },
      nothing.typed,
      request(),
      deps({ ledger }).d
    )
    expect(later.status).toBe('nothing-to-retry')
    expect(later.message).toBe(
      `latest execution is InProgress (retried by ${target.label} earlier in this run)`
    )
  })

  it('nothing to retry: status nothing-to-retry with the reason, no retry', async () => {
    const { provider, typed } = fakeProvider({
      discovery: { kind: 'nothing', reason: 'latest execution succeeded' }
    })
    const result = await retryTarget(target, typed, request(), deps().d)
    expect(result).toEqual({
      service: 'codepipeline',
      target: 'codepipeline:release/Deploy',
      retried: false,
      executionId: '',
      executionArn: '',
      stageName: 'Deploy',
      status: 'nothing-to-retry',
      consoleUrl: '',
      message: 'latest execution succeeded',
      attempts: 0,
      failure: ''
    })
    expect(provider.retry).not.toHaveBeenCalled()
  })

  it.each([
    [3, 3],
    [3, 7],
    [1, 1]
  ])(
    'max-attempts %d with %d earlier retries: skipped with a warning',
    async (maxAttempts, previousAttempts) => {
      const { provider, typed } = fakeProvider({
        discovery: { kind: 'found', candidate: { ...candidate, previousAttempts } }
      })
      const { d, warnings } = deps()
      const result = await retryTarget(target, typed, request({ maxAttempts }), d)
      expect(result.status).toBe('skipped')
      expect(result.retried).toBe(false)
      expect(result.executionId).toBe(EXEC)
      expect(result.message).toContain(`max-attempts is ${maxAttempts}`)
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toContain('codepipeline:release/Deploy')
      expect(provider.retry).not.toHaveBeenCalled()
    }
  )

  it.each<[string, number, number | undefined]>([
    ['below the cap', 3, 2],
    ['0 = no limit', 0, 1000],
    ['attempts unknown', 1, undefined]
  ])('is retried when %s', async (_, maxAttempts, previousAttempts) => {
    const c: Candidate = { ...candidate }
    if (previousAttempts === undefined) delete c.previousAttempts
    else c.previousAttempts = previousAttempts
    const { provider, typed } = fakeProvider({ discovery: { kind: 'found', candidate: c } })
    const result = await retryTarget(target, typed, request({ maxAttempts }), deps().d)
    expect(result.status).toBe('in-progress')
    expect(provider.retry).toHaveBeenCalledTimes(1)
  })

  it('dry-run reports what would be retried and calls no retry', async () => {
    const { provider, typed } = fakeProvider()
    const result = await retryTarget(target, typed, request({ dryRun: true }), deps().d)
    expect(result).toMatchObject({
      status: 'dry-run',
      retried: false,
      executionId: EXEC,
      consoleUrl: 'https://console.example/old',
      message: `would retry ${candidate.description}`
    })
    expect(provider.retry).not.toHaveBeenCalled()
    expect(provider.stop).not.toHaveBeenCalled()
  })

  it('a cancelled workflow starts no retry', async () => {
    const { provider, typed } = fakeProvider()
    const result = await retryTarget(target, typed, request(), deps({ signal: AbortSignal.abort() }).d)
    expect(result.retried).toBe(false)
    expect(result.status).toBe('cancelled')
    expect(result.message).toContain('cancelled')
    expect(provider.discover).not.toHaveBeenCalled()
    expect(provider.retry).not.toHaveBeenCalled()

    const controller = new AbortController()
    const late = fakeProvider({
      discovery: () => {
        controller.abort()
        return Promise.resolve({ kind: 'found', candidate })
      }
    })
    const r2 = await retryTarget(target, late.typed, request(), deps({ signal: controller.signal }).d)
    expect(r2).toMatchObject({ status: 'cancelled', retried: false, executionId: EXEC })
    expect(late.provider.retry).not.toHaveBeenCalled()
  })
})

describe('retryTarget: the retry', () => {
  it('derives the idempotency token (64 hex) from the execution as sent and its retry count', async () => {
    const { provider, typed } = fakeProvider()
    await retryTarget(target, typed, request({ retryMode: 'all' }), deps().d)
    const sent = provider.retry.mock.calls[0]?.[2]
    expect(sent).toEqual({
      mode: 'all',
      token: deriveToken('codepipeline', EXEC, 1),
      beforeResend: expect.any(Function)
    })
    expect(sent?.token).toMatch(/^[0-9a-f]{64}$/)
    expect(provider.retry.mock.calls[0]?.[1]).toBe(candidate)
  })

  it('uses the given idempotency token and max-parallel-steps', async () => {
    const { provider, typed } = fakeProvider()
    await retryTarget(target, typed, request({ idempotencyToken: 'mine', maxParallelSteps: 4 }), deps().d)
    expect(provider.retry.mock.calls[0]?.[2]).toEqual({
      mode: 'failed',
      token: 'mine',
      maxParallelSteps: 4,
      beforeResend: expect.any(Function)
    })
  })

  it('without wait: in-progress with the started execution, and reads no status', async () => {
    const { provider, typed } = fakeProvider()
    const onStarted = jest.fn<(r: TargetResult) => void>()
    const result = await retryTarget(target, typed, request(), deps({ onStarted }).d)
    expect(result).toEqual({
      service: 'codepipeline',
      target: 'codepipeline:release/Deploy',
      retried: true,
      executionId: EXEC,
      executionArn: 'arn:example',
      stageName: 'Deploy',
      status: 'in-progress',
      consoleUrl: 'https://console.example/new',
      message: `retried ${candidate.description}`,
      attempts: 1,
      failure: ''
    })
    expect(onStarted).toHaveBeenCalledWith(result)
    expect(provider.status).not.toHaveBeenCalled()
  })

  it('calls onStarted as soon as the retry is accepted, before waiting', async () => {
    const { provider, typed } = fakeProvider({ statuses: [{ state: 'in-progress' }, { state: 'succeeded' }] })
    let readsWhenStarted = -1
    const onStarted = jest.fn((r: TargetResult) => {
      readsWhenStarted = provider.status.mock.calls.length
      expect(r).toMatchObject({ retried: true, status: 'in-progress', executionId: EXEC })
    })
    const result = await retryTarget(target, typed, request({ wait: WAIT }), deps({ onStarted }).d)
    expect(onStarted).toHaveBeenCalledTimes(1)
    expect(readsWhenStarted).toBe(0)
    expect(result.status).toBe('succeeded')
  })
})

describe('retryTarget: waiting', () => {
  it.each<[Progress, TargetResult['status']]>([
    [{ state: 'succeeded' }, 'succeeded'],
    [{ state: 'failed', reason: 'Deploy failed: boom' }, 'failed'],
    [{ state: 'stopped', reason: 'stopped by alice' }, 'stopped']
  ])('%p ends as %s', async (end, status) => {
    const { provider, typed } = fakeProvider({ statuses: [{ state: 'in-progress', phase: 'Build' }, end] })
    const result = await retryTarget(target, typed, request({ wait: WAIT }), deps().d)
    expect(result.status).toBe(status)
    expect(result.retried).toBe(true)
    if (end.reason) expect(result.message).toContain(end.reason)
    else expect(result.message).toContain('succeeded after 20s')
    expect(provider.status).toHaveBeenCalledTimes(2)
    expect(provider.status.mock.calls[0]?.[1]).toBe(started)
  })

  it('times out: status timed-out with a warning naming the console link', async () => {
    const { provider, typed } = fakeProvider({ statuses: [{ state: 'in-progress' }] })
    const { d, warnings } = deps()
    const result = await retryTarget(target, typed, request({ wait: { ...WAIT, timeoutMs: 30_000 } }), d)
    expect(result.status).toBe('timed-out')
    expect(result.executionId).toBe(EXEC)
    expect(result.message).toContain('https://console.example/new')
    expect(warnings).toHaveLength(1)
    expect(provider.status).toHaveBeenCalledTimes(3)
    expect(provider.stop).not.toHaveBeenCalled()
  })

  it('abort without cancel-on-abort leaves the execution running: in-progress, no stop', async () => {
    const controller = new AbortController()
    const { provider, typed } = fakeProvider({
      statuses: [
        () => {
          controller.abort('SIGINT')
          return { state: 'in-progress' }
        }
      ]
    })
    const result = await retryTarget(
      target,
      typed,
      request({ wait: WAIT }),
      deps({ signal: controller.signal }).d
    )
    expect(result.status).toBe('in-progress')
    expect(result.retried).toBe(true)
    expect(result.message).toContain('left running')
    expect(provider.stop).not.toHaveBeenCalled()
  })

  it('abort with cancel-on-abort stops the execution: status stopped', async () => {
    const controller = new AbortController()
    const { provider, typed } = fakeProvider({
      statuses: [
        () => {
          controller.abort('SIGTERM')
          return { state: 'in-progress' }
        }
      ]
    })
    const result = await retryTarget(
      target,
      typed,
      request({ wait: { ...WAIT, cancelOnAbort: true } }),
      deps({ signal: controller.signal }).d
    )
    expect(result.status).toBe('stopped')
    expect(provider.stop).toHaveBeenCalledTimes(1)
    expect(provider.stop.mock.calls[0]?.[0]).toBe(target)
    expect(provider.stop.mock.calls[0]?.[1]).toBe(started)
    expect(provider.stop.mock.calls[0]?.[2]).toMatch(/cancel/i)
  })
})

describe('retryTarget never throws', () => {
  const thrown: [string, unknown][] = [
    ['an Error', new Error('discovery exploded')],
    ['a string', 'plain string'],
    ['an object with a message', { message: 'object message' }],
    ['undefined', undefined],
    ['null', null],
    ['a number', 42]
  ]

  it.each(thrown)('discover throwing %s gives status error with a message', async (_, value) => {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- non-Errors on purpose
    const { typed } = fakeProvider({ discovery: () => Promise.reject(value) })
    const { d, warnings } = deps()
    const result = await retryTarget(target, typed, request(), d)
    expect(result.status).toBe('error')
    expect(result.retried).toBe(false)
    expect(typeof result.message).toBe('string')
    expect(result.message.length).toBeGreaterThan(0)
    expect(warnings).toHaveLength(1)
  })

  it('the retry call failing: status error with its message', async () => {
    const { typed } = fakeProvider({
      retry: () => Promise.reject(new Error('StageNotRetryableException: no'))
    })
    const result = await retryTarget(target, typed, request(), deps().d)
    expect(result).toMatchObject({
      status: 'error',
      retried: false,
      executionId: EXEC,
      message: 'StageNotRetryableException: no'
    })
  })

  it('a status read failing after the retry: error, still naming the started execution', async () => {
    const { provider, typed } = fakeProvider()
    provider.status.mockImplementation(() =>
      Promise.reject(Object.assign(new Error('denied'), { name: 'AccessDenied' }))
    )
    const result = await retryTarget(target, typed, request({ wait: WAIT }), deps().d)
    expect(result).toMatchObject({ status: 'error', retried: true, executionId: EXEC, message: 'denied' })
  })

  it('stop failing on abort: the execution may still run (in-progress), with the reason', async () => {
    const controller = new AbortController()
    const { typed } = fakeProvider({
      statuses: [
        () => {
          controller.abort()
          return { state: 'in-progress' }
        }
      ],
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      stop: () => Promise.reject('cannot stop')
    })
    const result = await retryTarget(
      target,
      typed,
      request({ wait: { ...WAIT, cancelOnAbort: true } }),
      deps({ signal: controller.signal }).d
    )
    expect(result).toMatchObject({ status: 'in-progress', retried: true })
    expect(result.message).toContain('(cannot stop)')
  })
})

describe('retryTarget: cut off by a cancel', () => {
  it('a retry call cut off in flight is an error that says it may have been applied, with the link', async () => {
    const { typed } = fakeProvider({
      retry: () => Promise.reject(new Cancelled('RetryStageExecution', true, 'SIGINT'))
    })
    const { d, warnings } = deps()
    const result = await retryTarget(target, typed, request(), d)
    expect(result.status).toBe('error')
    expect(result.retried).toBe(false)
    expect(result.message).toContain('may have been applied')
    expect(result.message).toContain('https://console.example/old')
    expect(warnings).toHaveLength(1)
  })

  it('a retry call cut off while nothing was out (a pause after throttling) is cancelled: nothing retried', async () => {
    const { typed } = fakeProvider({
      retry: () => Promise.reject(new Cancelled('RetryStageExecution', false, 'SIGINT'))
    })
    const result = await retryTarget(target, typed, request(), deps().d)
    expect(result).toMatchObject({ status: 'cancelled', retried: false })
    expect(result.message).toContain('nothing was retried')
  })

  it('reports, phase by phase, what a cut-off step would say', async () => {
    const reported: TargetResult[] = []
    const { typed } = fakeProvider()
    await retryTarget(target, typed, request(), deps({ onProgress: r => reported.push(r) }).d)
    expect(reported.map(r => r.status)).toEqual(['cancelled', 'error', 'in-progress'])
    expect(reported[1]?.message).toContain('may have been applied')
    expect(reported[2]).toMatchObject({ retried: true, executionId: EXEC })
  })

  it('a stop that fails or hangs past its bound leaves the status in-progress, saying so', async () => {
    const controller = new AbortController()
    const { provider, typed } = fakeProvider({
      statuses: [
        () => {
          controller.abort('SIGINT')
          return { state: 'in-progress' }
        }
      ],
      stop: () => Promise.reject(new Error('StopPipelineExecution failed: no answer'))
    })
    const { d, warnings } = deps({ signal: controller.signal })
    const result = await retryTarget(target, typed, request({ wait: { ...WAIT, cancelOnAbort: true } }), d)
    expect(provider.stop).toHaveBeenCalledTimes(1)
    expect(result.status).toBe('in-progress')
    expect(result.message).toContain('the stop call (cancel-on-abort) was not made or not answered')
    expect(result.message).toContain('no answer')
    expect(warnings).toHaveLength(1)
  })

  it('the stop call runs in a scope of its own, not the cancelled one', async () => {
    const controller = new AbortController()
    let scope: AbortSignal | undefined
    const { typed } = fakeProvider({
      statuses: [
        () => {
          controller.abort('SIGINT')
          return { state: 'in-progress' }
        }
      ],
      stop: () => {
        scope = currentSignal()
        return Promise.resolve()
      }
    })
    const d = deps({ signal: controller.signal }).d
    const result = await withSignal(controller.signal, () =>
      retryTarget(target, typed, request({ wait: { ...WAIT, cancelOnAbort: true } }), d)
    )
    expect(result.status).toBe('stopped')
    expect(scope).toBeDefined()
    expect(scope?.aborted).toBe(false)
  })
})

describe('retryTarget: API text', () => {
  it('keeps results one line, within the size cap, and drops links off the console host', async () => {
    const hostile = `boom\n::warning::injected\r\n${'x'.repeat(5000)}`
    const { typed } = fakeProvider({
      discovery: {
        kind: 'found',
        candidate: { ...candidate, description: hostile, consoleUrl: 'javascript:alert(1)' }
      }
    })
    const result = await retryTarget(target, typed, request({ dryRun: true }), deps().d)
    expect(result.message).not.toMatch(/[\r\n]/)
    expect(result.message.length).toBeLessThanOrEqual(1000)
    expect(result.consoleUrl).toBe('')
  })
})

describe('retryTarget: the retry policy and the wait loop', () => {
  const transient: Candidate = {
    ...candidate,
    failure: { reason: 'DeployApp: JobFailed: Rate exceeded', transient: "names 'rate exceeded'" }
  }
  const deterministic: Candidate = {
    ...candidate,
    failure: { reason: 'DeployApp: JobFailed: 3 tests failed' }
  }
  const failed = (reason: string): Progress => ({ state: 'failed', reason, failure: { reason } })
  /** Discoveries in turn (the last repeats). */
  const discoveries = (...list: Discovery[]) => {
    let i = 0
    return () => Promise.resolve(list[Math.min(i++, list.length - 1)] as Discovery)
  }
  const TRANSIENT_ONLY = { retryOn: [{ kind: 'transient' as const }] }

  it('a failure retry-on does not match is skipped, naming why, with no retry call', async () => {
    const { provider, typed } = fakeProvider({ discovery: { kind: 'found', candidate: deterministic } })
    const result = await retryTarget(target, typed, request({ policy: TRANSIENT_ONLY }), deps().d)
    expect(result).toMatchObject({
      status: 'skipped',
      retried: false,
      attempts: 0,
      failure: deterministic.failure?.reason
    })
    expect(result.message).toContain('a deterministic failure, and retry-on (transient) does not match it')
    expect(provider.retry).not.toHaveBeenCalled()
  })

  it('dry-run applies the policy too', async () => {
    const { provider, typed } = fakeProvider({ discovery: { kind: 'found', candidate: transient } })
    const result = await retryTarget(
      target,
      typed,
      request({ policy: TRANSIENT_ONLY, dryRun: true }),
      deps().d
    )
    expect(result.status).toBe('dry-run')
    const skipped = await retryTarget(
      target,
      fakeProvider({ discovery: { kind: 'found', candidate: deterministic } }).typed,
      request({ policy: TRANSIENT_ONLY, dryRun: true }),
      deps().d
    )
    expect(skipped.status).toBe('skipped')
    expect(provider.retry).not.toHaveBeenCalled()
  })

  it('follows a running execution to success: succeeded, nothing retried', async () => {
    const { provider, typed } = fakeProvider({
      discovery: { kind: 'nothing', reason: 'latest execution is InProgress', running: started },
      statuses: [{ state: 'in-progress' }, { state: 'succeeded' }]
    })
    const result = await retryTarget(target, typed, request({ wait: WAIT }), deps().d)
    expect(result).toMatchObject({ status: 'succeeded', retried: false, attempts: 0, executionId: EXEC })
    expect(provider.retry).not.toHaveBeenCalled()
  })

  it('follows a running execution that fails, then retries it per the policy', async () => {
    const { provider, typed } = fakeProvider({
      discovery: discoveries(
        { kind: 'nothing', reason: 'running', running: started },
        { kind: 'found', candidate: transient }
      ),
      // A failure read first is read once more to confirm it (pollUntilDone).
      statuses: [failed('Rate exceeded'), failed('Rate exceeded'), { state: 'succeeded' }]
    })
    const result = await retryTarget(target, typed, request({ wait: WAIT, policy: TRANSIENT_ONLY }), deps().d)
    expect(result).toMatchObject({ status: 'succeeded', retried: true, attempts: 1 })
    expect(provider.retry).toHaveBeenCalledTimes(1)
  })

  it('a followed execution that fails for a reason retry-on does not match ends the step failed', async () => {
    const { provider, typed } = fakeProvider({
      discovery: discoveries(
        { kind: 'nothing', reason: 'running', running: started },
        { kind: 'found', candidate: deterministic }
      ),
      statuses: [failed('3 tests failed')]
    })
    const result = await retryTarget(target, typed, request({ wait: WAIT, policy: TRANSIENT_ONLY }), deps().d)
    expect(result.status).toBe('failed')
    expect(result.message).toContain('not retried again')
    expect(provider.retry).not.toHaveBeenCalled()
  })

  it('retries again after a pause that doubles, until it succeeds (the third retry)', async () => {
    const clock = fakeClock(0)
    const { provider, typed } = fakeProvider({
      discovery: { kind: 'found', candidate: transient },
      // Each failure is read twice (the first failed read right after a retry is confirmed).
      statuses: [...Array<Progress>(4).fill(failed('Rate exceeded')), { state: 'succeeded' }]
    })
    const result = await retryTarget(
      target,
      typed,
      request({ wait: { ...WAIT, timeoutMs: 3_600_000 }, retries: 3, retryDelayMs: 60_000 }),
      deps({ clock }).d
    )
    expect(result).toMatchObject({ status: 'succeeded', retried: true, attempts: 3 })
    expect(provider.retry).toHaveBeenCalledTimes(3)
    // The pauses between retries (poll intervals of 10 s are the other sleeps).
    expect(clock.slept.filter(ms => ms >= 60_000)).toEqual([60_000, 120_000])
  })

  it('stops when the retries are used up: failed, saying so', async () => {
    const { provider, typed } = fakeProvider({
      discovery: { kind: 'found', candidate: transient },
      statuses: [failed('Rate exceeded')]
    })
    const result = await retryTarget(
      target,
      typed,
      request({ wait: { ...WAIT, timeoutMs: 3_600_000 }, retries: 2, retryDelayMs: 1000 }),
      deps().d
    )
    expect(result).toMatchObject({ status: 'failed', attempts: 2, failure: 'Rate exceeded' })
    expect(result.message).toContain('retries used up (2)')
    expect(provider.retry).toHaveBeenCalledTimes(2)
  })

  it('stops when the new failure is one retry-on does not match', async () => {
    const { provider, typed } = fakeProvider({
      discovery: discoveries(
        { kind: 'found', candidate: transient },
        { kind: 'found', candidate: deterministic }
      ),
      statuses: [failed('3 tests failed')]
    })
    const result = await retryTarget(
      target,
      typed,
      request({
        wait: { ...WAIT, timeoutMs: 3_600_000 },
        retries: 5,
        retryDelayMs: 1000,
        policy: TRANSIENT_ONLY
      }),
      deps().d
    )
    expect(result).toMatchObject({ status: 'failed', attempts: 1 })
    expect(result.message).toContain('not retried again: not retried: a deterministic failure')
    expect(provider.retry).toHaveBeenCalledTimes(1)
  })

  it('stops when max-attempts is reached across the loop', async () => {
    const { provider, typed } = fakeProvider({
      discovery: discoveries(
        { kind: 'found', candidate: { ...transient, previousAttempts: 1 } },
        { kind: 'found', candidate: { ...transient, previousAttempts: 2 } }
      ),
      statuses: [failed('Rate exceeded')]
    })
    const { d } = deps()
    const result = await retryTarget(
      target,
      typed,
      request({ wait: { ...WAIT, timeoutMs: 3_600_000 }, retries: 5, retryDelayMs: 1000, maxAttempts: 2 }),
      d
    )
    expect(result).toMatchObject({ status: 'failed', attempts: 1 })
    expect(result.message).toContain('max-attempts is 2')
    expect(provider.retry).toHaveBeenCalledTimes(1)
  })

  it('timeout-minutes bounds the whole loop: no retry that the budget cannot pause for', async () => {
    const { provider, typed } = fakeProvider({
      discovery: { kind: 'found', candidate: transient },
      statuses: [failed('Rate exceeded')]
    })
    const result = await retryTarget(
      target,
      typed,
      request({ wait: { ...WAIT, timeoutMs: 120_000 }, retries: 5, retryDelayMs: 600_000 }),
      deps().d
    )
    expect(result.status).toBe('failed')
    expect(result.message).toContain('timeout-minutes leaves no time for another retry')
    expect(provider.retry).toHaveBeenCalledTimes(1)
  })
})
