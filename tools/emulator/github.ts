// GitHub Actions workflow runs over GitHub's REST API (api.github.com, version 2022-11-28): the routes the
// action calls, their answers in the shapes of GitHub's OpenAPI description (checked against @octokit/openapi
// in __tests__/emulator/github-openapi.test.ts), bearer tokens, and the documented refusals:
// - a run that is not complete cannot be re-run (403); runs older than 30 days cannot be re-run (403)
//   (REST docs, "Re-run a workflow", "Re-run failed jobs from a workflow run");
// - a completed run cannot be cancelled (409) ("Cancel a workflow run");
// - a token without `actions: write` is refused with 403 "Resource not accessible by integration"; a token
//   that cannot see a repository gets 404 ("Troubleshooting the REST API").
import { ApiError } from './errors.js'
import { beginRetry, outcomeQueue, settleIfDue, type Settleable } from './outcomes.js'
import { sendJson, type Wire } from './protocol.js'
import { parseTime } from './time.js'
import type { GitHubJobSeed, GitHubRunSeed, GitHubSeed, RetryOutcome } from './types.js'

const DAY = 86_400_000

interface GitHubJobState {
  id: number
  name: string
  status: 'queued' | 'in_progress' | 'completed'
  conclusion: string | null
  startedAt: number
  completedAt: number | null
  steps: { name: string; conclusion: string | null }[]
  annotations: string[]
  attempt: number
}

interface GitHubRunState extends Settleable {
  id: number
  repo: string
  workflowId: number
  workflowPath: string
  workflowName: string
  branch: string
  sha: string
  event: string
  runNumber: number
  attempt: number
  status: 'queued' | 'in_progress' | 'completed'
  conclusion: string | null
  createdAt: number
  updatedAt: number
  runStartedAt: number
  /** Every attempt's jobs; `filter=latest` shows each job's newest. */
  jobs: GitHubJobState[]
  /** The mode of the re-run in flight: which jobs it runs again. */
  rerunJobs?: number[] | undefined
  /** After a re-run, reads that still show the attempt before it (GitHub's reads lag a re-run for a moment). */
  stale?: { view: unknown; reads: number } | undefined
}

interface GitHubWorkflowState {
  id: number
  name: string
  path: string
  repo: string
}

interface GitHubToken {
  write: boolean
  /** Full names (OWNER/REPO) it can see; absent: every repository. */
  repos?: string[] | undefined
}

export interface GitHubState {
  /** How many reads of a run still show its previous attempt after a re-run (default 0). */
  staleReadsAfterRerun: number
  tokens: Map<string, GitHubToken>
  repos: Map<string, { id: number; owner: string; name: string; workflows: GitHubWorkflowState[] }>
  runs: Map<number, GitHubRunState>
  nextJobId: number
}

type GitHubOperation =
  | 'ListRepoWorkflows'
  | 'ListWorkflowRuns'
  | 'GetWorkflowRun'
  | 'ListJobsForWorkflowRun'
  | 'ListAnnotations'
  | 'ReRunWorkflow'
  | 'ReRunWorkflowFailedJobs'
  | 'CancelWorkflowRun'

export interface GitHubRoute {
  operation: GitHubOperation
  owner: string
  repo: string
  /** The run, workflow (ID or file name) or check run the path names. */
  id?: string
}

const ROUTES: readonly [string, RegExp, GitHubOperation][] = [
  ['GET', /^\/repos\/([^/]+)\/([^/]+)\/actions\/workflows\/?$/, 'ListRepoWorkflows'],
  ['GET', /^\/repos\/([^/]+)\/([^/]+)\/actions\/workflows\/([^/]+)\/runs\/?$/, 'ListWorkflowRuns'],
  ['GET', /^\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)\/?$/, 'GetWorkflowRun'],
  ['GET', /^\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)\/jobs\/?$/, 'ListJobsForWorkflowRun'],
  ['GET', /^\/repos\/([^/]+)\/([^/]+)\/check-runs\/(\d+)\/annotations\/?$/, 'ListAnnotations'],
  ['POST', /^\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)\/rerun\/?$/, 'ReRunWorkflow'],
  [
    'POST',
    /^\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)\/rerun-failed-jobs\/?$/,
    'ReRunWorkflowFailedJobs'
  ],
  ['POST', /^\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)\/cancel\/?$/, 'CancelWorkflowRun']
]

/** The operation a request names; undefined: GitHub's 404 "Not Found". */
export function matchGitHub(method: string, path: string): GitHubRoute | undefined {
  for (const [verb, re, operation] of ROUTES) {
    const m = re.exec(path)
    if (!m || verb !== method) continue
    try {
      const [, owner = '', repo = '', id] = m.map(p => decodeURIComponent(p))
      return { operation, owner, repo, ...(id !== undefined ? { id } : {}) }
    } catch {
      return undefined
    }
  }
  return undefined
}

// ---------- seeding ----------

export function seedGitHub(seed: GitHubSeed | undefined): GitHubState {
  const state: GitHubState = {
    staleReadsAfterRerun: seed?.staleReadsAfterRerun ?? 0,
    tokens: new Map(),
    repos: new Map(),
    runs: new Map(),
    nextJobId: 1_000_001
  }
  for (const t of seed?.tokens ?? [])
    state.tokens.set(t.token, { write: t.permission !== 'read', ...(t.repos ? { repos: t.repos } : {}) })
  let repoId = 700_000
  for (const repo of seed?.repos ?? []) {
    const full = `${repo.owner}/${repo.name}`
    const workflows = repo.workflows.map(w => ({
      id: w.id,
      name: w.name,
      path: w.path ?? `.github/workflows/${w.file}`,
      repo: full
    }))
    state.repos.set(full.toLowerCase(), { id: ++repoId, owner: repo.owner, name: repo.name, workflows })
    for (const [k, w] of repo.workflows.entries())
      for (const run of w.runs) seedRun(state, run, full, workflows[k] as GitHubWorkflowState)
  }
  return state
}

function seedRun(state: GitHubState, seed: GitHubRunSeed, repo: string, workflow: GitHubWorkflowState): void {
  const where = `github run ${seed.id}`
  const createdAt = parseTime(seed.createdAt, `${where} createdAt`)
  const updatedAt = seed.updatedAt ? parseTime(seed.updatedAt, `${where} updatedAt`) : createdAt + 600_000
  const attempt = seed.runAttempt ?? 1
  const run: GitHubRunState = {
    id: seed.id,
    repo,
    workflowId: workflow.id,
    workflowPath: workflow.path,
    workflowName: workflow.name,
    branch: seed.branch ?? 'main',
    sha: seed.sha ?? seed.id.toString(16).padStart(40, 'a'),
    event: seed.event ?? 'push',
    runNumber: seed.runNumber ?? seed.id % 10_000,
    attempt,
    status: seed.status,
    conclusion: seed.status === 'completed' ? (seed.conclusion ?? 'success') : null,
    createdAt,
    updatedAt,
    runStartedAt: createdAt,
    jobs: [],
    outcomes: outcomeQueue(seed.onRetry)
  }
  const jobs: GitHubJobSeed[] = seed.jobs ?? [
    { name: 'build', ...(seed.conclusion !== undefined ? { conclusion: seed.conclusion } : {}) }
  ]
  for (const job of jobs) {
    const running = seed.status !== 'completed'
    run.jobs.push({
      id: state.nextJobId++,
      name: job.name,
      status: running ? 'in_progress' : 'completed',
      conclusion: running ? null : (job.conclusion ?? 'success'),
      startedAt: createdAt + 5_000,
      completedAt: running ? null : job.completedAt ? parseTime(job.completedAt, where) : updatedAt,
      steps: (job.steps ?? [{ name: 'Run tests', conclusion: job.conclusion ?? 'success' }]).map(s => ({
        name: s.name,
        conclusion: running ? null : (s.conclusion ?? null)
      })),
      annotations: job.annotations ?? [],
      attempt
    })
  }
  if (seed.settle) run.pending = { outcome: seed.settle, since: createdAt, reads: 0 }
  state.runs.set(run.id, run)
}

// ---------- settling ----------

/** The newest attempt of each job (what `filter=latest` shows). */
function latestJobs(run: GitHubRunState): GitHubJobState[] {
  const byName = new Map<string, GitHubJobState>()
  for (const job of run.jobs) byName.set(job.name, job)
  return [...byName.values()]
}

function settle(run: GitHubRunState, outcome: RetryOutcome, now: number): void {
  const rerun = run.jobs.filter(j => j.attempt === run.attempt)
  const failing =
    outcome.result === 'failed' ? (rerun.find(j => j.name === outcome.failedStep) ?? rerun[0]) : undefined
  for (const job of rerun) {
    const failed = job === failing
    job.status = 'completed'
    job.conclusion = failed ? 'failure' : 'success'
    job.completedAt = now
    job.steps = job.steps.map(s => ({ name: s.name, conclusion: failed ? 'failure' : 'success' }))
    if (failed && outcome.failureReason) job.annotations = [outcome.failureReason]
  }
  run.status = 'completed'
  run.conclusion = failing ? 'failure' : 'success'
  run.updatedAt = now
}

/** Reads settle a pending re-run when it is due (status reads count towards `settleAfterReads`). */
function observe(run: GitHubRunState, now: number, countRead: boolean): void {
  settleIfDue(run, now, countRead, outcome => {
    settle(run, outcome, now)
  })
}

// ---------- views (GitHub's response shapes) ----------

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

export interface GitHubContext {
  now: number
  /** `http://127.0.0.1:PORT`: where the API's own URLs point. */
  apiUrl: string
  /** The web host of html_url links. */
  serverUrl: string
}

function userView(ctx: GitHubContext, login: string, id: number) {
  const api = `${ctx.apiUrl}/users/${login}`
  return {
    login,
    id,
    node_id: `U_${id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `${ctx.serverUrl}/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: 'Organization',
    site_admin: false
  }
}

const REPO_URL_TEMPLATES = {
  archive_url: '/{archive_format}{/ref}',
  assignees_url: '/assignees{/user}',
  blobs_url: '/git/blobs{/sha}',
  branches_url: '/branches{/branch}',
  collaborators_url: '/collaborators{/collaborator}',
  comments_url: '/comments{/number}',
  commits_url: '/commits{/sha}',
  compare_url: '/compare/{base}...{head}',
  contents_url: '/contents/{+path}',
  contributors_url: '/contributors',
  deployments_url: '/deployments',
  downloads_url: '/downloads',
  events_url: '/events',
  forks_url: '/forks',
  git_commits_url: '/git/commits{/sha}',
  git_refs_url: '/git/refs{/sha}',
  git_tags_url: '/git/tags{/sha}',
  issue_comment_url: '/issues/comments{/number}',
  issue_events_url: '/issues/events{/number}',
  issues_url: '/issues{/number}',
  keys_url: '/keys{/key_id}',
  labels_url: '/labels{/name}',
  languages_url: '/languages',
  merges_url: '/merges',
  milestones_url: '/milestones{/number}',
  notifications_url: '/notifications{?since,all,participating}',
  pulls_url: '/pulls{/number}',
  releases_url: '/releases{/id}',
  stargazers_url: '/stargazers',
  statuses_url: '/statuses/{sha}',
  subscribers_url: '/subscribers',
  subscription_url: '/subscription',
  tags_url: '/tags',
  teams_url: '/teams',
  trees_url: '/git/trees{/sha}',
  hooks_url: '/hooks'
} as const

function repositoryView(ctx: GitHubContext, state: GitHubState, full: string) {
  const repo = state.repos.get(full.toLowerCase())
  const [owner = '', name = ''] = full.split('/')
  const id = repo?.id ?? 1
  const api = `${ctx.apiUrl}/repos/${full}`
  return {
    id,
    node_id: `R_${id}`,
    name,
    full_name: full,
    owner: userView(ctx, owner, id + 1_000_000),
    private: true,
    html_url: `${ctx.serverUrl}/${full}`,
    description: null,
    fork: false,
    url: api,
    ...Object.fromEntries(Object.entries(REPO_URL_TEMPLATES).map(([key, tail]) => [key, `${api}${tail}`]))
  }
}

function runView(ctx: GitHubContext, state: GitHubState, run: GitHubRunState) {
  const api = `${ctx.apiUrl}/repos/${run.repo}/actions/runs/${run.id}`
  const commit = {
    id: run.sha,
    tree_id: run.sha.split('').reverse().join(''),
    message: `Commit ${run.sha.slice(0, 7)}`,
    timestamp: iso(run.createdAt - 60_000),
    author: { name: 'Octo Cat', email: 'octocat@example.com' },
    committer: { name: 'Octo Cat', email: 'octocat@example.com' }
  }
  return {
    id: run.id,
    name: run.workflowName,
    node_id: `WFR_${run.id}`,
    check_suite_id: run.id + 10,
    check_suite_node_id: `CS_${run.id}`,
    head_branch: run.branch,
    head_sha: run.sha,
    path: run.workflowPath,
    run_number: run.runNumber,
    run_attempt: run.attempt,
    event: run.event,
    display_title: commit.message,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: run.workflowId,
    url: api,
    html_url: `${ctx.serverUrl}/${run.repo}/actions/runs/${run.id}`,
    pull_requests: [],
    created_at: iso(run.createdAt),
    updated_at: iso(run.updatedAt),
    run_started_at: iso(run.runStartedAt),
    actor: userView(ctx, 'octocat', 583231),
    triggering_actor: userView(ctx, 'octocat', 583231),
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    check_suite_url: `${ctx.apiUrl}/repos/${run.repo}/check-suites/${run.id + 10}`,
    artifacts_url: `${api}/artifacts`,
    cancel_url: `${api}/cancel`,
    rerun_url: `${api}/rerun`,
    previous_attempt_url: run.attempt > 1 ? `${api}/attempts/${run.attempt - 1}` : null,
    workflow_url: `${ctx.apiUrl}/repos/${run.repo}/actions/workflows/${run.workflowId}`,
    head_commit: commit,
    repository: repositoryView(ctx, state, run.repo),
    head_repository: repositoryView(ctx, state, run.repo)
  }
}

function jobView(ctx: GitHubContext, run: GitHubRunState, job: GitHubJobState) {
  return {
    id: job.id,
    run_id: run.id,
    run_url: `${ctx.apiUrl}/repos/${run.repo}/actions/runs/${run.id}`,
    run_attempt: job.attempt,
    node_id: `CR_${job.id}`,
    head_sha: run.sha,
    url: `${ctx.apiUrl}/repos/${run.repo}/actions/jobs/${job.id}`,
    html_url: `${ctx.serverUrl}/${run.repo}/actions/runs/${run.id}/job/${job.id}`,
    status: job.status,
    conclusion: job.conclusion,
    created_at: iso(job.startedAt - 2_000),
    started_at: iso(job.startedAt),
    completed_at: job.completedAt === null ? null : iso(job.completedAt),
    name: job.name,
    steps: job.steps.map((s, k) => ({
      name: s.name,
      status: job.status === 'completed' ? 'completed' : k === 0 ? 'in_progress' : 'queued',
      conclusion: s.conclusion,
      number: k + 1,
      started_at: iso(job.startedAt),
      completed_at: job.completedAt === null ? null : iso(job.completedAt)
    })),
    check_run_url: `${ctx.apiUrl}/repos/${run.repo}/check-runs/${job.id}`,
    labels: ['ubuntu-latest'],
    runner_id: 1,
    runner_name: 'GitHub Actions 1',
    runner_group_id: 2,
    runner_group_name: 'GitHub Actions',
    workflow_name: run.workflowName,
    head_branch: run.branch
  }
}

// ---------- operations ----------

/** An answer with a status other than 200 (201 Created, 202 Accepted). */
class GitHubAnswer {
  constructor(
    readonly status: number,
    readonly body: unknown
  ) {}
}

const notFound = () => new ApiError('NotFound', 'Not Found', 404)

function authorize(
  state: GitHubState,
  authorization: string | undefined,
  route: GitHubRoute,
  writes: boolean
): void {
  const token = /^(?:Bearer|token) (.+)$/i.exec(authorization ?? '')?.[1]
  const grant = token === undefined ? undefined : state.tokens.get(token)
  if (!grant) throw new ApiError('BadCredentials', 'Bad credentials', 401)
  const full = `${route.owner}/${route.repo}`.toLowerCase()
  if (grant.repos && !grant.repos.some(r => r.toLowerCase() === full)) throw notFound()
  if (writes && !grant.write) throw new ApiError('Forbidden', 'Resource not accessible by integration', 403)
}

function page(query: URLSearchParams): { perPage: number; page: number } {
  const perPage = Math.min(100, Math.max(1, Number(query.get('per_page') ?? 30) || 30))
  const n = Math.max(1, Number(query.get('page') ?? 1) || 1)
  return { perPage, page: n }
}

export function runGitHub(
  state: GitHubState,
  route: GitHubRoute,
  request: { url: string; headers: Record<string, string | string[] | undefined> },
  ctx: GitHubContext
): unknown {
  const writes = route.operation.startsWith('ReRun') || route.operation === 'CancelWorkflowRun'
  const authorization = request.headers.authorization
  authorize(state, typeof authorization === 'string' ? authorization : undefined, route, writes)
  const repo = state.repos.get(`${route.owner}/${route.repo}`.toLowerCase())
  if (!repo) throw notFound()
  const query = new URL(request.url, 'http://emulator').searchParams
  const runIn = (): GitHubRunState => {
    const run = state.runs.get(Number(route.id))
    if (!run || run.repo.toLowerCase() !== `${route.owner}/${route.repo}`.toLowerCase()) throw notFound()
    return run
  }

  switch (route.operation) {
    case 'ListRepoWorkflows': {
      const { perPage, page: n } = page(query)
      const items = repo.workflows.slice((n - 1) * perPage, n * perPage)
      return {
        total_count: repo.workflows.length,
        workflows: items.map(w => ({
          id: w.id,
          node_id: `W_${w.id}`,
          name: w.name,
          path: w.path,
          state: 'active',
          created_at: iso(Date.parse('2025-01-01T00:00:00Z')),
          updated_at: iso(Date.parse('2025-01-01T00:00:00Z')),
          url: `${ctx.apiUrl}/repos/${w.repo}/actions/workflows/${w.id}`,
          html_url: `${ctx.serverUrl}/${w.repo}/blob/main/${w.path}`,
          badge_url: `${ctx.serverUrl}/${w.repo}/workflows/${encodeURIComponent(w.name)}/badge.svg`
        }))
      }
    }
    case 'ListWorkflowRuns': {
      const key = route.id ?? ''
      const workflow = repo.workflows.find(w => String(w.id) === key || w.path.endsWith(`/${key}`))
      if (!workflow) throw notFound()
      const branch = query.get('branch')
      const runs = [...state.runs.values()]
        .filter(r => r.workflowId === workflow.id && (branch === null || r.branch === branch))
        .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
      const { perPage, page: n } = page(query)
      const items = runs.slice((n - 1) * perPage, n * perPage)
      for (const run of items) observe(run, ctx.now, false)
      return { total_count: runs.length, workflow_runs: items.map(r => runView(ctx, state, r)) }
    }
    case 'GetWorkflowRun': {
      const run = runIn()
      if (run.stale && run.stale.reads > 0) {
        run.stale.reads -= 1
        return run.stale.view
      }
      observe(run, ctx.now, true)
      return runView(ctx, state, run)
    }
    case 'ListJobsForWorkflowRun': {
      const run = runIn()
      observe(run, ctx.now, false)
      const jobs = query.get('filter') === 'all' ? run.jobs : latestJobs(run)
      return { total_count: jobs.length, jobs: jobs.map(j => jobView(ctx, run, j)) }
    }
    case 'ListAnnotations': {
      const job = [...state.runs.values()].flatMap(r => r.jobs).find(j => String(j.id) === route.id)
      if (!job) throw notFound()
      return job.annotations.map((message, k) => ({
        path: '.github',
        start_line: 1,
        end_line: 1,
        start_column: null,
        end_column: null,
        annotation_level: 'failure',
        title: k === 0 ? job.name : null,
        message,
        raw_details: null,
        blob_href: `${ctx.serverUrl}/${route.owner}/${route.repo}/blob/main/.github`
      }))
    }
    case 'ReRunWorkflow':
    case 'ReRunWorkflowFailedJobs': {
      const run = runIn()
      observe(run, ctx.now, false)
      if (run.status !== 'completed') throw new ApiError('Forbidden', 'This workflow is already running', 403)
      if (ctx.now - run.createdAt > 30 * DAY)
        throw new ApiError(
          'Forbidden',
          'Unable to re-run this workflow run because it was created over a month ago',
          403
        )
      // "A workflow run can be re-run a maximum of 50 times" (GitHub docs, "Re-running workflows and jobs").
      if (run.attempt > 50)
        throw new ApiError('Forbidden', 'This workflow run has been re-run the maximum number of times', 403)
      const latest = latestJobs(run)
      const again =
        route.operation === 'ReRunWorkflow'
          ? latest
          : latest.filter(
              j => j.conclusion === 'failure' || j.conclusion === 'timed_out' || j.conclusion === 'cancelled'
            )
      if (again.length === 0)
        throw new ApiError('Forbidden', 'This workflow run has no failed jobs to re-run', 403)
      if (state.staleReadsAfterRerun > 0)
        run.stale = { view: runView(ctx, state, run), reads: state.staleReadsAfterRerun }
      run.attempt += 1
      run.status = 'in_progress'
      run.conclusion = null
      run.updatedAt = ctx.now
      run.runStartedAt = ctx.now
      for (const job of again)
        run.jobs.push({
          id: state.nextJobId++,
          name: job.name,
          status: 'in_progress',
          conclusion: null,
          startedAt: ctx.now,
          completedAt: null,
          steps: job.steps.map(s => ({ name: s.name, conclusion: null })),
          annotations: [],
          attempt: run.attempt
        })
      beginRetry(run, ctx.now)
      return new GitHubAnswer(201, {})
    }
    case 'CancelWorkflowRun': {
      const run = runIn()
      observe(run, ctx.now, false)
      if (run.status === 'completed')
        throw new ApiError('Conflict', 'Cannot cancel a workflow run that is completed.', 409)
      run.pending = undefined
      run.status = 'completed'
      run.conclusion = 'cancelled'
      run.updatedAt = ctx.now
      for (const job of run.jobs.filter(j => j.status !== 'completed')) {
        job.status = 'completed'
        job.conclusion = 'cancelled'
        job.completedAt = ctx.now
      }
      return new GitHubAnswer(202, {})
    }
  }
}

const DOCS = 'https://docs.github.com/rest'

/**
 * GitHub's wire: JSON bodies, errors as `{message, documentation_url}` with `x-github-request-id`. Throttling
 * is the secondary rate limit: 403 with `retry-after` (GitHub docs, "Rate limits for the REST API").
 */
export const githubWire: Wire = {
  ok(res, body, requestId) {
    const answer = body instanceof GitHubAnswer ? body : new GitHubAnswer(200, body)
    sendJson(res, answer.status, answer.body, {
      'content-type': 'application/json; charset=utf-8',
      'x-github-request-id': requestId,
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999'
    })
  },
  error(res, error, requestId) {
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'x-github-request-id': requestId
    }
    // `SecondaryRateLimitBare`: a secondary limit that names no time (GitHub then asks for a minute's wait).
    if (error.code === 'SecondaryRateLimit') headers['retry-after'] = '1'
    if (error.code === 'RateLimitExceeded') {
      headers['x-ratelimit-remaining'] = '0'
      headers['x-ratelimit-reset'] = String(Math.ceil(Date.now() / 1000) + 1)
    }
    sendJson(res, error.status, { message: error.message, documentation_url: DOCS }, headers)
  },
  throttled: () =>
    new ApiError(
      'SecondaryRateLimit',
      'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      403
    ),
  serverError: status =>
    new ApiError('ServerError', status === 503 ? 'Service Unavailable' : 'Server Error', status)
}
