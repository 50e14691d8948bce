// End-to-end: service github-actions (README, "GitHub Actions workflow runs"). The bundled action, through
// @actions/github's Octokit, against the emulator's GitHub REST API (whose answers are checked against GitHub's
// OpenAPI description in __tests__/emulator/github-openapi.test.ts).
import { describe, expect, it } from '@jest/globals'
import type { ChildProcess } from 'node:child_process'
import type { Emulator, RetryOutcome, Scenario } from '../../tools/emulator/index.js'
import {
  errorLines,
  expectInputError,
  expectSecretsKept,
  resultsOf,
  run,
  useEmulator,
  waitForCalls,
  withEmulator,
  type ActionRun
} from './helpers.js'

const WRITE = 'ghs_e2eWriteToken000000000000000000000'
const READ = 'ghs_e2eReadOnlyToken0000000000000000000'
const THIS_REPO = 'ghs_e2eThisRepositoryOnly000000000000'
const REPO = 'octo-org/release-tools'
const hoursAgo = (h: number): string => new Date(Date.now() - h * 3_600_000).toISOString()

const RUNNER_LOST =
  'The runner has received a shutdown signal. This can happen when the runner service is stopped.'
const TEST_FAILED = 'Process completed with exit code 1.'

/** A failed job: its failed step, and annotations. */
const failedJob = (name: string, annotation: string) => ({
  name,
  conclusion: 'failure' as const,
  steps: [
    { name: 'Set up job', conclusion: 'success' as const },
    { name: 'Run tests', conclusion: 'failure' as const }
  ],
  annotations: [annotation]
})

const SUCCEEDS: RetryOutcome = { result: 'succeeded', settleAfterReads: 1 }

/** The scenario; every failed run, when re-run, ends as `settle`. */
function scenario(settle: RetryOutcome = SUCCEEDS): Scenario {
  return {
    name: 'github',
    accountId: '123456789012',
    region: 'us-east-1',
    github: {
      tokens: [{ token: WRITE }, { token: READ, permission: 'read' }, { token: THIS_REPO, repos: [REPO] }],
      repos: [
        {
          owner: 'octo-org',
          name: 'release-tools',
          workflows: [
            {
              id: 1,
              name: 'CI',
              file: 'ci.yml',
              runs: [
                { id: 100, status: 'completed', conclusion: 'failure', createdAt: hoursAgo(9) },
                {
                  id: 102,
                  branch: 'feature/x',
                  status: 'completed',
                  conclusion: 'failure',
                  createdAt: hoursAgo(8),
                  jobs: [failedJob('test', TEST_FAILED)],
                  onRetry: settle
                },
                {
                  id: 103,
                  status: 'completed',
                  conclusion: 'failure',
                  createdAt: hoursAgo(2),
                  jobs: [{ name: 'lint', conclusion: 'success' }, failedJob('test', RUNNER_LOST)],
                  onRetry: settle
                }
              ]
            },
            {
              id: 2,
              name: 'Flaky',
              file: 'flaky.yml',
              runs: [
                {
                  id: 201,
                  status: 'completed',
                  conclusion: 'failure',
                  createdAt: hoursAgo(2),
                  jobs: [failedJob('test', TEST_FAILED)],
                  onRetry: settle
                }
              ]
            },
            {
              id: 3,
              name: 'Capped',
              file: 'capped.yml',
              runs: [
                {
                  id: 301,
                  runAttempt: 4,
                  status: 'completed',
                  conclusion: 'failure',
                  createdAt: hoursAgo(2),
                  onRetry: settle
                }
              ]
            },
            {
              id: 4,
              name: 'Nightly A',
              file: 'nightly-a.yml',
              runs: [
                {
                  id: 401,
                  status: 'completed',
                  conclusion: 'failure',
                  createdAt: hoursAgo(3),
                  onRetry: settle
                }
              ]
            },
            {
              id: 5,
              name: 'Nightly B',
              file: 'nightly-b.yml',
              runs: [{ id: 501, status: 'completed', conclusion: 'success', createdAt: hoursAgo(3) }]
            },
            {
              id: 6,
              name: 'Cancelled',
              file: 'cancelled.yml',
              runs: [{ id: 601, status: 'completed', conclusion: 'cancelled', createdAt: hoursAgo(3) }]
            }
          ]
        },
        {
          owner: 'acme',
          name: 'api',
          workflows: [
            {
              id: 9,
              name: 'Deploy',
              file: 'deploy.yml',
              runs: [
                {
                  id: 9001,
                  status: 'completed',
                  conclusion: 'timed_out',
                  createdAt: hoursAgo(1),
                  jobs: [
                    {
                      name: 'deploy',
                      conclusion: 'timed_out',
                      steps: [{ name: 'Deploy', conclusion: 'timed_out' }]
                    }
                  ],
                  onRetry: settle
                }
              ]
            }
          ]
        }
      ]
    }
  }
}

const RERUN_FAILED = 'github:ReRunWorkflowFailedJobs'
const RERUN_ALL = 'github:ReRunWorkflow'

describe('github-actions', () => {
  const fx = useEmulator(
    () => scenario(),
    () => ({ GITHUB_TOKEN: WRITE })
  )
  const base = (extra: Record<string, string> = {}) => ({
    service: 'github-actions',
    endpoint: fx.emu.url,
    ...extra
  })
  const rerunOf = (op: string): number[] =>
    fx.emu
      .callsTo(op)
      .filter(c => c.fault === undefined)
      .map(c => Number(c.path.split('/')[6]))

  it('discovers the newest run of the workflow and re-runs its failed jobs', async () => {
    const result = await fx.runOk(base({ workflow: 'ci.yml' }))
    expect(result.outputs).toMatchObject({
      retried: 'true',
      status: 'in-progress',
      'execution-id': '103',
      'execution-arn': '',
      'console-url': `https://github.com/${REPO}/actions/runs/103`,
      attempts: '1'
    })
    expect(resultsOf(result)[0]?.target).toBe(`github-actions:${REPO}/ci.yml`)
    expect(rerunOf(RERUN_FAILED)).toEqual([103])
    const first = fx.emu.calls[0]
    expect(first?.headers['x-github-api-version']).toBe('2022-11-28')
    expect(String(first?.headers.authorization)).toContain(WRITE)
    expectSecretsKept(result, [WRITE])
  })

  it('limits discovery to the branch', async () => {
    const result = await fx.runOk(base({ workflow: 'ci.yml', branch: 'feature/x' }))
    expect(result.outputs['execution-id']).toBe('102')
    expect(resultsOf(result)[0]?.target).toBe(`github-actions:${REPO}/ci.yml@feature/x`)
    expect(fx.emu.calls[0]?.path).toContain('/actions/workflows/ci.yml/runs')
    expect(rerunOf(RERUN_FAILED)).toEqual([102])
  })

  it('an explicit run ID is re-run when it is the newest on its branch', async () => {
    const result = await fx.runOk(base({ 'execution-id': '103' }))
    expect(result.outputs).toMatchObject({ retried: 'true', 'execution-id': '103' })
    // Named by its run ID, the target is reported as its workflow once the run was read (contract: Targets).
    expect(resultsOf(result)[0]?.target).toBe(`github-actions:${REPO}/ci.yml`)
  })

  it('an explicit run ID that a newer run superseded is skipped, naming the newer run', async () => {
    const result = await fx.runOk(base({ 'execution-id': '100' }))
    expect(result.outputs).toMatchObject({ retried: 'false', status: 'skipped' })
    expect(resultsOf(result)[0]?.message).toContain('superseded by newer run 103')
    expect(fx.emu.callsTo(RERUN_FAILED)).toHaveLength(0)
  })

  it('counts earlier attempts from run_attempt: at the cap it is skipped; max-attempts 0 lifts it', async () => {
    const capped = await fx.runOk(base({ workflow: 'capped.yml' }))
    expect(capped.outputs).toMatchObject({ retried: 'false', status: 'skipped' })
    expect(capped.stdout).toMatch(/::warning::.*max-attempts/)
    expect(fx.emu.callsTo(RERUN_FAILED)).toHaveLength(0)
    const lifted = await fx.runOk(base({ workflow: 'capped.yml', 'max-attempts': '0' }))
    expect(lifted.outputs).toMatchObject({ retried: 'true', 'execution-id': '301' })
  })

  it('retry-mode all re-runs every job', async () => {
    await fx.runOk(base({ workflow: 'ci.yml', 'retry-mode': 'all' }))
    expect(rerunOf(RERUN_ALL)).toEqual([103])
    expect(fx.emu.callsTo(RERUN_FAILED)).toHaveLength(0)
  })

  it('a cancelled run was a person\u2019s decision: nothing to retry', async () => {
    const result = await fx.runOk(base({ workflow: 'cancelled.yml' }))
    expect(result.outputs).toMatchObject({ retried: 'false', status: 'nothing-to-retry' })
  })

  it('retry-on transient: a runner loss is retried, a test failure is not', async () => {
    const lost = await fx.runOk(base({ workflow: 'ci.yml', 'retry-on': 'transient' }))
    expect(lost.outputs).toMatchObject({ retried: 'true' })
    expect(lost.stdout).toContain("runner lost ('The runner has received a shutdown signal')")
    const tests = await fx.runOk(base({ workflow: 'flaky.yml', 'retry-on': 'transient' }))
    expect(tests.outputs).toMatchObject({ retried: 'false', status: 'skipped' })
    expect(tests.outputs['failure-reason']).toBe(`test / Run tests: failure: ${TEST_FAILED}`)
    expect(rerunOf(RERUN_FAILED)).toEqual([103])
  })

  it('a workflow run in another repository, with a token that can see it', async () => {
    const result = await fx.runOk(base({ repository: 'acme/api', workflow: 'deploy.yml' }))
    expect(result.outputs).toMatchObject({ retried: 'true', 'execution-id': '9001' })
    expect(resultsOf(result)[0]?.target).toBe('github-actions:acme/api/deploy.yml')
  })

  it('another repository with this repository\u2019s token: 404, with the hint that names the token', async () => {
    const result = await fx.run(
      base({ repository: 'acme/api', workflow: 'deploy.yml', 'github-token': THIS_REPO })
    )
    expect(result.exitCode).toBe(1)
    const [error] = errorLines(result)
    expect(error).toContain('NotFound')
    expect(error).toContain('github-token must be a token of that repository')
    expect(fx.emu.callsTo(RERUN_FAILED)).toHaveLength(0)
  })

  it('a token without actions: write: the re-run is refused once, with the permissions hint', async () => {
    const result = await fx.run(base({ workflow: 'ci.yml', 'github-token': READ }))
    expect(result.exitCode).toBe(1)
    expect(result.outputs).toMatchObject({ retried: 'false', status: 'error' })
    const [error] = errorLines(result)
    expect(error).toContain('Resource not accessible by integration')
    expect(error).toContain('permissions: actions: write')
    expect(fx.emu.callsTo(RERUN_FAILED)).toHaveLength(1)
    expect(fx.emu.retriesApplied('github-actions')).toBe(0)
  })

  it('a secondary rate limit (403, retry-after) is waited out and the step goes on', async () => {
    fx.emu.inject('github:ListWorkflowRuns', { throttle: 2 })
    const result = await fx.runOk(base({ workflow: 'ci.yml' }))
    expect(result.outputs).toMatchObject({ retried: 'true', 'execution-id': '103' })
    expect(fx.emu.callsTo('github:ListWorkflowRuns').map(c => c.fault)).toEqual([
      'throttle',
      'throttle',
      undefined
    ])
    expect(result.stdout).toContain('SecondaryRateLimit')
  })

  it('the primary rate limit (403, x-ratelimit-remaining 0) is waited out until its reset', async () => {
    fx.emu.inject('github:GetWorkflowRun', {
      error: {
        code: 'RateLimitExceeded',
        message: 'API rate limit exceeded for installation ID 1.',
        status: 403
      }
    })
    const result = await fx.runOk(base({ 'execution-id': '103' }))
    expect(result.outputs).toMatchObject({ retried: 'true', 'execution-id': '103' })
    const reads = fx.emu.callsTo('github:GetWorkflowRun')
    expect(reads.map(c => c.fault)).toEqual(['error', undefined])
    expect(result.stdout).toContain('RateLimitExceeded')
  })

  it('a re-run whose answer is lost is not sent twice: the run is read again and shows the new attempt', async () => {
    fx.emu.inject(RERUN_FAILED, { loseResponse: 1 })
    const result = await fx.runOk(base({ workflow: 'ci.yml' }))
    expect(result.outputs).toMatchObject({ retried: 'true', status: 'in-progress', 'execution-id': '103' })
    expect(result.stdout).toContain('the answer to the retry call was lost')
    expect(fx.emu.retriesApplied('github-actions')).toBe(1)
    expect(fx.emu.callsTo(RERUN_FAILED)).toHaveLength(1)
  })

  it('GitHub Enterprise Server: GITHUB_API_URL (…/api/v3) is used, and links go to GITHUB_SERVER_URL', async () => {
    const result = await fx.runOk(
      { service: 'github-actions', workflow: 'ci.yml' },
      { env: { GITHUB_API_URL: `${fx.emu.url}/api/v3`, GITHUB_SERVER_URL: 'https://ghe.example.com' } }
    )
    expect(fx.emu.calls[0]?.path).toBe(`/api/v3/repos/${REPO}/actions/workflows/ci.yml/runs`)
    // The run's html_url is on github.com, not this server: the link is built for the server instead.
    expect(result.outputs['console-url']).toBe(`https://ghe.example.com/${REPO}/actions/runs/103`)
  })

  it('targets lines: this repository, another one on a branch, and a pattern over the workflows', async () => {
    const result = await fx.runOk({
      targets: [
        'github-actions:ci.yml',
        'github-actions:acme/api/deploy.yml@main',
        'github-actions:nightly-*.yml'
      ].join('\n'),
      endpoint: fx.emu.url
    })
    expect(resultsOf(result).map(r => [r.target, r.status])).toEqual([
      [`github-actions:${REPO}/ci.yml`, 'in-progress'],
      ['github-actions:acme/api/deploy.yml@main', 'in-progress'],
      [`github-actions:${REPO}/nightly-a.yml`, 'in-progress'],
      [`github-actions:${REPO}/nightly-b.yml`, 'nothing-to-retry']
    ])
    expect(fx.emu.callsTo('github:ListRepoWorkflows')).toHaveLength(1)
  })

  fx.rejectsBadInputs(
    emu => ({ service: 'github-actions', endpoint: emu.url, workflow: 'ci.yml' }),
    [
      ['repository without owner', 'repository', { repository: 'release-tools' }],
      ['workflow not a file name', 'workflow', { workflow: 'ci.txt' }],
      ['run ID not a number', 'execution-id', { 'execution-id': 'abc' }],
      ['branch with ..', 'branch', { branch: 'a..b' }],
      ['project-name for github-actions', 'project-name', { 'project-name': 'p1' }],
      ['idempotency-token (no token API)', 'idempotency-token', { 'idempotency-token': 'x'.repeat(40) }],
      ['no workflow nor run', 'workflow', { workflow: '' }]
    ]
  )

  it('a github-actions line with a region is an input error naming the line', async () => {
    const result = await fx.run({ targets: 'github-actions@us-east-1:ci.yml', endpoint: fx.emu.url })
    expectInputError(result, 'targets \\(line 1\\)', fx.emu)
  })
})

describe('github-actions with wait', () => {
  const wait = (emu: Emulator, extra: Record<string, string> = {}) => ({
    service: 'github-actions',
    endpoint: emu.url,
    workflow: 'ci.yml',
    wait: 'true',
    'poll-interval-seconds': '1',
    ...extra
  })
  const env = { GITHUB_TOKEN: WRITE }

  it.concurrent('follows the re-run to success', async () => {
    await withEmulator(scenario(), async emu => {
      const result = await run(wait(emu), { env })
      expect(errorLines(result)).toEqual([])
      expect(result.outputs).toMatchObject({ retried: 'true', status: 'succeeded', attempts: '1' })
    })
  })

  it.concurrent(
    'follows the re-run to failure with its new reason; retries: 2 re-runs once more',
    async () => {
      const fails: RetryOutcome = {
        result: 'failed',
        failureReason: 'The hosted runner encountered an error while running your job.'
      }
      await withEmulator(scenario(fails), async emu => {
        const once = await run(wait(emu), { env })
        expect(once.exitCode).toBe(1)
        expect(once.outputs).toMatchObject({ status: 'failed', attempts: '1' })
        expect(once.outputs['failure-reason']).toContain('The hosted runner encountered an error')
        emu.reset()
        const twice = await run(wait(emu, { retries: '2', 'retry-delay-seconds': '0' }), { env })
        expect(twice.outputs).toMatchObject({ status: 'failed', attempts: '2' })
        expect(emu.retriesApplied('github-actions')).toBe(2)
      })
    }
  )

  it.concurrent('cancel-on-abort: SIGINT while waiting cancels the run, outputs set, exit 1', async () => {
    await withEmulator(scenario({ result: 'succeeded', settleAfterMs: 600_000 }), async emu => {
      let signalled: Promise<void> = Promise.resolve()
      const onSpawn = (child: ChildProcess): void => {
        signalled = waitForCalls(emu, RERUN_FAILED).then(() => {
          child.kill('SIGINT')
        })
      }
      const result: ActionRun = await run(wait(emu, { 'cancel-on-abort': 'true' }), {
        env,
        onSpawn,
        timeoutMs: 20_000
      })
      await signalled
      expect(result.exitCode).toBe(1)
      expect(result.outputs).toMatchObject({ retried: 'true', status: 'stopped', 'execution-id': '103' })
      expect(emu.callsTo('github:CancelWorkflowRun')).toHaveLength(1)
      expect(emu.state.github.runs.get(103)?.conclusion).toBe('cancelled')
    })
  })
})
