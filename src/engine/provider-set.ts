import type { Provider } from '../model/provider.js'
import type { Connection } from '../model/request.js'
import type { TargetBase } from '../model/target.js'
import type { ServiceDescriptor, ServiceLookup } from '../model/service.js'
import { createCaller, DEFAULT_BACKOFF } from '../transport/caller.js'
import type { Clock } from '../transport/clock.js'
import { RateLimits } from '../transport/rate-limit.js'

export interface ProviderSetDeps {
  /** The registry: each target's service. */
  serviceOf: ServiceLookup
  clock: Clock
  random: () => number
  log: (message: string) => void
}

/**
 * Builds each service's provider once per region, on first use: one SDK client, one caller and one set of
 * request rates (one per operation, adapting to the service's throttling) per service and region, shared by
 * every target there. A target's region is its line's `@REGION`, else the cloud's.
 */
export class ProviderSet {
  private readonly providers = new Map<string, Promise<Provider>>()

  constructor(
    private readonly connection: Connection,
    private readonly deps: ProviderSetDeps
  ) {}

  /** The provider of the target's service, in the target's region. */
  for(target: Pick<TargetBase, 'service' | 'region'>): Promise<Provider> {
    const service = this.deps.serviceOf(target)
    // A line's `@REGION` that is the step's own region shares the step's provider (and its request rates).
    const key = `${service.name}@${target.region ?? this.regionOf(service.name) ?? ''}`
    let provider = this.providers.get(key)
    if (provider === undefined) {
      provider = this.build(service, target.region)
      this.providers.set(key, provider)
    }
    return provider
  }

  /** The region of the service's cloud for the step (its `region` input or environment), if any. */
  regionOf(serviceName: string): string | undefined {
    const region = this.connection.clouds[this.deps.serviceOf({ service: serviceName }).cloud.name]?.region
    return region === '' ? undefined : region
  }

  private async build(service: ServiceDescriptor, lineRegion: string | undefined): Promise<Provider> {
    const module = await service.load()
    const { clock, random, log } = this.deps
    const limiter = new RateLimits(clock)
    const call = createCaller(module.errors, { clock, random, policy: DEFAULT_BACKOFF, limiter, log })
    const { endpoint, clouds } = this.connection
    const { region: cloudRegion = '', credentials } = clouds[service.cloud.name] ?? {}
    const region = lineRegion ?? cloudRegion
    return module.create({
      region,
      call,
      ...(endpoint !== undefined ? { endpoint } : {}),
      ...(credentials !== undefined ? { credentials } : {})
    })
  }
}
