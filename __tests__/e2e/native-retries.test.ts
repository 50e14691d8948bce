// End to end, as strict as the real clouds (issue #22): the services' own retries (CodeBuild auto-retry,
// CodePipeline's automatic stage retry), GitHub's documented limits, a read that lags a re-run, a lost answer
// whose fresh read shows the retried execution failed again, and requests the models accept. How many retries
// took effect is read from the emulator's state, not from the action's words.
import { describe, expect, it } from '@jest/globals'
import { DEMO_IDS, demoScenario, type Scenario } from '../../tools/emulator/index.js'
import { awsEnv, errorLines, resultsOf, run, waitForCalls, withEmulator, type Emulator } from './helpers.js'

const CODEBUILD = { service: 'codebuild', 'project-name': 'integration-tests' }
const CODEPIPELINE = { service: 'codepipeline', 'pipeline-name': 'release-pipeline' }
const WAIT = { wait: 'true', 'poll-interval-seconds': '1', 'timeout-minutes': '2' }
const GITHUB = {
  service: 'github-actions',
  'github-token': DEMO_IDS.githubToken,
  repository: DEMO_IDS.githubRepository,
  workflow: 'ci.yml'
}

/** The demo, with its failed build under a project auto-retry limit of 2 that CodeBuild has not used yet. */
function autoRetrying(): Scenario {
  const scenario = demoScenario()
  const project = scenario.codebuild!.projects.find(p => p.name === 'integration-tests')!
  const failed = project.builds!.find(b => b.id === DEMO_IDS.failedBuild)!
  failed.autoRetryConfig = { autoRetryLimit: 2, autoRetryNumber: 0 }
  failed.initiator = 'e2e-user'
  // It failed just now: CodeBuild's own retry comes 3 s after the failure.
  failed.startTime = new Date(Date.now() - 60_000).toISOString()
  failed.endTime = new Date().toISOString()
  failed.autoRetryDelayMs = 3000
  failed.onRetry = { result: 'succeeded', settleAfterReads: 1 }
  return scenario
}

/** The demo, with the failed Deploy stage declared `onFailure: RETRY` (its automatic attempt unused). */
function stageAutoRetry(): Scenario {
  const scenario = demoScenario()
  const pipeline = scenario.codepipeline!.pipelines.find(p => p.name === 'release-pipeline')!
  pipeline.stages = pipeline.stages.map(s => (s.name === 'Deploy' ? { ...s, onFailure: 'RETRY' } : s))
  // The stage failed just now: CodePipeline's automatic retry comes 3 s after.
  const failed = pipeline.executions.find(e => e.id === DEMO_IDS.codepipelineExecution)!
  failed.lastUpdateTime = new Date().toISOString()
  pipeline.autoRetryDelayMs = 3000
  return scenario
}

const buildsOf = (emu: Emulator) => emu.state.codebuild.projects.get('integration-tests')!.builds

describe('CodeBuild retries a failed build itself (auto-retry)', () => {
  it.concurrent('not retried: nothing-to-retry saying so; CodeBuild alone retries it', async () => {
    await withEmulator(autoRetrying(), async emu => {
      const result = await run(CODEBUILD, { env: awsEnv(emu) })
      expect(result.exitCode).toBe(0)
      expect(result.outputs).toMatchObject({ status: 'nothing-to-retry', retried: 'false' })
      expect(resultsOf(result)[0]?.message).toContain('CodeBuild retries it itself (auto-retry 1 of 2)')
      expect(emu.callsTo('RetryBuild')).toHaveLength(0)
    })
  })

  it.concurrent(
    'with wait: the build CodeBuild starts is followed to its end; one retry in all',
    async () => {
      await withEmulator(autoRetrying(), async emu => {
        const result = await run({ ...CODEBUILD, ...WAIT }, { env: awsEnv(emu) })
        expect(errorLines(result)).toEqual([])
        expect(result.outputs).toMatchObject({ status: 'succeeded', retried: 'false' })
        expect(emu.callsTo('RetryBuild')).toHaveLength(0)
        const builds = buildsOf(emu)
        expect(builds.filter(b => b.autoRetryOf)).toHaveLength(1)
        expect(builds.filter(b => b.retryOf)).toHaveLength(0)
      })
    }
  )

  it.concurrent('the answers the model says are absent stay absent: no empty buildsNotFound', async () => {
    await withEmulator(demoScenario(), async emu => {
      await run(CODEBUILD, { env: awsEnv(emu) })
      expect(emu.callsTo('BatchGetBuilds').length).toBeGreaterThan(0)
    })
  })
})

describe('CodePipeline retries a failed stage itself (onFailure: RETRY)', () => {
  it.concurrent(
    'not retried while its automatic attempt is unused; with wait, followed to success',
    async () => {
      await withEmulator(stageAutoRetry(), async emu => {
        const plain = await run(CODEPIPELINE, { env: awsEnv(emu) })
        expect(plain.outputs.status).toBe('nothing-to-retry')
        expect(resultsOf(plain)[0]?.message).toContain('CodePipeline retries it itself (onFailure: RETRY)')
        const waited = await run({ ...CODEPIPELINE, ...WAIT }, { env: awsEnv(emu) })
        expect(waited.outputs).toMatchObject({ status: 'succeeded', retried: 'false' })
        expect(emu.callsTo('RetryStageExecution')).toHaveLength(0)
        const stage = emu.state.codepipeline.pipelines
          .get('release-pipeline')!
          .executions.get(DEMO_IDS.codepipelineExecution)!
          .stages.get('Deploy')!
        expect([stage.autoStageRetryAttempt, stage.manualStageRetryAttempt]).toEqual([1, 0])
      })
    }
  )

  it.concurrent(
    'GetPipeline denied: one note naming the permission, and the stage is retried as before',
    async () => {
      await withEmulator(stageAutoRetry(), async emu => {
        emu.inject('GetPipeline', {
          error: { code: 'AccessDeniedException', message: 'not allowed', status: 400, times: 5 }
        })
        const result = await run(CODEPIPELINE, { env: awsEnv(emu) })
        expect(result.outputs.status).toBe('in-progress')
        expect(result.stdout.match(/codepipeline:GetPipeline, recommended/g)).toHaveLength(1)
        expect(emu.callsTo('RetryStageExecution')).toHaveLength(1)
      })
    }
  )
})

describe('SageMaker: a pattern whose prefix ends in a hyphen', () => {
  it.concurrent(
    'train-* lists with PipelineNamePrefix train (the model pattern), and matches the rest itself',
    async () => {
      await withEmulator(demoScenario(), async emu => {
        const result = await run({ targets: 'sagemaker:train-*', 'dry-run': 'true' }, { env: awsEnv(emu) })
        expect(errorLines(result)).toEqual([])
        const prefixes = emu
          .callsTo('ListPipelines')
          .map(c => (c.body as { PipelineNamePrefix?: string }).PipelineNamePrefix)
        expect(prefixes).toEqual(['train'])
        expect(resultsOf(result).map(r => r.target)).toContain('sagemaker:train-and-register')
      })
    }
  )
})

describe('GitHub: documented limits, secondary rate limits, lagging reads, User-Agent', () => {
  function githubRun(
    change: (
      run: NonNullable<Scenario['github']>['repos'][number]['workflows'][number]['runs'][number]
    ) => void
  ): Scenario {
    const scenario = demoScenario()
    const ci = scenario.github!.repos[0]!.workflows.find(w => w.file === 'ci.yml')!
    // The failed run alone, so it stays the newest whatever its creation time.
    ci.runs = ci.runs.filter(r => r.id === DEMO_IDS.githubFailedRun)
    change(ci.runs[0]!)
    return scenario
  }

  it.concurrent.each([
    [
      'created 31 days ago',
      (r: { createdAt: string }) => (r.createdAt = new Date(Date.now() - 31 * 86_400_000).toISOString()),
      'last 30 days'
    ],
    ['re-run 50 times already', (r: { runAttempt?: number }) => (r.runAttempt = 51), 'at most 50 re-runs']
  ] as const)('a run %s is skipped with the reason; no POST', async (_what, change, reason) => {
    await withEmulator(githubRun(change as never), async emu => {
      const result = await run({ ...GITHUB, endpoint: emu.url, 'max-attempts': '0' })
      expect(result.exitCode).toBe(0)
      expect(result.outputs.status).toBe('skipped')
      expect(resultsOf(result)[0]?.message).toContain(reason)
      expect(emu.callsTo('ReRunWorkflowFailedJobs')).toHaveLength(0)
    })
  })

  it.concurrent(
    'a read that still shows the old attempt is waited through: succeeded, and every request names the action',
    async () => {
      const scenario = demoScenario()
      scenario.github!.staleReadsAfterRerun = 2
      await withEmulator(scenario, async emu => {
        const result = await run({ ...GITHUB, endpoint: emu.url, ...WAIT })
        expect(result.outputs).toMatchObject({ status: 'succeeded', retried: 'true' })
        expect(emu.callsTo('ReRunWorkflowFailedJobs')).toHaveLength(1)
        for (const call of emu.calls)
          expect(String(call.headers['user-agent'])).toMatch(/^pipeline-retry-action\/1\.1\.0 /)
      })
    }
  )

  it.concurrent(
    'a secondary rate limit that names no time: the next request waits a minute (cut short by SIGINT)',
    async () => {
      await withEmulator(demoScenario(), async emu => {
        emu.inject('ListWorkflowRuns', {
          error: {
            code: 'SecondaryRateLimitBare',
            message: 'You have exceeded a secondary rate limit.',
            status: 403,
            times: 1
          }
        })
        let killedAt = 0
        const result = await run(
          { ...GITHUB, endpoint: emu.url },
          {
            onSpawn: child => {
              void waitForCalls(emu, 'ListWorkflowRuns').then(async () => {
                await new Promise(resolve => setTimeout(resolve, 1500))
                killedAt = Date.now()
                child.kill('SIGINT')
              })
            }
          }
        )
        expect(result.stdout).toMatch(/SecondaryRateLimit .*trying again in 60000 ms/)
        // Nothing more went to GitHub during the wait.
        expect(emu.callsTo('ListWorkflowRuns')).toHaveLength(1)
        expect(killedAt).toBeGreaterThan(0)
        expect(result.outputs.results).toBeTruthy()
      })
    }
  )
})

describe('a lost answer, then a fresh read: reported as the read showed', () => {
  it.concurrent(
    'SageMaker: the retry answer is lost and the execution already failed again: failed, not in-progress',
    async () => {
      const scenario = demoScenario()
      const execution = scenario.sagemaker!.pipelines[0]!.executions.find(e =>
        DEMO_IDS.sagemakerExecution.endsWith(`/${e.id}`)
      )!
      execution.onRetry = { result: 'failed', failureReason: 'AlgorithmError: again' }
      await withEmulator(scenario, async emu => {
        emu.inject('RetryPipelineExecution', { loseResponse: 1 })
        const result = await run(
          { service: 'sagemaker', 'execution-id': DEMO_IDS.sagemakerExecution },
          { env: awsEnv(emu) }
        )
        expect(result.outputs.status).toBe('failed')
        expect(resultsOf(result)[0]?.message).toContain("this step's, or another run's")
        expect(emu.retriesApplied('sagemaker')).toBe(1)
      })
    }
  )
})
