import { InputError } from '../model/errors.js'
import type { ActionRequest, CloudConnection, Connection } from '../model/request.js'
import type { TargetBase, TargetLine } from '../model/target.js'
import { expectUrl, parseBoolean, parseNumber, shorten } from '../model/validate.js'
import { CLOUDS, SERVICES, serviceOf } from '../services/registry.js'
import type { InputLookup, ServiceDescriptor } from '../model/service.js'
import { serviceInputs } from './input-docs.js'
import { historyPath } from './history-file.js'
import { readRetryOn } from './retry-on.js'
import { readShard, readTargets } from './target-inputs.js'

/** The inputs of the action itself; each service and its cloud declare their own (`inputDocs`). */
const ACTION_INPUT_NAMES = [
  'service',
  'execution-id',
  'retry-mode',
  'retry-on',
  'retries',
  'retry-delay-seconds',
  'failed-within',
  'idempotency-token',
  'region',
  'endpoint',
  'wait',
  'timeout-minutes',
  'poll-interval-seconds',
  'cancel-on-abort',
  'dry-run',
  'max-attempts',
  'targets',
  'targets-file',
  'shard',
  'concurrency',
  'history-file',
  'give-up-after',
  'max-retries-per-day',
  'max-retries'
] as const
export const ACTION_INPUTS: readonly string[] = ACTION_INPUT_NAMES
type ActionInput = (typeof ACTION_INPUT_NAMES)[number]
/** An input's name: the action's own, or one a service declares. */
export type InputName = string

/** Every input the action reads: its own, then the services'. `action.yml` declares exactly these (a test checks). */
export const INPUT_NAMES: readonly string[] = [...ACTION_INPUTS, ...serviceInputs(SERVICES).keys()]

/** Reads one input as GitHub passes it (`INPUT_<NAME>`), trimmed; '' when unset. */
export type InputReader = (name: InputName) => string
export type SecretMasker = (secret: string) => void

/** 5 days: the longest a job runs on a self-hosted runner, so the longest a step can wait. */
const MAX_TIMEOUT_MINUTES = 7200

/** A token may be a secret (it is one in its owner's eyes): masked like the credentials. */
const SECRET_INPUTS: readonly string[] = ['idempotency-token', ...CLOUDS.flatMap(c => c.secretInputs)]

/**
 * Reads and validates every input, in three parts: the options common to both modes, then the targets
 * (single mode: one, from the service's inputs; targets mode: one a line), then what depends on which
 * services they name (retry mode, token, connection). Any problem is an InputError before any API call.
 */
export function readRequest(read: InputReader, env: NodeJS.ProcessEnv, mask: SecretMasker): ActionRequest {
  const given: InputLookup = name => {
    if (!isInputName(name)) throw new Error(`no input named ${name}`)
    const value = read(name)
    return value.trim() === '' ? undefined : value
  }
  maskSecrets(given, env, mask)
  const common = readCommon(given)
  const { mode, targets, lines } = readTargets(given, env)
  const named = lines ? lines.filter(l => l.kind.name !== 'exclude') : targets
  const services = [...new Set(named.map(serviceOf))]
  checkServiceInputs(given, services)
  const retryMode = readRetryMode(given('retry-mode'), services)
  const token = readToken(given, services)
  const shard = readShard(given, mode)
  if (common.wait) refuseWaitOnItself(mode, targets, lines ?? [], env)
  const memory = readMemory(given, env)
  return {
    ...(memory !== undefined ? { memory } : {}),
    maxRetries: numberOf(given, 'max-retries'),
    mode,
    targets,
    ...(lines ? { lines } : {}),
    ...(shard !== undefined ? { shard } : {}),
    retryMode,
    ...(token !== undefined ? { idempotencyToken: token } : {}),
    ...common,
    connection: readConnection(given, env, services, regionsOf(named))
  }
}

/** `history-file` and the budgets that need it (contract, "Retry memory"). */
function readMemory(given: InputLookup, env: NodeJS.ProcessEnv): ActionRequest['memory'] {
  const giveUpAfter = numberOf(given, 'give-up-after')
  const maxRetriesPerDay = numberOf(given, 'max-retries-per-day')
  const file = given('history-file')
  if (file === undefined) {
    const needs = giveUpAfter > 0 ? 'give-up-after' : maxRetriesPerDay > 0 ? 'max-retries-per-day' : undefined
    if (needs !== undefined)
      throw new InputError(
        needs,
        'needs history-file (it counts earlier runs)',
        `history-file set, or ${needs}: 0`
      )
    return undefined
  }
  return { file: historyPath(file, env), giveUpAfter, maxRetriesPerDay }
}

/** `wait` on the step's own run would follow it until timeout-minutes: refused before any call. */
function refuseWaitOnItself(
  mode: ActionRequest['mode'],
  targets: readonly TargetBase[],
  lines: readonly TargetLine[],
  env: NodeJS.ProcessEnv
): void {
  const named = [
    ...targets.map(target => ({
      target,
      where: target.executionId !== undefined ? 'execution-id' : 'service'
    })),
    ...lines.flatMap(line =>
      line.kind.name === 'target' ? [{ target: line.kind.target, where: line.where }] : []
    )
  ]
  for (const { target, where } of named) {
    const service = serviceOf(target)
    const problem = service.waitsOnItself?.(target, env)
    if (problem === undefined) continue
    const input = mode === 'single' && where === 'service' ? (service.targetInputs[0] ?? where) : where
    throw new InputError(input, problem, 'another workflow or run, or wait: false')
  }
}

/** Each service's `@REGION`s, and whether some of its targets use the cloud's own region. */
function regionsOf(
  items: readonly { service: string; region?: string }[]
): Map<string, Set<string | undefined>> {
  const regions = new Map<string, Set<string | undefined>>()
  for (const item of items) {
    const set = regions.get(item.service) ?? new Set()
    set.add(item.region)
    regions.set(item.service, set)
  }
  return regions
}

/** Inputs that apply to every target of a service (its options, its cloud's credentials). */
const scopedInputs = (s: ServiceDescriptor): readonly string[] => [
  ...(s.optionInputs ?? []),
  ...s.cloud.inputs
]

/** An option or credential that none of the step's services uses is a mistake worth saying. */
function checkServiceInputs(given: InputLookup, services: readonly ServiceDescriptor[]): void {
  for (const name of new Set(SERVICES.flatMap(scopedInputs))) {
    if (given(name) === undefined || services.some(s => scopedInputs(s).includes(name))) continue
    const owners = SERVICES.filter(s => scopedInputs(s).includes(name)).map(s => s.name)
    throw new InputError(
      name,
      `is not used by ${services.map(s => s.name).join(', ')}`,
      `it only with ${owners.join(' or ')}`
    )
  }
}

function isInputName(name: string): boolean {
  return INPUT_NAMES.includes(name)
}

/** Masked before anything is validated, so no error path can print one. */
function maskSecrets(given: InputLookup, env: NodeJS.ProcessEnv, mask: SecretMasker): void {
  for (const name of SECRET_INPUTS) {
    const secret = given(name)
    if (secret !== undefined) mask(secret)
  }
  for (const name of CLOUDS.flatMap(c => c.secretEnv)) {
    const secret = env[name]?.trim()
    if (secret) mask(secret)
  }
}

type NumberRule = Parameters<typeof parseNumber>[2] & { fallback: number }

/** Every numeric input that is not a service's own: its default and what it accepts. */
const NUMBERS = {
  'timeout-minutes': {
    fallback: 60,
    min: 0,
    exclusiveMin: true,
    max: MAX_TIMEOUT_MINUTES,
    accepted: `a positive number of minutes up to ${MAX_TIMEOUT_MINUTES} (5 days, the longest a self-hosted job runs), e.g. 30 or 0.5`
  },
  'poll-interval-seconds': { fallback: 15, min: 1, accepted: 'a number of seconds, at least 1' },
  'max-attempts': { fallback: 3, integer: true, min: 0, accepted: 'a whole number >= 0 (0 = no limit)' },
  concurrency: { fallback: 4, integer: true, min: 1, max: 64, accepted: 'a whole number from 1 to 64' },
  retries: { fallback: 1, integer: true, min: 1, max: 20, accepted: 'a whole number from 1 to 20' },
  'retry-delay-seconds': { fallback: 60, min: 0, max: 3600, accepted: 'a number of seconds from 0 to 3600' },
  'give-up-after': {
    fallback: 0,
    integer: true,
    min: 0,
    max: 1000,
    accepted: 'a whole number of runs from 0 to 1000 (0 = never give up)'
  },
  'max-retries-per-day': {
    fallback: 0,
    integer: true,
    min: 0,
    accepted: 'a whole number >= 0 (0 = no limit)'
  },
  'max-retries': { fallback: 0, integer: true, min: 0, accepted: 'a whole number >= 0 (0 = no limit)' }
} as const satisfies Partial<Record<ActionInput, NumberRule>>

/** A numeric input, validated whether or not its mode is on; its default when not given. */
function numberOf(given: InputLookup, name: keyof typeof NUMBERS): number {
  const value = given(name)
  return value === undefined ? NUMBERS[name].fallback : parseNumber(name, value, NUMBERS[name])
}

/** A boolean input in the YAML 1.2 core forms; false when not given. */
function booleanOf(given: InputLookup, name: ActionInput): boolean {
  const value = given(name)
  return value === undefined ? false : parseBoolean(name, value)
}

/** Numbers and booleans, checked whether or not their mode is on. */
function readCommon(
  given: InputLookup
): Pick<
  ActionRequest,
  | 'dryRun'
  | 'maxAttempts'
  | 'concurrency'
  | 'wait'
  | 'maxParallelSteps'
  | 'policy'
  | 'retries'
  | 'retryDelayMs'
> {
  const wait = booleanOf(given, 'wait')
  const cancelOnAbort = booleanOf(given, 'cancel-on-abort')
  const timeoutMinutes = numberOf(given, 'timeout-minutes')
  const pollSeconds = numberOf(given, 'poll-interval-seconds')
  const retries = numberOf(given, 'retries')
  if (retries > 1 && !wait)
    throw new InputError(
      'retries',
      `is ${retries} without wait`,
      '1, or set wait: true so the step can see a retry fail before the next'
    )
  const parallel = given('max-parallel-steps')
  const failedWithin = given('failed-within')
  return {
    retries,
    retryDelayMs: numberOf(given, 'retry-delay-seconds') * 1000,
    policy: {
      retryOn: readRetryOn(given('retry-on')),
      ...(failedWithin !== undefined ? { failedWithinMs: parseAge('failed-within', failedWithin) } : {})
    },
    dryRun: booleanOf(given, 'dry-run'),
    maxAttempts: numberOf(given, 'max-attempts'),
    concurrency: numberOf(given, 'concurrency'),
    ...(parallel !== undefined
      ? {
          maxParallelSteps: parseNumber('max-parallel-steps', parallel, {
            integer: true,
            min: 1,
            accepted: 'a whole number >= 1'
          })
        }
      : {}),
    ...(wait
      ? { wait: { timeoutMs: timeoutMinutes * 60_000, pollIntervalMs: pollSeconds * 1000, cancelOnAbort } }
      : {})
  }
}

const AGE_UNITS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000 }

/** `90m`, `24h`, `7d`: a whole number and a unit. */
function parseAge(input: string, value: string): number {
  const match = /^([1-9]\d{0,5})([mhd])$/.exec(value.trim())
  const unit = match ? AGE_UNITS[match[2] ?? ''] : undefined
  if (!match || unit === undefined)
    throw new InputError(
      input,
      `'${shorten(value)}' is not a duration`,
      'a whole number and m, h or d, e.g. 90m, 24h or 7d'
    )
  return Number(match[1]) * unit
}

const MODE_FORMS = 'failed or all'

/** `failed` / `all`, or a service's native name for one, where it belongs; `all` only where it exists. */
function readRetryMode(value: string | undefined, services: readonly ServiceDescriptor[]): 'failed' | 'all' {
  if (value === undefined) return 'failed'
  const upper = value.toUpperCase()
  let mode: 'failed' | 'all'
  if (upper === 'FAILED' || upper === 'ALL') mode = upper === 'FAILED' ? 'failed' : 'all'
  else {
    const owner = SERVICES.find(s => Object.hasOwn(s.retryModes.native, upper))
    if (owner === undefined)
      throw new InputError(
        'retry-mode',
        `'${shorten(value)}' is not a retry mode`,
        `${MODE_FORMS} (${nativeForms()})`
      )
    const other = services.find(s => s !== owner)
    if (other !== undefined)
      throw new InputError(
        'retry-mode',
        `${value} does not apply to ${other.name}`,
        `${MODE_FORMS} (${owner.name} also takes its native ${Object.keys(owner.retryModes.native).join(' / ')})`
      )
    mode = owner.retryModes.native[upper] ?? 'failed'
  }
  const onlyFailed = services.find(s => !s.retryModes.all)
  if (mode === 'all' && onlyFailed !== undefined)
    throw new InputError(
      'retry-mode',
      `'${shorten(value)}' is not supported by ${onlyFailed.name}, which retries only what failed`,
      'failed'
    )
  return mode
}

function nativeForms(): string {
  return SERVICES.filter(s => Object.keys(s.retryModes.native).length > 0)
    .map(s => `${Object.keys(s.retryModes.native).join(' / ')} for ${s.name}`)
    .join(', ')
}

/** The strictest length rule of the services that take a token. A secret: the error names its length only. */
function readToken(given: InputLookup, services: readonly ServiceDescriptor[]): string | undefined {
  const token = given('idempotency-token')
  if (token === undefined) return undefined
  // Single mode only (targets refuses it), for a service that takes one.
  const rules = services.flatMap(s => (s.token ? [s.token] : []))
  const min = Math.max(...rules.map(r => r.min))
  const max = Math.min(...rules.map(r => r.max))
  if (token.length < min || token.length > max)
    throw new InputError(
      'idempotency-token',
      `is ${token.length} characters long`,
      `${min}-${max} characters`
    )
  return token
}

/** `endpoint`, then each cloud's region and credentials, checked by the services that use them. */
function readConnection(
  given: InputLookup,
  env: NodeJS.ProcessEnv,
  services: readonly ServiceDescriptor[],
  regions: ReadonlyMap<string, ReadonlySet<string | undefined>>
): Connection {
  const endpointText = given('endpoint')
  const endpoint = endpointText !== undefined ? expectUrl('endpoint', endpointText) : undefined
  const cloudNames = [...new Set(services.map(s => s.cloud.name))]
  // One URL for every cloud would hand each cloud's credentials to it: only ever one cloud's host.
  if (endpoint !== undefined && cloudNames.length > 1)
    throw new InputError(
      'endpoint',
      `is one URL for targets on more than one cloud (${cloudNames.join(', ')}), which would send each cloud's credentials to it`,
      "one step per cloud, or each service's own endpoint variable (AWS_ENDPOINT_URL_<SERVICE>, GITHUB_API_URL)"
    )
  const clouds: Record<string, CloudConnection> = {}
  const lineRegions = (s: ServiceDescriptor): (string | undefined)[] => [
    ...(regions.get(s.name) ?? [undefined])
  ]
  for (const service of services) {
    const cloud = service.cloud
    clouds[cloud.name] ??= connect(cloud, services.filter(s => s.cloud === cloud).flatMap(lineRegions))
    for (const region of lineRegions(service)) {
      const connection = clouds[cloud.name] ?? {}
      service.checkConnection?.(region !== undefined ? { ...connection, region } : connection, endpoint)
    }
  }
  return { ...(endpoint !== undefined ? { endpoint } : {}), clouds }

  /** When every target of the cloud names its own region, the cloud needs no region of its own. */
  function connect(
    cloud: ServiceDescriptor['cloud'],
    used: readonly (string | undefined)[]
  ): CloudConnection {
    const own = used.find(r => r !== undefined)
    if (used.includes(undefined) || own === undefined) return cloud.connect(given, env, endpoint)
    return cloud.connect(name => (name === 'region' ? (given('region') ?? own) : given(name)), env, endpoint)
  }
}
