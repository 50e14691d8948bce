import { afterEach, describe, expect, it } from '@jest/globals'
import {
  DEMO_IDS,
  demoScenario,
  startEmulator,
  type BuildSeed,
  type Emulator,
  type OnRetry
} from '../../tools/emulator/index.js'
import { aws, awsOk, Clock } from './helpers.js'

const PROJECT = 'integration-tests'

let emu: Emulator
afterEach(async () => {
  await emu.close()
})

function demoWithBuildOutcome(onRetry: OnRetry) {
  const scenario = demoScenario()
  const build = scenario.codebuild?.projects[0]?.builds?.find(b => b.id === DEMO_IDS.failedBuild)
  if (!build) throw new Error('demo changed')
  build.onRetry = onRetry
  return scenario
}

const getBuild = async (id: string) =>
  (await awsOk(emu, 'codebuild', 'BatchGetBuilds', { ids: [id] })).builds[0]

describe('RetryBuild', () => {
  it('creates a new build of the same source that settles to the scenario outcome', async () => {
    emu = await startEmulator(
      demoWithBuildOutcome({
        result: 'failed',
        failedPhase: 'POST_BUILD',
        failureReason: 'upload failed',
        settleAfterReads: 1
      })
    )
    const { build } = await awsOk(emu, 'codebuild', 'RetryBuild', { id: DEMO_IDS.failedBuild })
    expect(build).toMatchObject({
      projectName: PROJECT,
      buildNumber: 3,
      buildStatus: 'IN_PROGRESS',
      buildComplete: false,
      currentPhase: 'BUILD',
      sourceVersion: 'refs/heads/main',
      resolvedSourceVersion: '9fceb02d0ae598e95dc970b74767f19372d61af8'
    })
    expect(build.arn).toBe(`arn:aws:codebuild:us-east-1:123456789012:build/${build.id}`)
    expect((await getBuild(build.id)).buildStatus).toBe('IN_PROGRESS')
    const settled = await getBuild(build.id)
    expect(settled).toMatchObject({ buildStatus: 'FAILED', buildComplete: true, currentPhase: 'COMPLETED' })
    const failed = settled.phases.find((p: any) => p.phaseStatus === 'FAILED')
    expect(failed).toMatchObject({ phaseType: 'POST_BUILD', contexts: [{ message: 'upload failed' }] })
    expect(emu.state.codebuild.builds.get(build.id)?.retryOf).toBe(DEMO_IDS.failedBuild)
  })

  it('takes a build ARN, and passes the remaining outcomes on to the new build', async () => {
    emu = await startEmulator(demoWithBuildOutcome([{ result: 'failed' }, { result: 'succeeded' }]))
    const arn = `arn:aws:codebuild:us-east-1:123456789012:build/${DEMO_IDS.failedBuild}`
    const first = (await awsOk(emu, 'codebuild', 'RetryBuild', { id: arn })).build
    expect((await getBuild(first.id)).buildStatus).toBe('FAILED')
    const second = (await awsOk(emu, 'codebuild', 'RetryBuild', { id: first.arn })).build
    expect(second.buildNumber).toBe(4)
    expect((await getBuild(second.id)).buildStatus).toBe('SUCCEEDED')
  })

  it('remembers an idempotency token for five minutes of emulator time', async () => {
    const clock = new Clock()
    emu = await startEmulator(demoScenario(), { now: clock.now })
    const request = { id: DEMO_IDS.failedBuild, idempotencyToken: 'same' }
    const first = (await awsOk(emu, 'codebuild', 'RetryBuild', request)).build
    clock.advance(4 * 60_000)
    expect((await awsOk(emu, 'codebuild', 'RetryBuild', request)).build.id).toBe(first.id)
    const mismatch = await aws(emu, 'codebuild', 'RetryBuild', { ...request, id: DEMO_IDS.succeededBuild })
    expect(mismatch.body).toEqual({
      __type: 'InvalidInputException',
      message: expect.stringContaining('mismatch')
    })
    clock.advance(60_000)
    expect((await awsOk(emu, 'codebuild', 'RetryBuild', request)).build.id).not.toBe(first.id)
    expect(emu.state.codebuild.projects.get(PROJECT)?.builds).toHaveLength(4)
  })

  it('refuses a build in progress and an unknown build', async () => {
    emu = await startEmulator(demoWithBuildOutcome({ result: 'succeeded', settleAfterReads: 9 }))
    const { build } = await awsOk(emu, 'codebuild', 'RetryBuild', { id: DEMO_IDS.failedBuild })
    const running = await aws(emu, 'codebuild', 'RetryBuild', { id: build.id })
    const unknown = await aws(emu, 'codebuild', 'RetryBuild', { id: `${PROJECT}:nope` })
    const missing = await aws(emu, 'codebuild', 'RetryBuild', {})
    expect([running.body.__type, unknown.body.__type, missing.body.__type]).toEqual([
      'InvalidInputException',
      'ResourceNotFoundException',
      'InvalidInputException'
    ])
  })

  it('StopBuild stops a build in progress', async () => {
    emu = await startEmulator(demoWithBuildOutcome({ result: 'succeeded', settleAfterReads: 9 }))
    const { build } = await awsOk(emu, 'codebuild', 'RetryBuild', { id: DEMO_IDS.failedBuild })
    const stopped = (await awsOk(emu, 'codebuild', 'StopBuild', { id: build.id })).build
    expect(stopped).toMatchObject({ buildStatus: 'STOPPED', buildComplete: true })
    expect((await getBuild(build.id)).buildStatus).toBe('STOPPED')
  })
})

describe('ListBuildsForProject and BatchGetBuilds', () => {
  it('sorts by build number both ways and pages at 100', async () => {
    const builds: BuildSeed[] = Array.from({ length: 150 }, (_, i) => ({
      id: `big:${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`,
      status: 'SUCCEEDED',
      startTime: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString()
    }))
    emu = await startEmulator({
      accountId: '123456789012',
      region: 'eu-west-1',
      codebuild: { projects: [{ name: 'big', builds }] }
    })
    const first = await awsOk(emu, 'codebuild', 'ListBuildsForProject', { projectName: 'big' })
    expect(first.ids).toHaveLength(100)
    expect(first.ids[0]).toBe(builds[149]?.id)
    const second = await awsOk(emu, 'codebuild', 'ListBuildsForProject', {
      projectName: 'big',
      nextToken: first.nextToken
    })
    expect(second.ids).toHaveLength(50)
    expect(second.nextToken).toBeUndefined()
    const ascending = await awsOk(emu, 'codebuild', 'ListBuildsForProject', {
      projectName: 'big',
      sortOrder: 'ASCENDING'
    })
    expect(ascending.ids[0]).toBe(builds[0]?.id)
    const missing = await aws(emu, 'codebuild', 'ListBuildsForProject', { projectName: 'nope' })
    expect(missing.body.__type).toBe('ResourceNotFoundException')
    const tooMany = await aws(emu, 'codebuild', 'BatchGetBuilds', {
      ids: first.ids.concat(second.ids.slice(0, 1))
    })
    expect(tooMany.body.__type).toBe('InvalidInputException')
  })
})

describe('build batches', () => {
  it('lists batches by status, retries all builds, and settles a failed group', async () => {
    const scenario = demoScenario()
    const batch = scenario.codebuild?.projects[1]?.batches?.[0]
    if (!batch) throw new Error('demo changed')
    batch.onRetry = { result: 'failed', failedGroup: 'linux_x86', failureReason: 'x86 broke' }
    emu = await startEmulator(scenario)
    const listed = await awsOk(emu, 'codebuild', 'ListBuildBatchesForProject', {
      projectName: 'nightly-matrix',
      filter: { status: 'FAILED' }
    })
    expect(listed.ids).toEqual([DEMO_IDS.failedBatch])
    const request = { id: DEMO_IDS.failedBatch, retryType: 'RETRY_ALL_BUILDS', idempotencyToken: 't' }
    const retried = (await awsOk(emu, 'codebuild', 'RetryBuildBatch', request)).buildBatch
    expect(retried.buildGroups.map((g: any) => g.currentBuildSummary.buildStatus)).toEqual([
      'IN_PROGRESS',
      'IN_PROGRESS'
    ])
    expect((await awsOk(emu, 'codebuild', 'RetryBuildBatch', request)).buildBatch.id).toBe(
      DEMO_IDS.failedBatch
    )
    const mismatch = await aws(emu, 'codebuild', 'RetryBuildBatch', {
      ...request,
      retryType: 'RETRY_FAILED_BUILDS'
    })
    expect(mismatch.body.__type).toBe('InvalidInputException')

    const [settled] = (await awsOk(emu, 'codebuild', 'BatchGetBuildBatches', { ids: [DEMO_IDS.failedBatch] }))
      .buildBatches
    expect(settled).toMatchObject({ buildBatchStatus: 'FAILED', complete: true, currentPhase: 'FAILED' })
    const groups = settled.buildGroups.map((g: any) => [g.identifier, g.currentBuildSummary.buildStatus])
    expect(groups).toEqual([
      ['linux_x86', 'FAILED'],
      ['linux_arm', 'SUCCEEDED']
    ])
    expect(settled.phases.find((p: any) => p.phaseStatus === 'FAILED').contexts[0].message).toBe('x86 broke')
  })

  it('validates retryType, refuses a batch that did not fail, and stops a running batch', async () => {
    const scenario = demoScenario()
    const batch = scenario.codebuild?.projects[1]?.batches?.[0]
    if (!batch) throw new Error('demo changed')
    batch.onRetry = { result: 'succeeded', settleAfterReads: 9 }
    emu = await startEmulator(scenario)
    const badType = await aws(emu, 'codebuild', 'RetryBuildBatch', {
      id: DEMO_IDS.failedBatch,
      retryType: 'SOME'
    })
    expect(badType.body.__type).toBe('InvalidInputException')
    await awsOk(emu, 'codebuild', 'RetryBuildBatch', { id: DEMO_IDS.failedBatch })
    const running = await aws(emu, 'codebuild', 'RetryBuildBatch', { id: DEMO_IDS.failedBatch })
    expect(running.body).toEqual({
      __type: 'InvalidInputException',
      message: 'Only batch builds that have failed can be retried'
    })
    const stopped = (await awsOk(emu, 'codebuild', 'StopBuildBatch', { id: DEMO_IDS.failedBatch })).buildBatch
    expect(stopped).toMatchObject({ buildBatchStatus: 'STOPPED', complete: true })
    const unknown = await aws(emu, 'codebuild', 'BatchGetBuildBatches', { ids: ['nightly-matrix:nope'] })
    expect(unknown.body).toEqual({ buildBatches: [], buildBatchesNotFound: ['nightly-matrix:nope'] })
  })
})
