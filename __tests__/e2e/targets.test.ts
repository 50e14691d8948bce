// End-to-end: scheduled recovery with the `targets` input (README, "Scheduled recovery"). Runs the bundled
// action (dist/index.js) against the local emulator, with targets of all five services in one step.
import { describe, expect, it } from '@jest/globals'
import { DEMO_IDS, demoScenario, scaledScenario, type CallRecord } from '../../tools/emulator/index.js'
import {
  awsEnv,
  type ActionRun,
  type Emulator,
  type ResultObject,
  type Scenario,
  useEmulator,
  RESULT_KEYS
} from './helpers.js'

type Result = ResultObject

const RETRY_OPS = [
  'codepipeline:RetryStageExecution',
  'codebuild:RetryBuild',
  'codebuild:RetryBuildBatch',
  'sagemaker:RetryPipelineExecution',
  'codearts:retry'
]

/** Every operation the action may call to discover (never to change anything). */
const READ_OPS = new Set([
  'codepipeline:GetPipeline',
  'codepipeline:GetPipelineState',
  'codepipeline:ListPipelineExecutions',
  'codepipeline:GetPipelineExecution',
  'codebuild:ListBuildsForProject',
  'codebuild:BatchGetBuilds',
  'codebuild:ListBuildBatchesForProject',
  'codebuild:BatchGetBuildBatches',
  'sagemaker:ListPipelineExecutions',
  'sagemaker:DescribePipelineExecution',
  'sagemaker:ListPipelineExecutionSteps',
  'codearts:list',
  'codearts:detail'
])

const opName = (call: CallRecord): string => `${call.service}:${call.operation}`

/** Calls that reached the service logic (not answered by an injected fault). */
const applied = (calls: readonly CallRecord[]): CallRecord[] => calls.filter(c => c.fault === undefined)

function resultsOf(result: ActionRun): Result[] {
  const text = result.outputs.results
  if (text === undefined) throw new Error(`no results output; stdout:\n${result.stdout}`)
  return JSON.parse(text) as Result[]
}

function byTarget(results: readonly Result[]): Record<string, Result> {
  return Object.fromEntries(results.map(r => [r.target, r]))
}

/** `::warning::` / `::error::` workflow commands the action wrote. */
function commands(result: ActionRun, kind: 'warning' | 'error'): string[] {
  return result.stdout.split('\n').filter(line => line.startsWith(`::${kind}`))
}

// ---------- the scenario: demo plus capped, under-cap and healthy neighbours for every service ----------

const SHA_A = 'a'.repeat(40)
const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0')
const uuid = (kind: number, i: number): string => `${hex(kind, 8)}-0000-4000-8000-${hex(i, 12)}`
const at = (day: number, hour: number): string =>
  `2026-02-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`

const CODEARTS_GREEN_PIPELINE = 'c'.repeat(32)

type Pipelines = NonNullable<Scenario['codepipeline']>['pipelines']
type Projects = NonNullable<Scenario['codebuild']>['projects']
type SmPipelines = NonNullable<Scenario['sagemaker']>['pipelines']

/** A pipeline whose latest execution failed at Deploy, retried `manual` + `auto` times so far. */
function failedPipeline(name: string, n: number, manual: number, auto: number): Pipelines[number] {
  return {
    name,
    stages: [
      { name: 'Build', actions: ['Compile'] },
      { name: 'Deploy', actions: ['Deploy'] }
    ],
    executions: [
      {
        id: uuid(0x10, n),
        status: 'Failed',
        startTime: at(1, 10),
        stages: {
          Build: { status: 'Succeeded' },
          Deploy: {
            status: 'Failed',
            manualStageRetryAttempt: manual,
            autoStageRetryAttempt: auto,
            latestRetryTrigger: 'ManualStageRetry'
          }
        }
      }
    ]
  }
}

/** `failed` FAILED builds at the head of a project, of one source or each of its own, over a green build. */
function flakyProject(name: string, kind: number, failed: number, sameSource: boolean): Projects[number] {
  return {
    name,
    builds: [
      {
        id: `${name}:${uuid(kind, 0)}`,
        status: 'SUCCEEDED',
        startTime: at(1, 1),
        resolvedSourceVersion: 'f'.repeat(40)
      },
      ...Array.from({ length: failed }, (_, k) => ({
        id: `${name}:${uuid(kind, k + 1)}`,
        status: 'FAILED' as const,
        startTime: at(2, k + 1),
        endTime: at(2, k + 1).replace(':00:00Z', ':30:00Z'),
        resolvedSourceVersion: sameSource ? SHA_A : hex(k + 1, 40)
      }))
    ]
  }
}

/** `failed` FAILED batches of one source at the head of a project; the newest fails again when retried. */
function flakyMatrix(name: string, kind: number, failed: number): Projects[number] {
  return {
    name,
    batches: Array.from({ length: failed }, (_, k) => ({
      id: `${name}:${uuid(kind, k + 1)}`,
      status: 'FAILED' as const,
      startTime: at(3, k + 1),
      endTime: at(3, k + 1).replace(':00:00Z', ':40:00Z'),
      resolvedSourceVersion: SHA_A,
      groups: [
        { identifier: 'linux', status: 'SUCCEEDED' as const },
        { identifier: 'windows', status: 'FAILED' as const }
      ],
      ...(k === failed - 1
        ? { onRetry: { result: 'failed' as const, failureReason: 'windows failed again' } }
        : {})
    }))
  }
}

/** A SageMaker pipeline whose latest execution failed in Train on attempt `attempts`. */
function failedSmPipeline(name: string, attempts: number): SmPipelines[number] {
  return {
    name,
    executions: [
      {
        id: `${name.replace(/-/g, '')}x1`,
        status: 'Failed',
        startTime: at(4, 10),
        failureReason: 'Step failure: One or multiple steps failed.',
        steps: [
          { name: 'Preprocess', status: 'Succeeded', startTime: at(4, 10) },
          {
            name: 'Train',
            status: 'Failed',
            attemptCount: attempts,
            failureReason: 'AlgorithmError: out of memory',
            startTime: at(4, 11)
          }
        ]
      }
    ]
  }
}

function recoveryScenario(): Scenario {
  const demo = demoScenario()
  const codearts = demo.codearts
  if (!codearts) throw new Error('the demo scenario has CodeArts')
  return {
    ...demo,
    name: 'targets',
    codepipeline: {
      pipelines: [
        ...(demo.codepipeline?.pipelines ?? []),
        failedPipeline('capped-pipeline', 1, 2, 1),
        failedPipeline('under-cap-pipeline', 2, 1, 1)
      ]
    },
    codebuild: {
      projects: [
        ...(demo.codebuild?.projects ?? []),
        flakyProject('same-source-flaky', 0x20, 4, true),
        flakyProject('same-source-twice', 0x21, 3, true),
        flakyProject('new-sources-flaky', 0x22, 4, false),
        flakyMatrix('matrix-retried', 0x30, 3),
        flakyMatrix('matrix-fresh', 0x31, 3),
        {
          name: 'matrix-green',
          batches: [{ id: `matrix-green:${uuid(0x32, 1)}`, status: 'SUCCEEDED', startTime: at(3, 1) }]
        }
      ]
    },
    sagemaker: {
      pipelines: [
        ...(demo.sagemaker?.pipelines ?? []),
        failedSmPipeline('sm-capped', 4),
        failedSmPipeline('sm-under', 3),
        {
          name: 'sm-green',
          executions: [
            {
              id: 'smgreen1',
              status: 'Succeeded',
              startTime: at(4, 1),
              steps: [{ name: 'Train', status: 'Succeeded', startTime: at(4, 1) }]
            }
          ]
        }
      ]
    },
    codearts: {
      ...codearts,
      projects: codearts.projects.map(project => ({
        ...project,
        pipelines: [
          ...project.pipelines,
          {
            id: CODEARTS_GREEN_PIPELINE,
            name: 'docs-release',
            runs: [
              {
                id: 'd'.repeat(32),
                status: 'COMPLETED',
                startTime: at(5, 1),
                endTime: at(5, 2),
                stages: [{ name: 'Build', status: 'COMPLETED' }]
              }
            ]
          }
        ]
      }))
    }
  }
}

const CODEARTS_FAILED = `codearts:${DEMO_IDS.codeartsProject}/${DEMO_IDS.codeartsPipeline}`
const CODEARTS_GREEN = `codearts:${DEMO_IDS.codeartsProject}/${CODEARTS_GREEN_PIPELINE}`

/** Credentials and endpoint for CodeArts targets (the AWS ones come from awsEnv). */
/**
 * CodeArts credentials for a step whose lines span clouds: its endpoint comes from
 * HUAWEICLOUD_ENDPOINT_URL_CODEARTS (the fixture's env), since one `endpoint` for every cloud is an input error.
 */
function codeartsAuth(_emu: Emulator, auth: 'token' | 'aksk'): Record<string, string> {
  return {
    ...(auth === 'token'
      ? { 'huaweicloud-auth-token': DEMO_IDS.huaweiToken }
      : { 'huaweicloud-ak': DEMO_IDS.huaweiAk, 'huaweicloud-sk': DEMO_IDS.huaweiSk })
  }
}

describe('targets mode against the emulator', () => {
  const fx = useEmulator(recoveryScenario, emu => ({
    ...awsEnv(emu),
    HUAWEICLOUD_ENDPOINT_URL_CODEARTS: emu.url
  }))

  // Written with comments, blank lines and odd spacing: `target` must come back exactly as written.
  const MIXED = [
    '# nightly recovery',
    'codepipeline:release-pipeline      # failed at Deploy',
    'codepipeline:healthy-pipeline',
    '',
    'codebuild:integration-tests',
    '   codebuild:unit-tests   ',
    'codebuild-batch:nightly-matrix',
    'codebuild-batch:matrix-green',
    'sagemaker:train-and-register',
    'sagemaker:sm-green',
    CODEARTS_FAILED,
    `${CODEARTS_GREEN}  # green`
  ].join('\n')
  const MIXED_LABELS = [
    'codepipeline:release-pipeline',
    'codepipeline:healthy-pipeline',
    'codebuild:integration-tests',
    'codebuild:unit-tests',
    'codebuild-batch:nightly-matrix',
    'codebuild-batch:matrix-green',
    'sagemaker:train-and-register',
    'sagemaker:sm-green',
    CODEARTS_FAILED,
    CODEARTS_GREEN
  ]
  const FAILED_LABELS = new Set([
    'codepipeline:release-pipeline',
    'codebuild:integration-tests',
    'codebuild-batch:nightly-matrix',
    'sagemaker:train-and-register',
    CODEARTS_FAILED
  ])

  it('retries the failed targets of all five services, reports one result per target in line order', async () => {
    const result = await fx.run({ targets: MIXED, ...codeartsAuth(fx.emu, 'aksk') })

    expect(result.exitCode).toBe(0)
    // Targets mode sets only `retried`, `results` and `results-file`.
    expect(Object.keys(result.outputs).sort()).toEqual(['results', 'results-file', 'retried'])
    expect(JSON.parse(result.resultsFile)).toEqual(JSON.parse(result.outputs.results ?? ''))
    expect(result.outputs.retried).toBe('true')

    const results = resultsOf(result)
    expect(results.map(r => r.target)).toEqual(MIXED_LABELS)
    for (const r of results) {
      expect(Object.keys(r)).toEqual([...RESULT_KEYS])
      expect(r.service).toBe(r.target.slice(0, r.target.indexOf(':')))
      const failed = FAILED_LABELS.has(r.target)
      expect([r.target, r.status, r.retried]).toEqual([
        r.target,
        failed ? 'in-progress' : 'nothing-to-retry',
        failed
      ])
    }

    const by = byTarget(results)
    const pipeline = by['codepipeline:release-pipeline']
    expect(pipeline?.executionId).toBe(DEMO_IDS.codepipelineExecution)
    expect(pipeline?.stageName).toBe('Deploy')
    const build = by['codebuild:integration-tests']
    expect(build?.executionId).toMatch(/^integration-tests:[0-9a-f-]{36}$/)
    expect(build?.executionId).not.toBe(DEMO_IDS.failedBuild)
    expect(build?.executionArn).toBe(`arn:aws:codebuild:us-east-1:123456789012:build/${build?.executionId}`)
    expect(by['codebuild-batch:nightly-matrix']?.executionId).toBe(DEMO_IDS.failedBatch)
    expect(by['sagemaker:train-and-register']?.executionArn).toBe(DEMO_IDS.sagemakerExecution)
    expect(by[CODEARTS_FAILED]?.executionId).toBe(DEMO_IDS.codeartsFailedRun)

    // Exactly one retry per failed target, each of the right execution.
    expect(RETRY_OPS.map(op => fx.emu.callsTo(op).length)).toEqual([1, 1, 1, 1, 1])
    expect(fx.emu.callsTo('RetryStageExecution')[0]?.body).toMatchObject({
      pipelineName: 'release-pipeline',
      stageName: 'Deploy',
      pipelineExecutionId: DEMO_IDS.codepipelineExecution
    })
    expect(fx.emu.callsTo('RetryBuild')[0]?.body).toMatchObject({ id: DEMO_IDS.failedBuild })
    expect(fx.emu.callsTo('RetryBuildBatch')[0]?.body).toMatchObject({ id: DEMO_IDS.failedBatch })
    expect(fx.emu.callsTo('codearts:retry')[0]?.path).toContain(DEMO_IDS.codeartsPipeline)

    // Job summary: the headline, then one row per target (each table has its own header row besides):
    // the retried ones in a table, the healthy ones in the collapsed block.
    expect(result.summary.match(/<tr><td>/g)).toHaveLength(MIXED_LABELS.length)
    for (const label of MIXED_LABELS) expect(result.summary).toContain(label)
    expect(result.summary).toContain('<p><strong>5 retried — 5 in progress; 5 nothing to retry</strong></p>')
    expect(result.summary).toContain('<h3>Retried &#40;5&#41;</h3>')
    expect(result.summary).toContain(
      '<details><summary>Everything else &#40;5&#41;: 5 nothing to retry</summary>'
    )
  })

  it('dry-run discovers every target and calls no retry API', async () => {
    const result = await fx.run({ targets: MIXED, 'dry-run': 'true', ...codeartsAuth(fx.emu, 'token') })

    expect(result.exitCode).toBe(0)
    expect(result.outputs.retried).toBe('false')
    const results = resultsOf(result)
    expect(results.map(r => r.target)).toEqual(MIXED_LABELS)
    for (const r of results) {
      expect([r.target, r.status, r.retried]).toEqual([
        r.target,
        FAILED_LABELS.has(r.target) ? 'dry-run' : 'nothing-to-retry',
        false
      ])
    }
    expect(byTarget(results)['codepipeline:release-pipeline']?.message).toContain('would retry')

    // Discovery reached every service, and nothing but reads was sent.
    for (const op of [
      'codepipeline:GetPipelineState',
      'codebuild:ListBuildsForProject',
      'codebuild:ListBuildBatchesForProject',
      'sagemaker:ListPipelineExecutions',
      'codearts:list'
    ])
      expect([op, fx.emu.callsTo(op).length > 0]).toEqual([op, true])
    expect(fx.emu.calls.map(opName).filter(op => !READ_OPS.has(op))).toEqual([])
    expect(RETRY_OPS.map(op => fx.emu.callsTo(op).length)).toEqual([0, 0, 0, 0, 0])
    expect(result.summary).toContain('5 would retry')
  })

  const CAPPED = [
    'codepipeline:capped-pipeline',
    'codepipeline:under-cap-pipeline',
    'codebuild:same-source-flaky',
    'codebuild:same-source-twice',
    'codebuild:new-sources-flaky',
    'codebuild-batch:matrix-retried',
    'codebuild-batch:matrix-fresh',
    'sagemaker:sm-capped',
    'sagemaker:sm-under',
    CODEARTS_FAILED
  ]

  it('skips each execution retried max-attempts (default 3) times, as each service counts retries', async () => {
    // matrix-retried: one earlier RetryBuildBatch of its newest batch (which fails again): an in-place retry
    // that CodeBuild reports only in buildGroups[].priorBuildSummaryList.
    const pre = await fx.run({ service: 'codebuild-batch', 'project-name': 'matrix-retried' })
    expect(pre.exitCode).toBe(0)
    expect(pre.outputs.status).toBe('in-progress')
    const before = fx.emu.calls.length

    const result = await fx.run({ targets: CAPPED.join('\n'), ...codeartsAuth(fx.emu, 'token') })
    const calls = fx.emu.calls.slice(before)

    expect(result.exitCode).toBe(0)
    expect(result.outputs.retried).toBe('true')
    const results = resultsOf(result)
    expect(results.map(r => r.target)).toEqual(CAPPED)
    const status = Object.fromEntries(results.map(r => [r.target, r.status]))
    expect(status).toEqual({
      // retryStageMetadata: 2 manual + 1 automatic = 3 >= 3; 1 + 1 = 2 < 3.
      'codepipeline:capped-pipeline': 'skipped',
      'codepipeline:under-cap-pipeline': 'in-progress',
      // 4 consecutive failed builds of one source = 3 retries; 3 of one source = 2; 4 of four sources = 0.
      'codebuild:same-source-flaky': 'skipped',
      'codebuild:same-source-twice': 'in-progress',
      'codebuild:new-sources-flaky': 'in-progress',
      // 3 consecutive failed batches of one source = 2, plus 1 in-place retry = 3; without it 2.
      'codebuild-batch:matrix-retried': 'skipped',
      'codebuild-batch:matrix-fresh': 'in-progress',
      // AttemptCount 4 - 1 = 3; 3 - 1 = 2.
      'sagemaker:sm-capped': 'skipped',
      'sagemaker:sm-under': 'in-progress',
      // CodeArts reports no retry count: not enforced.
      [CODEARTS_FAILED]: 'in-progress'
    })
    const by = byTarget(results)
    for (const r of results.filter(r => r.status === 'skipped')) {
      expect(r.retried).toBe(false)
      expect(r.message).toBe('not retried: already retried 3 time(s), max-attempts is 3')
    }
    expect(by['codebuild:same-source-flaky']?.executionId).toBe(`same-source-flaky:${uuid(0x20, 4)}`)
    expect(by['codebuild-batch:matrix-retried']?.executionId).toBe(`matrix-retried:${uuid(0x30, 3)}`)

    // One warning per skipped target, naming it.
    const warnings = commands(result, 'warning')
    for (const target of [
      'codepipeline:capped-pipeline',
      'codebuild:same-source-flaky',
      'codebuild-batch:matrix-retried',
      'sagemaker:sm-capped'
    ])
      expect([target, warnings.filter(w => w.includes(`${target}: not retried`)).length]).toEqual([target, 1])
    expect(warnings.filter(w => w.includes('not retried'))).toHaveLength(4)
    expect(result.stdout).toContain('retried in place 1 time')
    expect(result.stdout).toContain('CodeArts does not report retry counts')

    // No retry call for a skipped target; one for each of the others.
    const retried = (op: string, key: string): unknown[] =>
      applied(calls.filter(c => opName(c) === op)).map(
        c => (c.body as Record<string, unknown> | undefined)?.[key]
      )
    expect(retried('codepipeline:RetryStageExecution', 'pipelineName')).toEqual(['under-cap-pipeline'])
    expect(retried('codebuild:RetryBuild', 'id').sort()).toEqual(
      [`new-sources-flaky:${uuid(0x22, 4)}`, `same-source-twice:${uuid(0x21, 3)}`].sort()
    )
    expect(retried('codebuild:RetryBuildBatch', 'id')).toEqual([`matrix-fresh:${uuid(0x31, 3)}`])
    expect(retried('sagemaker:RetryPipelineExecution', 'PipelineExecutionArn')).toEqual([
      'arn:aws:sagemaker:us-east-1:123456789012:pipeline/sm-under/execution/smunderx1'
    ])
    expect(calls.filter(c => opName(c) === 'codearts:retry')).toHaveLength(1)
    expect(result.summary).toContain('4 skipped')
  })

  it('max-attempts: 0 lifts the cap: every failed target is retried', async () => {
    const result = await fx.run({
      targets: CAPPED.join('\n'),
      'max-attempts': '0',
      ...codeartsAuth(fx.emu, 'token')
    })

    expect(result.exitCode).toBe(0)
    const results = resultsOf(result)
    expect(results.map(r => [r.target, r.status])).toEqual(CAPPED.map(t => [t, 'in-progress']))
    expect(commands(result, 'warning')).toEqual([])
    expect(RETRY_OPS.map(op => fx.emu.callsTo(op).length)).toEqual([2, 3, 2, 2, 1])
  })

  it('an erroring target does not stop the others; the step fails at the end naming it', async () => {
    // A pipeline that does not exist, and a permanent error injected for the batch retry.
    fx.emu.inject('RetryBuildBatch', {
      error: { code: 'InvalidInputException', message: 'Batch build is being deleted' }
    })
    const targets = [
      'codebuild:integration-tests',
      'codepipeline:no-such-pipeline',
      'codebuild-batch:nightly-matrix',
      'sagemaker:train-and-register',
      CODEARTS_FAILED
    ]
    const result = await fx.run({ targets: targets.join('\n'), ...codeartsAuth(fx.emu, 'token') })

    expect(result.exitCode).toBe(1)
    expect(result.outputs.retried).toBe('true')
    const results = resultsOf(result)
    expect(results.map(r => [r.target, r.status])).toEqual([
      ['codebuild:integration-tests', 'in-progress'],
      ['codepipeline:no-such-pipeline', 'error'],
      ['codebuild-batch:nightly-matrix', 'error'],
      ['sagemaker:train-and-register', 'in-progress'],
      [CODEARTS_FAILED, 'in-progress']
    ])
    const by = byTarget(results)
    expect(by['codepipeline:no-such-pipeline']?.message).toContain('PipelineNotFoundException')
    expect(by['codepipeline:no-such-pipeline']?.retried).toBe(false)
    expect(by['codebuild-batch:nightly-matrix']?.message).toContain(
      'RetryBuildBatch failed: InvalidInputException: Batch build is being deleted'
    )
    expect(by['codebuild-batch:nightly-matrix']?.retried).toBe(false)

    // The others were retried all the same.
    expect(fx.emu.callsTo('RetryBuild')).toHaveLength(1)
    expect(fx.emu.callsTo('RetryPipelineExecution')).toHaveLength(1)
    expect(fx.emu.callsTo('codearts:retry')).toHaveLength(1)
    // A permanent error is not sent again.
    expect(fx.emu.callsTo('RetryBuildBatch')).toHaveLength(1)

    const errors = commands(result, 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain('2 of 5 targets did not succeed')
    expect(errors[0]).toContain('codepipeline:no-such-pipeline (error: ')
    expect(errors[0]).toContain('codebuild-batch:nightly-matrix (error: ')
    expect(errors[0]).not.toContain('codebuild:integration-tests')
    expect(result.summary).toContain('2 error')
  })

  // With the latency of a real service, both lines are discovered before the first retry lands: the claim
  // (one execution and stage per run) must stop the second.
  it.each([
    ['whole pipeline first', ['codepipeline:release-pipeline', 'codepipeline:release-pipeline/Deploy']],
    ['stage first', ['codepipeline:release-pipeline/Deploy', 'codepipeline:release-pipeline']]
  ])('overlapping lines retry one stage once (%s)', async (_, targets) => {
    fx.emu.inject('*', { latencyMs: 100 })
    const result = await fx.run({ targets: targets.join('\n'), concurrency: '4' })

    expect(result.exitCode).toBe(0)
    expect(fx.emu.callsTo('RetryStageExecution')).toHaveLength(1)
    const results = resultsOf(result)
    expect(results.map(r => r.target)).toEqual(targets)
    expect(results.map(r => r.status).sort()).toEqual(['in-progress', 'nothing-to-retry'])
    expect(results.filter(r => r.retried)).toHaveLength(1)
    const other = results.find(r => r.status === 'nothing-to-retry')
    const owner = results.find(r => r.retried)?.target ?? ''
    expect(other?.message).toMatch(new RegExp(`(already handled|retried) by ${owner}( earlier)? in this run`))
    expect(other?.executionId).toBe(DEMO_IDS.codepipelineExecution)
    expect(results.every(r => r.stageName === 'Deploy')).toBe(true)
  })

  // One at a time, the second line is discovered after the first one's retry landed: still one retry, and
  // its row should say why there is nothing to do (not that the stage "did not fail").
  it('overlapping lines at concurrency 1: one retry, the other row says it was already handled', async () => {
    const targets = ['codepipeline:release-pipeline', 'codepipeline:release-pipeline/Deploy']
    const result = await fx.run({ targets: targets.join('\n'), concurrency: '1' })

    expect(result.exitCode).toBe(0)
    expect(fx.emu.callsTo('RetryStageExecution')).toHaveLength(1)
    const [first, second] = resultsOf(result)
    expect([first?.status, second?.status]).toEqual(['in-progress', 'nothing-to-retry'])
    expect(second?.message).toContain('retried by codepipeline:release-pipeline earlier in this run')
    expect(second?.message).not.toContain('already handled')
  })

  it('rejects a malformed line naming its line number, before any call', async () => {
    const cases: [string, string, number][] = [
      ['unknown service', '# nightly\n\ncodebuild:integration-tests\ncodecommit:repo\n', 4],
      ['missing resource', 'codebuild:integration-tests\n\n   codebuild:   # nothing\n', 3],
      ['no colon', 'integration-tests', 1],
      ['bad codearts ID', `# ids\n${CODEARTS_FAILED}\ncodearts:abc/def`, 3],
      ['codearts without pipeline', `# x\n\n\ncodearts:${DEMO_IDS.codeartsProject}`, 4],
      ['codearts with too many /', `${CODEARTS_FAILED}/${DEMO_IDS.codeartsPipeline}`, 1],
      ['codepipeline with too many /', '# a\n# b\ncodepipeline:release-pipeline\ncodepipeline:a/b/c\n', 4],
      ['bad pipeline name', 'sagemaker:train-and-register\ncodepipeline:bad name!', 2]
    ]
    const runs = await Promise.all(
      cases.map(([, targets]) =>
        fx.run({ targets, 'huaweicloud-auth-token': DEMO_IDS.huaweiToken, endpoint: fx.emu.url })
      )
    )
    runs.forEach((result, i) => {
      const [name, , line] = cases[i] as [string, string, number]
      const errors = commands(result, 'error')
      expect([name, result.exitCode, errors.length]).toEqual([name, 1, 1])
      expect([name, errors[0]]).toEqual([name, expect.stringContaining(`Input 'targets (line ${line})'`)])
      expect([name, result.outputs]).toEqual([name, {}])
    })
    expect(fx.emu.calls).toHaveLength(0)
  })

  // A YAML block scalar keeps leading blank lines: the runner passes them in INPUT_TARGETS, and the user counts
  // them. The action must number lines of the value as written.
  it('counts leading blank lines in the line number of a malformed line', async () => {
    const result = await fx.run({ targets: '\n\ncodebuild:integration-tests\ncodecommit:repo\n' })

    expect(result.exitCode).toBe(1)
    expect(commands(result, 'error')).toEqual([expect.stringContaining("Input 'targets (line 4)'")])
    expect(fx.emu.calls).toHaveLength(0)
  })

  it.each([
    ['service', { service: 'codebuild' }],
    ['project-name', { 'project-name': 'integration-tests' }],
    ['pipeline-name', { 'pipeline-name': 'release-pipeline' }]
  ])('rejects targets combined with %s, naming targets, before any call', async (input, extra) => {
    const result = await fx.run({ targets: 'codebuild:integration-tests', ...extra })

    expect(result.exitCode).toBe(1)
    const errors = commands(result, 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain(`Input 'targets': cannot be combined with ${input}`)
    expect(fx.emu.calls).toHaveLength(0)
  })
})

describe('targets mode at scale', () => {
  const fx = useEmulator(() => scaledScenario(40))
  const projects = (n: number): string[] =>
    Array.from({ length: n }, (_, k) => `codebuild:bench-project-${k + 1}`)

  it('40 targets at concurrency 16 under throttling: each retried exactly once', async () => {
    // The first 5 calls of any kind, and 3 RetryBuild calls besides: a throttled retry is not applied.
    fx.emu.inject('*', { throttle: 5 })
    fx.emu.inject('RetryBuild', { throttle: 3 })
    const targets = projects(40)
    const result = await fx.run({ targets: targets.join('\n'), concurrency: '16' }, { timeoutMs: 45_000 })

    expect(result.exitCode).toBe(0)
    expect(resultsOf(result).map(r => [r.target, r.status])).toEqual(targets.map(t => [t, 'in-progress']))
    expect(fx.emu.calls.filter(c => c.fault === 'throttle')).toHaveLength(8)
    expect(fx.emu.callsTo('RetryBuild').filter(c => c.fault === 'throttle')).toHaveLength(3)
    const retries = applied(fx.emu.callsTo('RetryBuild')).map(c => (c.body as { id?: string }).id)
    expect(retries).toHaveLength(40)
    expect(new Set(retries).size).toBe(40)
    expect(result.stdout).toContain('ThrottlingException')
  }, 50_000)

  /** The most calls in flight at once, each taken to last `ms` from its arrival. */
  function maxInFlight(calls: readonly CallRecord[], ms: number): number {
    const events = calls
      .flatMap(c => [
        [c.at, 1],
        [c.at + ms, -1]
      ])
      .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0))
    let now = 0
    let most = 0
    for (const [, delta] of events) {
      now += delta ?? 0
      most = Math.max(most, now)
    }
    return most
  }

  it('concurrency bounds the targets worked on at once', async () => {
    const LATENCY = 150
    const targets = projects(8).join('\n')
    const measure = async (concurrency: string) => {
      fx.emu.reset()
      fx.emu.inject('*', { latencyMs: LATENCY })
      const result = await fx.run({ targets, concurrency })
      expect(result.exitCode).toBe(0)
      expect(fx.emu.callsTo('RetryBuild')).toHaveLength(8)
      const times = fx.emu.calls.map(c => c.at)
      return {
        span: Math.max(...times) - Math.min(...times),
        // Calls of one target follow each other (each waits LATENCY for its answer): count a shorter window.
        inFlight: maxInFlight(fx.emu.calls, LATENCY - 30)
      }
    }
    const two = await measure('2')
    const eight = await measure('8')

    expect(two.inFlight).toBeLessThanOrEqual(2)
    expect(eight.inFlight).toBeGreaterThanOrEqual(4)
    // 8 targets x 3 calls x 150 ms: about 1.8 s two at a time, about 0.45 s all at once.
    expect(two.span).toBeGreaterThanOrEqual(2 * eight.span)
  })
})
