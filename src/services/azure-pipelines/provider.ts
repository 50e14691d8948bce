import { AZURE_ENDPOINT_ENV, isAzureAuth } from '../../clouds/azure/cloud.js'
import { createAzureClient } from '../../clouds/azure/client.js'
import type { HttpJsonClient } from '../../transport/http-json.js'
import type { ErrorSpec } from '../../model/call.js'
import { Cancelled } from '../../transport/cancellation.js'
import { ServiceCallError, TargetError, UnreadableAnswer } from '../../model/errors.js'
import {
  everyItemTransient,
  latest,
  namesTransientWord,
  oneLineReason,
  type Failure
} from '../../model/failure.js'
import { isoTime } from '../../model/json.js'
import { listAll, type Listed } from '../../model/listing.js'
import {
  stateOf,
  type Candidate,
  type Discovery,
  type Progress,
  type Provider,
  type RetryRequest,
  type Snapshot,
  type Started
} from '../../model/provider.js'
import type { ProviderContext, ProviderModule } from '../../model/service.js'
import { isConsoleLink } from '../../model/text.js'
import {
  listValue,
  readBuild,
  readDefinitions,
  readTimeline,
  type Build,
  type TimelineRecord
} from './answers.js'
import { STATES, type AzurePipelineTarget } from './target.js'

const API_VERSION = '7.1'
const DEFAULT_ENDPOINT = 'https://dev.azure.com'
/** The largest definition page asked for (`$top`); the continuation header says when there are more. */
const DEFINITION_PAGE = 1000

const CREDENTIALS_HINT =
  'check azure-devops-token (a PAT with Build: read & execute, or System.AccessToken), or that azure/login ran and its identity is a member of the organization'

/**
 * A stage that is not completed is refused with 409 InvalidPipelineOperationException ("Unable to retry ...
 * because it is currently in progress"): someone else retried it, so it is read again. (DistributedTask
 * pipeline strings shared with actions/runner, and the stage controller's 409 mapping: providers-next.md 2.1.)
 */
const errors: ErrorSpec = {
  refusals: ['InvalidPipelineOperationException'],
  hints: {
    HTTP401: `the request was not authenticated: ${CREDENTIALS_HINT}`,
    UnauthorizedRequestException: `the request was not authenticated: ${CREDENTIALS_HINT}`,
    HTTP403: `the request was refused: the identity needs "View builds" and "Edit build quality"/"Retry stage" (Build: read & execute) on the pipeline; also ${CREDENTIALS_HINT}`,
    HTTP404: 'not found: check azure-organization, azure-project and azure-pipeline (or the run ID)',
    ProjectDoesNotExistWithNameException: 'the project was not found: check azure-project',
    BuildNotFoundException: 'the run was not found: check execution-id (a build ID of this project)',
    DefinitionNotFoundException: 'the pipeline was not found: check azure-pipeline'
  }
}

/** Results of a stage, job or task that count as failed: `abandoned` is an agent that went away. */
const FAILED_RESULTS = new Set(['failed', 'abandoned'])

/**
 * Issue texts of an infrastructure failure rather than the code's: the agent stopped answering, or the job ran
 * past its time limit. (The exact service texts are UNCONFIRMED: providers-next.md 2.8 (e). These are the
 * wordings Azure Pipelines logs show; a miss makes a failure deterministic, the safe side.)
 */
const TRANSIENT_ISSUES: readonly (readonly [RegExp, string])[] = [
  [/stopped hearing from agent/i, 'agent lost'],
  [/lost communication with the server/i, 'agent lost'],
  [/ran longer than the maximum time/i, 'job time limit'],
  [/agent .*(?:went offline|was lost|disconnected)/i, 'agent lost']
]

function transientIssue(text: string): string | undefined {
  const hit = TRANSIENT_ISSUES.find(([re]) => re.test(text))
  return hit ? `names '${hit[1]}'` : namesTransientWord(text)
}

const stageId = (record: TimelineRecord): string => record.identifier ?? record.name ?? record.id
const isStage = (record: TimelineRecord): boolean => record.type === 'Stage'
const isFailed = (record: TimelineRecord): boolean =>
  record.state === 'completed' && FAILED_RESULTS.has(record.result ?? '')

/** The run's state: `BuildStatus` until completed, then its `BuildResult`. */
function buildState(build: Build): string {
  return build.status === 'completed' ? (build.result ?? 'none') : (build.status ?? 'none')
}

const runLabel = (build: Build): string =>
  build.buildNumber !== undefined ? `run ${build.buildNumber} (${build.id})` : `run ${build.id}`

/** Records under `parent`, any depth (Stage -> Phase -> Job -> Task). */
function descendants(records: readonly TimelineRecord[], parent: TimelineRecord): TimelineRecord[] {
  const out: TimelineRecord[] = []
  let level = [parent.id]
  for (let depth = 0; depth < 4 && level.length > 0; depth++) {
    const next = records.filter(r => r.parentId !== undefined && level.includes(r.parentId))
    out.push(...next)
    level = next.map(r => r.id)
  }
  return out
}

/**
 * The failure of the failed stages: `STAGE / JOB: issue` per failed job (its and its tasks' error issues), or
 * `STAGE / JOB: failed` without one. Transient only when every failed job is: abandoned (agent lost), or each
 * of its error issues names an infrastructure cause.
 */
export function stagesFailure(
  records: readonly TimelineRecord[],
  stages: readonly TimelineRecord[],
  build: Build
): Failure {
  const items: { text: string; transient: string | undefined; endedAt: number | undefined }[] = []
  for (const stage of stages) {
    const under = descendants(records, stage)
    const jobs = under.filter(r => r.type === 'Job' && isFailed(r))
    if (jobs.length === 0)
      items.push({
        text: `${stageId(stage)}: ${stage.result ?? 'failed'}`,
        transient: undefined,
        endedAt: isoTime(stage.finishTime)
      })
    for (const job of jobs) {
      const errors = [job, ...descendants(records, job)].flatMap(r =>
        r.issues.filter(i => i.type === 'error')
      )
      const messages = errors.map(i => i.message)
      const rules =
        job.result === 'abandoned' ? ['result abandoned (agent lost)'] : messages.map(transientIssue)
      items.push({
        text: `${stageId(stage)} / ${job.name ?? '?'}: ${messages.length > 0 ? messages.join(' / ') : (job.result ?? 'failed')}`,
        transient: everyItemTransient(rules),
        endedAt: isoTime(job.finishTime)
      })
    }
  }
  return {
    reason: oneLineReason(items.length > 0 ? items.map(i => i.text) : [`${runLabel(build)} failed`]),
    transient: everyItemTransient(items.map(i => i.transient)),
    endedAt: latest(
      items.map(i => i.endedAt),
      isoTime(build.finishTime)
    )
  }
}

/** What changes whenever anyone retries a stage of the run: its state and each failed stage's attempt. */
function revisionOf(build: Build, stages: readonly TimelineRecord[]): string {
  return [
    buildState(build),
    build.finishTime ?? '-',
    ...stages.map(s => `${stageId(s)}#${s.attempt}:${s.state ?? '?'}:${s.result ?? '-'}`)
  ].join(' ')
}

/** One stage this step retried: the attempt that failed, so a read can tell the new one by its number. */
interface RetriedStage {
  stage: string
  attempt: number
}

/** `stage Deploy inProgress, stage Smoke pending`: the stages not completed, or undefined when all are. */
function activeStages(records: readonly TimelineRecord[]): string | undefined {
  const active = records.filter(r => isStage(r) && r.state !== undefined && r.state !== 'completed')
  return active.length > 0 ? active.map(r => `stage ${stageId(r)} ${r.state ?? ''}`).join(', ') : undefined
}

const attemptOf = (record: TimelineRecord): RetriedStage => ({
  stage: stageId(record),
  attempt: record.attempt
})

/** Raised by the guard of a later stage's re-send: that stage already runs again, nothing more to send. */
class StageMovedOn extends Error {}

class AzureRuns implements Provider<AzurePipelineTarget> {
  readonly consoleHosts: string[]
  /** Per run this step retried: its stages and the attempts that failed. */
  private readonly retried = new Map<string, RetriedStage[]>()
  /** Per run found failed: its failed stages and their attempts, the baseline of the later stages' re-send guards. */
  private readonly failedIn = new Map<string, RetriedStage[]>()
  /** Definition IDs by `ORG/PROJECT/NAME`, resolved once per step. */
  private readonly definitions = new Map<string, Promise<number>>()

  constructor(
    private readonly context: ProviderContext,
    private readonly client: HttpJsonClient,
    private readonly console: string
  ) {
    this.consoleHosts = ['dev.azure.com', 'visualstudio.com', new URL(console).hostname]
  }

  private base(t: Pick<AzurePipelineTarget, 'organization' | 'project'>): string {
    return `/${encodeURIComponent(t.organization)}/${encodeURIComponent(t.project)}/_apis/build`
  }

  private get(operation: string, t: AzurePipelineTarget, path: string, query: Record<string, string> = {}) {
    return this.context.call(operation, signal =>
      this.client.request('GET', `${this.base(t)}${path}`, {
        query: { ...query, 'api-version': API_VERSION },
        signal
      })
    )
  }

  private consoleUrl(t: AzurePipelineTarget, build: Build): string {
    if (build.webUrl !== undefined && isConsoleLink(build.webUrl, this.consoleHosts)) return build.webUrl
    const org = encodeURIComponent(t.organization)
    const project = encodeURIComponent(t.project)
    return `${this.console}/${org}/${project}/_build/results?buildId=${build.id}`
  }

  private started(t: AzurePipelineTarget, build: Build, stageName?: string): Started {
    return {
      executionId: String(build.id),
      consoleUrl: this.consoleUrl(t, build),
      ...(stageName ? { stageName } : {})
    }
  }

  private async readBuild(t: AzurePipelineTarget, id: string): Promise<Build> {
    const build = readBuild(await this.get('Builds_Get', t, `/builds/${encodeURIComponent(id)}`))
    if (build === undefined) throw new UnreadableAnswer(`the answer for run ${id} has no run ID`)
    return build
  }

  private async timeline(t: AzurePipelineTarget, id: string): Promise<TimelineRecord[]> {
    return readTimeline(await this.get('Timeline_Get', t, `/builds/${encodeURIComponent(id)}/timeline`))
  }

  /** The definition ID of the target's pipeline: its ID, or the one definition with that name. */
  private definitionId(t: AzurePipelineTarget): Promise<number> {
    if (/^\d+$/.test(t.pipeline)) return Promise.resolve(Number(t.pipeline))
    const key = `${t.organization}/${t.project}/${t.pipeline}`.toLowerCase()
    let found = this.definitions.get(key)
    if (found === undefined) {
      found = this.get('Definitions_List', t, '/definitions', { name: t.pipeline }).then(answer => {
        const named = readDefinitions(answer).filter(d => d.name.toLowerCase() === t.pipeline.toLowerCase())
        const [only] = named
        if (only === undefined)
          throw new TargetError(`project ${t.project} has no pipeline named '${t.pipeline}'`)
        if (named.length > 1)
          throw new TargetError(
            `project ${t.project} has ${named.length} pipelines named '${t.pipeline}' (in folders ${named.map(d => d.path).join(', ')}): name it by its definition ID`
          )
        return only.id
      })
      this.definitions.set(key, found)
    }
    return found
  }

  private async newestBuild(t: AzurePipelineTarget): Promise<Build | undefined> {
    const definition = await this.definitionId(t)
    const answer = await this.get('Builds_List', t, '/builds', {
      definitions: String(definition),
      queryOrder: 'queueTimeDescending',
      $top: '1',
      ...(t.branch !== undefined ? { branchName: t.branch } : {})
    })
    const [first] = listValue(answer)
    return first === undefined ? undefined : readBuild(first)
  }

  /** The run's failed stages (only the target's stage, when it names one). */
  private failedStages(t: AzurePipelineTarget, records: readonly TimelineRecord[]): TimelineRecord[] {
    return records.filter(
      r => isStage(r) && isFailed(r) && (t.stageName === undefined || stageId(r) === t.stageName)
    )
  }

  async discover(t: AzurePipelineTarget): Promise<Discovery> {
    const newest = await this.newestBuild(t)
    const build = t.executionId !== undefined ? await this.readBuild(t, t.executionId) : newest
    if (build === undefined)
      return {
        kind: 'nothing',
        reason: `pipeline ${t.pipeline} has no runs${t.branch ? ` on ${t.branch}` : ''}`
      }
    if (t.executionId !== undefined) {
      const definition = await this.definitionId(t)
      if (build.definitionId !== definition)
        throw new TargetError(
          `${runLabel(build)} is a run of pipeline ${build.definitionName ?? build.definitionId ?? '?'}, not of ${t.pipeline}`
        )
      if (t.branch !== undefined && build.sourceBranch !== t.branch)
        throw new TargetError(
          `${runLabel(build)} ran on ${build.sourceBranch ?? 'an unknown branch'}, not on ${t.branch}`
        )
    }
    const state = stateOf(STATES, buildState(build))
    const what = `${runLabel(build)} of pipeline ${t.pipeline} is ${buildState(build)}`
    if (state === 'in-progress') return { kind: 'nothing', reason: what, running: this.started(t, build) }
    if (state !== 'failed') {
      if (t.executionId !== undefined) throw new TargetError(`${what}: only a failed run is retried`)
      return { kind: 'nothing', reason: `latest ${what}` }
    }
    if (newest !== undefined && newest.id !== build.id)
      return {
        kind: 'skip',
        reason: `${runLabel(build)} is superseded by the newer ${runLabel(newest)} (${buildState(newest)}) of pipeline ${t.pipeline}`
      }
    const records = await this.timeline(t, String(build.id))
    return this.candidateOf(t, build, records)
  }

  private candidateOf(t: AzurePipelineTarget, build: Build, records: TimelineRecord[]): Discovery {
    const stages = this.failedStages(t, records)
    if (t.stageName !== undefined && stages.length === 0) {
      const named = records.find(r => isStage(r) && stageId(r) === t.stageName)
      if (named === undefined) throw new TargetError(`${runLabel(build)} has no stage ${t.stageName}`)
      return {
        kind: 'nothing',
        reason: `stage ${t.stageName} of ${runLabel(build)} is ${named.result ?? named.state ?? 'not run'}, not failed`,
        ...(named.state !== undefined && named.state !== 'completed'
          ? { running: this.started(t, build) }
          : {})
      }
    }
    // The run read as failed, its timeline a moment later shows stages running: someone retried it in between.
    const active = activeStages(records)
    if (stages.length === 0 && active !== undefined)
      return {
        kind: 'nothing',
        reason: `${runLabel(build)} of pipeline ${t.pipeline} is already being retried, not by this step: ${active}`,
        running: this.started(t, build)
      }
    if (stages.length === 0)
      return {
        kind: 'skip',
        reason: `${runLabel(build)} failed but its timeline shows no failed stage (a classic pipeline has none): only stages can be retried`
      }
    const names = stages.map(stageId)
    this.failedIn.set(String(build.id), stages.map(attemptOf))
    return {
      kind: 'found',
      candidate: {
        executionId: String(build.id),
        stageName: names.join(','),
        previousAttempts: Math.max(...stages.map(s => s.attempt - 1)),
        attemptsBasis: `stage attempt ${stages.map(s => `${stageId(s)} ${s.attempt}`).join(', ')}`,
        revision: revisionOf(build, stages),
        description: `${runLabel(build)} of pipeline ${t.pipeline} failed in stage ${names.join(', ')}`,
        consoleUrl: this.consoleUrl(t, build),
        failure: stagesFailure(records, stages, build)
      }
    }
  }

  async recheck(t: AzurePipelineTarget, candidate: Candidate): Promise<Snapshot> {
    const build = await this.readBuild(t, candidate.executionId)
    const records = await this.timeline(t, candidate.executionId)
    const names = (candidate.stageName ?? '').split(',')
    const stages = records.filter(r => isStage(r) && names.includes(stageId(r)))
    const running =
      stages.some(s => s.state !== 'completed') || stateOf(STATES, buildState(build)) === 'in-progress'
    const state = running ? 'in-progress' : stateOf(STATES, buildState(build))
    return {
      state,
      revision: revisionOf(build, stages),
      previousAttempts: Math.max(0, ...stages.map(s => s.attempt - 1)),
      current: this.started(t, build, candidate.stageName),
      description: `${runLabel(build)} is ${buildState(build)}; ${stages.map(s => `stage ${stageId(s)} attempt ${s.attempt} ${s.state ?? '?'}${s.result ? ` ${s.result}` : ''}`).join(', ')}`
    }
  }

  /**
   * One PATCH per failed stage, in timeline order. There is no idempotency token: the first stage's re-send is
   * checked by the engine (beforeResend); a later stage's by reading that stage again.
   */
  async retry(t: AzurePipelineTarget, candidate: Candidate, request: RetryRequest): Promise<Started> {
    const id = candidate.executionId
    const names = (candidate.stageName ?? '').split(',')
    // The attempts discovery saw them fail in; a candidate this provider did not find is read for them.
    const seen = this.failedIn.get(id) ?? (await this.timeline(t, id)).filter(isStage).map(attemptOf)
    const attempts = new Map(seen.map(s => [s.stage, s.attempt] as const))
    const done: RetriedStage[] = []
    for (const [i, stage] of names.entries()) {
      const attempt = attempts.get(stage) ?? 1
      const guard =
        i === 0
          ? request.beforeResend
          : async () => {
              if (await this.movedOn(t, id, stage, attempt)) throw new StageMovedOn()
            }
      try {
        await this.context.call(
          'Stages_Update',
          signal =>
            this.client.request(
              'PATCH',
              `${this.base(t)}/builds/${encodeURIComponent(id)}/stages/${encodeURIComponent(stage)}`,
              {
                query: { 'api-version': API_VERSION },
                body: { state: 'retry', forceRetryAllJobs: request.mode === 'all' },
                signal
              }
            ),
          { beforeResend: guard }
        )
      } catch (error) {
        // A later stage that runs again already (its answer was lost, or someone retried it) is retried.
        const refused = error instanceof ServiceCallError && error.refusal
        if (error instanceof Cancelled) throw error
        if (
          i === 0 ||
          !(error instanceof StageMovedOn || (refused && (await this.movedOn(t, id, stage, attempt))))
        )
          throw done.length === 0 ? error : partly(done, stage, error)
      }
      done.push({ stage, attempt })
    }
    this.retried.set(id, done)
    return { executionId: id, stageName: names.join(','), consoleUrl: candidate.consoleUrl }
  }

  /** Whether the stage shows a newer attempt than `attempt`, or is no longer a completed failure. */
  private async movedOn(
    t: AzurePipelineTarget,
    id: string,
    stage: string,
    attempt: number
  ): Promise<boolean> {
    const record = (await this.timeline(t, id)).find(r => isStage(r) && stageId(r) === stage)
    return record !== undefined && (record.attempt > attempt || !isFailed(record))
  }

  /**
   * The timeline first: while a stage runs (or the new attempt has yet to show) that is the answer, one read a
   * poll; the run itself is read once the stages are done, for its result.
   */
  async status(t: AzurePipelineTarget, started: Started): Promise<Progress> {
    const records = await this.timeline(t, started.executionId)
    // Just after a retry a read may still show the attempt that failed: only a higher attempt is the new one.
    for (const { stage, attempt } of this.retried.get(started.executionId) ?? []) {
      const record = records.find(r => isStage(r) && stageId(r) === stage)
      if (record !== undefined && record.attempt <= attempt)
        return { state: 'in-progress', phase: `waiting for attempt ${attempt + 1} of stage ${stage} to show` }
    }
    const active = activeStages(records)
    if (active !== undefined)
      return {
        state: 'in-progress',
        phase: active
      }
    const build = await this.readBuild(t, started.executionId)
    const state = stateOf(STATES, buildState(build))
    if (state === 'in-progress') return { state, phase: `${runLabel(build)} ${buildState(build)}` }
    if (state === 'stopped') return { state, reason: `${runLabel(build)} was canceled` }
    if (state !== 'failed') return { state }
    const failure = stagesFailure(
      records,
      records.filter(r => isStage(r) && isFailed(r)),
      build
    )
    return { state, reason: failure.reason, failure }
  }

  async stop(t: AzurePipelineTarget, started: Started): Promise<void> {
    const id = started.executionId
    await this.context.call(
      'Builds_Update',
      signal =>
        this.client.request('PATCH', `${this.base(t)}/builds/${encodeURIComponent(id)}`, {
          query: { 'api-version': API_VERSION },
          body: { status: 'cancelling' },
          signal
        }),
      {
        alreadyApplied: async () => {
          const build = await this.readBuild(t, id)
          return build.status === 'cancelling' || build.status === 'completed' ? {} : undefined
        }
      }
    )
  }

  /** The project's pipelines by name, `$top` a page, continued by the `x-ms-continuationtoken` header. */
  list({ scope }: { scope?: string }): Promise<Listed[]> {
    const [organization = '', project = ''] = (scope ?? '').split('/')
    return listAll(`the pipelines of ${organization}/${project}`, async token => {
      let next: string | undefined
      const answer = await this.context.call('Definitions_List', signal =>
        this.client.request('GET', `${this.base({ organization, project })}/definitions`, {
          query: {
            $top: String(DEFINITION_PAGE),
            'api-version': API_VERSION,
            ...(token ? { continuationToken: token } : {})
          },
          signal,
          onHeaders: headers => (next = headers.get('x-ms-continuationtoken') ?? undefined)
        })
      )
      return {
        items: readDefinitions(answer).map(d => ({
          name: d.name,
          resource: `${organization}/${project}/${d.id}`
        })),
        next
      }
    })
  }
}

/** A later stage's retry failed after earlier ones were sent: say what was retried and what was not. */
function partly(done: readonly RetriedStage[], stage: string, error: unknown): TargetError {
  const why = error instanceof Error ? error.message : String(error)
  return new TargetError(
    `stage ${done.map(d => d.stage).join(', ')} retried, but the retry of stage ${stage} failed (${why}): retry stage ${stage} by hand or run the step again`
  )
}

function create(context: ProviderContext): Provider<AzurePipelineTarget> {
  const auth = context.credentials
  if (!isAzureAuth(auth)) throw new TargetError('no Azure DevOps credentials are set for azure-pipelines')
  const endpoint = context.endpoint ?? (process.env[AZURE_ENDPOINT_ENV]?.trim() || DEFAULT_ENDPOINT)
  // Azure DevOps Server serves its web pages from the API host; anything that is not https links to dev.azure.com.
  const console = endpoint.startsWith('https://') ? endpoint.replace(/\/+$/, '') : DEFAULT_ENDPOINT
  return new AzureRuns(context, createAzureClient({ endpoint, auth }), console)
}

export default { errors, create } satisfies ProviderModule<AzurePipelineTarget>
