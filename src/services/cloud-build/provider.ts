import { CLOUD_BUILD_ENDPOINT_ENV, isGoogleAuth } from '../../clouds/google/cloud.js'
import { createGoogleClient } from '../../clouds/google/client.js'
import type { ErrorSpec } from '../../model/call.js'
import { ServiceCallError, TargetError, UnreadableAnswer } from '../../model/errors.js'
import { namesTransientWord, oneLineReason, type Failure } from '../../model/failure.js'
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
import type { HttpJsonClient } from '../../transport/http-json.js'
import { operationBuild, readBuild, readBuildPage, readTriggerPage, type Build } from './answers.js'
import { STATES, type TriggerTarget } from './target.js'

const DEFAULT_ENDPOINT = 'https://cloudbuild.googleapis.com'
const CONSOLE = 'https://console.cloud.google.com'
/** Builds read a page to find the newest of a branch and count the retries of one commit (a bound, not a limit). */
const BUILD_PAGE = 50
const TRIGGER_PAGE = 100

const CREDENTIALS_HINT =
  'check that google-github-actions/auth ran before this step (Workload Identity Federation), or gcp-access-token'
const errors: ErrorSpec = {
  hints: {
    UNAUTHENTICATED: `the request was not authenticated: ${CREDENTIALS_HINT}`,
    PERMISSION_DENIED:
      'the identity lacks a permission: roles/cloudbuild.builds.editor (cloudbuild.builds.get, .list, .create, .update) on the project',
    NOT_FOUND:
      'not found: check gcp-project, gcp-location (a regional trigger lives in its region) and trigger',
    INVALID_ARGUMENT:
      'Cloud Build refused the request as invalid: check gcp-project, gcp-location and the build ID'
  }
}

/**
 * FailureInfo types of a failure outside the build's own code: "Backend logging failures. Should retry." and
 * an image push that failed (the contract's transient classes); INTERNAL_ERROR is "an internal cause".
 */
const TRANSIENT_FAILURES = new Set(['LOGGING_FAILURE', 'PUSH_FAILED'])

const buildLabel = (b: Build): string => `build ${b.id}`

/** `TYPE: detail; status detail; failed steps: ...`, transient by FailureInfo type or status INTERNAL_ERROR. */
export function buildFailure(b: Build): Failure {
  const parts = [
    b.failureType !== undefined
      ? `${b.failureType}${b.failureDetail ? `: ${b.failureDetail}` : ''}`
      : (b.status ?? 'FAILURE'),
    ...(b.statusDetail !== undefined && b.statusDetail !== b.failureDetail ? [b.statusDetail] : []),
    ...(b.failedSteps.length > 0 ? [`failed steps: ${b.failedSteps.join(', ')}`] : [])
  ]
  const transient =
    b.failureType !== undefined && TRANSIENT_FAILURES.has(b.failureType)
      ? `failureInfo ${b.failureType}`
      : b.status === 'INTERNAL_ERROR'
        ? 'status INTERNAL_ERROR'
        : namesTransientWord(b.failureDetail ?? b.statusDetail)
  return { reason: oneLineReason(parts), transient, endedAt: isoTime(b.finishTime) }
}

class TriggerBuilds implements Provider<TriggerTarget> {
  readonly consoleHosts = ['console.cloud.google.com']
  private readonly triggers = new Map<string, Promise<{ id: string; name: string }[]>>()

  constructor(
    private readonly context: ProviderContext,
    private readonly client: HttpJsonClient,
    private readonly location: string
  ) {}

  private parent(t: Pick<TriggerTarget, 'project'>): string {
    return `/v1/projects/${encodeURIComponent(t.project)}/locations/${encodeURIComponent(this.location)}`
  }

  private buildName(t: TriggerTarget, id: string): string {
    return `projects/${t.project}/locations/${this.location}/builds/${id}`
  }

  private consoleUrl(t: TriggerTarget, b: Build): string {
    if (b.logUrl !== undefined && isConsoleLink(b.logUrl, this.consoleHosts)) return b.logUrl
    const where = this.location === 'global' ? '' : `;region=${encodeURIComponent(this.location)}`
    return `${CONSOLE}/cloud-build/builds${where}/${encodeURIComponent(b.id)}?project=${encodeURIComponent(t.project)}`
  }

  private started(t: TriggerTarget, b: Build): Started {
    return { executionId: b.id, consoleUrl: this.consoleUrl(t, b) }
  }

  private async getBuild(t: TriggerTarget, id: string): Promise<Build> {
    const build = readBuild(
      await this.context.call('GetBuild', signal =>
        this.client.request('GET', `${this.parent(t)}/builds/${encodeURIComponent(id)}`, { signal })
      )
    )
    if (build === undefined) throw new UnreadableAnswer(`the answer for build ${id} has no build ID`)
    return build
  }

  /** The trigger's ID: a UUID as given, or the one trigger of the location with that name (unique in a project). */
  private async triggerId(t: TriggerTarget): Promise<string> {
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-/.test(t.trigger)) return t.trigger
    const hit = (await this.triggersOf(t.project)).find(x => x.name === t.trigger)
    if (hit === undefined)
      throw new TargetError(
        `project ${t.project} has no trigger named '${t.trigger}' in location ${this.location}`
      )
    return hit.id
  }

  /** The location's triggers, listed once per step and project. */
  private triggersOf(project: string): Promise<{ id: string; name: string }[]> {
    let listed = this.triggers.get(project)
    if (listed === undefined) {
      listed = this.listTriggers(project)
      listed.catch(() => this.triggers.delete(project))
      this.triggers.set(project, listed)
    }
    return listed
  }

  /** The trigger's builds, newest first (ListBuilds sorts by create_time, descending), of `branch` if given. */
  private async recentBuilds(t: TriggerTarget): Promise<Build[]> {
    const trigger = await this.triggerId(t)
    const page = readBuildPage(
      await this.context.call('ListBuilds', signal =>
        this.client.request('GET', `${this.parent(t)}/builds`, {
          query: { filter: `trigger_id="${trigger}"`, pageSize: String(BUILD_PAGE) },
          signal
        })
      )
    )
    // BRANCH_NAME is a default substitution of triggered builds; the list filter over it is UNCONFIRMED, so the
    // branch is matched here, within the page.
    return t.branch === undefined ? page.builds : page.builds.filter(b => b.branch === t.branch)
  }

  /**
   * Earlier retries of the newest build: the builds right before it of the same commit (Cloud Build keeps no
   * counter, and a triggered build's retry builds the same revision), within one page.
   */
  private attempts(builds: readonly Build[], index: number): number {
    const commit = builds[index]?.commit
    if (commit === undefined) return 0
    let n = 0
    for (const b of builds.slice(index + 1)) {
      if (b.commit !== commit) break
      n++
    }
    return n
  }

  async discover(t: TriggerTarget): Promise<Discovery> {
    const builds = await this.recentBuilds(t)
    const [newest] = builds
    const build = t.executionId !== undefined ? await this.getBuild(t, t.executionId) : newest
    const where = `trigger ${t.trigger}${t.branch !== undefined ? ` on ${t.branch}` : ''}`
    if (build === undefined) return { kind: 'nothing', reason: `${where} has no builds` }
    if (t.executionId !== undefined) {
      const trigger = await this.triggerId(t)
      if (build.buildTriggerId !== trigger)
        throw new TargetError(
          `${buildLabel(build)} was not started by ${where} (its trigger: ${build.buildTriggerId ?? 'none'})`
        )
    }
    const state = stateOf(STATES, build.status)
    const what = `${buildLabel(build)} of ${where} is ${build.status ?? 'of unknown status'}`
    if (state === 'in-progress') return { kind: 'nothing', reason: what, running: this.started(t, build) }
    if (state !== 'failed') {
      if (t.executionId !== undefined) throw new TargetError(`${what}: only a failed build is retried`)
      return { kind: 'nothing', reason: `newest ${what}` }
    }
    if (newest !== undefined && newest.id !== build.id)
      return {
        kind: 'skip',
        reason: `${buildLabel(build)} is superseded by the newer ${buildLabel(newest)} (${newest.status ?? '?'}) of ${where}`
      }
    const index = builds.findIndex(b => b.id === build.id)
    const attempts = this.attempts(builds, Math.max(0, index))
    return {
      kind: 'found',
      candidate: {
        executionId: build.id,
        previousAttempts: attempts,
        attemptsBasis: `${attempts} earlier build(s) of the same trigger and commit ${build.commit?.slice(0, 12) ?? '(unknown)'} right before it`,
        revision: `${build.id}:${build.status ?? '?'}`,
        description: what,
        consoleUrl: this.consoleUrl(t, build),
        failure: buildFailure(build)
      }
    }
  }

  /** The trigger's newest build again: the same failed build, or a newer one (a retry, anyone's, or a push). */
  async recheck(t: TriggerTarget, candidate: Candidate): Promise<Snapshot> {
    const builds = await this.recentBuilds(t)
    const newest = builds[0] ?? (await this.getBuild(t, candidate.executionId))
    const previous = builds.findIndex(b => b.id === candidate.executionId)
    return {
      state: stateOf(STATES, newest.status),
      revision: `${newest.id}:${newest.status ?? '?'}`,
      previousAttempts: previous < 0 ? (candidate.previousAttempts ?? 0) : this.attempts(builds, 0),
      current: this.started(t, newest),
      description: `the newest ${buildLabel(newest)} of trigger ${t.trigger} is ${newest.status ?? 'of unknown status'}`
    }
  }

  /**
   * builds.retry starts a new build from the failed one's request. There is no request ID and the service never
   * refuses a retry, so every send is preceded by a read of the trigger's newest build: here before the first,
   * through the engine's re-read (beforeResend) before each re-send. Two runs that read at the same moment can
   * still both send: the README says so and shows a `concurrency` group.
   */
  async retry(t: TriggerTarget, candidate: Candidate, request: RetryRequest): Promise<Started> {
    const id = candidate.executionId
    // Read before the first send too: a newer build of the trigger (another run's retry, a push) means this
    // failure is someone else's to follow now. As a refusal, the engine reads again and reports it.
    const [newest] = await this.recentBuilds(t)
    if (newest !== undefined && newest.id !== id)
      throw new ServiceCallError(
        'RetryBuild',
        'NewerBuild',
        `trigger ${t.trigger} has a newer build ${newest.id} (${newest.status ?? '?'}) than ${id}`,
        undefined,
        undefined,
        false,
        false,
        false,
        true
      )
    const operation = await this.context.call(
      'RetryBuild',
      signal =>
        this.client.request('POST', `${this.parent(t)}/builds/${encodeURIComponent(id)}:retry`, {
          body: { name: this.buildName(t, id), projectId: t.project, id },
          signal
        }),
      { beforeResend: request.beforeResend }
    )
    const build = operationBuild(operation)
    if (build === undefined)
      throw new UnreadableAnswer(`the retry of build ${id} answered without the new build`)
    return this.started(t, build)
  }

  async status(t: TriggerTarget, started: Started): Promise<Progress> {
    const build = await this.getBuild(t, started.executionId)
    const state = stateOf(STATES, build.status)
    if (state === 'in-progress') return { state, phase: build.status ?? 'STATUS_UNKNOWN' }
    if (state === 'stopped')
      return {
        state,
        reason:
          build.status === 'EXPIRED' ? 'the build expired in the queue (queueTtl)' : 'the build was cancelled'
      }
    if (state === 'succeeded') return { state }
    const failure = buildFailure(build)
    return { state, reason: failure.reason, failure }
  }

  async stop(t: TriggerTarget, started: Started): Promise<void> {
    const id = started.executionId
    await this.context.call(
      'CancelBuild',
      signal =>
        this.client.request('POST', `${this.parent(t)}/builds/${encodeURIComponent(id)}:cancel`, {
          body: { name: this.buildName(t, id), projectId: t.project, id },
          signal
        }),
      {
        alreadyApplied: async () =>
          stateOf(STATES, (await this.getBuild(t, id)).status) === 'in-progress' ? undefined : {}
      }
    )
  }

  /** The location's triggers (ListBuildTriggers has no filter), every page. */
  private listTriggers(project: string): Promise<{ id: string; name: string }[]> {
    return listAll(`the Cloud Build triggers of ${project} in ${this.location}`, async token => {
      const page = readTriggerPage(
        await this.context.call('ListBuildTriggers', signal =>
          this.client.request('GET', `${this.parent({ project })}/triggers`, {
            query: { pageSize: String(TRIGGER_PAGE), ...(token ? { pageToken: token } : {}) },
            signal
          })
        )
      )
      return { items: page.triggers, next: page.next }
    })
  }

  /** Triggers by name (unique in a project), as `PROJECT/NAME`. */
  async list({ scope }: { scope?: string }): Promise<Listed[]> {
    const project = scope ?? ''
    return (await this.triggersOf(project)).map(x => ({ name: x.name, resource: `${project}/${x.name}` }))
  }
}

function create(context: ProviderContext): Provider<TriggerTarget> {
  const auth = context.credentials
  if (!isGoogleAuth(auth)) throw new TargetError('no Google Cloud credentials are set for cloud-build')
  const endpoint = context.endpoint ?? (process.env[CLOUD_BUILD_ENDPOINT_ENV]?.trim() || DEFAULT_ENDPOINT)
  return new TriggerBuilds(context, createGoogleClient({ endpoint, auth }), context.region || 'global')
}

export default { errors, create } satisfies ProviderModule<TriggerTarget>
