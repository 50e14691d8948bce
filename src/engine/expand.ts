import { createHash } from 'node:crypto'
import { InputError } from '../model/errors.js'
import { globMatches, type Listed, type ListQuery } from '../model/listing.js'
import type { Provider } from '../model/provider.js'
import { inRegion, type TargetBase, type TargetLine, type TargetResult } from '../model/target.js'
import { cleanResult } from '../model/text.js'
import type { ServiceLookup } from '../model/service.js'
import { Cancelled } from '../transport/cancellation.js'
import { errorMessage } from '../transport/classify.js'
import { mapPool } from './pool.js'
import { initialResult } from './target-deps.js'

/** `shard: K/N`: this step's share of the expanded targets. */
export interface Shard {
  index: number
  count: number
}

export interface ExpandDeps {
  /** The registry: what a line's service makes of a listed resource. */
  serviceOf: ServiceLookup
  providerFor(target: Pick<TargetBase, 'service' | 'region'>): Promise<Provider>
  /** The region a service's targets use when their line names none (the step's own), if its cloud has one. */
  regionOf(service: string): string | undefined
  concurrency: number
  log(message: string): void
  warn(message: string): void
}

/** The targets one step runs: expanded, merged, filtered and sharded; with what could not be listed. */
export interface Expansion {
  targets: TargetBase[]
  /**
   * Rows settled while expanding: an `error` per pattern line whose listing failed, a `skipped` per listed
   * name the service cannot name as a target (the other lines still run).
   */
  settled: TargetResult[]
  /** For the summary and the log: what the shard kept, what the exclusions removed. */
  notes: string[]
}

interface Expanded {
  target: TargetBase
  /** Names an exclusion may match besides the resource (a listed name: `PROJECT/NAME`). */
  names: string[]
}

/**
 * Expands target lines into targets, in line order: patterns list their service's resources (each
 * distinct listing once, `concurrency` at a time), the same target twice is kept once, `!` lines remove what
 * they match, and `shard` keeps this step's share. Never names a service: listing is the providers'.
 */
export async function expandTargets(
  lines: readonly TargetLine[],
  shard: Shard | undefined,
  deps: ExpandDeps
): Promise<Expansion> {
  const listings = await listEach(lines, deps)
  const settled: TargetResult[] = []
  const seen = new Map<string, Expanded>()
  // One target per resource and region: `SERVICE:R` and `SERVICE@OWN-REGION:R` are the same (the first wins).
  const add = (target: TargetBase, names: string[]): void => {
    const key = regionKey(target, deps)
    if (!seen.has(key)) seen.set(key, { target, names })
  }
  for (const line of lines) {
    if (line.kind.name === 'target') add(line.kind.target, [])
    if (line.kind.name !== 'pattern') continue
    const listed = listings.get(line) ?? []
    if (!Array.isArray(listed)) {
      settled.push(unlisted(line, listed.error))
      continue
    }
    const { pattern } = line.kind
    const matches = listed.filter(l => globMatches(pattern.query.glob, l.name))
    if (matches.length === 0) deps.warn(`${line.where}: ${line.text} matches nothing`)
    for (const match of matches) {
      const target = listedTarget(deps.serviceOf, line, match, pattern.suffix ?? '')
      if ('status' in target) {
        deps.warn(`${line.where}: ${target.message}`)
        settled.push(target)
        continue
      }
      const named = pattern.query.scope !== undefined ? `${pattern.query.scope}/${match.name}` : match.name
      add(target, [`${named}${pattern.suffix ?? ''}`])
    }
  }
  const notes: string[] = []
  const kept = exclude([...seen.values()], lines, notes, deps)
  return { targets: shardOf(kept, shard, notes), settled, notes }
}

/** The key that makes a resource one target in whichever region spelling its lines use. */
function regionKey(target: TargetBase, deps: ExpandDeps): string {
  const resource = target.label.slice(target.label.indexOf(':') + 1)
  return `${target.service}@${target.region ?? deps.regionOf(target.service) ?? ''}:${resource}`
}

/**
 * The target for a listed resource. A name the service lists is data, not input: one the service's own
 * target rules refuse (a dynamic workflow, a name with blanks) becomes a `skipped` row that says why.
 */
function listedTarget(
  serviceOf: ServiceLookup,
  line: TargetLine,
  match: Listed,
  suffix: string
): TargetBase | TargetResult {
  const resource = `${match.resource}${suffix}`
  try {
    return {
      ...inRegion(serviceOf(line).fromLine(resource, line.where), line.region),
      origin: `${line.where}: ${line.text}`
    }
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    const message = `not retried: ${line.text} lists '${match.name}', which cannot be named as a ${line.service} target`
    return cleanResult(
      {
        ...initialResult({ service: line.service, label: `${line.service}:${resource}` }),
        status: 'skipped',
        message
      },
      []
    )
  }
}

/**
 * Lists each distinct (service, region, scope) once, `concurrency` at a time, with the longest name prefix
 * all its patterns share (a service that filters by prefix then lists what every one of them can match).
 * Each pattern line gets the listing, or the error that stopped it.
 */
async function listEach(
  lines: readonly TargetLine[],
  deps: ExpandDeps
): Promise<Map<TargetLine, Listed[] | { error: unknown }>> {
  const groups = new Map<string, { lines: TargetLine[]; query: ListQuery }>()
  for (const line of lines) {
    if (line.kind.name !== 'pattern') continue
    const { query } = line.kind.pattern
    const key = `${line.service}@${line.region ?? ''}/${query.scope ?? ''}`
    const group = groups.get(key)
    if (group) {
      group.lines.push(line)
      group.query = { ...group.query, prefix: commonPrefix(group.query.prefix, query.prefix) }
    } else groups.set(key, { lines: [line], query })
  }
  const byLine = new Map<TargetLine, Listed[] | { error: unknown }>()
  await mapPool([...groups.values()], deps.concurrency, async ({ lines: members, query }) => {
    const [first] = members
    if (!first) return
    let outcome: Listed[] | { error: unknown }
    try {
      const provider = await deps.providerFor({
        service: first.service,
        ...(first.region ? { region: first.region } : {})
      })
      if (!provider.list) throw new Error(`${first.service} has no listing`)
      outcome = await provider.list(query)
    } catch (error) {
      if (error instanceof Cancelled) throw error
      outcome = { error }
    }
    for (const line of members) {
      byLine.set(line, outcome)
      if (Array.isArray(outcome)) deps.log(`${line.where}: ${line.text}: listed ${outcome.length}`)
      else deps.warn(`${line.where}: listing for ${line.text} failed: ${errorMessage(outcome.error)}`)
    }
  })
  return byLine
}

/** The error row of a pattern line whose listing failed. */
function unlisted(line: TargetLine, error: unknown): TargetResult {
  const message = `listing for ${line.text} failed: ${errorMessage(error)}`
  return cleanResult(
    { ...initialResult({ service: line.service, label: line.text }), status: 'error', message },
    []
  )
}

function commonPrefix(a: string, b: string): string {
  let n = 0
  while (n < a.length && n < b.length && a[n] === b[n]) n++
  return a.slice(0, n)
}

/**
 * Drops every target a `!` line matches: same service, the line's region if it names one (the step's own
 * region when the target's line named none), resource or listed name.
 */
function exclude(
  candidates: Expanded[],
  lines: readonly TargetLine[],
  notes: string[],
  deps: ExpandDeps
): TargetBase[] {
  const rules = lines.flatMap(line => (line.kind.name === 'exclude' ? [{ line, glob: line.kind.glob }] : []))
  if (rules.length === 0) return candidates.map(c => c.target)
  const kept = candidates.filter(({ target, names }) => {
    const resource = target.label.slice(target.label.indexOf(':') + 1)
    const region = target.region ?? deps.regionOf(target.service)
    return !rules.some(
      ({ line, glob }) =>
        line.service === target.service &&
        (line.region === undefined || line.region === region) &&
        (globMatches(glob, resource) || names.some(n => globMatches(glob, n)))
    )
  })
  notes.push(`! lines left out ${candidates.length - kept.length} of ${candidates.length} targets`)
  return kept.map(c => c.target)
}

/**
 * `shard: K/N`: the targets whose stable hash (SHA-256 of `target`, its first 4 bytes) modulo N is K-1. Every
 * job of an N-job matrix computes the same hashes, so together they take every target exactly once.
 */
function shardOf(targets: TargetBase[], shard: Shard | undefined, notes: string[]): TargetBase[] {
  if (shard === undefined) return targets
  const kept = targets.filter(t => shardIndex(t.label, shard.count) === shard.index - 1)
  notes.push(`shard ${shard.index}/${shard.count} kept ${kept.length} of ${targets.length} targets`)
  return kept
}

export function shardIndex(label: string, count: number): number {
  return createHash('sha256').update(label).digest().readUInt32BE(0) % count
}
