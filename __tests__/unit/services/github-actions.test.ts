// github-actions provider with a mocked Octokit (`@actions/github`'s getOctokit): every decision of discovery,
// the failure reason and its transient rule, the retry route per mode, status, stop, listing and errors.
import { beforeEach, describe, expect, it, jest } from '@jest/globals'
import { testContext, sendOnce } from '../../support/context.js'
import type { Candidate, Provider } from '../../../src/model/provider.js'
import type { WorkflowTarget } from '../../../src/services/github-actions/target.js'

type Handler = (params: Record<string, unknown>) => unknown

/** GitHub's answers by route; a handler may throw an Octokit-shaped error. */
let routes: Record<string, Handler> = {}
const requests: { route: string; params: Record<string, unknown> }[] = []

const octokit = {
  request: jest.fn(async (route: string, params: Record<string, unknown>) => {
    requests.push({ route, params })
    const handler = routes[route]
    if (!handler) throw httpError(404, 'Not Found')
    return Promise.resolve({ status: 200, headers: {}, data: handler(params) })
  })
}

jest.unstable_mockModule('@actions/github', () => ({
  getOctokit: jest.fn(() => octokit),
  context: { apiUrl: 'https://api.github.com', serverUrl: 'https://github.com' }
}))

const { default: module } = await import('../../../src/services/github-actions/provider.js')
const { githubActions } = await import('../../../src/services/github-actions/index.js')
const { gitHubErrorOf } = await import('../../../src/services/github-actions/errors.js')

/** An error as @octokit/request throws it for an HTTP error answer. */
function httpError(status: number, message: string, headers: Record<string, string> = {}): Error {
  return Object.assign(new Error(message), {
    name: 'HttpError',
    status,
    response: { status, headers: { 'x-github-request-id': 'GH-REQ-1', ...headers }, data: { message } }
  })
}

const RUNS = 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs'
const RUN = 'GET /repos/{owner}/{repo}/actions/runs/{run_id}'
const JOBS = 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs'
const ANNOTATIONS = 'GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations'
const RERUN_FAILED = 'POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs'
const RERUN = 'POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun'
const CANCEL = 'POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel'
const WORKFLOWS = 'GET /repos/{owner}/{repo}/actions/workflows'

function run(overrides: Record<string, unknown> = {}) {
  return {
    id: 42,
    workflow_id: 7,
    name: 'CI',
    path: '.github/workflows/ci.yml',
    head_branch: 'main',
    status: 'completed',
    conclusion: 'failure',
    run_number: 12,
    run_attempt: 2,
    html_url: 'https://github.com/octo/app/actions/runs/42',
    created_at: '2026-11-30T10:00:00Z',
    updated_at: '2026-11-30T10:20:00Z',
    ...overrides
  }
}

const job = (name: string, conclusion: string, steps: [string, string][], id = 100) => ({
  id,
  name,
  status: 'completed',
  conclusion,
  completed_at: '2026-11-30T10:15:00Z',
  steps: steps.map(([n, c]) => ({ name: n, status: 'completed', conclusion: c }))
})

const target = (extra: Partial<WorkflowTarget> = {}): WorkflowTarget => ({
  service: 'github-actions',
  label: 'github-actions:octo/app/ci.yml',
  owner: 'octo',
  repo: 'app',
  workflow: 'ci.yml',
  ...extra
})

let context: ReturnType<typeof testContext>
let provider: Provider<WorkflowTarget>
beforeEach(() => {
  requests.length = 0
  routes = {
    [RUNS]: () => ({ total_count: 1, workflow_runs: [run()] }),
    [RUN]: () => run(),
    [JOBS]: () => ({
      jobs: [
        job('lint', 'success', [['Lint', 'success']], 99),
        job('test', 'failure', [
          ['Set up job', 'success'],
          ['Run tests', 'failure']
        ])
      ]
    }),
    [ANNOTATIONS]: () => [{ message: 'Process completed with exit code 1.' }],
    [RERUN_FAILED]: () => '',
    [RERUN]: () => '',
    [CANCEL]: () => ({})
  }
  context = testContext(module.errors)
  provider = module.create({ ...context, credentials: 'ghs_token' })
})

async function found(t = target()): Promise<Candidate> {
  const discovery = await provider.discover(t)
  if (discovery.kind !== 'found') throw new Error(`expected found, got ${JSON.stringify(discovery)}`)
  return discovery.candidate
}

describe('github-actions discovery', () => {
  it('the newest run of the workflow, if it failed: attempts from run_attempt, the failure from its jobs', async () => {
    const candidate = await found()
    expect(candidate).toMatchObject({
      executionId: '42',
      previousAttempts: 1,
      attemptsBasis: 'run_attempt 2',
      consoleUrl: 'https://github.com/octo/app/actions/runs/42'
    })
    expect(candidate.description).toBe('run #12 (42) attempt 2 of ci.yml on main is failure')
    expect(candidate.failure?.reason).toBe('test / Run tests: failure: Process completed with exit code 1.')
    expect(candidate.failure?.transient).toBeUndefined()
    expect(candidate.failure?.endedAt).toBe(Date.parse('2026-11-30T10:15:00Z'))
    expect(requests[0]).toMatchObject({
      route: RUNS,
      params: { owner: 'octo', repo: 'app', workflow_id: 'ci.yml', per_page: 1 }
    })
    expect(requests.find(r => r.route === JOBS)?.params).toMatchObject({ filter: 'latest' })
  })

  it('limits discovery to the branch when given', async () => {
    await found(target({ branch: 'release/1.2' }))
    expect(requests[0]?.params).toMatchObject({ branch: 'release/1.2' })
  })

  it.each([
    ['timed_out', 'completed', 'found'],
    ['success', 'completed', 'nothing'],
    ['cancelled', 'completed', 'nothing'],
    ['startup_failure', 'completed', 'nothing'],
    [null, 'in_progress', 'nothing'],
    [null, 'queued', 'nothing']
  ])('conclusion %s, status %s: %s', async (conclusion, status, kind) => {
    routes[RUNS] = () => ({ workflow_runs: [run({ conclusion, status })] })
    const discovery = await provider.discover(target())
    expect(discovery.kind).toBe(kind)
    if (discovery.kind === 'nothing') {
      expect(discovery.running !== undefined).toBe(status !== 'completed')
      if (conclusion === 'cancelled') expect(discovery.reason).toContain('cancelled by a person')
    }
  })

  it('a workflow with no runs has nothing to retry', async () => {
    routes[RUNS] = () => ({ total_count: 0, workflow_runs: [] })
    expect(await provider.discover(target())).toMatchObject({
      kind: 'nothing',
      reason: 'workflow ci.yml has no runs'
    })
  })

  it('an explicit run superseded by a newer run on its branch is skipped, naming the newer run', async () => {
    routes[RUNS] = () => ({
      workflow_runs: [run({ id: 43, conclusion: 'success', created_at: '2026-11-30T11:00:00Z' })]
    })
    const discovery = await provider.discover(target({ executionId: '42' }))
    expect(discovery).toEqual({
      kind: 'skip',
      reason: 'run 42 is superseded by newer run 43 of the same workflow on main, which is success'
    })
    expect(requests.find(r => r.route === RUNS)?.params).toMatchObject({ workflow_id: 7, branch: 'main' })
  })

  it('an explicit run that is the newest on its branch is found, and names its workflow', async () => {
    const t: WorkflowTarget = {
      service: 'github-actions',
      label: 'github-actions:octo/app/runs/42',
      owner: 'octo',
      repo: 'app',
      executionId: '42'
    }
    const discovery = await provider.discover(t)
    expect(discovery).toMatchObject({ kind: 'found', target: 'github-actions:octo/app/ci.yml' })
    // A target that names its workflow keeps its own label.
    expect((await provider.discover(target({ executionId: '42' }))).target).toBeUndefined()
  })

  it('an unreadable run answer is an error, never a fall-back', async () => {
    routes[RUNS] = () => ({ workflow_runs: [{ name: 'no id' }] })
    await expect(provider.discover(target())).rejects.toThrow('no run ID')
  })
})

describe('github-actions failure reason and the transient rule', () => {
  it.each([
    'The runner has received a shutdown signal. This can happen when the runner service is stopped.',
    'The self-hosted runner: r1 lost communication with the server.',
    'The hosted runner encountered an error while running your job.'
  ])('a runner loss in the annotations is transient: %s', async message => {
    routes[ANNOTATIONS] = () => [{ message }]
    const failure = (await found()).failure
    expect(failure?.transient).toMatch(/^runner lost/)
  })

  it('a transient word in the annotations is transient', async () => {
    routes[ANNOTATIONS] = () => [{ message: 'npm ERR! ECONNRESET while fetching' }]
    expect((await found()).failure?.transient).toBe("names 'ECONNRESET'")
  })

  it('a job that failed before any step ran is transient', async () => {
    routes[JOBS] = () => ({ jobs: [job('test', 'failure', [])] })
    routes[ANNOTATIONS] = () => []
    const failure = (await found()).failure
    expect(failure).toMatchObject({ reason: 'test: failure', transient: 'failed before any step ran' })
  })

  it('transient only when every failed job is', async () => {
    routes[JOBS] = () => ({
      jobs: [job('a', 'failure', [], 1), job('b', 'failure', [['Run', 'failure']], 2)]
    })
    routes[ANNOTATIONS] = p => (p.check_run_id === 1 ? [] : [{ message: 'assertion failed' }])
    const failure = (await found()).failure
    expect(failure?.reason).toBe('a: failure; b / Run: failure: assertion failed')
    expect(failure?.transient).toBeUndefined()
  })

  it('without checks: read the annotations are left out, with a note; the steps decide', async () => {
    routes[ANNOTATIONS] = () => {
      throw httpError(403, 'Resource not accessible by integration')
    }
    const failure = (await found()).failure
    expect(failure?.reason).toBe('test / Run tests: failure')
    expect(failure?.note).toContain('checks: read')
  })
})

describe('github-actions retry, status, stop, list', () => {
  it.each([
    ['failed', RERUN_FAILED],
    ['all', RERUN]
  ] as const)('retry-mode %s posts %s; the same run continues', async (mode, route) => {
    const candidate = await found()
    const started = await provider.retry(target(), candidate, { mode, token: 'unused' })
    expect(started).toEqual({ executionId: '42', consoleUrl: 'https://github.com/octo/app/actions/runs/42' })
    expect(requests.at(-1)).toMatchObject({ route, params: { owner: 'octo', repo: 'app', run_id: 42 } })
  })

  it('a refusal because the run is running again is read again and reported as someone else\u2019s retry', async () => {
    const candidate = await found()
    routes[RERUN_FAILED] = () => {
      throw httpError(403, 'This workflow is already running')
    }
    routes[RUN] = () => run({ status: 'in_progress', conclusion: null, run_attempt: 3 })
    const outcome = await sendOnce(provider, target(), candidate, { mode: 'failed', token: 't' }, context)
    expect(outcome).toMatchObject({ kind: 'not-sent', status: 'nothing-to-retry' })
  })

  it.each([
    [{ status: 'completed', conclusion: 'success' }, 'succeeded'],
    [{ status: 'completed', conclusion: 'cancelled' }, 'stopped'],
    [{ status: 'in_progress', conclusion: null }, 'in-progress']
  ])('status of %j is %s', async (fields, state) => {
    routes[RUN] = () => run(fields)
    expect((await provider.status(target(), { executionId: '42', consoleUrl: '' })).state).toBe(state)
  })

  it('a failed status carries the failure reason', async () => {
    const progress = await provider.status(target(), { executionId: '42', consoleUrl: '' })
    expect(progress).toMatchObject({
      state: 'failed',
      reason: 'test / Run tests: failure: Process completed with exit code 1.'
    })
  })

  it('stop cancels the run', async () => {
    await provider.stop(target(), { executionId: '42', consoleUrl: '' }, 'cancelled')
    expect(requests.at(-1)).toMatchObject({ route: CANCEL, params: { run_id: 42 } })
  })

  it('lists the repository\u2019s workflows by file name, page by page', async () => {
    routes[WORKFLOWS] = p => ({
      workflows: Array.from({ length: p.page === 1 ? 100 : 3 }, (_, k) => ({
        path: `.github/workflows/w${Number(p.page) * 1000 + k}.yml`
      }))
    })
    const listed = await provider.list?.({ glob: '*', prefix: '', scope: 'octo/app' })
    expect(listed).toHaveLength(103)
    expect(listed?.[0]).toEqual({ name: 'w1000.yml', resource: 'octo/app/w1000.yml' })
    expect(requests.filter(r => r.route === WORKFLOWS).map(r => r.params.page)).toEqual([1, 2])
  })

  it('an html_url on another host is replaced by the link built for the server', async () => {
    routes[RUNS] = () => ({ workflow_runs: [run({ html_url: 'https://evil.example/phish' })] })
    expect((await found()).consoleUrl).toBe('https://github.com/octo/app/actions/runs/42')
  })
})

describe('github-actions errors', () => {
  const now = Date.parse('2026-12-01T00:00:00Z')
  it('a secondary rate limit with retry-after is throttling, waiting what GitHub asks', () => {
    const e = gitHubErrorOf(
      httpError(403, 'You have exceeded a secondary rate limit', { 'retry-after': '30' }),
      now
    )
    expect(e).toMatchObject({
      name: 'SecondaryRateLimit',
      retryAfterMs: 30_000,
      $retryable: { throttling: true }
    })
  })

  it('the primary rate limit waits until x-ratelimit-reset', () => {
    const reset = String(now / 1000 + 12)
    const e = gitHubErrorOf(
      httpError(403, 'API rate limit exceeded', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }),
      now
    )
    expect(e).toMatchObject({
      name: 'RateLimitExceeded',
      retryAfterMs: 12_000,
      $metadata: { httpStatusCode: 403, requestId: 'GH-REQ-1' }
    })
  })

  it.each([
    [401, 'Bad credentials', 'BadCredentials'],
    [403, 'Resource not accessible by integration', 'ResourceNotAccessible'],
    [403, 'This workflow is already running', 'RunNotComplete'],
    [403, 'Unable to re-run this workflow run because it was created over a month ago', 'RunTooOld'],
    [404, 'Not Found', 'NotFound'],
    [429, 'Too many requests', 'SecondaryRateLimit'],
    [502, 'Bad Gateway', 'ServerError502']
  ])('%i %s is %s', (status, message, name) => {
    expect(gitHubErrorOf(httpError(status, message), now)).toMatchObject({ name })
  })

  it('a 5xx is a server fault (transient); no answer at all is passed through as the network error it is', () => {
    expect(gitHubErrorOf(httpError(503, 'Unavailable'))).toMatchObject({ $fault: 'server' })
    const network = Object.assign(new Error('fetch failed'), { status: 500, cause: { code: 'ECONNRESET' } })
    expect(gitHubErrorOf(network)).toBe(network)
  })

  it('a permission error fails at once with a hint that names actions: write', async () => {
    routes[RUNS] = () => {
      throw httpError(403, 'Resource not accessible by integration')
    }
    await expect(provider.discover(target())).rejects.toThrow(
      /ResourceNotAccessible.*permissions: actions: write/
    )
    expect(requests).toHaveLength(1)
  })

  it('a secondary rate limit is waited out (retry-after) and tried again', async () => {
    let calls = 0
    routes[RUNS] = () => {
      if (calls++ === 0) throw httpError(403, 'secondary rate limit', { 'retry-after': '7' })
      return { workflow_runs: [run()] }
    }
    await found()
    expect(context.clock.slept).toContain(7000)
  })
})

describe('github-actions target lines and inputs', () => {
  it('a line names OWNER/REPO/WORKFLOW[@BRANCH]; the current repository by default', () => {
    process.env.GITHUB_REPOSITORY = 'octo-org/release-tools'
    expect(githubActions.fromLine('ci.yml', 'targets (line 1)')).toMatchObject({
      label: 'github-actions:octo-org/release-tools/ci.yml',
      owner: 'octo-org',
      repo: 'release-tools'
    })
    expect(githubActions.fromLine('acme/api/deploy.yml@release/1.2', 'targets (line 1)')).toMatchObject({
      label: 'github-actions:acme/api/deploy.yml@release/1.2',
      branch: 'release/1.2',
      workflow: 'deploy.yml'
    })
    expect(githubActions.patternOf?.('acme/api/deploy-*.yml@main', 'targets (line 1)')).toEqual({
      query: { glob: 'deploy-*.yml', prefix: 'deploy-', scope: 'acme/api' },
      suffix: '@main'
    })
  })

  it.each(['acme/deploy.yml', 'acme/api/ci.txt', 'acme/api/ci.yml@bad..branch', '-x/api/ci.yml'])(
    '%s is an input error',
    resource => {
      expect(() => githubActions.fromLine(resource, 'targets (line 3)')).toThrow("Input 'targets (line 3)'")
    }
  )
})
