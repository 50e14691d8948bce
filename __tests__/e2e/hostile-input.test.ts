// End to end, hostile input round two (issue #21): API text that carries workflow commands in either of the
// runner's forms, endpoints that redirect credentials to another host, patterns and retry-on expressions made to
// backtrack, unusual listed names, a cancel while listing, and the smaller input rules. The bundled action runs
// against the emulator; the log is read with the runner's own command parsing (support/runner-commands.ts).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from '@jest/globals'
import { DEMO_IDS, demoScenario, scaledScenario, type Scenario } from '../../tools/emulator/index.js'
import { foreignCommands } from '../support/runner-commands.js'
import {
  awsEnv,
  errorLines,
  expectInputError,
  resultsOf,
  run,
  waitForCalls,
  withEmulator,
  type ActionRun
} from './helpers.js'

const CODEBUILD = { service: 'codebuild', 'project-name': 'integration-tests' }
const GITHUB = {
  service: 'github-actions',
  'github-token': DEMO_IDS.githubToken,
  repository: DEMO_IDS.githubRepository
}

/** Sets the demo's failed build's failure message. */
function buildFailing(message: string): Scenario {
  const scenario = demoScenario()
  const project = scenario.codebuild!.projects.find(p => p.name === 'integration-tests')!
  project.builds!.find(b => b.id === DEMO_IDS.failedBuild)!.failureMessage = message
  return scenario
}

/** Runs the action and sends SIGINT once `when` resolves; the run and the ms from the signal to the exit. */
async function interrupted(
  inputs: Record<string, string>,
  env: Record<string, string>,
  when: () => Promise<void>
): Promise<{ result: ActionRun; exitMs: number }> {
  let at = 0
  let sent: Promise<void> = Promise.resolve()
  const result = await run(inputs, {
    env,
    timeoutMs: 60_000,
    onSpawn: child => {
      sent = when().then(() => {
        at = Date.now()
        child.kill('SIGINT')
      })
    }
  })
  await sent
  return { result, exitMs: Date.now() - at }
}

describe('1. legacy workflow commands from API text', () => {
  it.concurrent(
    'a CodeBuild phase message with ##[add-mask] and ##[set-output] runs no command',
    async () => {
      await withEmulator(
        buildFailing('echo ##[add-mask]codebuild; tests failed ##[set-output name=status]succeeded'),
        async emu => {
          const result = await run({ ...CODEBUILD, 'dry-run': 'true' }, { env: awsEnv(emu) })
          expect(result.exitCode).toBe(0)
          expect(foreignCommands(result.stdout)).toEqual([])
          expect(result.stdout).toContain('## [add-mask]codebuild')
          expect(result.outputs.status).toBe('dry-run')
          expect((resultsOf(result)[0] as unknown as { failure: string }).failure).toContain(
            '## [set-output name=status]succeeded'
          )
        }
      )
    }
  )

  it.concurrent('a GitHub job annotation written by a pull request author stays data', async () => {
    const scenario = demoScenario()
    const ci = scenario.github!.repos[0]!.workflows.find(w => w.file === 'ci.yml')!
    const failed = ci.runs.find(r => r.id === DEMO_IDS.githubFailedRun)!
    failed.jobs![1]!.annotations = ['tests failed ##[set-output name=status]succeeded ##[stop-commands]x']
    await withEmulator(scenario, async emu => {
      const result = await run({ ...GITHUB, workflow: 'ci.yml', endpoint: emu.url, 'dry-run': 'true' })
      expect(result.exitCode).toBe(0)
      expect(foreignCommands(result.stdout)).toEqual([])
      expect(result.outputs.status).toBe('dry-run')
    })
  })
})

/** A loopback server that answers every request with `answer`; records what it received. */
async function listen(
  host: string,
  answer: (path: string) => { status: number; headers?: Record<string, string>; body?: string }
): Promise<{ server: Server; url: string; seen: IncomingHttpHeaders[] }> {
  const seen: IncomingHttpHeaders[] = []
  const server = createServer((req, res) => {
    seen.push(req.headers)
    req.resume()
    const { status, headers, body } = answer(req.url ?? '/')
    res.writeHead(status, headers)
    res.end(body ?? '')
  })
  await new Promise<void>(resolve => server.listen(0, host, resolve))
  const { port } = server.address() as AddressInfo
  return { server, url: `http://${host}:${port}`, seen }
}

describe('2. credentials never follow a redirect to another host', () => {
  it.concurrent.each(['token', 'aksk'] as const)(
    'CodeArts (%s): a 307 to another host is an error naming the endpoint; nothing reaches that host',
    async auth => {
      const other = await listen('127.0.0.2', () => ({ status: 200, body: '{}' }))
      const redirecting = await listen('127.0.0.1', path => ({
        status: 307,
        headers: { location: `${other.url}${path}` }
      }))
      try {
        const credentials: Record<string, string> =
          auth === 'token'
            ? { 'huaweicloud-auth-token': DEMO_IDS.huaweiToken, 'huaweicloud-security-token': 'st' }
            : { 'huaweicloud-ak': DEMO_IDS.huaweiAk, 'huaweicloud-sk': DEMO_IDS.huaweiSk }
        if (auth === 'token') delete credentials['huaweicloud-security-token']
        const result = await run({
          service: 'codearts',
          endpoint: redirecting.url,
          'project-id': DEMO_IDS.codeartsProject,
          'pipeline-id': DEMO_IDS.codeartsPipeline,
          ...credentials
        })
        expect(result.exitCode).toBe(1)
        expect(result.outputs.status).toBe('error')
        expect(errorLines(result)[0]).toContain(
          `the endpoint ${redirecting.url} answered HTTP 307 with a redirect`
        )
        expect(other.seen).toEqual([])
        // A permanent error: one request, not one per back-off attempt.
        expect(redirecting.seen).toHaveLength(1)
      } finally {
        redirecting.server.close()
        other.server.close()
      }
    }
  )

  it.concurrent('AWS: a 307 is an error that says so, not "Unknown"', async () => {
    const redirecting = await listen('127.0.0.1', () => ({
      status: 307,
      headers: { location: 'http://127.0.0.2:1/' }
    }))
    try {
      const result = await run(CODEBUILD, {
        env: { AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_CODEBUILD: redirecting.url }
      })
      expect(result.exitCode).toBe(1)
      expect(errorLines(result)[0]).toContain(
        'Redirected: the service endpoint answered HTTP 307, a redirect'
      )
      expect(errorLines(result)[0]).not.toContain('UnknownError')
    } finally {
      redirecting.server.close()
    }
  })

  it.concurrent('GitHub: a redirect to another host never carries the token', async () => {
    const other = await listen('127.0.0.2', () => ({ status: 404, body: '{"message":"Not Found"}' }))
    const redirecting = await listen('127.0.0.1', path => ({
      status: 307,
      headers: { location: `${other.url}${path}` }
    }))
    try {
      await run({ ...GITHUB, workflow: 'ci.yml', endpoint: redirecting.url })
      for (const headers of other.seen) expect(headers.authorization).toBeUndefined()
    } finally {
      redirecting.server.close()
      other.server.close()
    }
  })
})

describe('3-4. matching is linear: globs and retry-on against hostile names and text', () => {
  it.concurrent(
    'a backtracking glob over long names ends at once; a SIGINT is answered within 5 s',
    async () => {
      const scenario = demoScenario()
      scenario.codebuild!.projects.push(
        { name: 'a'.repeat(80) },
        ...Array.from({ length: 50 }, (_, i) => ({ name: `${'x-'.repeat(95)}${i}` }))
      )
      await withEmulator(scenario, async emu => {
        const targets = 'codebuild:a*a*a*a*a*a*a*b\ncodebuild:*-*-*-*-*-*-prod\n!codebuild:a*a*a*a*a*a*a*c'
        const plain = await run({ targets }, { env: awsEnv(emu) })
        expect(plain.exitCode).toBe(0)
        expect(plain.stdout).toContain('matches nothing')
        emu.reset()
        const { result, exitMs } = await interrupted({ targets, wait: 'true' }, awsEnv(emu), () =>
          waitForCalls(emu, 'ListProjects')
        )
        expect(exitMs).toBeLessThan(5000)
        expect(result.outputs['results-file']).toBeTruthy()
      })
    }
  )

  it.concurrent(
    'retry-on (a+)+$, (\\w+\\s?)+$ and .*timeout.*reset against a 64,000-character failure',
    async () => {
      await withEmulator(buildFailing(`${'a'.repeat(64_000)}!`), async emu => {
        const inputs = { ...CODEBUILD, 'retry-on': '(a+)+$\n(\\w+\\s?)+$\n.*timeout.*reset' }
        const result = await run(inputs, { env: awsEnv(emu) })
        expect(result.exitCode).toBe(0)
        expect(result.outputs.status).toBe('skipped')
        expect(emu.callsTo('RetryBuild')).toHaveLength(0)
        // No printed line carries more than the 1,000 characters of API text the contract allows.
        for (const line of result.stdout.split('\n')) expect(line.length).toBeLessThan(1600)
        emu.reset()
        const { result: cut, exitMs } = await interrupted(inputs, awsEnv(emu), () =>
          waitForCalls(emu, 'BatchGetBuilds')
        )
        expect(exitMs).toBeLessThan(5000)
        expect(cut.outputs.results).toBeTruthy()
      })
    }
  )

  it.concurrent.each([
    ['a backreference', '(a)\\1'],
    ['a lookahead', '^(?!.*smoke)'],
    ['an unclosed group', '(timeout']
  ])('retry-on with %s is an input error naming retry-on, before any call', async (_what, pattern) => {
    await withEmulator(demoScenario(), async emu => {
      expectInputError(
        await run({ ...CODEBUILD, 'retry-on': pattern }, { env: awsEnv(emu) }),
        'retry-on',
        emu
      )
    })
  })
})

describe('5. listed names are data', () => {
  it.concurrent(
    'a Pages workflow, a name with a blank and one with an accent: skipped rows; ci.yml goes on',
    async () => {
      const scenario = demoScenario()
      const repo = scenario.github!.repos[0]!
      repo.workflows.push(
        {
          id: 9001,
          name: 'pages',
          file: 'pages-build-deployment',
          path: 'dynamic/pages/pages-build-deployment',
          runs: []
        },
        { id: 9002, name: 'copy', file: 'ci copy.yml', runs: [] },
        { id: 9003, name: 'deploy', file: 'déploy.yml', runs: [] }
      )
      await withEmulator(scenario, async emu => {
        const result = await run({
          targets: `github-actions:${DEMO_IDS.githubRepository}/*`,
          'github-token': DEMO_IDS.githubToken,
          endpoint: emu.url,
          'dry-run': 'true'
        })
        expect(errorLines(result)).toEqual([])
        expect(result.exitCode).toBe(0)
        const rows = resultsOf(result)
        const skipped = rows.filter(r => r.status === 'skipped').map(r => r.target)
        expect(skipped).toEqual(
          expect.arrayContaining([
            expect.stringContaining('pages-build-deployment'),
            expect.stringContaining('ci copy.yml'),
            expect.stringContaining('déploy.yml')
          ])
        )
        expect(rows.find(r => r.target.endsWith('/ci.yml'))?.status).toBe('dry-run')
      })
    }
  )
})

describe('6. a cancel while a pattern is listed keeps every output', () => {
  it.concurrent(
    'SIGINT during ListProjects: every line reported cancelled, results-file and summary written',
    async () => {
      await withEmulator(demoScenario(), async emu => {
        emu.inject('ListProjects', { latencyMs: 3000 })
        const targets = 'codebuild:svc-*\ncodebuild:integration-tests\ncodepipeline:release-pipeline'
        const { result, exitMs } = await interrupted({ targets }, awsEnv(emu), () =>
          waitForCalls(emu, 'ListProjects')
        )
        expect(exitMs).toBeLessThan(5000)
        expect(result.exitCode).toBe(1)
        expect(errorLines(result)).toEqual([expect.stringMatching(/^::error::Cancelled \(SIGINT\)/)])
        const rows = resultsOf(result)
        expect(rows.map(r => [r.target, r.status])).toEqual([
          ['codebuild:svc-*', 'cancelled'],
          ['codebuild:integration-tests', 'cancelled'],
          ['codepipeline:release-pipeline', 'cancelled']
        ])
        expect(JSON.parse(result.resultsFile)).toEqual(rows)
        expect(result.summary).toContain('<table>')
        expect(result.stdout).not.toContain('was cut off (SIGINT)')
      })
    }
  )
})

describe('7-13. input rules', () => {
  it.concurrent.each([
    [
      'timeout-minutes past 5 days (a timer would overflow)',
      'timeout-minutes',
      { ...CODEBUILD, wait: 'true', 'timeout-minutes': '35792' }
    ],
    [
      'timeout-minutes past 2^31 ms',
      'timeout-minutes',
      { ...CODEBUILD, wait: 'true', 'timeout-minutes': '71583' }
    ],
    [
      'a second @ in a line',
      'targets \\(line 1\\)',
      { targets: 'codebuild@us-east-1@evil.example.com:proj' }
    ],
    [
      'endpoint for lines on two clouds',
      'endpoint',
      {
        targets: `codebuild:integration-tests\ngithub-actions:ci.yml`,
        endpoint: 'http://127.0.0.1:1',
        'github-token': DEMO_IDS.githubToken
      }
    ],
    ['targets-file naming the workspace itself', 'targets-file', { 'targets-file': '.' }],
    [
      'wait on the step\u2019s own run',
      'execution-id',
      { ...GITHUB, 'execution-id': '1658821493', wait: 'true' }
    ],
    ['wait on the workflow running the step', 'workflow', { ...GITHUB, workflow: 'retry.yml', wait: 'true' }]
  ])('%s is an input error before any call', async (_what, input, inputs) => {
    await withEmulator(demoScenario(), async emu => {
      const result = await run(inputs, {
        env: {
          ...awsEnv(emu),
          GITHUB_WORKFLOW_REF: `${DEMO_IDS.githubRepository}/.github/workflows/retry.yml@refs/heads/main`
        }
      })
      expectInputError(result, input, emu)
      if (input === 'targets-file') expect(errorLines(result)[0]).toContain('is the workspace folder itself')
    })
  })

  it.concurrent('timeout-minutes 7200 waits as asked: the retried build is followed to its end', async () => {
    await withEmulator(demoScenario(), async emu => {
      const result = await run(
        { ...CODEBUILD, wait: 'true', 'timeout-minutes': '7200', 'poll-interval-seconds': '1' },
        { env: awsEnv(emu) }
      )
      expect(result.outputs.status).toBe('succeeded')
    })
  })

  it.concurrent('8. a run ID of another workflow is an error naming both; nothing is re-run', async () => {
    await withEmulator(demoScenario(), async emu => {
      const result = await run({
        ...GITHUB,
        workflow: 'ci.yml',
        'execution-id': '9100000301',
        endpoint: emu.url
      })
      expect(result.exitCode).toBe(1)
      expect(result.outputs.status).toBe('error')
      expect(errorLines(result)[0]).toContain('run 9100000301 is a run of nightly.yml, not of ci.yml')
      expect(emu.callsTo('ReRunWorkflowFailedJobs')).toHaveLength(0)
      const branch = await run({
        ...GITHUB,
        workflow: 'ci.yml',
        branch: 'release',
        'execution-id': String(DEMO_IDS.githubFailedRun),
        endpoint: emu.url
      })
      expect(errorLines(branch)[0]).toContain('not on release')
      expect(emu.callsTo('ReRunWorkflowFailedJobs')).toHaveLength(0)
    })
  })

  it.concurrent(
    '9. one target in either region spelling; a ! line with the step region excludes the plain one',
    async () => {
      await withEmulator(demoScenario(), async emu => {
        const both = await run(
          { targets: 'codebuild:integration-tests\ncodebuild@us-east-1:integration-tests' },
          { env: awsEnv(emu) }
        )
        expect(resultsOf(both).map(r => r.target)).toEqual(['codebuild:integration-tests'])
        expect(emu.callsTo('RetryBuild')).toHaveLength(1)
        emu.reset()
        const excluded = await run(
          {
            targets:
              'codebuild:integration-tests\ncodepipeline:release-pipeline\n!codebuild@us-east-1:integration-tests',
            'dry-run': 'true'
          },
          { env: awsEnv(emu) }
        )
        expect(resultsOf(excluded).map(r => r.target)).toEqual(['codepipeline:release-pipeline'])
      })
    }
  )

  it.concurrent('13. retry-on lines are taken as written: #-lines and /pattern/i are patterns', async () => {
    await withEmulator(buildFailing('Error: #42 READ TIMEOUT from registry'), async emu => {
      const hash = await run({ ...CODEBUILD, 'retry-on': '#42', 'dry-run': 'true' }, { env: awsEnv(emu) })
      expect(hash.outputs.status).toBe('dry-run')
      const slashed = await run(
        { ...CODEBUILD, 'retry-on': '/read timeout/i', 'dry-run': 'true' },
        { env: awsEnv(emu) }
      )
      expect(slashed.outputs.status).toBe('dry-run')
      const other = await run({ ...CODEBUILD, 'retry-on': '/quota/i' }, { env: awsEnv(emu) })
      expect(other.outputs.status).toBe('skipped')
    })
  })
})

describe('12. results in bytes', () => {
  it.concurrent(
    '350 targets with CJK failure text: under 1,000,000 characters but over 1 MB of UTF-8, so results is shortened',
    async () => {
      const scenario = scaledScenario(350)
      for (const project of scenario.codebuild!.projects)
        for (const build of project.builds ?? []) build.failureMessage = '构建失败'.repeat(250)
      await withEmulator(scenario, async emu => {
        const result = await run(
          { targets: 'codebuild:bench-project-*', 'dry-run': 'true', concurrency: '32' },
          { env: awsEnv(emu), timeoutMs: 120_000 }
        )
        const results = result.outputs.results ?? ''
        expect(Buffer.byteLength(results)).toBeLessThan(1_000_000)
        // Whole, the same results would be over GitHub's byte limit while under a million characters.
        const compact = JSON.stringify(JSON.parse(result.resultsFile))
        expect(compact.length).toBeLessThan(1_000_000)
        expect(Buffer.byteLength(compact)).toBeGreaterThan(1_000_000)
        expect(result.stdout).toMatch(/^::warning::results: /m)
      })
    },
    120_000
  )
})

describe('13. a slow stop call on a cancel', () => {
  it.concurrent(
    '200 retried builds, StopBuild taking 1 s: every row is stopped or says its stop call was not made or answered',
    async () => {
      const scenario = scaledScenario(200)
      for (const project of scenario.codebuild!.projects)
        for (const build of project.builds ?? [])
          build.onRetry = { result: 'succeeded', settleAfterReads: 10_000 }
      await withEmulator(scenario, async emu => {
        emu.inject('StopBuild', { latencyMs: 1000 })
        const { result, exitMs } = await interrupted(
          {
            targets: 'codebuild:bench-project-*',
            wait: 'true',
            'cancel-on-abort': 'true',
            'poll-interval-seconds': '1',
            concurrency: '64'
          },
          awsEnv(emu),
          () => waitForCalls(emu, 'RetryBuild', 200, 60_000)
        )
        expect(exitMs).toBeLessThan(5000)
        const rows = resultsOf(result)
        expect(rows).toHaveLength(200)
        for (const row of rows)
          if (row.status !== 'stopped')
            expect([row.target, row.status, row.message]).toEqual([
              row.target,
              'in-progress',
              expect.stringContaining('the stop call (cancel-on-abort) was not made or not answered')
            ])
        expect(rows.filter(r => r.status !== 'stopped').length).toBeGreaterThan(0)
      })
    },
    120_000
  )
})
