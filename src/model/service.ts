import type { NamePattern } from './listing.js'
import type { Pattern } from './validate.js'
import type { Provider, StatusTable } from './provider.js'
import type { CloudConnection } from './request.js'
import type { TargetBase } from './target.js'
import type { Caller, ErrorSpec } from './call.js'

/** What `action.yml` says of an input a service or cloud owns: its description, and its default if any. */
export type InputDoc = string | { description: string; default: string }

/** One input of the step: its value, or undefined when it is not given (blank). */
export type InputLookup = (name: string) => string | undefined

/**
 * A cloud the services run on (AWS, Huawei Cloud): how its region and credentials are read. One connection
 * per cloud and step, shared by its services.
 */
export interface Cloud {
  readonly name: string
  /** Inputs only this cloud's services read (its credentials); given for another cloud they are an input error. */
  readonly inputs: readonly string[]
  /** Inputs and environment variables that hold secrets: masked first, whatever the services. */
  readonly secretInputs: readonly string[]
  /** What `action.yml` says of each of its inputs and secret inputs (generated from this: npm run action-yml). */
  readonly inputDocs: Readonly<Record<string, InputDoc>>
  readonly secretEnv: readonly string[]
  /** Its region names, for a `targets` line's `@REGION`. */
  readonly region: Pattern
  /** Region and credentials from the inputs and the environment; an InputError when they are not usable. */
  connect(given: InputLookup, env: NodeJS.ProcessEnv, endpoint: string | undefined): CloudConnection
}

/** What a provider is built with: where to connect and the shared call wrapper (rate limit, back-off). */
export interface ProviderContext {
  /** The cloud's region ('' when an endpoint stands in for it). */
  region: string
  endpoint?: string
  /** The cloud's credentials as its `connect` read them (AWS: none, the SDK's default chain). */
  credentials?: unknown
  /** Wraps every API call of one service: rate limit, back-off, error classification. */
  call: Caller
}

/** What a service's provider module exports by default: how its errors read, and how to build it. */
export interface ProviderModule<T extends TargetBase> {
  errors: ErrorSpec
  create(context: ProviderContext): Provider<T>
}

/** How `retry-mode` applies: whether `all` is possible, and the service's native names for the modes. */
export interface RetryModes {
  all: boolean
  native: Readonly<Record<string, 'failed' | 'all'>>
}

/**
 * Everything the generic code knows about a service, light enough to import statically: its inputs and
 * `targets` line, identifiers, retry modes, token rules, cloud and statuses. Its provider (the SDK or REST
 * calls) is loaded on first use, so the bundle keeps one chunk per service and a step loads only its own.
 */
export interface ServiceDescriptor<T extends TargetBase = TargetBase> {
  readonly name: string
  readonly cloud: Cloud
  /** Single-mode inputs that name its target (besides `execution-id`); for another service an input error. */
  readonly targetInputs: readonly string[]
  /** Inputs that apply to all its targets, in both modes (none when absent). */
  readonly optionInputs?: readonly string[]
  /** What `action.yml` says of each of its target and option inputs, for this service (npm run action-yml). */
  readonly inputDocs: Readonly<Record<string, InputDoc>>
  /** Its `targets` line form(s), for error messages: `SERVICE:NAME[/STAGE]`. */
  readonly lineForm: string
  readonly retryModes: RetryModes
  /** Idempotency token lengths its retry API accepts; absent when it takes none. */
  readonly token?: { min: number; max: number }
  /** The execution's native statuses and what each means. */
  readonly states: StatusTable
  /** Single mode: the target named by its inputs, validated (InputError otherwise). */
  fromInputs(given: InputLookup): T
  /** A `targets` line's RESOURCE, validated; `where` names the line in errors. */
  fromLine(resource: string, where: string): T
  /**
   * A `targets` line's RESOURCE that names resources by pattern (`*`, `?` in a name), validated: what to list.
   * Undefined for a plain resource (then `fromLine` reads it). Absent when the service has no listing.
   */
  patternOf?(resource: string, where: string): NamePattern | undefined
  /** The resource (pipeline, project) a target's executions belong to: two targets on it may overlap. */
  resourceKey(target: T): string
  /**
   * With `wait`: what is wrong when the target is the step's own workflow run (or its workflow), which the
   * step would follow until it times out; undefined when it is not. Absent: a service that cannot be.
   */
  waitsOnItself?(target: T, env: NodeJS.ProcessEnv): string | undefined
  /** Checks what the cloud connection gave it (CodeArts: a region with a known endpoint, or an endpoint). */
  checkConnection?(connection: CloudConnection, endpoint: string | undefined): void
  load(): Promise<ProviderModule<T>>
}

/** The descriptor of a target's service: the registry, handed down to the generic layers that need it. */
export type ServiceLookup = (target: Pick<TargetBase, 'service'>) => ServiceDescriptor
