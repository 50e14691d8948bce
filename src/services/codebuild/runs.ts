import { CodeBuildClient, ListProjectsCommand, type Build } from '@aws-sdk/client-codebuild'
import type { ErrorSpec } from '../../model/call.js'
import { TargetError, UnreadableAnswer } from '../../model/errors.js'
import type { ProviderContext, ProviderModule } from '../../model/service.js'
import { projectOfBuildId, STATES, type ProjectTarget } from './projects.js'
import { AWS_CONSOLE_HOSTS, awsCall, awsClientConfig, consoleBase } from '../../clouds/aws.js'
import { listAll, type Listed } from '../../model/listing.js'
import { Batcher } from '../../transport/batcher.js'
import type { Failure } from '../../model/failure.js'
import { FAILED_STATUSES, type Phase } from './failure.js'
import { stateOf } from '../../model/provider.js'
import type {
  Candidate,
  Discovery,
  Progress,
  Provider,
  RetryRequest,
  Snapshot,
  Started
} from '../../model/provider.js'

/**
 * The retry flow shared by CodeBuild builds and batches: both list the project's newest runs, read them in
 * one batch call, retry with an idempotency token and report the same statuses. Each provider file only
 * supplies its five API calls (RunApi).
 */

/** How many of a project's newest runs are read: one list page, one batch read (the API's limit is 100). */
export const HEAD_SIZE = 100

export function codeBuildClient(context: ProviderContext): CodeBuildClient {
  return new CodeBuildClient(awsClientConfig(context))
}

/** ListProjects, one page by name: what builds and batches list for `targets` patterns. */
export function listProjectsPage(context: ProviderContext, client: CodeBuildClient): RunApi['listProjects'] {
  return async nextToken => {
    const out = await awsCall(context, 'ListProjects', options =>
      client.send(new ListProjectsCommand({ sortBy: 'NAME', sortOrder: 'ASCENDING', nextToken }), options)
    )
    return { names: out.projects ?? [], next: out.nextToken }
  }
}

/** A build or batch, reduced to what the flow reads. */
export interface Run {
  /** `project:uuid`. */
  id: string
  arn?: string | undefined
  /** Build/batch status; `UNKNOWN` when the service left it out. */
  status: string
  phase?: string | undefined
  /** The commit it built (`resolvedSourceVersion`): consecutive failures of one commit are its retries. */
  sourceVersion?: string | undefined
  /** What was asked for (`sourceVersion`: a branch, ref or commit): a newer run of it supersedes this one. */
  requestedSource?: string | undefined
  /** Set when CodeBuild has retried this build itself (builds only). */
  nextAutoRetry?: string | undefined
  /** A failed build that CodeBuild is about to retry itself: its coming auto-retry's number and the limit. */
  autoRetryPending?: { number: number; limit: number } | undefined
  /** Retries that restarted this same run (batches: RetryBuildBatch keeps the batch ID); 0 for builds. */
  retriedInPlace: number
  /** Why it failed, when it did and the service says. */
  failure?: string | undefined
  /** The same failure in the retry policy's terms. */
  failed?: Failure | undefined
}

/** The fields builds and batches have in common, read the same way. */
export function commonFields(
  run: Pick<Build, 'arn' | 'currentPhase' | 'resolvedSourceVersion' | 'sourceVersion'>,
  id: string
): Pick<Run, 'id' | 'arn' | 'phase' | 'sourceVersion' | 'requestedSource'> {
  return {
    id,
    arn: run.arn,
    phase: run.currentPhase,
    sourceVersion: run.resolvedSourceVersion,
    requestedSource: run.sourceVersion ?? run.resolvedSourceVersion
  }
}

/** How the flow names a run in messages and console links. */
export type RunNoun = { one: 'build'; many: 'builds' } | { one: 'batch'; many: 'batches' }

/** The service calls that differ between builds and batches. */
export interface RunApi {
  /** One page of the account's project names (ListProjects, by name). */
  listProjects(nextToken: string | undefined): Promise<{ names: string[]; next?: string | undefined }>
  /** The project's newest run IDs, newest first (one page). */
  listNewest(project: string): Promise<string[]>
  /** Reads up to HEAD_SIZE runs in one call; missing ones are left out, order is not kept. */
  read(ids: string[]): Promise<Run[]>
  /** Retries once; the token makes a re-send after a lost answer return the same new run. */
  retry(id: string, request: RetryRequest): Promise<{ id?: string | undefined; arn?: string | undefined }>
  stop(id: string): Promise<void>
}

/** The retry flow over a RunApi: discovery, the re-send check, status reads batched, stop. */
class RunProvider<T extends ProjectTarget> implements Provider<T> {
  readonly consoleHosts = AWS_CONSOLE_HOSTS
  /** Status reads of every waiting run at one poll tick go out together, up to 100 IDs a call. */
  private readonly statuses: Batcher<Run>

  constructor(
    private readonly api: RunApi,
    private readonly noun: RunNoun,
    private readonly region: string
  ) {
    this.statuses = new Batcher<Run>(
      async ids => new Map((await api.read(ids)).map(r => [r.id, r])),
      HEAD_SIZE
    )
  }

  private get one(): RunNoun['one'] {
    return this.noun.one
  }

  private url(id: string): string {
    return consoleUrl(this.region, this.one, id)
  }

  /** One run by ID or ARN: on its own (discovery), or batched with the other waiting runs (status). */
  private async readOne(idOrArn: string, batched = false): Promise<Run> {
    const id = runIdOf(idOrArn)
    const run = batched ? await this.statuses.load(id) : (await this.api.read([id])).find(r => r.id === id)
    if (!run) throw new TargetError(`${this.one} ${idOrArn} was not found in ${this.region}`)
    return run
  }

  /**
   * The project's newest runs, newest first. The newest one must be readable: falling back to an older run
   * would retry a superseded failure.
   */
  private async head(project: string): Promise<Run[]> {
    const ids = (await this.api.listNewest(project)).slice(0, HEAD_SIZE)
    if (ids.length === 0) return []
    const byId = new Map((await this.api.read(ids)).map(r => [r.id, r]))
    if (!byId.has(ids[0] ?? ''))
      throw new TargetError(
        `the newest ${this.one} of project ${project}, ${ids[0] ?? ''}, was listed but could not be read; ` +
          `not falling back to an older ${this.one}`
      )
    return ids.flatMap(id => byId.get(id) ?? [])
  }

  private candidateOf(run: Run, executionId: string, runs: Run[], latest: boolean): Candidate {
    return {
      executionId,
      description: `${latest ? 'latest ' : ''}${this.one} ${run.id} ${run.status}${run.failure ? ` (${run.failure})` : ''}`,
      consoleUrl: this.url(run.id),
      failure: run.failed,
      revision: revisionOf(run, newestOfSource(runs, run)),
      ...countAttempts(this.noun, runs, run)
    }
  }

  private async discoverLatest(project: string): Promise<Discovery> {
    const runs = await this.head(project)
    const [newest] = runs
    if (!newest) return { kind: 'nothing', reason: `project ${project} has no ${this.noun.many}` }
    const skip = whyNotRetried(newest, this.one)
    if (skip) {
      // Still running, or about to be retried by CodeBuild: `wait` follows it before deciding.
      const running =
        stateOf(STATES, newest.status) === 'in-progress' || newest.autoRetryPending !== undefined
      return {
        kind: 'nothing',
        reason: `latest ${skip}`,
        ...(running
          ? {
              running: {
                executionId: newest.id,
                ...(newest.arn ? { executionArn: newest.arn } : {}),
                consoleUrl: this.url(newest.id)
              }
            }
          : {})
      }
    }
    return { kind: 'found', candidate: this.candidateOf(newest, newest.id, runs, true) }
  }

  private async discoverNamed(project: string, executionId: string): Promise<Discovery> {
    const run = await this.readOne(executionId)
    // Still running: nothing to retry yet, and `wait` follows it.
    if (stateOf(STATES, run.status) === 'in-progress')
      return {
        kind: 'nothing',
        reason: `${this.one} ${run.id} is ${run.status}`,
        running: {
          executionId: run.id,
          ...(run.arn ? { executionArn: run.arn } : {}),
          consoleUrl: this.url(run.id)
        }
      }
    if (!FAILED_STATUSES.has(run.status))
      throw new TargetError(
        `${this.one} ${run.id} is ${run.status}; only a ${this.one} that is FAILED, FAULT or TIMED_OUT is retried`
      )
    const skip = whyNotRetried(run, this.one)
    if (skip)
      return {
        kind: 'nothing',
        reason: skip,
        ...(run.autoRetryPending
          ? {
              running: {
                executionId: run.id,
                ...(run.arn ? { executionArn: run.arn } : {}),
                consoleUrl: this.url(run.id)
              }
            }
          : {})
      }
    const runs = await this.head(project)
    const newer = newerOfSource(runs, run)
    const [newest] = newer
    if (newest)
      return {
        kind: 'skip',
        reason:
          `${this.one} ${run.id} is superseded by the newer ${this.one} ${newest.id} (${newest.status}) of the same ` +
          `source version ${sourceLabel(run)}; ${newer.length} newer ${newer.length === 1 ? this.one : this.noun.many} ` +
          'of it count as earlier retries'
      }
    return { kind: 'found', candidate: this.candidateOf(run, executionId, runs, false) }
  }

  /**
   * The end of a build's auto-retry chain: a build CodeBuild retried itself is followed to its retry, and one
   * it is about to retry reads as still running, so a wait never reports a failure CodeBuild is retrying.
   */
  private async followAutoRetries(run: Run): Promise<Run> {
    let current = run
    for (let hops = 0; hops < MAX_AUTO_RETRY_CHAIN && current.nextAutoRetry; hops++)
      current = await this.readOne(current.nextAutoRetry, true)
    if (current.autoRetryPending === undefined) return current
    const { number, limit } = current.autoRetryPending
    return {
      ...current,
      status: 'IN_PROGRESS',
      phase: `waiting for CodeBuild's auto-retry ${number} of ${limit} of ${current.id}`
    }
  }

  async recheck(target: T, candidate: Candidate): Promise<Snapshot> {
    const runs = await this.head(projectOf(target))
    const id = runIdOf(candidate.executionId)
    const run = runs.find(r => r.id === id) ?? (await this.readOne(id))
    // A build retry is a new build of the same source; a batch retry restarts the batch itself.
    const current = newestOfSource(runs, run)
    return {
      state: progressOf(current).state,
      revision: revisionOf(run, current),
      ...countAttempts(this.noun, runs, current),
      current: {
        executionId: current.id,
        ...(current.arn ? { executionArn: current.arn } : {}),
        consoleUrl: this.url(current.id)
      },
      description: `${this.one} ${current.id} ${current.status}${current === run ? '' : ` (newer ${this.one} of the same source as ${run.id})`}`
    }
  }

  discover(target: T): Promise<Discovery> {
    return target.executionId === undefined
      ? this.discoverLatest(projectOf(target))
      : this.discoverNamed(projectOf(target), target.executionId)
  }

  async retry(_target: T, candidate: Candidate, request: RetryRequest): Promise<Started> {
    const started = await this.api.retry(candidate.executionId, request)
    if (started.id === undefined)
      throw new UnreadableAnswer(`the retry of ${candidate.executionId} answered without a ${this.one}`)
    return {
      executionId: started.id,
      ...(started.arn ? { executionArn: started.arn } : {}),
      consoleUrl: this.url(started.id)
    }
  }

  async status(_target: T, started: Started): Promise<Progress> {
    return progressOf(await this.followAutoRetries(await this.readOne(started.executionId, true)))
  }

  list(): Promise<Listed[]> {
    return listAll('CodeBuild projects', async token => {
      const page = await this.api.listProjects(token)
      return { items: page.names.map(name => ({ name, resource: name })), next: page.next }
    })
  }

  stop(_target: T, started: Started): Promise<void> {
    return this.api.stop(started.executionId)
  }
}

function projectOf(target: ProjectTarget): string {
  const project = target.projectName ?? projectOfBuildId(target.executionId)
  if (project === undefined) throw new TargetError(`${target.label}: no CodeBuild project named`)
  return project
}

/** `project:uuid` from an ID or an ARN (`arn:...:build/project:uuid`, `...:build-batch/project:uuid`). */
function runIdOf(idOrArn: string): string {
  return idOrArn.startsWith('arn:') ? idOrArn.slice(idOrArn.indexOf('/') + 1) : idOrArn
}

function consoleUrl(region: string, kind: 'build' | 'batch', idOrArn: string): string {
  const id = runIdOf(idOrArn)
  const project = id.slice(0, id.indexOf(':'))
  return (
    `${consoleBase(region)}/codesuite/codebuild/projects/${project}/${kind}/` +
    `${encodeURIComponent(id)}/?region=${region}`
  )
}

/** Why a run is not retried (not failed, or CodeBuild retries it itself); undefined when it is retried. */
function whyNotRetried(run: Run, noun: string): string | undefined {
  if (!FAILED_STATUSES.has(run.status)) return `${noun} ${run.id} is ${run.status}`
  if (run.nextAutoRetry)
    return `${noun} ${run.id} is ${run.status} and CodeBuild has retried it itself as ${run.nextAutoRetry}`
  if (run.autoRetryPending)
    return `${noun} ${run.id} is ${run.status}: CodeBuild retries it itself (auto-retry ${run.autoRetryPending.number} of ${run.autoRetryPending.limit})`
  return undefined
}

/** How many auto-retries a status read follows at most: CodeBuild's own limit is 10. */
const MAX_AUTO_RETRY_CHAIN = 10

/**
 * Earlier attempts: every retry (ours, a person's, CodeBuild's auto-retry) of a build is a new build of the same
 * source on top of the project's history, while a batch retry restarts the same batch. So: the run of
 * consecutive failed builds (batches) of the candidate's source, starting at the candidate, minus the candidate
 * itself, plus the in-place retries of the batches in that run.
 */
function countAttempts(
  noun: RunNoun,
  runs: readonly Run[],
  candidate: Run
): Pick<Candidate, 'previousAttempts' | 'attemptsBasis'> {
  const start = runs.findIndex(r => r.id === candidate.id)
  // Older than the head that was read: only the candidate itself is known, so this is a lower bound.
  const run = start < 0 ? [candidate] : takeWhile(runs.slice(start), r => isRetryOf(r, candidate))
  const inPlace = run.reduce((sum, r) => sum + r.retriedInPlace, 0)
  const source = candidate.sourceVersion
    ? `source ${shortSource(candidate.sourceVersion)}`
    : 'an unresolved source'
  const basis = [
    `${run.length} consecutive failed ${run.length === 1 ? noun.one : noun.many} of ${source}`,
    ...(inPlace > 0 ? [`retried in place ${inPlace} time${inPlace === 1 ? '' : 's'}`] : []),
    ...(start < 0 ? [`older ${noun.many} not read (not among the project's ${HEAD_SIZE} newest)`] : [])
  ]
  return { previousAttempts: run.length - 1 + inPlace, attemptsBasis: basis.join(', ') }
}

/** Runs newer than `run` (the list is newest first) of the source version it was asked to build. */
function newerOfSource(runs: readonly Run[], run: Run): Run[] {
  const index = runs.findIndex(r => r.id === run.id)
  const newer = index < 0 ? runs : runs.slice(0, index)
  return newer.filter(r => r.requestedSource === run.requestedSource)
}

/** The newest run of `run`'s source: a newer build (its retry) or, with none, the run itself. */
function newestOfSource(runs: readonly Run[], run: Run): Run {
  return newerOfSource(runs, run)[0] ?? run
}

/** Changes when anyone retries the run: a newer run of its source appears, or it restarts in place. */
function revisionOf(run: Run, newest: Run): string {
  return `${newest.id} ${newest.status} ${run.retriedInPlace}`
}

function sourceLabel(run: Run): string {
  return run.requestedSource === undefined ? '(none given)' : shortSource(run.requestedSource)
}

function takeWhile<T>(items: readonly T[], keep: (item: T) => boolean): T[] {
  const end = items.findIndex(item => !keep(item))
  return items.slice(0, end < 0 ? items.length : end)
}

function isRetryOf(run: Run, candidate: Run): boolean {
  return FAILED_STATUSES.has(run.status) && run.sourceVersion === candidate.sourceVersion
}

/** A Git commit reads best as its 7-character prefix; other versions (S3 version IDs) stay whole. */
function shortSource(version: string): string {
  return /^[0-9a-f]{40}$/.test(version) ? version.slice(0, 7) : version
}

function progressOf(run: Run): Progress {
  // An absent or new status is read as still running: the poll goes on until a known end.
  const state = stateOf(STATES, run.status)
  return {
    state,
    ...(run.phase ? { phase: run.phase } : {}),
    ...(state === 'failed' ? { reason: run.failure ?? `${run.id} ${run.status}`, failure: run.failed } : {})
  }
}

/** The first failed phase and its contexts, e.g. "phase BUILD FAILED: COMMAND_EXECUTION_ERROR: ...". */
export function phaseFailure(phases: readonly Phase[] | undefined): string | undefined {
  const failed = phases?.find(p => p.phaseStatus !== undefined && FAILED_STATUSES.has(p.phaseStatus))
  if (!failed) return undefined
  const contexts = (failed.contexts ?? [])
    .map(c => [c.statusCode, c.message].filter(Boolean).join(': '))
    .filter(Boolean)
  const head = `phase ${failed.phaseType ?? 'UNKNOWN'} ${failed.phaseStatus ?? ''}`
  return contexts.length > 0 ? `${head}: ${contexts.join('; ')}` : head
}

/**
 * A CodeBuild provider module: the shared flow over the service's `api`, and its errors, whose hints name
 * the IAM `actions` the provider calls.
 */
export function runModule(
  api: (context: ProviderContext) => RunApi,
  noun: RunNoun,
  actions: readonly string[]
): ProviderModule<ProjectTarget> {
  return {
    errors: codeBuildErrors(noun, actions),
    create: context => new RunProvider(api(context), noun, context.region)
  }
}

/** Hints for CodeBuild's documented errors; `actions` are the IAM actions the provider calls. */
function codeBuildErrors(noun: RunNoun, actions: readonly string[]): ErrorSpec {
  return {
    // CodeBuild answers a retry of a run that is not failed (any more) with InvalidInputException.
    refusals: ['InvalidInputException'],
    hints: {
      InvalidInputException:
        `check that project-name and execution-id name a failed ${noun.one} of this account and region; ` +
        'an idempotency-token reused within 5 minutes for another request is refused too',
      ResourceNotFoundException: `no such CodeBuild project or ${noun.one}: check project-name, execution-id and region`,
      AccountLimitExceededException:
        'an account limit of CodeBuild (e.g. concurrent builds) is reached: wait for running builds or ask ' +
        'for a higher quota in Service Quotas',
      AccessDeniedException: `the role needs ${actions.map(a => `codebuild:${a}`).join(', ')}`
    }
  }
}

export { buildFailure, FAILED_STATUSES } from './failure.js'
