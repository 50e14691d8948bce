// End to end: the retry policy (docs/contract.md, "Retry policy"). Each service's failed execution of the demo
// scenario is made transient or deterministic through the failure text its API reports, and the bundled
// action decides with `retry-on` and `failed-within`; the wait loop retries a build until it succeeds.
import { describe, expect, it } from '@jest/globals'
import { DEMO_IDS, demoScenario, type RetryOutcome, type Scenario } from '../../tools/emulator/index.js'
import {
  awsEnv,
  codeartsInputs,
  resultsOf,
  run,
  withEmulator,
  type ActionRun,
  type Emulator
} from './helpers.js'
import { SERVICES, WAIT, withEmu } from './service-cases.js'

interface PolicyCase {
  service: string
  inputs: (emu: Emulator) => Record<string, string>
  env: (emu: Emulator) => Record<string, string>
  retryOp: string
  /** Gives the demo's failed execution of the service a failure whose text is `text`. */
  fail: (scenario: Scenario, text: string) => void
}

const TRANSIENT = 'Rate exceeded: ThrottlingException while calling the deployment API'
const DETERMINISTIC = 'Assertion failed: expected 200, got 500 in checkout.spec.ts'

const CASES: PolicyCase[] = [
  {
    service: 'codepipeline',
    inputs: () => ({ service: 'codepipeline', 'pipeline-name': 'release-pipeline' }),
    env: awsEnv,
    retryOp: 'RetryStageExecution',
    fail: (s, text) => {
      const execution = s.codepipeline!.pipelines[0]!.executions.find(
        e => e.id === DEMO_IDS.codepipelineExecution
      )!
      execution.stages.Deploy = {
        status: 'Failed',
        actions: {
          DeployToProduction: { status: 'Failed', errorDetails: { code: 'JobFailed', message: text } }
        }
      }
    }
  },
  {
    service: 'codebuild',
    inputs: () => ({ service: 'codebuild', 'project-name': 'integration-tests' }),
    env: awsEnv,
    retryOp: 'RetryBuild',
    fail: (s, text) => {
      const build = s.codebuild!.projects[0]!.builds!.find(b => b.id === DEMO_IDS.failedBuild)!
      Object.assign(build, { failureCode: 'COMMAND_EXECUTION_ERROR', failureMessage: text })
    }
  },
  {
    service: 'sagemaker',
    inputs: () => ({ service: 'sagemaker', 'pipeline-name': 'train-and-register' }),
    env: awsEnv,
    retryOp: 'RetryPipelineExecution',
    fail: (s, text) => {
      const execution = s.sagemaker!.pipelines[0]!.executions.find(e => e.id === 'q7w2e9r4t1y6')!
      execution.steps = execution.steps.map(step =>
        step.status === 'Failed' ? { ...step, failureReason: text } : step
      )
    }
  },
  {
    service: 'codearts',
    inputs: emu => codeartsInputs(emu),
    env: () => ({}),
    retryOp: 'codearts:retry',
    fail: (s, text) => {
      const runSeed = s.codearts!.projects[0]!.pipelines[0]!.runs.find(
        r => r.id === DEMO_IDS.codeartsFailedRun
      )!
      runSeed.stages = runSeed.stages.map(stage =>
        stage.status === 'FAILED'
          ? { ...stage, jobs: [{ name: 'Deploy to CCE', status: 'FAILED', message: text }] }
          : stage
      )
    }
  }
]

async function runWith(
  c: PolicyCase,
  text: string,
  inputs: Record<string, string>
): Promise<{ result: ActionRun; retries: number }> {
  const scenario = demoScenario()
  c.fail(scenario, text)
  return withEmulator(scenario, async emu => {
    const result = await run({ ...c.inputs(emu), ...inputs }, { env: c.env(emu) })
    return { result, retries: emu.callsTo(c.retryOp).length }
  })
}

describe.each(CASES)('retry policy: $service', c => {
  it.concurrent('retry-on: transient retries a transient failure, naming the rule it matched', async () => {
    const { result, retries } = await runWith(c, TRANSIENT, { 'retry-on': 'transient' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ retried: 'true', status: 'in-progress', attempts: '1' })
    expect(result.outputs['failure-reason']).toContain(TRANSIENT)
    expect(result.stdout).toMatch(
      /retry-on: transient \(names 'throttl'|retry-on: transient \(names 'rate exceeded'/
    )
    expect(retries).toBe(1)
  })

  it.concurrent(
    'retry-on: transient leaves a deterministic failure alone: skipped, no retry call',
    async () => {
      const { result, retries } = await runWith(c, DETERMINISTIC, { 'retry-on': 'transient' })
      expect(result.exitCode).toBe(0)
      expect(result.outputs).toMatchObject({ retried: 'false', status: 'skipped', attempts: '0' })
      expect(result.outputs['failure-reason']).toContain(DETERMINISTIC)
      expect(resultsOf(result)[0]!.message).toContain(
        'a deterministic failure, and retry-on (transient) does not match it'
      )
      expect(retries).toBe(0)
    }
  )

  it.concurrent('a regular expression entry retries the failures it matches', async () => {
    const { result, retries } = await runWith(c, DETERMINISTIC, {
      'retry-on': 'transient\nexpected 200, got 5\\d\\d'
    })
    expect(result.outputs).toMatchObject({ retried: 'true', attempts: '1' })
    expect(result.stdout).toContain('retry-on: /expected 200, got 5\\d\\d/ matched')
    expect(retries).toBe(1)
  })

  it.concurrent(
    'failed-within: the demo failure (January 2026) is too old for 24h, recent enough for 700d',
    async () => {
      const old = await runWith(c, TRANSIENT, { 'failed-within': '24h' })
      expect(old.result.outputs.status).toBe('skipped')
      expect(resultsOf(old.result)[0]!.message).toMatch(/^failed \d+d ago; failed-within is 1d$/)
      expect(old.retries).toBe(0)
      const recent = await runWith(c, TRANSIENT, { 'failed-within': '700d' })
      expect(recent.result.outputs.retried).toBe('true')
    }
  )

  it.concurrent(
    'dry-run applies the policy: would retry the transient one, skips the deterministic one',
    async () => {
      const transient = await runWith(c, TRANSIENT, { 'retry-on': 'transient', 'dry-run': 'true' })
      const deterministic = await runWith(c, DETERMINISTIC, { 'retry-on': 'transient', 'dry-run': 'true' })
      expect([transient.result.outputs.status, deterministic.result.outputs.status]).toEqual([
        'dry-run',
        'skipped'
      ])
      expect(transient.retries + deterministic.retries).toBe(0)
    }
  )
})

describe('CodeBuild batch: classified by its failed builds', () => {
  /** The demo's failed batch, its failed group's build ending with `status`. */
  const batchWith = (status: 'FAULT' | 'FAILED'): Scenario => {
    const scenario = demoScenario()
    const batch = scenario.codebuild!.projects.find(p => p.name === 'nightly-matrix')!.batches![0]!
    batch.groups = [
      { identifier: 'linux_x86', status: 'SUCCEEDED' },
      { identifier: 'linux_arm', status }
    ]
    return scenario
  }
  const BATCH = { service: 'codebuild-batch', 'project-name': 'nightly-matrix' }

  it.concurrent.each([
    ['FAULT', 'in-progress', 1],
    ['FAILED', 'skipped', 0]
  ] as const)('retry-on: transient with a %s build: %s', async (status, outcome, retries) => {
    await withEmulator(batchWith(status), async emu => {
      const result = await run({ ...BATCH, 'retry-on': 'transient' }, { env: awsEnv(emu) })
      expect(result.exitCode).toBe(0)
      expect(result.outputs.status).toBe(outcome)
      expect(result.outputs['failure-reason']).toBe(`linux_arm: ${status}`)
      expect(emu.callsTo('RetryBuildBatch')).toHaveLength(retries)
    })
  })

  it.concurrent('failed-within: too old for 24h, recent enough for 700d; dry-run applies it', async () => {
    await withEmulator(batchWith('FAULT'), async emu => {
      const old = await run({ ...BATCH, 'failed-within': '24h' }, { env: awsEnv(emu) })
      expect(old.outputs.status).toBe('skipped')
      const dry = await run({ ...BATCH, 'failed-within': '700d', 'dry-run': 'true' }, { env: awsEnv(emu) })
      expect(dry.outputs.status).toBe('dry-run')
      const recent = await run({ ...BATCH, 'failed-within': '700d' }, { env: awsEnv(emu) })
      expect(recent.outputs.retried).toBe('true')
      expect(emu.callsTo('RetryBuildBatch')).toHaveLength(1)
    })
  })
})

describe('CodePipeline: a failed CodeBuild action', () => {
  it.concurrent(
    'is classified by its build (read with BatchGetBuilds): a FAULT build makes it transient',
    async () => {
      const scenario = demoScenario()
      const execution = scenario.codepipeline!.pipelines[0]!.executions.find(
        e => e.id === DEMO_IDS.codepipelineExecution
      )!
      execution.stages.Deploy = {
        status: 'Failed',
        actions: {
          DeployToProduction: {
            status: 'Failed',
            errorDetails: { code: 'JobFailed', message: 'Build terminated with state: FAULT' },
            externalExecutionId: DEMO_IDS.failedBuild
          }
        }
      }
      scenario.codebuild!.projects[0]!.builds!.find(b => b.id === DEMO_IDS.failedBuild)!.status = 'FAULT'
      await withEmulator(scenario, async emu => {
        const result = await run(
          { service: 'codepipeline', 'pipeline-name': 'release-pipeline', 'retry-on': 'transient' },
          { env: awsEnv(emu) }
        )
        expect(result.exitCode).toBe(0)
        expect(result.outputs.retried).toBe('true')
        expect(result.stdout).toContain('retry-on: transient (its CodeBuild build status FAULT)')
        expect(emu.callsTo('BatchGetBuilds').map(c => (c.body as { ids: string[] }).ids)).toEqual([
          [DEMO_IDS.failedBuild]
        ])
      })
    }
  )
})

describe('the wait loop', () => {
  it.concurrent(
    'retries a build until the third retry succeeds, pausing 1 s then 2 s (measured at the emulator)',
    async () => {
      const scenario = demoScenario()
      const build = scenario.codebuild!.projects[0]!.builds!.find(b => b.id === DEMO_IDS.failedBuild)!
      Object.assign(build, { failureMessage: TRANSIENT })
      const again = { result: 'failed', settleAfterReads: 1, failureReason: TRANSIENT } as const
      build.onRetry = [again, again, { result: 'succeeded', settleAfterReads: 1 }]
      await withEmulator(scenario, async emu => {
        const result = await run(
          {
            service: 'codebuild',
            'project-name': 'integration-tests',
            wait: 'true',
            'poll-interval-seconds': '1',
            retries: '3',
            'retry-delay-seconds': '1',
            'retry-on': 'transient'
          },
          { env: awsEnv(emu), timeoutMs: 60_000 }
        )
        expect(result.exitCode).toBe(0)
        expect(result.outputs).toMatchObject({ retried: 'true', status: 'succeeded', attempts: '3' })
        const retries = emu.callsTo('RetryBuild')
        expect(retries).toHaveLength(3)
        // Each retry goes to the newest build: the one the previous retry started.
        const ids = retries.map(call => (call.body as { id: string }).id)
        expect(ids[0]).toBe(DEMO_IDS.failedBuild)
        expect(new Set(ids).size).toBe(3)
        const gaps = retries.slice(1).map((call, i) => call.at - retries[i]!.at)
        expect(gaps[0]).toBeGreaterThanOrEqual(1000)
        expect(gaps[1]).toBeGreaterThanOrEqual(2000)
      })
    },
    60_000
  )

  it.concurrent('stops when the retries are used up: failed, with the last failure and why', async () => {
    const scenario = demoScenario()
    const build = scenario.codebuild!.projects[0]!.builds!.find(b => b.id === DEMO_IDS.failedBuild)!
    build.onRetry = { result: 'failed', settleAfterReads: 1, failureReason: TRANSIENT }
    await withEmulator(scenario, async emu => {
      const result = await run(
        {
          service: 'codebuild',
          'project-name': 'integration-tests',
          wait: 'true',
          'poll-interval-seconds': '1',
          retries: '2',
          'retry-delay-seconds': '0'
        },
        { env: awsEnv(emu), timeoutMs: 60_000 }
      )
      expect(result.exitCode).toBe(1)
      expect(result.outputs).toMatchObject({ retried: 'true', status: 'failed', attempts: '2' })
      expect(result.outputs['failure-reason']).toContain(TRANSIENT)
      expect(resultsOf(result)[0]!.message).toContain('retries used up (2)')
      expect(emu.callsTo('RetryBuild')).toHaveLength(2)
    })
  })

  /** The demo scenario with a newer build of the failed one's source, still running, that ends as `settle`. */
  const withRunningBuild = (settle: { result: 'succeeded' | 'failed'; failureReason?: string }): Scenario => {
    const scenario = demoScenario()
    const builds = scenario.codebuild!.projects[0]!.builds!
    const failed = builds.find(b => b.id === DEMO_IDS.failedBuild)!
    builds.push({
      id: 'integration-tests:5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
      status: 'IN_PROGRESS',
      startTime: '2026-01-15T12:00:00Z',
      sourceVersion: failed.sourceVersion,
      resolvedSourceVersion: failed.resolvedSourceVersion,
      settle: { ...settle, settleAfterReads: 2 }
    })
    return scenario
  }
  const WAIT_LOOP = {
    service: 'codebuild',
    'project-name': 'integration-tests',
    wait: 'true',
    'poll-interval-seconds': '1'
  }

  it.concurrent('follows a running build to success: succeeded, nothing retried', async () => {
    await withEmulator(withRunningBuild({ result: 'succeeded' }), async emu => {
      const result = await run(WAIT_LOOP, { env: awsEnv(emu), timeoutMs: 60_000 })
      expect(result.exitCode).toBe(0)
      expect(result.outputs).toMatchObject({ retried: 'false', status: 'succeeded', attempts: '0' })
      expect(emu.callsTo('RetryBuild')).toHaveLength(0)
    })
  })

  it.concurrent('follows a running build that fails, then retries it per the policy', async () => {
    await withEmulator(withRunningBuild({ result: 'failed', failureReason: TRANSIENT }), async emu => {
      const result = await run(
        { ...WAIT_LOOP, 'retry-on': 'transient' },
        { env: awsEnv(emu), timeoutMs: 60_000 }
      )
      expect(result.exitCode).toBe(0)
      expect(result.outputs).toMatchObject({ retried: 'true', status: 'succeeded', attempts: '1' })
      expect((emu.callsTo('RetryBuild')[0]!.body as { id: string }).id).toBe(
        'integration-tests:5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b'
      )
    })
  })

  it.concurrent(
    'follows a build named by execution-id that is still running, then reports how it ended',
    async () => {
      await withEmulator(withRunningBuild({ result: 'succeeded' }), async emu => {
        const result = await run(
          {
            ...WAIT_LOOP,
            'project-name': '',
            'execution-id': 'integration-tests:5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b'
          },
          { env: awsEnv(emu), timeoutMs: 60_000 }
        )
        expect(result.exitCode).toBe(0)
        expect(result.outputs).toMatchObject({ retried: 'false', status: 'succeeded', attempts: '0' })
        expect(emu.callsTo('RetryBuild')).toHaveLength(0)
      })
    }
  )

  it.concurrent(
    'a followed build that fails deterministically ends the step failed, with no retry',
    async () => {
      await withEmulator(withRunningBuild({ result: 'failed', failureReason: DETERMINISTIC }), async emu => {
        const result = await run(
          { ...WAIT_LOOP, 'retry-on': 'transient' },
          { env: awsEnv(emu), timeoutMs: 60_000 }
        )
        expect(result.exitCode).toBe(1)
        expect(result.outputs).toMatchObject({ retried: 'false', status: 'failed', attempts: '0' })
        expect(resultsOf(result)[0]!.message).toContain('not retried again')
        expect(emu.callsTo('RetryBuild')).toHaveLength(0)
      })
    }
  )

  /** The demo's failed build, transient, whose retries end as `onRetry`. */
  const transientBuild = (onRetry: { result: 'failed'; failureReason: string }): Scenario => {
    const scenario = demoScenario()
    const build = scenario.codebuild!.projects[0]!.builds!.find(b => b.id === DEMO_IDS.failedBuild)!
    Object.assign(build, { failureMessage: TRANSIENT, onRetry: { ...onRetry, settleAfterReads: 1 } })
    return scenario
  }

  it.concurrent('the loop stops when the new failure is one retry-on does not match', async () => {
    await withEmulator(transientBuild({ result: 'failed', failureReason: DETERMINISTIC }), async emu => {
      const result = await run(
        { ...WAIT_LOOP, retries: '5', 'retry-delay-seconds': '0', 'retry-on': 'transient' },
        { env: awsEnv(emu), timeoutMs: 60_000 }
      )
      expect(result.exitCode).toBe(1)
      expect(result.outputs).toMatchObject({ status: 'failed', attempts: '1' })
      expect(result.outputs['failure-reason']).toContain(DETERMINISTIC)
      expect(resultsOf(result)[0]!.message).toContain(
        'not retried again: not retried: a deterministic failure'
      )
      expect(emu.callsTo('RetryBuild')).toHaveLength(1)
    })
  })

  it.concurrent('the loop stops at max-attempts, counted across it', async () => {
    await withEmulator(transientBuild({ result: 'failed', failureReason: TRANSIENT }), async emu => {
      const result = await run(
        { ...WAIT_LOOP, retries: '5', 'retry-delay-seconds': '0', 'max-attempts': '2' },
        { env: awsEnv(emu), timeoutMs: 60_000 }
      )
      expect(result.exitCode).toBe(1)
      expect(result.outputs).toMatchObject({ status: 'failed', attempts: '2' })
      expect(resultsOf(result)[0]!.message).toContain('max-attempts is 2')
      expect(emu.callsTo('RetryBuild')).toHaveLength(2)
    })
  })

  it.concurrent('timeout-minutes ends the loop when no time is left for the pause', async () => {
    await withEmulator(transientBuild({ result: 'failed', failureReason: TRANSIENT }), async emu => {
      const result = await run(
        { ...WAIT_LOOP, retries: '5', 'retry-delay-seconds': '60', 'timeout-minutes': '0.3' },
        { env: awsEnv(emu), timeoutMs: 60_000 }
      )
      expect(result.exitCode).toBe(1)
      expect(result.outputs).toMatchObject({ status: 'failed', attempts: '1' })
      expect(resultsOf(result)[0]!.message).toContain('timeout-minutes leaves no time for another retry')
      expect(result.durationMs).toBeLessThan(18_000 + 5000)
      expect(emu.callsTo('RetryBuild')).toHaveLength(1)
    })
  })

  it.concurrent('retries above 1 without wait is an input error', async () => {
    await withEmulator(demoScenario(), async emu => {
      const result = await run(
        { service: 'codebuild', 'project-name': 'integration-tests', retries: '3' },
        { env: awsEnv(emu) }
      )
      expect(result.exitCode).toBe(1)
      expect(result.stdout).toMatch(/^::error::Input 'retries': is 3 without wait/m)
      expect(emu.calls).toHaveLength(0)
    })
  })
})

describe.each(SERVICES)('the wait loop: $service', c => {
  const failedAgain = { ...c.failedOutcome, settleAfterReads: 1 }

  it.concurrent(
    'succeeds on the third retry, after pauses of 1 s then 2 s (at the emulator)',
    async () => {
      await withEmu(
        c,
        [failedAgain, failedAgain, { result: 'succeeded', settleAfterReads: 1 }],
        async emu => {
          const result = await run(
            { ...c.inputs(emu), ...WAIT, retries: '3', 'retry-delay-seconds': '1' },
            { env: c.env(emu), timeoutMs: 60_000 }
          )
          expect(result.exitCode).toBe(0)
          expect(result.outputs).toMatchObject({ retried: 'true', status: 'succeeded', attempts: '3' })
          const retries = emu.callsTo(c.retryOp)
          expect(retries).toHaveLength(3)
          const gaps = retries.slice(1).map((call, i) => call.at - retries[i]!.at)
          expect(gaps[0]).toBeGreaterThanOrEqual(1000)
          expect(gaps[1]).toBeGreaterThanOrEqual(2000)
        }
      )
    },
    60_000
  )

  /**
   * The ways the loop stops while the execution keeps failing. The retried execution fails with REASON ('e2e:
   * the smoke test did not pass'), unlike the demo's failure, except a batch, whose failure names its failed
   * group either way; CodeArts reports no retry counts, so max-attempts cannot apply to it.
   */
  const stops: [string, Record<string, string>, number, string, boolean][] = [
    ['retries used up', { retries: '2', 'retry-delay-seconds': '0' }, 2, 'retries used up (2)', true],
    [
      'the new failure is one retry-on does not match',
      // The demo's first failures, not the retried one's REASON (RE2 has no lookahead to say "not smoke test").
      {
        retries: '5',
        'retry-delay-seconds': '0',
        'retry-on':
          'health checks|npm test|ResourceLimitExceeded|CCE: FAILED$|Lambda.ServiceException|stopped hearing from agent|PUSH_FAILED'
      },
      1,
      'not retried again',
      c.service !== 'codebuild-batch'
    ],
    [
      'max-attempts, counted across the loop',
      { retries: '5', 'retry-delay-seconds': '0', 'max-attempts': '2' },
      2,
      'max-attempts is 2',
      c.service !== 'codearts'
    ],
    [
      'timeout-minutes leaving no time for the pause',
      { retries: '5', 'retry-delay-seconds': '60', 'timeout-minutes': '0.3' },
      1,
      'timeout-minutes leaves no time for another retry',
      true
    ]
  ]
  it.concurrent.each(stops.filter(([, , , , applies]) => applies))(
    'stops at %s: failed, with the last failure and why',
    async (_what, inputs, attempts, why) => {
      await withEmu(c, failedAgain, async emu => {
        const result = await run(
          { ...c.inputs(emu), ...WAIT, ...inputs },
          { env: c.env(emu), timeoutMs: 60_000 }
        )
        expect(result.exitCode).toBe(1)
        expect(result.outputs).toMatchObject({
          retried: 'true',
          status: 'failed',
          attempts: String(attempts)
        })
        expect(result.outputs['failure-reason']).not.toBe('')
        expect(resultsOf(result)[0]!.message).toContain(why)
        expect(emu.callsTo(c.retryOp)).toHaveLength(attempts)
      })
    },
    60_000
  )
})

/** A newer execution of the failed one's pipeline / project, still running, that ends as `settle`. */
const RUNNING: Record<string, (scenario: Scenario, settle: RetryOutcome) => void> = {
  codepipeline: (s, settle) => {
    s.codepipeline!.pipelines[0]!.executions.push({
      id: '9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e',
      status: 'InProgress',
      startTime: '2026-01-16T10:00:00Z',
      stages: {
        Source: { status: 'Succeeded' },
        Build: { status: 'Succeeded' },
        Deploy: { status: 'InProgress' }
      },
      settle
    })
  },
  codebuild: (s, settle) => {
    const builds = s.codebuild!.projects[0]!.builds!
    const failed = builds.find(b => b.id === DEMO_IDS.failedBuild)!
    builds.push({
      id: 'integration-tests:5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
      status: 'IN_PROGRESS',
      startTime: '2026-01-16T12:00:00Z',
      sourceVersion: failed.sourceVersion,
      resolvedSourceVersion: failed.resolvedSourceVersion,
      settle
    })
  },
  'codebuild-batch': (s, settle) => {
    const project = s.codebuild!.projects.find(p => p.name === 'nightly-matrix')!
    const failed = project.batches![0]!
    project.batches!.push({
      id: 'nightly-matrix:7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
      status: 'IN_PROGRESS',
      startTime: '2026-01-16T02:00:00Z',
      sourceVersion: failed.sourceVersion,
      resolvedSourceVersion: failed.resolvedSourceVersion,
      groups: [
        { identifier: 'linux_x86', status: 'SUCCEEDED' },
        { identifier: 'linux_arm', status: 'IN_PROGRESS' }
      ],
      settle
    })
  },
  sagemaker: (s, settle) => {
    s.sagemaker!.pipelines[0]!.executions.push({
      id: 'r7u6n5n4i3n2',
      status: 'Executing',
      startTime: '2026-01-16T12:00:00Z',
      steps: [
        {
          name: 'Preprocess',
          status: 'Succeeded',
          startTime: '2026-01-16T12:00:10Z',
          endTime: '2026-01-16T12:20:00Z'
        },
        { name: 'Train', status: 'Executing', startTime: '2026-01-16T12:20:05Z' }
      ],
      settle
    })
  },
  codearts: (s, settle) => {
    s.codearts!.projects[0]!.pipelines[0]!.runs.push({
      id: 'c4d5e6f7a8b94c0d1e2f3a4b5c6d7e8f',
      runNumber: 19,
      status: 'RUNNING',
      startTime: '2026-01-16T03:00:00Z',
      stages: [
        { name: 'Build', status: 'COMPLETED' },
        { name: 'Deploy', status: 'RUNNING' }
      ],
      settle
    })
  },
  stepfunctions: (s, settle) => {
    s.stepfunctions!.stateMachines[0]!.executions.push({
      name: 'nightly-0116',
      status: 'RUNNING',
      startDate: new Date(Date.now() - 60_000).toISOString(),
      settle
    })
  },
  'azure-pipelines': (s, settle) => {
    s.azure!.organizations[0]!.projects[0]!.definitions[0]!.builds.push({
      id: 5122,
      status: 'inProgress',
      queueTime: new Date(Date.now() - 60_000).toISOString(),
      stages: [
        { name: 'Build', result: 'succeeded', jobs: [{ name: 'Compile', result: 'succeeded' }] },
        { name: 'Deploy', state: 'inProgress', jobs: [{ name: 'Ship' }] }
      ],
      settle
    })
  },
  'cloud-build': (s, settle) => {
    s.cloudbuild!.projects[0]!.triggers[0]!.builds.push({
      id: 'e4b8d2f6-1a3c-4e5f-9b7d-0c2e4a6f8b1d',
      status: 'WORKING',
      createTime: new Date(Date.now() - 60_000).toISOString(),
      settle
    })
  }
}

describe.each(SERVICES)('following a running execution: $service', c => {
  const withRunning = (settle: RetryOutcome): Scenario => {
    const scenario = demoScenario()
    RUNNING[c.service]!(scenario, { ...settle, settleAfterReads: 2 })
    return scenario
  }

  it.concurrent(
    'follows it to success: succeeded, nothing retried',
    async () => {
      await withEmulator(withRunning({ result: 'succeeded' }), async emu => {
        const result = await run({ ...c.inputs(emu), ...WAIT }, { env: c.env(emu), timeoutMs: 60_000 })
        expect(result.exitCode).toBe(0)
        expect(result.outputs).toMatchObject({ retried: 'false', status: 'succeeded', attempts: '0' })
        expect(emu.callsTo(c.retryOp)).toHaveLength(0)
      })
    },
    60_000
  )

  it.concurrent(
    'follows it to a failure, then retries it (the policy allows): succeeded after one retry',
    async () => {
      await withEmulator(withRunning({ ...c.failedOutcome, result: 'failed' }), async emu => {
        const result = await run({ ...c.inputs(emu), ...WAIT }, { env: c.env(emu), timeoutMs: 60_000 })
        expect(result.exitCode).toBe(0)
        expect(result.outputs).toMatchObject({ retried: 'true', status: 'succeeded', attempts: '1' })
        expect(emu.callsTo(c.retryOp)).toHaveLength(1)
      })
    },
    60_000
  )
})
