// End to end: `wait` for every service, against the emulator. Each case gets its own emulator so the cases
// (most of which spend seconds polling) run concurrently and the file stays well under its time budget.
import type { ChildProcess } from 'node:child_process'
import { describe, expect, it } from '@jest/globals'
import { DEMO_IDS, demoScenario } from '../../emulator/index.js'
import type { OnRetry, RetryOutcome, Scenario } from '../../emulator/index.js'
import {
  awsEnv,
  codeartsInputs,
  errorLines,
  resultsOf,
  run,
  startEmu,
  waitForCalls,
  type ActionRun,
  type Emulator
} from './helpers.js'

interface ServiceCase {
  service: string
  inputs: (emu: Emulator) => Record<string, string>
  env: (emu: Emulator) => Record<string, string>
  /** Sets what the demo scenario's failed execution of this service does when retried. */
  onRetry: (scenario: Scenario, outcome: OnRetry) => void
  retryOp: string
  /** The calls that read the retried execution's status. */
  statusOps: string[]
  stopOp: string
  /** The retried execution's status in the emulator. */
  state: (emu: Emulator) => string | undefined
  running: string
  stopped: string
  /** What the failure message must carry for `failedOutcome`. */
  failure: string[]
  failedOutcome: RetryOutcome
}

const REASON = 'e2e: the smoke test did not pass'

const SERVICES: ServiceCase[] = [
  {
    service: 'codepipeline',
    inputs: () => ({ service: 'codepipeline', 'pipeline-name': 'release-pipeline' }),
    env: awsEnv,
    onRetry: (s, outcome) => {
      const pipeline = s.codepipeline!.pipelines.find(p => p.name === 'release-pipeline')!
      pipeline.executions.find(e => e.id === DEMO_IDS.codepipelineExecution)!.onRetry = outcome
    },
    retryOp: 'RetryStageExecution',
    statusOps: ['GetPipelineExecution', 'GetPipelineState'],
    stopOp: 'codepipeline:StopPipelineExecution',
    state: emu =>
      emu.state.codepipeline.pipelines.get('release-pipeline')?.executions.get(DEMO_IDS.codepipelineExecution)
        ?.status,
    running: 'InProgress',
    stopped: 'Stopped',
    failedOutcome: { result: 'failed', settleAfterReads: 1, failureReason: REASON, errorCode: 'E2EFailure' },
    failure: ['stage Deploy', 'action DeployToProduction', 'E2EFailure', REASON]
  },
  {
    service: 'codebuild',
    inputs: () => ({ service: 'codebuild', 'project-name': 'integration-tests' }),
    env: awsEnv,
    onRetry: (s, outcome) => {
      const project = s.codebuild!.projects.find(p => p.name === 'integration-tests')!
      project.builds!.find(b => b.id === DEMO_IDS.failedBuild)!.onRetry = outcome
    },
    retryOp: 'RetryBuild',
    statusOps: ['BatchGetBuilds'],
    stopOp: 'StopBuild',
    state: emu => emu.state.codebuild.projects.get('integration-tests')?.builds.find(b => b.retryOf)?.status,
    running: 'IN_PROGRESS',
    stopped: 'STOPPED',
    failedOutcome: {
      result: 'failed',
      settleAfterReads: 1,
      failureReason: REASON,
      failedPhase: 'POST_BUILD',
      errorCode: 'E2E_ERROR'
    },
    failure: ['phase POST_BUILD FAILED', 'E2E_ERROR', REASON]
  },
  {
    service: 'codebuild-batch',
    inputs: () => ({ service: 'codebuild-batch', 'project-name': 'nightly-matrix' }),
    env: awsEnv,
    onRetry: (s, outcome) => {
      const project = s.codebuild!.projects.find(p => p.name === 'nightly-matrix')!
      project.batches![0]!.onRetry = outcome
    },
    retryOp: 'RetryBuildBatch',
    statusOps: ['BatchGetBuildBatches'],
    stopOp: 'StopBuildBatch',
    state: emu => emu.state.codebuild.batches.get(DEMO_IDS.failedBatch)?.status,
    running: 'IN_PROGRESS',
    stopped: 'STOPPED',
    failedOutcome: { result: 'failed', settleAfterReads: 1, failedGroup: 'linux_arm' },
    failure: ['failed builds: linux_arm FAILED']
  },
  {
    service: 'sagemaker',
    inputs: () => ({ service: 'sagemaker', 'pipeline-name': 'train-and-register' }),
    env: awsEnv,
    onRetry: (s, outcome) => {
      s.sagemaker!.pipelines[0]!.executions.find(e => e.id === 'q7w2e9r4t1y6')!.onRetry = outcome
    },
    retryOp: 'RetryPipelineExecution',
    statusOps: ['DescribePipelineExecution', 'ListPipelineExecutionSteps'],
    stopOp: 'sagemaker:StopPipelineExecution',
    state: emu => emu.state.sagemaker.executions.get(DEMO_IDS.sagemakerExecution)?.status,
    running: 'Executing',
    stopped: 'Stopped',
    failedOutcome: { result: 'failed', settleAfterReads: 1, failureReason: REASON, failedStep: 'Train' },
    failure: [REASON, 'failed steps: Train']
  },
  {
    service: 'codearts',
    inputs: emu => codeartsInputs(emu, 'aksk'),
    env: () => ({}),
    onRetry: (s, outcome) => {
      const runs = s.codearts!.projects[0]!.pipelines[0]!.runs
      runs.find(r => r.id === DEMO_IDS.codeartsFailedRun)!.onRetry = outcome
    },
    retryOp: 'codearts:retry',
    statusOps: ['codearts:detail'],
    stopOp: 'codearts:stop',
    state: emu =>
      emu.state.codearts.projects
        .get(DEMO_IDS.codeartsProject)
        ?.get(DEMO_IDS.codeartsPipeline)
        ?.runsById.get(DEMO_IDS.codeartsFailedRun)?.status,
    running: 'RUNNING',
    stopped: 'CANCELED',
    failedOutcome: { result: 'failed', settleAfterReads: 1, failureReason: REASON, failedStage: 'Deploy' },
    failure: ['failed stages: Deploy']
  }
]

const WAIT = { wait: 'true', 'poll-interval-seconds': '1' }
/** Still running long after any case here ends. */
const NEVER: RetryOutcome = { result: 'succeeded', settleAfterReads: 10_000 }

/** An emulator whose failed execution of `c` ends as `outcome` when retried; closed after `body`. */
async function withEmu<T>(c: ServiceCase, outcome: OnRetry, body: (emu: Emulator) => Promise<T>): Promise<T> {
  const scenario = demoScenario()
  c.onRetry(scenario, outcome)
  const emu = await startEmu(scenario)
  try {
    return await body(emu)
  } finally {
    await emu.close()
  }
}

/** Status reads after the retry call. */
function readsAfterRetry(emu: Emulator, c: ServiceCase): number {
  const retry = emu.calls.indexOf(emu.callsTo(c.retryOp)[0]!)
  expect(retry).toBeGreaterThanOrEqual(0)
  const reads = new Set(c.statusOps.flatMap(op => emu.callsTo(op)))
  return emu.calls.slice(retry + 1).filter(call => reads.has(call)).length
}

/** Runs the action and sends `signal` once the retry call reached the emulator; returns the ms to exit. */
async function interrupted(
  emu: Emulator,
  c: ServiceCase,
  inputs: Record<string, string>,
  signal: NodeJS.Signals = 'SIGINT'
): Promise<{ result: ActionRun; exitMs: number }> {
  let signalledAt = 0
  let signalled: Promise<void> = Promise.resolve()
  const onSpawn = (child: ChildProcess): void => {
    signalled = waitForCalls(emu, c.retryOp).then(() => {
      signalledAt = Date.now()
      child.kill(signal)
    })
  }
  const result = await run(inputs, { env: c.env(emu), onSpawn, timeoutMs: 20_000 })
  await signalled
  expect(signalledAt).toBeGreaterThan(0)
  return { result, exitMs: Date.now() - signalledAt }
}

describe.each(SERVICES)('wait: $service', c => {
  it.concurrent('a retried execution that succeeds after a few polls: succeeded, exit 0', async () => {
    const settleAfterReads = 2
    await withEmu(c, { result: 'succeeded', settleAfterReads }, async emu => {
      const result = await run({ ...c.inputs(emu), ...WAIT }, { env: c.env(emu) })
      expect(errorLines(result)).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(result.outputs).toMatchObject({ retried: 'true', status: 'succeeded' })
      expect(resultsOf(result)[0]).toMatchObject({ retried: true, status: 'succeeded' })
      expect(result.summary).toContain('✅ succeeded')
      expect(emu.callsTo(c.retryOp)).toHaveLength(1)
      const reads = readsAfterRetry(emu, c)
      expect(reads).toBeGreaterThanOrEqual(settleAfterReads + 1)
      expect(reads).toBeLessThanOrEqual(settleAfterReads + 2)
      expect(emu.callsTo(c.stopOp)).toHaveLength(0)
    })
  })

  it.concurrent('a retried execution that fails: failed, exit 1, the reason in the message', async () => {
    await withEmu(c, c.failedOutcome, async emu => {
      const result = await run({ ...c.inputs(emu), ...WAIT }, { env: c.env(emu) })
      expect(result.exitCode).toBe(1)
      expect(result.outputs).toMatchObject({ retried: 'true', status: 'failed' })
      const errors = errorLines(result)
      expect(errors).toHaveLength(1)
      for (const part of c.failure) {
        expect(errors[0]).toContain(part)
        expect(resultsOf(result)[0]!.message).toContain(part)
      }
      expect(emu.callsTo(c.retryOp)).toHaveLength(1)
    })
  })

  it.concurrent('a wait that times out: timed-out, exit 1, the execution is left running', async () => {
    await withEmu(c, NEVER, async emu => {
      const result = await run({ ...c.inputs(emu), ...WAIT, 'timeout-minutes': '0.05' }, { env: c.env(emu) })
      expect(result.exitCode).toBe(1)
      expect(result.outputs).toMatchObject({ retried: 'true', status: 'timed-out' })
      expect(result.durationMs).toBeGreaterThanOrEqual(3000)
      expect(result.durationMs).toBeLessThan(10_000)
      expect(errorLines(result)).toHaveLength(1)
      expect(emu.callsTo(c.stopOp)).toHaveLength(0)
      expect(c.state(emu)).toBe(c.running)
    })
  })

  it.concurrent(
    'SIGINT with cancel-on-abort: the execution is stopped, outputs set, exit 1 within 5 s',
    async () => {
      await withEmu(c, NEVER, async emu => {
        const { result, exitMs } = await interrupted(emu, c, {
          ...c.inputs(emu),
          ...WAIT,
          'cancel-on-abort': 'true'
        })
        expect(result.exitCode).toBe(1)
        expect(result.signal).toBeNull()
        expect(exitMs).toBeLessThan(5000)
        expect(emu.callsTo(c.stopOp)).toHaveLength(1)
        expect(c.state(emu)).toBe(c.stopped)
        expect(result.outputs).toMatchObject({ retried: 'true', status: 'stopped' })
        expect(result.outputs['execution-id']).not.toBe('')
        expect(resultsOf(result)[0]).toMatchObject({ status: 'stopped', retried: true })
        expect(errorLines(result)).toEqual([expect.stringContaining('Cancelled')])
      })
    }
  )

  it.concurrent('SIGINT without cancel-on-abort: no stop call, status in-progress, exit 1', async () => {
    await withEmu(c, NEVER, async emu => {
      const { result, exitMs } = await interrupted(emu, c, { ...c.inputs(emu), ...WAIT })
      expect(result.exitCode).toBe(1)
      expect(exitMs).toBeLessThan(5000)
      expect(emu.callsTo(c.stopOp)).toHaveLength(0)
      expect(c.state(emu)).toBe(c.running)
      expect(result.outputs).toMatchObject({ retried: 'true', status: 'in-progress' })
      expect(result.outputs['execution-id']).not.toBe('')
    })
  })
})

describe('wait: SIGTERM', () => {
  it.concurrent('SIGTERM with cancel-on-abort stops the execution like SIGINT', async () => {
    const c = SERVICES.find(s => s.service === 'codebuild')!
    await withEmu(c, NEVER, async emu => {
      const { result, exitMs } = await interrupted(
        emu,
        c,
        { ...c.inputs(emu), ...WAIT, 'cancel-on-abort': 'true' },
        'SIGTERM'
      )
      expect(result.exitCode).toBe(1)
      expect(exitMs).toBeLessThan(5000)
      expect(emu.callsTo(c.stopOp)).toHaveLength(1)
      expect(result.outputs).toMatchObject({ retried: 'true', status: 'stopped' })
    })
  })
})
