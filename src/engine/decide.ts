import type { Candidate, Provider, Started } from '../model/provider.js'
import type { ActionRequest } from '../model/request.js'
import type { TargetBase, TargetResult } from '../model/target.js'
import { cut, MAX_TEXT } from '../model/text.js'
import { judge } from './policy.js'
import { targetLog, type TargetDeps } from './target-deps.js'

/** What to do with a target: retry the candidate, or stop here with a result. */
export type Decision =
  | { kind: 'retry'; candidate: Candidate; result: TargetResult }
  | { kind: 'done'; result: TargetResult; running?: Started | undefined }

/**
 * Discovery and every rule that may say "do not retry": nothing failed, a newer execution superseded the
 * named one, `max-attempts` is reached, another line of this run has it, or it is a dry run.
 */
export async function decide(
  target: TargetBase,
  provider: Provider,
  request: ActionRequest,
  base: TargetResult,
  deps: TargetDeps
): Promise<Decision> {
  const log = targetLog(target, deps)
  const discovery = await provider.discover(target)
  if (discovery.target !== undefined) base = { ...base, target: discovery.target }
  if (discovery.kind === 'nothing') {
    const by = deps.ledger?.retriedBy(target)
    const said = cut(discovery.reason, MAX_TEXT)
    const reason = by ? `${said} (retried by ${by} earlier in this run)` : said
    log(`nothing to retry: ${reason}`)
    return {
      kind: 'done',
      result: { ...base, status: 'nothing-to-retry', message: reason },
      ...(discovery.running ? { running: discovery.running } : {})
    }
  }
  if (discovery.kind === 'skip') {
    const reason = cut(discovery.reason, MAX_TEXT)
    deps.warn(`${target.label}: not retried: ${reason}`)
    return {
      kind: 'done',
      result: { ...base, status: 'skipped', message: `not retried: ${reason}` }
    }
  }
  // API text has no bound of its own: what is logged, shown and matched is cut to MAX_TEXT once, here.
  const found = discovery.candidate
  const long = found.description.length > MAX_TEXT || (found.failure?.reason.length ?? 0) > MAX_TEXT
  const candidate: Candidate = long
    ? {
        ...found,
        description: cut(found.description, MAX_TEXT),
        ...(found.failure
          ? { failure: { ...found.failure, reason: cut(found.failure.reason, MAX_TEXT) } }
          : {})
      }
    : found
  const result: TargetResult = {
    ...base,
    executionId: candidate.executionId,
    stageName: candidate.stageName ?? base.stageName,
    consoleUrl: candidate.consoleUrl,
    failure: candidate.failure?.reason ?? '',
    ...(candidate.failure
      ? { failureClass: candidate.failure.transient !== undefined ? 'transient' : 'deterministic' }
      : {})
  }
  log(`found ${candidate.description}`)
  if (candidate.attemptsBasis)
    log(`earlier retries: ${candidate.previousAttempts ?? 'unknown'} (${candidate.attemptsBasis})`)

  const stop =
    policyStop(target, candidate, request, result, deps) ?? runStop(target, candidate, request, result, deps)
  if (stop) return { kind: 'done', result: stop }
  return { kind: 'retry', candidate, result }
}

/** `max-attempts`, then `retry-on` and `failed-within`: the result when the policy says no. */
function policyStop(
  target: TargetBase,
  candidate: Candidate,
  request: ActionRequest,
  result: TargetResult,
  deps: TargetDeps
): TargetResult | undefined {
  const log = targetLog(target, deps)
  const attempts = candidate.previousAttempts
  if (request.maxAttempts > 0 && attempts !== undefined && attempts >= request.maxAttempts) {
    const message = `not retried: already retried ${attempts} time(s), max-attempts is ${request.maxAttempts}`
    deps.warn(`${target.label}: ${message}`)
    return { ...result, status: 'skipped', message }
  }
  const { failure } = candidate
  if (failure)
    log(`failure: ${failure.reason}${failure.transient ? ` (transient: ${failure.transient})` : ''}`)
  if (failure?.note) log(failure.note)
  const verdict = judge(failure, request.policy, deps.clock.now())
  log(verdict.why)
  return verdict.retry ? undefined : { ...result, status: 'skipped', message: verdict.why }
}

/** Another line of this run has the execution, or it is a dry run: the result, else undefined (retry). */
function runStop(
  target: TargetBase,
  candidate: Candidate,
  request: ActionRequest,
  result: TargetResult,
  deps: TargetDeps
): TargetResult | undefined {
  const log = targetLog(target, deps)
  const owner = deps.ledger?.claim(
    target,
    `${target.service}:${candidate.executionId}:${candidate.stageName ?? ''}`
  )
  if (owner !== undefined) {
    log(`already handled by ${owner} in this run`)
    const message = `${candidate.description}: already handled by ${owner} in this run`
    return { ...result, status: 'nothing-to-retry', message }
  }
  const spent = deps.budget?.take(target, request.dryRun)
  if (spent !== undefined) {
    deps.warn(`${target.label}: not retried: ${spent}`)
    return { ...result, status: 'skipped', message: `not retried: ${spent}` }
  }
  if (!request.dryRun) return undefined
  log('dry-run: not retrying')
  return { ...result, status: 'dry-run', message: `would retry ${candidate.description}` }
}
