import { createCaller, DEFAULT_BACKOFF } from '../transport/caller.js'
import type { Connection } from '../action/inputs.js'
import { TokenBucket, type Clock } from '../transport/token-bucket.js'
import type { Service } from '../model/target.js'
import type { Provider } from '../model/provider.js'
import { loadProviderModule } from '../services/registry.js'

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
  private readonly providers = new Map<Service, Promise<Provider>>()

  constructor(
    private readonly connection: Connection,
    private readonly deps: ProviderSetDeps
  ) {}

  get(service: Service): Promise<Provider> {
    let provider = this.providers.get(service)
    if (provider === undefined) {
      provider = this.build(service)
      this.providers.set(service, provider)
    }
    return provider
  }

  private async build(service: Service): Promise<Provider> {
    const module = await loadProviderModule(service)
    const { clock, random, log } = this.deps
    const limiter = new TokenBucket(this.deps.ratePerService ?? DEFAULT_RATE_PER_SERVICE, clock)
    const call = createCaller(module.errors, { clock, random, policy: DEFAULT_BACKOFF, limiter, log })
    const { awsRegion, huaweiRegion, endpoint, huawei } = this.connection
    const region = (service === 'codearts' ? huaweiRegion : awsRegion) ?? ''
    return module.create({
      region,
      call,
      ...(endpoint ? { endpoint } : {}),
      ...(huawei ? { huawei } : {})
    })
  }
}
