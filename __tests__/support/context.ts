import { createCaller, DEFAULT_BACKOFF } from '../../src/transport/caller.js'
import { type ErrorSpec } from '../../src/model/call.js'
import type { HuaweiAuth } from '../../src/clouds/huawei/cloud.js'
import type { Candidate, Provider, RetryRequest } from '../../src/model/provider.js'
import type { ProviderContext } from '../../src/model/service.js'
import type { Clock } from '../../src/transport/clock.js'
import { sendRetryOnce, type SendOutcome } from '../../src/engine/send-retry.js'
import type { TargetBase } from '../../src/model/target.js'

/** A clock whose sleeps return at once but advance `now`, so back-off runs in microseconds. */
export function fakeClock(start = 1_700_000_000_000): Clock & { slept: number[] } {
  let now = start
  const slept: number[] = []
  return {
    slept,
    now: () => now,
    sleep: ms => {
      slept.push(ms)
      now += ms
      return Promise.resolve()
    }
  }
}

/** A provider context with the real caller (back-off, classification) on a fake clock. */
export function testContext(
  errors: ErrorSpec,
  overrides: { region?: string; endpoint?: string; huawei?: HuaweiAuth; clock?: Clock } = {}
): ProviderContext & { logs: string[]; clock: Clock & { slept: number[] } } {
  const clock = (overrides.clock as (Clock & { slept: number[] }) | undefined) ?? fakeClock()
  const logs: string[] = []
  return {
    region: overrides.region ?? 'us-east-1',
    ...(overrides.endpoint ? { endpoint: overrides.endpoint } : {}),
    ...(overrides.huawei ? { credentials: overrides.huawei } : {}),
    call: createCaller(errors, { clock, random: () => 0.5, policy: DEFAULT_BACKOFF, log: m => logs.push(m) }),
    logs,
    clock
  }
}

/** An SDK-shaped service error, as the AWS SDK v3 throws it. */
export function sdkError(
  name: string,
  message = name,
  extra: { status?: number; fault?: 'client' | 'server'; throttling?: boolean } = {}
): Error {
  const status = extra.status ?? (extra.fault === 'server' ? 500 : 400)
  return Object.assign(new Error(message), {
    name,
    $fault: extra.fault ?? (status >= 500 ? 'server' : 'client'),
    $metadata: { httpStatusCode: status, requestId: 'req-1' },
    ...(extra.throttling ? { $retryable: { throttling: true } } : {})
  })
}

/** A socket-level failure as node's HTTP stack reports it. */
export function networkError(code = 'ECONNRESET'): Error {
  return Object.assign(new Error(`socket hang up (${code})`), { code })
}

/** The engine's exactly-once send of a retry call, as retryTarget runs it, logging into `context.logs`. */
export async function sendOnce<T extends TargetBase>(
  provider: Provider<T>,
  target: T,
  candidate: Candidate,
  request: RetryRequest,
  context: { logs: string[] },
  maxAttempts = 3
): Promise<SendOutcome> {
  return sendRetryOnce(provider, target, candidate, request, { maxAttempts, log: m => context.logs.push(m) })
}
