// End to end: the bundled action (dist/index.js) against the emulator, service codebuild-batch.
import { describe, expect, it } from '@jest/globals'
import { DEMO_IDS, demoScenario } from '../../tools/emulator/index.js'
import type { Scenario } from '../../tools/emulator/index.js'
import { resultsOf, useEmulator, type Emulator, expectFailedWith, expectSummaryRow } from './helpers.js'

const PROJECT = 'nightly-matrix'
const BATCH = DEMO_IDS.failedBatch
const BATCH_ARN = `arn:aws:codebuild:us-east-1:123456789012:build-batch/${BATCH}`
const HEX64 = /^[0-9a-f]{64}$/

const batchIn = (emu: Emulator, id = BATCH) => emu.state.codebuild.batches.get(id)
/** How often each group's build was restarted. */
const restarts = (emu: Emulator) =>
  Object.fromEntries((batchIn(emu)?.groups ?? []).map(g => [g.identifier, g.prior.length]))

/** nightly-matrix copied: superseded by a newer successful batch, and a project without batches. */
function variantScenario(): Scenario {
  const scenario = demoScenario()
  const projects = scenario.codebuild!.projects
  const failed = structuredClone(projects.find(p => p.name === PROJECT)!.batches![0]!)
  projects.push(
    {
      name: 'superseded-matrix',
      batches: [
        { ...failed, id: `superseded-matrix:${BATCH.split(':')[1]!}` },
        {
          id: 'superseded-matrix:6c7d8e9f-0a1b-4c2d-8e3f-4a5b6c7d8e9f',
          status: 'SUCCEEDED',
          startTime: '2026-01-15T04:00:00Z',
          endTime: '2026-01-15T04:30:00Z'
        }
      ]
    },
    { name: 'empty-matrix', batches: [] }
  )
  return scenario
}

describe('codebuild-batch (demo scenario)', () => {
  const fx = useEmulator()

  it('discovers the latest failed batch and retries its failed builds once', async () => {
    const result = await fx.runOk({ service: 'codebuild-batch', 'project-name': PROJECT })
    const consoleUrl =
      `https://us-east-1.console.aws.amazon.com/codesuite/codebuild/projects/${PROJECT}/batch/` +
      `${encodeURIComponent(BATCH)}/?region=us-east-1`
    expect(result.outputs).toMatchObject({
      retried: 'true',
      'execution-id': BATCH, // RetryBuildBatch restarts the same batch
      'execution-arn': BATCH_ARN,
      'stage-name': '',
      status: 'in-progress',
      'console-url': consoleUrl
    })
    expect(resultsOf(result)).toEqual([
      {
        service: 'codebuild-batch',
        target: `codebuild-batch:${PROJECT}`,
        retried: true,
        executionId: BATCH,
        executionArn: BATCH_ARN,
        stageName: '',
        status: 'in-progress',
        consoleUrl,
        message: expect.stringContaining('failed builds: linux_arm FAILED'),
        attempts: 1,
        failure: 'linux_arm: FAILED'
      }
    ])
    expectSummaryRow(result.summary, `codebuild-batch:${PROJECT}`, BATCH)

    const retries = fx.emu.callsTo('RetryBuildBatch')
    expect(retries).toHaveLength(1)
    const body = retries[0]!.body as { id: string; idempotencyToken: string; retryType: string }
    expect(body).toMatchObject({ id: BATCH, retryType: 'RETRY_FAILED_BUILDS' })
    expect(body.idempotencyToken).toMatch(HEX64)
    expect(restarts(fx.emu)).toEqual({ linux_x86: 0, linux_arm: 1 })
    expect(batchIn(fx.emu)?.status).toBe('IN_PROGRESS')
  })

  it.each([
    ['all', 'RETRY_ALL_BUILDS'],
    ['retry_all_builds', 'RETRY_ALL_BUILDS'],
    ['RETRY_FAILED_BUILDS', 'RETRY_FAILED_BUILDS']
  ])('explicit execution-id with retry-mode %s sends %s', async (mode, retryType) => {
    const result = await fx.run({ service: 'codebuild-batch', 'execution-id': BATCH, 'retry-mode': mode })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ retried: 'true', 'execution-id': BATCH })
    expect(fx.emu.callsTo('RetryBuildBatch').map(c => (c.body as { retryType: string }).retryType)).toEqual([
      retryType
    ])
    expect(restarts(fx.emu)).toEqual(
      retryType === 'RETRY_ALL_BUILDS' ? { linux_x86: 1, linux_arm: 1 } : { linux_x86: 0, linux_arm: 1 }
    )
  })

  it('an explicit batch ARN is accepted', async () => {
    const result = await fx.run({ service: 'codebuild-batch', 'execution-id': BATCH_ARN })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ 'execution-id': BATCH, 'execution-arn': BATCH_ARN })
    expect((fx.emu.callsTo('RetryBuildBatch')[0]!.body as { id: string }).id).toBe(BATCH_ARN)
  })

  it('dry-run calls no retry API', async () => {
    const result = await fx.run({ service: 'codebuild-batch', 'project-name': PROJECT, 'dry-run': 'TRUE' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ retried: 'false', status: 'dry-run', 'execution-id': BATCH })
    expect(fx.emu.callsTo('RetryBuildBatch')).toHaveLength(0)
    expect(batchIn(fx.emu)?.status).toBe('FAILED')
  })

  it('ResourceNotFoundException: an unknown project', async () => {
    const result = await fx.run({ service: 'codebuild-batch', 'project-name': 'no-such-project' })
    expectFailedWith(result, 'ResourceNotFoundException', 'Hint: no such CodeBuild project or batch')
    expect(fx.emu.callsTo('RetryBuildBatch')).toHaveLength(0)
  })

  it('InvalidInputException from the service names the hint', async () => {
    fx.emu.inject('RetryBuildBatch', {
      error: { code: 'InvalidInputException', message: 'Batch is not retryable' }
    })
    const result = await fx.run({ service: 'codebuild-batch', 'project-name': PROJECT })
    expectFailedWith(
      result,
      'InvalidInputException',
      'Batch is not retryable',
      'Hint: check that project-name'
    )
    expect(fx.emu.callsTo('RetryBuildBatch')).toHaveLength(1)
  })

  it('throttling on RetryBuildBatch is backed off: the batch is retried once', async () => {
    fx.emu.inject('RetryBuildBatch', { throttle: 2 })
    const result = await fx.run({ service: 'codebuild-batch', 'project-name': PROJECT })
    expect(result.exitCode).toBe(0)
    expect(fx.emu.callsTo('RetryBuildBatch').map(c => c.fault)).toEqual(['throttle', 'throttle', undefined])
    expect(restarts(fx.emu)).toEqual({ linux_x86: 0, linux_arm: 1 })
  })

  it('a lost answer to RetryBuildBatch: the re-read finds the batch restarted, nothing is sent again', async () => {
    fx.emu.inject('RetryBuildBatch', { loseResponse: 1 })
    const result = await fx.run({ service: 'codebuild-batch', 'project-name': PROJECT })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ retried: 'true', 'execution-id': BATCH })
    const calls = fx.emu.callsTo('RetryBuildBatch')
    expect(calls.map(c => c.fault)).toEqual(['loseResponse'])
    expect(restarts(fx.emu)).toEqual({ linux_x86: 0, linux_arm: 1 })
  })

  fx.rejectsBadInputs({ service: 'codebuild-batch' }, [
    ['a CodePipeline retry mode', 'retry-mode', { 'project-name': PROJECT, 'retry-mode': 'ALL_ACTIONS' }],
    [
      'a build ARN, not a batch ARN',
      'execution-id',
      { 'execution-id': `arn:aws:codebuild:us-east-1:123456789012:build/${BATCH}` }
    ],
    [
      'max-parallel-steps given to codebuild-batch',
      'max-parallel-steps',
      { 'project-name': PROJECT, 'max-parallel-steps': '2' }
    ],
    [
      'poll-interval-seconds 0.5',
      'poll-interval-seconds',
      { 'project-name': PROJECT, 'poll-interval-seconds': '0.5' }
    ],
    [
      'idempotency-token too long',
      'idempotency-token',
      { 'project-name': PROJECT, 'idempotency-token': 'x'.repeat(129) }
    ]
  ])
})

describe('codebuild-batch (variants of the demo scenario)', () => {
  const fx = useEmulator(variantScenario)

  it.each([
    ['superseded-matrix', 'SUCCEEDED'],
    ['empty-matrix', 'no batches']
  ])('nothing to retry: %s', async (project, reason) => {
    const result = await fx.run({ service: 'codebuild-batch', 'project-name': project })
    fx.expectNothingToRetry(result, reason, 'RetryBuildBatch')
  })
})
