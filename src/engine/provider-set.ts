import type { Provider } from '../model/provider.js'
import type { Connection } from '../model/request.js'
import type { TargetBase } from '../model/target.js'
import { serviceOf } from '../services/registry.js'
import type { ServiceDescriptor } from '../services/service.js'
import { createCaller, DEFAULT_BACKOFF } from '../transport/caller.js'
import type { Clock } from '../transport/clock.js'
import { TokenBucket } from '../transport/token-bucket.js'

/** Requests per second per service before any throttling is seen; throttling halves it (adaptive). */
export const DEFAULT_RATE_PER_SERVICE = 100

export interface ProviderSetDeps {
  clock: Clock
  random: () => number
  log: (message: string) => void
  ratePerService?: number
}

/**
 * Builds each service's provider once, on first use: one SDK client, one caller and one rate limit per
 * service, shared by every target of that service.
 */
export class ProviderSet {
  private readonly providers = new Map<ServiceDescriptor, Promise<Provider>>()

  constructor(
    private readonly connection: Connection,
    private readonly deps: ProviderSetDeps
  ) {}

  /** The provider of the target's service. */
  for(target: TargetBase): Promise<Provider> {
    const service = serviceOf(target)
    let provider = this.providers.get(service)
    if (provider === undefined) {
      provider = this.build(service)
      this.providers.set(service, provider)
    }
    return provider
  }

  private async build(service: ServiceDescriptor): Promise<Provider> {
    const module = await service.load()
    const { clock, random, log } = this.deps
    const limiter = new TokenBucket(this.deps.ratePerService ?? DEFAULT_RATE_PER_SERVICE, clock)
    const call = createCaller(module.errors, { clock, random, policy: DEFAULT_BACKOFF, limiter, log })
    const { endpoint, clouds } = this.connection
    const { region = '', credentials } = clouds[service.cloud.name] ?? {}
    return module.create({
      region,
      call,
      ...(endpoint !== undefined ? { endpoint } : {}),
      ...(credentials !== undefined ? { credentials } : {})
    })
  }
}
