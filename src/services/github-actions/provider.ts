import { context as actionContext, getOctokit } from '@actions/github'
import { TargetError, UnreadableAnswer } from '../../model/errors.js'
import {
  everyItemTransient,
  latest,
  oneLineReason,
  transientWord,
  type Failure
} from '../../model/failure.js'
import { listAll, type Listed, type ListQuery } from '../../model/listing.js'
import {
  stateOf,
  type Candidate,
  type Discovery,
  type Progress,
  type Provider,
  type Snapshot,
  type RetryRequest,
  type Started
} from '../../model/provider.js'
import { isConsoleLink } from '../../model/text.js'
import { isRecord, num, str } from '../../model/json.js'
import { USER_AGENT } from '../../model/version.js'
import { Cancelled } from '../../transport/cancellation.js'
import type { ErrorSpec } from '../../model/call.js'
import type { ProviderContext, ProviderModule } from '../../model/service.js'
import { gitHubErrorOf } from './errors.js'
import { STATES, type WorkflowTarget } from './target.js'

/** The fields read from a workflow run (GitHub REST, "Get a workflow run"). */
interface Run {
  id: number
  workflow_id: number
  name: string
  path: string
  head_branch: string
  status: string
  conclusion: string
  run_number: number
  run_attempt: number
  html_url: string
  created_at: string
  updated_at: string
}

interface Step {
  name: string
  status: string
  conclusion: string
}

interface Job {
  id: number
  name: string
  status: string
  conclusion: string
  completed_at: string
  steps: Step[]
}

/** Runner losses as GitHub words them in a job's annotations (contract, "Retry policy"). */
const RUNNER_LOSSES = [
  'The runner has received a shutdown signal',
  'lost communication with the server',
  'The hosted runner encountered an error'
] as const

const FAILED = new Set(['failure', 'timed_out'])

/** GitHub re-runs a run up to 30 days after it was created, and at most 50 times ("Re-running workflows and jobs"). */
const RERUN_WITHIN_MS = 30 * 86_400_000
const MAX_RERUNS = 50

/** Why GitHub would refuse to re-run `run` at `now`, if it would. */
function whyNotRerunnable(run: Run, now: number): string | undefined {
  const created = Date.parse(run.created_at)
  if (Number.isFinite(created) && now - created > RERUN_WITHIN_MS)
    return `run ${run.id} was created ${Math.floor((now - created) / 86_400_000)} days ago; GitHub re-runs only runs from the last 30 days`
  if (run.run_attempt > MAX_RERUNS)
    return `run ${run.id} has been re-run ${run.run_attempt - 1} times (run_attempt ${run.run_attempt}); GitHub allows at most ${MAX_RERUNS} re-runs`
  return undefined
}

/** The REST API version these calls are written for (GitHub docs, "API Versions"). */
const API_HEADERS = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' }

/** A run from an answer; a body without its ID is unreadable (a proxy's page, a cut answer). */
function readRun(answer: unknown): Run {
  if (!isRecord(answer) || typeof answer.id !== 'number')
    throw new UnreadableAnswer('the workflow run answer has no run ID')
  return {
    id: answer.id,
    workflow_id: num(answer.workflow_id),
    name: str(answer.name),
    path: str(answer.path),
    head_branch: str(answer.head_branch),
    status: str(answer.status),
    conclusion: str(answer.conclusion),
    run_number: num(answer.run_number),
    run_attempt: Math.max(1, num(answer.run_attempt)),
    html_url: str(answer.html_url),
    created_at: str(answer.created_at),
    updated_at: str(answer.updated_at)
  }
}

function readRuns(answer: unknown): Run[] {
  if (!isRecord(answer) || !Array.isArray(answer.workflow_runs))
    throw new UnreadableAnswer('the workflow runs answer has no workflow_runs')
  return answer.workflow_runs.map(readRun)
}

function readJobs(answer: unknown): Job[] {
  const jobs = isRecord(answer) && Array.isArray(answer.jobs) ? answer.jobs.filter(isRecord) : []
  return jobs.map(j => ({
    id: num(j.id),
    name: str(j.name),
    status: str(j.status),
    conclusion: str(j.conclusion),
    completed_at: str(j.completed_at),
    steps: (Array.isArray(j.steps) ? j.steps.filter(isRecord) : []).map(s => ({
      name: str(s.name),
      status: str(s.status),
      conclusion: str(s.conclusion)
    }))
  }))
}

/** `completed` runs by their conclusion, others by their status. */
const statusOf = (run: Run): string =>
  run.status === 'completed' ? run.conclusion || 'completed' : run.status
const isFailed = (run: Run): boolean => run.status === 'completed' && FAILED.has(run.conclusion)
const time = (iso: string): number | undefined => (iso ? Date.parse(iso) : undefined)

/** A workflow's file name from its path (`.github/workflows/ci.yml` -> `ci.yml`), as targets name it. */
const fileOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1)

/** One line for the log and summary: `run #12 (345) attempt 2 of ci.yml on main is failure`. */
function describe(run: Run): string {
  const workflow = fileOf(run.path) || run.name
  return `run #${run.run_number} (${run.id}) attempt ${run.run_attempt} of ${workflow} on ${run.head_branch} is ${statusOf(run)}`
}

/** What changes whenever the run is re-run, by anyone: its attempt, status and last update. */
const revisionOf = (run: Run): string =>
  `${run.run_attempt}:${run.status}:${run.conclusion}:${run.updated_at}`

function create(context: ProviderContext): Provider<WorkflowTarget> {
  const token = context.credentials
  if (typeof token !== 'string' || token === '')
    throw new TargetError('no github-token is set for github-actions')
  const baseUrl = (context.endpoint ?? actionContext.apiUrl).replace(/\/+$/, '')
  return new WorkflowRuns(
    context,
    getOctokit(token, { baseUrl, userAgent: USER_AGENT }),
    new URL(actionContext.serverUrl)
  )
}

const repoOf = (t: WorkflowTarget) => ({ owner: t.owner, repo: t.repo })

/** A repository's workflow runs through the REST API: discovery, re-runs, status, cancel and workflow listing. */
class WorkflowRuns implements Provider<WorkflowTarget> {
  readonly consoleHosts: string[]
  /** Per run this step re-ran: the attempt that failed, so a status read can tell the new one by its number. */
  private readonly rerunFrom = new Map<string, number>()

  constructor(
    private readonly context: ProviderContext,
    private readonly octokit: ReturnType<typeof getOctokit>,
    private readonly server: URL
  ) {
    this.consoleHosts = [server.hostname]
  }

  /** One REST call through the caller: rate limits back off, 5xx and network errors are tried again. */
  private rest<T>(
    operation: string,
    route: string,
    params: Record<string, unknown>,
    read: (data: unknown) => T,
    options?: { beforeResend?: ((lastError: unknown) => Promise<void>) | undefined }
  ): Promise<T> {
    return this.context.call(
      operation,
      async signal => {
        try {
          const response = await this.octokit.request(route, {
            ...params,
            headers: API_HEADERS,
            request: { signal }
          })
          return read(response.data)
        } catch (error) {
          throw gitHubErrorOf(error)
        }
      },
      options
    )
  }

  private getRun(t: WorkflowTarget, id: string | number): Promise<Run> {
    return this.rest(
      'GetWorkflowRun',
      'GET /repos/{owner}/{repo}/actions/runs/{run_id}',
      { ...repoOf(t), run_id: id },
      readRun
    )
  }

  private async newestRun(
    t: WorkflowTarget,
    workflow: string | number,
    branch: string | undefined
  ): Promise<Run | undefined> {
    return (
      await this.rest(
        'ListWorkflowRuns',
        'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
        { ...repoOf(t), workflow_id: workflow, per_page: 1, ...(branch !== undefined ? { branch } : {}) },
        readRuns
      )
    )[0]
  }

  private consoleUrl(t: WorkflowTarget, run: Run): string {
    const built = `${this.server.origin}/${t.owner}/${t.repo}/actions/runs/${run.id}`
    return isConsoleLink(run.html_url, this.consoleHosts) ? run.html_url : built
  }

  /**
   * The failure reason of a failed run: `JOB / STEP: CONCLUSION` per failed job of its latest attempt, then the
   * job's annotations. Transient when every failed job lost its runner (an annotation says so, or names a
   * transient word) or failed before any step ran. Annotations need `checks: read`; without it the jobs decide.
   */
  private async failureOf(t: WorkflowTarget, run: Run): Promise<Failure> {
    const jobs = await this.rest(
      'ListJobsForWorkflowRun',
      'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs',
      { ...repoOf(t), run_id: run.id, filter: 'latest', per_page: 100 },
      readJobs
    )
    const failed = jobs.filter(j => FAILED.has(j.conclusion))
    let note: string | undefined
    const items = await Promise.all(
      failed.map(async job => {
        const step = job.steps.find(s => FAILED.has(s.conclusion))
        const head = step
          ? `${job.name} / ${step.name}: ${step.conclusion}`
          : `${job.name}: ${job.conclusion}`
        let messages: string[] = []
        try {
          messages = await this.rest(
            'ListAnnotations',
            'GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations',
            { ...repoOf(t), check_run_id: job.id, per_page: 50 },
            data =>
              Array.isArray(data)
                ? data
                    .filter(isRecord)
                    .map(a => str(a.message))
                    .filter(Boolean)
                : []
          )
        } catch (error) {
          if (error instanceof Cancelled) throw error
          note =
            'the jobs\u2019 annotations could not be read (the token needs checks: read); their steps alone decide'
        }
        const text = [head, ...messages].join(': ')
        const ranNoStep = job.steps.every(s => s.conclusion === '' || s.conclusion === 'skipped')
        const loss = RUNNER_LOSSES.find(phrase =>
          messages.some(m => m.toLowerCase().includes(phrase.toLowerCase()))
        )
        const word = transientWord(messages.join(' '))
        const rule = loss
          ? `runner lost ('${loss}')`
          : word
            ? `names '${word}'`
            : ranNoStep
              ? 'failed before any step ran'
              : undefined
        return { text, rule, endedAt: time(job.completed_at) }
      })
    )
    return {
      reason: items.length > 0 ? oneLineReason(items.map(i => i.text)) : `run ${statusOf(run)}`,
      transient: everyItemTransient(items.map(i => i.rule)),
      endedAt: latest(
        items.map(i => i.endedAt),
        time(run.updated_at)
      ),
      ...(note !== undefined ? { note } : {})
    }
  }

  /**
   * A run named by its ID must be a run of the named workflow (and branch): otherwise a form that asks for a
   * workflow could re-run any other one while the log names the first.
   */
  private checkBelongs(t: WorkflowTarget, run: Run): void {
    const file = fileOf(run.path)
    if (t.workflow !== undefined && t.workflow !== file && t.workflow !== String(run.workflow_id))
      throw new TargetError(
        `run ${run.id} is a run of ${file || `workflow ${run.workflow_id}`}, not of ${t.workflow}: not re-run; name the run's own workflow, or leave workflow out`
      )
    if (t.branch !== undefined && t.branch !== run.head_branch)
      throw new TargetError(
        `run ${run.id} ran on branch ${run.head_branch}, not on ${t.branch}: not re-run; name the run's own branch, or leave branch out`
      )
  }

  private async candidateOf(t: WorkflowTarget, run: Run): Promise<Candidate> {
    return {
      executionId: String(run.id),
      previousAttempts: run.run_attempt - 1,
      attemptsBasis: `run_attempt ${run.run_attempt}`,
      revision: revisionOf(run),
      description: describe(run),
      consoleUrl: this.consoleUrl(t, run),
      failure: await this.failureOf(t, run)
    }
  }

  private started(t: WorkflowTarget, run: Run): Started {
    return { executionId: String(run.id), consoleUrl: this.consoleUrl(t, run) }
  }

  /** Not failed: still running (wait follows it, unless it is the step's own run), or ended otherwise. */
  private notFailed(t: WorkflowTarget, run: Run): Discovery {
    const own = String(run.id) === process.env.GITHUB_RUN_ID?.trim()
    const running = stateOf(STATES, statusOf(run)) === 'in-progress' && !own
    const why = run.conclusion === 'cancelled' ? ' (cancelled by a person: not retried)' : ''
    return {
      kind: 'nothing',
      reason: `${describe(run)}${why}`,
      ...(running ? { running: this.started(t, run) } : {})
    }
  }

  async discover(t: WorkflowTarget): Promise<Discovery> {
    if (t.executionId !== undefined) {
      const run = await this.getRun(t, t.executionId)
      this.checkBelongs(t, run)
      // Named by its run ID alone, the target takes its workflow's name once the run tells it.
      const file = fileOf(run.path)
      const named =
        t.workflow === undefined && file ? { target: `github-actions:${t.owner}/${t.repo}/${file}` } : {}
      if (!isFailed(run)) return { ...this.notFailed(t, run), ...named }
      // A newer run of the same workflow on the same branch supersedes it: re-running it would ship older code.
      const newest = await this.newestRun(t, run.workflow_id, run.head_branch || undefined)
      if (newest && newest.id !== run.id && Date.parse(newest.created_at) >= Date.parse(run.created_at))
        return {
          kind: 'skip',
          reason: `run ${run.id} is superseded by newer run ${newest.id} of the same workflow on ${run.head_branch}, which is ${statusOf(newest)}`,
          ...named
        }
      const refused = whyNotRerunnable(run, Date.now())
      if (refused) return { kind: 'skip', reason: refused, ...named }
      return { kind: 'found', candidate: await this.candidateOf(t, run), ...named }
    }
    const run = await this.newestRun(t, t.workflow ?? '', t.branch)
    if (run === undefined)
      return {
        kind: 'nothing',
        reason: `workflow ${t.workflow ?? ''} has no runs${t.branch !== undefined ? ` on ${t.branch}` : ''}`
      }
    if (!isFailed(run)) return this.notFailed(t, run)
    const refused = whyNotRerunnable(run, Date.now())
    if (refused) return { kind: 'skip', reason: refused }
    return { kind: 'found', candidate: await this.candidateOf(t, run) }
  }

  async recheck(t: WorkflowTarget, candidate: Candidate): Promise<Snapshot> {
    const run = await this.getRun(t, candidate.executionId)
    return {
      state: stateOf(STATES, statusOf(run)),
      revision: revisionOf(run),
      previousAttempts: run.run_attempt - 1,
      current: this.started(t, run),
      description: describe(run)
    }
  }

  /** The same run gets a new attempt. There is no idempotency token: a re-send is checked first (beforeResend). */
  async retry(t: WorkflowTarget, candidate: Candidate, request: RetryRequest): Promise<Started> {
    const route =
      request.mode === 'all'
        ? 'POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun'
        : 'POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs'
    await this.rest(
      request.mode === 'all' ? 'ReRunWorkflow' : 'ReRunWorkflowFailedJobs',
      route,
      { ...repoOf(t), run_id: Number(candidate.executionId) },
      () => undefined,
      { beforeResend: request.beforeResend }
    )
    this.rerunFrom.set(candidate.executionId, (candidate.previousAttempts ?? 0) + 1)
    return { executionId: candidate.executionId, consoleUrl: candidate.consoleUrl }
  }

  async status(t: WorkflowTarget, run: Started): Promise<Progress> {
    const current = await this.getRun(t, run.executionId)
    // Just after a re-run a read may still show the attempt that failed: only a higher attempt is the new one.
    const retried = this.rerunFrom.get(run.executionId)
    if (retried !== undefined && current.run_attempt <= retried)
      return { state: 'in-progress', phase: `waiting for attempt ${retried + 1} to show` }
    const state = stateOf(STATES, statusOf(current))
    const phase =
      current.status === 'completed' ? undefined : `attempt ${current.run_attempt} ${current.status}`
    if (state !== 'failed') return { state, ...(phase ? { phase } : {}) }
    const failure = await this.failureOf(t, current)
    return { state, reason: failure.reason, failure }
  }

  async stop(t: WorkflowTarget, run: Started): Promise<void> {
    await this.rest(
      'CancelWorkflowRun',
      'POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel',
      { ...repoOf(t), run_id: Number(run.executionId) },
      () => undefined
    )
  }

  list({ scope }: ListQuery): Promise<Listed[]> {
    const [owner = '', repo = ''] = (scope ?? '').split('/')
    return listAll(`the workflows of ${owner}/${repo}`, async token => {
      const page = Number(token ?? 1)
      const workflows = await this.rest(
        'ListRepoWorkflows',
        'GET /repos/{owner}/{repo}/actions/workflows',
        { owner, repo, per_page: 100, page },
        data => (isRecord(data) && Array.isArray(data.workflows) ? data.workflows.filter(isRecord) : [])
      )
      const items: Listed[] = workflows.flatMap(w => {
        const file = fileOf(str(w.path))
        return file ? [{ name: file, resource: `${owner}/${repo}/${file}` }] : []
      })
      return { items, next: workflows.length === 100 ? String(page + 1) : undefined }
    })
  }
}

const PERMISSIONS =
  'give the job `permissions: actions: write` (and `checks: read` for retry-on: transient); for another ' +
  "repository, github-token must be a token of that repository (a GitHub App installation token or a fine-grained token with Actions: read and write), since the workflow's own token covers only its repository"

export const errors: ErrorSpec = {
  // A run that is not complete (someone re-ran it first, or it still runs) cannot be re-run.
  refusals: ['RunNotComplete'],
  hints: {
    BadCredentials:
      'github-token is not a valid token (expired or revoked): pass ${{ github.token }} or a valid token',
    ResourceNotAccessible: `the token lacks permission: ${PERMISSIONS}`,
    NotFound: `no such repository, workflow or run, or the token cannot see it: check repository, workflow and execution-id; ${PERMISSIONS}`,
    RunTooOld: 'GitHub re-runs only workflow runs from the last 30 days: start a new run instead',
    Forbidden: `GitHub refused the request: ${PERMISSIONS}`
  }
}

export default { errors, create } satisfies ProviderModule<WorkflowTarget>
