import { InputError } from '../model/errors.js'
import type { ActionRequest } from '../model/request.js'
import type { TargetBase, TargetLine } from '../model/target.js'
import { shorten } from '../model/validate.js'
import { SERVICE_NAMES, SERVICES, serviceNamed } from '../services/registry.js'
import type { InputLookup, ServiceDescriptor } from '../model/service.js'
import { parseTargetLines, type LineSource } from './target-lines.js'
import { readTargetsFile } from './targets-file.js'

/**
 * Which targets a step works on: one named by `service` and its inputs (single mode), or the lines of
 * `targets` and `targets-file` (targets mode), optionally its `shard` of them.
 */

/** Inputs that name one target of one service: they belong to single mode. */
const TARGET_INPUTS: readonly string[] = [
  ...new Set(['execution-id', 'idempotency-token', ...SERVICES.flatMap(s => s.targetInputs)])
]

/** Whether a single-mode input belongs to a service: every service has executions, some take a token. */
function takes(service: ServiceDescriptor, name: string): boolean {
  if (name === 'execution-id') return true
  if (name === 'idempotency-token') return service.token !== undefined
  return service.targetInputs.includes(name)
}

/** Single mode (`service` and its inputs) or targets mode (`targets`, `targets-file`), never both. */
export function readTargets(
  given: InputLookup,
  env: NodeJS.ProcessEnv
): { mode: ActionRequest['mode']; targets: TargetBase[]; lines?: TargetLine[] } {
  const targetsText = given('targets')
  const file = given('targets-file')
  const serviceText = given('service')
  if (targetsText === undefined && file === undefined)
    return { mode: 'single', targets: [singleTarget(serviceText, given)] }
  const input = targetsText !== undefined ? 'targets' : 'targets-file'
  if (serviceText !== undefined)
    throw new InputError(
      input,
      'cannot be combined with service',
      'either targets (one SERVICE:RESOURCE a line) or service with its inputs'
    )
  for (const name of TARGET_INPUTS)
    if (given(name) !== undefined)
      throw new InputError(
        input,
        `cannot be combined with ${name}`,
        `each target written as SERVICE:RESOURCE in ${input}, without ${name}`
      )
  const sources: LineSource[] = []
  if (targetsText !== undefined) sources.push({ name: 'targets', text: targetsText })
  if (file !== undefined) sources.push(readTargetsFile(file, env))
  const lines = parseTargetLines(sources)
  return { mode: 'targets', targets: [], lines }
}

function singleTarget(serviceText: string | undefined, given: InputLookup): TargetBase {
  if (serviceText === undefined)
    throw new InputError('service', 'is required', `one of ${SERVICE_NAMES.join(', ')} (or use targets)`)
  const service = serviceNamed(serviceText.toLowerCase())
  if (service === undefined)
    throw new InputError(
      'service',
      `'${shorten(serviceText)}' is not a known service`,
      `one of ${SERVICE_NAMES.join(', ')}`
    )
  for (const name of TARGET_INPUTS) {
    if (given(name) === undefined || takes(service, name)) continue
    const owners = SERVICES.filter(s => takes(s, name)).map(s => s.name)
    throw new InputError(
      name,
      `is not used by service ${service.name}`,
      `it only with ${owners.join(' or ')}`
    )
  }
  return service.fromInputs(given)
}

/** `shard: K/N`, which only targets mode takes. */
export function readShard(
  given: InputLookup,
  mode: ActionRequest['mode']
): { index: number; count: number } | undefined {
  const shard = given('shard')
  if (shard === undefined) return undefined
  if (mode === 'single')
    throw new InputError('shard', 'applies only to targets', 'targets or targets-file with shard: K/N')
  return parseShard(shard)
}

const SHARD_FORM = 'K/N with 1 <= K <= N <= 256, e.g. ${{ matrix.shard }}/4'

/** `K/N`: this job's share of an N-job matrix. */
function parseShard(value: string): { index: number; count: number } {
  const match = /^\s*(\d{1,3})\s*\/\s*(\d{1,3})\s*$/.exec(value)
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (!match || index < 1 || count > 256 || index > count)
    throw new InputError('shard', `'${shorten(value)}' is not a shard`, SHARD_FORM)
  return { index, count }
}
