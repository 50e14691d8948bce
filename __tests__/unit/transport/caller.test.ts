import { describe, expect, it, jest } from '@jest/globals'
import { fakeClock, networkError, sdkError } from '../../support/context.js'
import { createCaller, fullJitter, type BackoffPolicy } from '../../../src/transport/caller.js'
import { type ErrorSpec } from '../../../src/model/call.js'
import { Cancelled, withSignal } from '../../../src/transport/cancellation.js'
import { ServiceCallError } from '../../../src/model/errors.js'
import { RateLimits } from '../../../src/transport/rate-limit.js'

const POLICY: BackoffPolicy = { maxAttempts: 6, baseMs: 1000, capMs: 5000, budgetMs: 60_000 }

/** A random source that returns the given values in turn (the last one repeats). */
function randomSeq(...values: number[]): () => number {
  let i = 0
  return () => values[Math.min(i++, values.length - 1)] ?? 0
}

function setup(spec: ErrorSpec = {}, policy: BackoffPolicy = POLICY, random = randomSeq(0.5)) {
  const clock = fakeClock(0)
  const logs: string[] = []
  const call = createCaller(spec, { clock, random, policy, log: m => logs.push(m) })
  return { call, clock, logs }
}

/** A send() that throws each error in turn, then resolves with `value`. */
function failing<T>(errors: unknown[], value: T) {
  let n = 0
  return jest.fn(() => {
    const error = errors[n++]
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- tests throw any value
    return error === undefined ? Promise.resolve(value) : Promise.reject(error)
  })
}

async function rejection(promise: Promise<unknown>): Promise<ServiceCallError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceCallError)
    return error as ServiceCallError
  }
  throw new Error('expected a rejection')
}

const throttledByFlag = sdkError('SomethingBusy', 'busy', { status: 400, throttling: true })
const throttledByName = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' })
const serverError = sdkError('InternalFailure', 'oops', { status: 503 })

describe('fullJitter', () => {
  it('picks in [0, min(cap, base * 2^attempt)]', () => {
    for (let attempt = 0; attempt < 8; attempt++) {
      const ceiling = Math.min(POLICY.capMs, POLICY.baseMs * 2 ** attempt)
      expect(fullJitter(attempt, POLICY, () => 0)).toBe(0)
      const top = fullJitter(attempt, POLICY, () => 0.999999)
      expect(top).toBeLessThanOrEqual(ceiling)
      expect(top).toBeGreaterThan(ceiling - 2)
    }
  })
})

describe('createCaller: transient errors are tried again', () => {
  it.each([
    ['throttling by $retryable', throttledByFlag],
    ['throttling by name', throttledByName],
    ['a 5xx', serverError],
    ['a network reset', networkError('ECONNRESET')],
    ['a network error wrapped in cause', Object.assign(new Error('fetch failed'), { cause: networkError() })],
    ['HTTP 429 without a name', Object.assign(new Error('x'), { $metadata: { httpStatusCode: 429 } })]
  ])('%s', async (_, error) => {
    const { call, clock, logs } = setup()
    const send = failing([error, error], 'ok')
    await expect(call('Op', send)).resolves.toBe('ok')
    expect(send).toHaveBeenCalledTimes(3)
    expect(clock.slept).toHaveLength(2)
    expect(logs).toHaveLength(2)
    expect(logs[0]).toContain('Op')
    expect(logs[0]).toContain('attempt 2 of at most 6')
  })

  it('an extra transient name from the spec is retried; without it, it is permanent', async () => {
    const conflict = sdkError('ConflictException', 'busy', { status: 409 })
    const { call } = setup({ transient: ['ConflictException'] })
    const send = failing([conflict], 'ok')
    await expect(call('RetryStageExecution', send)).resolves.toBe('ok')
    expect(send).toHaveBeenCalledTimes(2)

    const plain = setup()
    const send2 = failing([conflict], 'ok')
    const error = await rejection(plain.call('RetryStageExecution', send2))
    expect(error.errorName).toBe('ConflictException')
    expect(send2).toHaveBeenCalledTimes(1)
  })

  it('uses full-jitter delays within [0, min(cap, base * 2^n)] from the random source', async () => {
    const values = [0.999999, 0.25, 0.999999, 0.5, 0.999999]
    const { call, clock } = setup({}, POLICY, randomSeq(...values))
    const send = failing([serverError, serverError, serverError, serverError, serverError], 'ok')
    await call('Op', send)
    const ceilings = [1000, 2000, 4000, 5000, 5000]
    expect(clock.slept).toEqual(ceilings.map((c, i) => Math.floor((values[i] ?? 0) * c)))
    clock.slept.forEach((ms, n) => {
      expect(ms).toBeGreaterThanOrEqual(0)
      expect(ms).toBeLessThanOrEqual(ceilings[n] ?? 0)
    })
  })

  it('with random 0 it tries again without waiting', async () => {
    const { call, clock } = setup({}, POLICY, () => 0)
    await call('Op', failing([serverError], 1))
    expect(clock.slept).toEqual([0])
  })
})

describe('createCaller: bounds', () => {
  it('gives up after maxAttempts and reports the last error as transient', async () => {
    const { call, clock } = setup()
    const send = jest.fn(() => Promise.reject(serverError))
    const error = await rejection(call('DescribeThing', send))
    expect(send).toHaveBeenCalledTimes(POLICY.maxAttempts)
    expect(clock.slept).toHaveLength(POLICY.maxAttempts - 1)
    expect(error.transient).toBe(true)
    expect(error.errorName).toBe('InternalFailure')
    expect(error.operation).toBe('DescribeThing')
  })

  it('marks a final throttling error as throttling (a poll loop backs off on it), others not', async () => {
    const { call } = setup()
    const throttled = await rejection(call('Op', () => Promise.reject(throttledByName)))
    expect(throttled).toMatchObject({ errorName: 'ThrottlingException', transient: true, throttling: true })
    const server = await rejection(call('Op', () => Promise.reject(serverError)))
    expect(server).toMatchObject({ transient: true, throttling: false })
  })

  it('starts no attempt that would begin after budgetMs', async () => {
    const policy: BackoffPolicy = { maxAttempts: 100, baseMs: 10_000, capMs: 60_000, budgetMs: 15_000 }
    const { call, clock } = setup({}, policy, () => 0.999)
    const send = jest.fn(() => Promise.reject(networkError()))
    const error = await rejection(call('Op', send))
    // attempt 1 waits 9990 ms (within 15 s); the next would wait 19980 ms more: over budget.
    expect(send).toHaveBeenCalledTimes(2)
    expect(clock.slept).toEqual([9990])
    expect(clock.now()).toBeLessThanOrEqual(policy.budgetMs)
    expect(error.errorName).toBe('ECONNRESET')
  })

  it('the default-like policy makes at least 3 attempts and stays within about a minute', async () => {
    const policy: BackoffPolicy = { maxAttempts: 6, baseMs: 1000, capMs: 20_000, budgetMs: 60_000 }
    const { call, clock } = setup({}, policy, () => 0.999999)
    const send = jest.fn(() => Promise.reject(throttledByName))
    await rejection(call('Op', send))
    expect(send.mock.calls.length).toBeGreaterThanOrEqual(3)
    expect(clock.now()).toBeLessThanOrEqual(60_000)
  })
})

describe('createCaller: permanent errors', () => {
  it('are thrown at once as ServiceCallError with name, message, request id and hint', async () => {
    const spec: ErrorSpec = { hints: { StageNotRetryableException: 'the stage is still running' } }
    const { call, clock } = setup(spec)
    const send = jest.fn(() =>
      Promise.reject(sdkError('StageNotRetryableException', 'Stage Deploy is not retryable'))
    )
    const error = await rejection(call('RetryStageExecution', send))
    expect(send).toHaveBeenCalledTimes(1)
    expect(clock.slept).toEqual([])
    expect(error).toMatchObject({
      operation: 'RetryStageExecution',
      errorName: 'StageNotRetryableException',
      reason: 'Stage Deploy is not retryable',
      requestId: 'req-1',
      hint: 'the stage is still running',
      transient: false
    })
    expect(error.message).toBe(
      'RetryStageExecution failed: StageNotRetryableException: Stage Deploy is not retryable (request id req-1). Hint: the stage is still running'
    )
  })

  it('a non-Error thrown value still becomes a ServiceCallError', async () => {
    const { call } = setup()
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    const error = await rejection(call('Op', () => Promise.reject('plain string')))
    expect(error.reason).toBe('plain string')
    expect(error.transient).toBe(false)
  })

  it('a ServiceCallError from a nested call passes through unchanged', async () => {
    const inner = new ServiceCallError('Inner', 'AccessDenied', 'no', 'r-9')
    const { call } = setup()
    await expect(call('Outer', () => Promise.reject(inner))).rejects.toBe(inner)
  })
})

describe('createCaller: alreadyApplied', () => {
  it.each([
    ['a network error', networkError('ECONNRESET')],
    ['a 5xx', serverError]
  ])('after %s it is consulted and its value returned without sending again', async (_, error) => {
    const { call, logs } = setup()
    const send = failing([error], { id: 'second' })
    const alreadyApplied = jest.fn(() => Promise.resolve<{ id: string } | undefined>({ id: 'first' }))
    await expect(call('StartBuild', send, { alreadyApplied })).resolves.toEqual({ id: 'first' })
    expect(send).toHaveBeenCalledTimes(1)
    expect(alreadyApplied).toHaveBeenCalledTimes(1)
    expect(logs.some(l => l.includes('took effect'))).toBe(true)
  })

  it('when it finds nothing, the call is sent again', async () => {
    const { call } = setup()
    const send = failing([networkError(), serverError], 'sent')
    const alreadyApplied = jest.fn(() => Promise.resolve<string | undefined>(undefined))
    await expect(call('StartBuild', send, { alreadyApplied })).resolves.toBe('sent')
    expect(send).toHaveBeenCalledTimes(3)
    expect(alreadyApplied).toHaveBeenCalledTimes(2)
  })

  it('is not consulted after throttling (the request was refused, not lost)', async () => {
    const { call } = setup({ transient: ['ConflictException'] })
    const send = failing(
      [throttledByFlag, throttledByName, sdkError('ConflictException', 'c', { status: 409 })],
      'ok'
    )
    const alreadyApplied = jest.fn(() => Promise.resolve<string | undefined>('applied'))
    await expect(call('Op', send, { alreadyApplied })).resolves.toBe('ok')
    expect(alreadyApplied).not.toHaveBeenCalled()
    expect(send).toHaveBeenCalledTimes(4)
  })

  it('is not consulted after a permanent error', async () => {
    const { call } = setup()
    const alreadyApplied = jest.fn(() => Promise.resolve<string | undefined>('applied'))
    await rejection(call('Op', () => Promise.reject(sdkError('ValidationException')), { alreadyApplied }))
    expect(alreadyApplied).not.toHaveBeenCalled()
  })
})

describe('createCaller with a rate limiter', () => {
  it("waits its operation's turn per attempt, and a throttle paces that operation only", async () => {
    const clock = fakeClock(0)
    const limiter = new RateLimits(clock)
    const take = jest.spyOn(limiter.for('Op'), 'take')
    const call = createCaller({}, { clock, random: () => 0, policy: POLICY, limiter, log: () => undefined })
    await call('Other', failing([], 'ok'))
    await call('Op', failing([throttledByName], 'ok'))
    expect(take).toHaveBeenCalledTimes(2)
    expect(limiter.for('Op').currentRate).toBeLessThan(Infinity)
    expect(limiter.for('Other').currentRate).toBe(Infinity)
  })
})

describe('createCaller: every request is bounded and abortable', () => {
  /** A send() that never answers on its own, and ends (rejecting like fetch) when its signal aborts. */
  function hanging() {
    const signals: AbortSignal[] = []
    const send = jest.fn((signal: AbortSignal) => {
      signals.push(signal)
      return new Promise<string>((_resolve, reject) => {
        signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), {
          once: true
        })
      })
    })
    return { send, signals }
  }

  function bounded(timeoutMs = 20) {
    const clock = fakeClock(0)
    const logs: string[] = []
    const call = createCaller(
      {},
      { clock, random: () => 0, policy: POLICY, log: m => logs.push(m), requestTimeoutMs: timeoutMs }
    )
    return { call, logs }
  }

  it('aborts a request that gets no answer in time and counts it as a network time-out, tried again', async () => {
    const { send, signals } = hanging()
    const { call, logs } = bounded()
    const error = await rejection(call('GetThing', send))
    expect(send).toHaveBeenCalledTimes(POLICY.maxAttempts)
    expect(signals.every(s => s.aborted)).toBe(true)
    expect(error.errorName).toBe('TimeoutError')
    expect(error.reason).toContain('no answer within 0.02 s')
    expect(error.transient).toBe(true)
    expect(error.maybeApplied).toBe(true)
    expect(logs[0]).toContain('TimeoutError')
  })

  it('a hung first answer, then a normal one: the call succeeds', async () => {
    let n = 0
    const { call } = bounded()
    const send = jest.fn((signal: AbortSignal) =>
      n++ === 0
        ? new Promise<string>((_r, reject) => signal.addEventListener('abort', () => reject(new Error('x'))))
        : Promise.resolve('ok')
    )
    await expect(call('GetThing', send)).resolves.toBe('ok')
    expect(send).toHaveBeenCalledTimes(2)
  })

  it('a scope that aborts while a request is in flight ends the call with Cancelled (maybe applied), sending nothing more', async () => {
    const { send, signals } = hanging()
    const { call } = bounded(60_000)
    const controller = new AbortController()
    const pending = withSignal(controller.signal, () => call('RetryBuild', send))
    await Promise.resolve()
    controller.abort('SIGINT')
    const error = await pending.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Cancelled)
    expect(error).toMatchObject({ operation: 'RetryBuild', maybeApplied: true, reason: 'SIGINT' })
    expect(send).toHaveBeenCalledTimes(1)
    expect(signals[0]?.aborted).toBe(true)
  })

  it('a scope already aborted sends nothing', async () => {
    const send = jest.fn(() => Promise.resolve('ok'))
    const { call } = bounded()
    const error = await withSignal(AbortSignal.abort('SIGTERM'), () => call('ListBuilds', send)).catch(
      (e: unknown) => e
    )
    expect(error).toMatchObject({ name: 'Cancelled', maybeApplied: false })
    expect(send).not.toHaveBeenCalled()
  })

  it('a scope that aborts during the back-off pause sends nothing more; maybe applied only after an unreadable answer', async () => {
    for (const [first, maybeApplied] of [
      [throttledByName, false],
      [serverError, true]
    ] as const) {
      const controller = new AbortController()
      const clock = fakeClock(0)
      clock.sleep = () => {
        controller.abort('SIGINT')
        return Promise.resolve()
      }
      const call = createCaller({}, { clock, random: () => 0.5, policy: POLICY, log: () => undefined })
      const send = failing([first], 'ok')
      const error = await withSignal(controller.signal, () => call('RetryBuild', send)).catch(
        (e: unknown) => e
      )
      expect(error).toMatchObject({ name: 'Cancelled', maybeApplied })
      expect(send).toHaveBeenCalledTimes(1)
    }
  })
})
