import { describe, it, expect, beforeEach } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import {
  BatchGetBuildsCommand,
  CodeBuildClient,
  ListBuildsForProjectCommand,
  RetryBuildCommand,
  StopBuildCommand,
  type Build
} from '@aws-sdk/client-codebuild'
import codebuild from '../../../src/services/codebuild/provider.js'
import { ServiceCallError, TargetError } from '../../../src/model/errors.js'
import type { Candidate, Started } from '../../../src/model/provider.js'
import type { CodeBuildTarget } from '../../../src/services/codebuild/index.js'
import { networkError, sdkError, testContext } from '../../support/context.js'

const cb = mockClient(CodeBuildClient)

const SHA = '1a2b3c4d5e6f708192a3b4c5d6e7f80912a3b4c5'
const OTHER_SHA = 'ffffffffffffffffffffffffffffffffffffffff'
const ARN_PREFIX = 'arn:aws:codebuild:us-east-1:123456789012:build/'
const TOKEN = 'a'.repeat(64)

const target = (executionId?: string): CodeBuildTarget => ({
  service: 'codebuild',
  label: 'codebuild:tests',
  projectName: 'tests',
  ...(executionId ? { executionId } : {})
})

function build(id: string, buildStatus: Build['buildStatus'], extra: Partial<Build> = {}): Build {
  return {
    id: `tests:${id}`,
    arn: `${ARN_PREFIX}tests:${id}`,
    buildStatus,
    resolvedSourceVersion: SHA,
    ...extra
  }
}

/** The project's history, newest first: what ListBuildsForProject and BatchGetBuilds answer. */
function history(...builds: Build[]): void {
  cb.on(ListBuildsForProjectCommand).resolves({ ids: builds.map(b => b.id!) })
  // BatchGetBuilds does not keep the order of the ids: answer reversed to prove the flow sorts.
  cb.on(BatchGetBuildsCommand).callsFake((input: { ids: string[] }) => ({
    builds: builds.filter(b => input.ids.includes(b.id!)).reverse(),
    buildsNotFound: input.ids.filter(id => !builds.some(b => b.id === id))
  }))
}

const setup = () => {
  const context = testContext(codebuild.errors)
  return { context, provider: codebuild.create(context) }
}

const candidate = (executionId: string): Candidate => ({
  executionId,
  description: '',
  consoleUrl: '',
  revision: ''
})
const started: Started = { executionId: 'tests:new', consoleUrl: '' }

beforeEach(() => {
  cb.reset()
})

describe('codebuild discover without execution-id', () => {
  it('takes the newest build when it failed', async () => {
    history(build('b3', 'FAILED'), build('b2', 'SUCCEEDED', { resolvedSourceVersion: OTHER_SHA }))
    const found = await setup().provider.discover(target())

    expect(found).toEqual({
      kind: 'found',
      candidate: {
        executionId: 'tests:b3',
        description: 'latest build tests:b3 FAILED',
        consoleUrl:
          'https://us-east-1.console.aws.amazon.com/codesuite/codebuild/projects/tests/build/tests%3Ab3/?region=us-east-1',
        previousAttempts: 0,
        attemptsBasis: '1 consecutive failed build of source 1a2b3c4',
        revision: 'tests:b3 FAILED 0',
        failure: { reason: 'FAILED', transient: undefined, endedAt: undefined }
      }
    })
    expect(cb).toHaveReceivedCommandWith(ListBuildsForProjectCommand, {
      projectName: 'tests',
      sortOrder: 'DESCENDING'
    })
    expect(cb).toHaveReceivedCommandTimes(BatchGetBuildsCommand, 1)
    expect(cb).toHaveReceivedCommandWith(BatchGetBuildsCommand, { ids: ['tests:b3', 'tests:b2'] })
  })

  it.each(['FAULT', 'TIMED_OUT'] as const)('treats %s as failed', async status => {
    history(build('b1', status))
    const found = await setup().provider.discover(target())
    expect(found.kind).toBe('found')
  })

  it('does not resurrect an older failure that a newer success superseded', async () => {
    history(build('b2', 'SUCCEEDED'), build('b1', 'FAILED'))
    await expect(setup().provider.discover(target())).resolves.toEqual({
      kind: 'nothing',
      reason: 'latest build tests:b2 is SUCCEEDED'
    })
  })

  it.each(['STOPPED', 'IN_PROGRESS'] as const)('leaves a %s latest build alone', async status => {
    history(build('b2', status), build('b1', 'FAILED'))
    const found = await setup().provider.discover(target())
    expect(found).toEqual({
      kind: 'nothing',
      reason: `latest build tests:b2 is ${status}`,
      // A running build is named so that `wait` can follow it.
      ...(status === 'IN_PROGRESS'
        ? {
            running: {
              executionId: 'tests:b2',
              executionArn: `${ARN_PREFIX}tests:b2`,
              consoleUrl:
                'https://us-east-1.console.aws.amazon.com/codesuite/codebuild/projects/tests/build/tests%3Ab2/?region=us-east-1'
            }
          }
        : {})
    })
  })

  it('reports an empty history without reading builds', async () => {
    cb.on(ListBuildsForProjectCommand).resolves({ ids: [] })
    await expect(setup().provider.discover(target())).resolves.toEqual({
      kind: 'nothing',
      reason: 'project tests has no builds'
    })
    expect(cb).toHaveReceivedCommandTimes(BatchGetBuildsCommand, 0)
  })

  it('skips a failed build that CodeBuild has auto-retried itself', async () => {
    history(build('b2', 'FAILED', { autoRetryConfig: { nextAutoRetry: `${ARN_PREFIX}tests:b3` } }))
    const found = await setup().provider.discover(target())
    expect(found.kind).toBe('nothing')
    expect(found.kind === 'nothing' && found.reason).toMatch(/CodeBuild has retried it itself as .*tests:b3/)
  })

  it('leaves a failed build that CodeBuild is about to auto-retry to CodeBuild, and follows it with wait', async () => {
    history(build('b2', 'FAILED', { autoRetryConfig: { autoRetryLimit: 2, autoRetryNumber: 0 } }))
    const found = await setup().provider.discover(target())
    expect(found).toMatchObject({ kind: 'nothing', running: { executionId: 'tests:b2' } })
    expect(found.kind === 'nothing' && found.reason).toContain(
      'CodeBuild retries it itself (auto-retry 1 of 2)'
    )
  })

  it('retries a failed build whose auto-retries are used up, or that a pipeline started', async () => {
    history(build('b2', 'FAILED', { autoRetryConfig: { autoRetryLimit: 2, autoRetryNumber: 2 } }))
    expect((await setup().provider.discover(target())).kind).toBe('found')
    history(
      build('b2', 'FAILED', {
        initiator: 'codepipeline/release',
        autoRetryConfig: { autoRetryLimit: 2, autoRetryNumber: 0 }
      })
    )
    expect((await setup().provider.discover(target())).kind).toBe('found')
  })

  it("a status read follows CodeBuild's auto-retries to the newest build", async () => {
    const pending = build('b2', 'FAILED', { autoRetryConfig: { autoRetryLimit: 2, autoRetryNumber: 0 } })
    cb.on(BatchGetBuildsCommand).resolves({ builds: [pending] })
    const started = { executionId: 'tests:b2', consoleUrl: '' }
    expect(await setup().provider.status(target(), started)).toMatchObject({ state: 'in-progress' })
    cb.on(BatchGetBuildsCommand, { ids: ['tests:b2'] }).resolves({
      builds: [
        {
          ...pending,
          autoRetryConfig: { ...pending.autoRetryConfig, nextAutoRetry: `${ARN_PREFIX}tests:b3` }
        }
      ]
    })
    cb.on(BatchGetBuildsCommand, { ids: ['tests:b3'] }).resolves({ builds: [build('b3', 'SUCCEEDED')] })
    expect(await setup().provider.status(target(), started)).toMatchObject({ state: 'succeeded' })
  })

  it('reads at most the first 100 ids of the list in one call', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => `tests:b${150 - i}`)
    cb.on(ListBuildsForProjectCommand).resolves({ ids })
    cb.on(BatchGetBuildsCommand).resolves({ builds: [build('b150', 'FAILED')] })
    await setup().provider.discover(target())
    expect(cb).toHaveReceivedCommandTimes(BatchGetBuildsCommand, 1)
    expect(cb.commandCalls(BatchGetBuildsCommand)[0]!.args[0].input.ids).toEqual(ids.slice(0, 100))
  })
})

describe('codebuild attempt counting', () => {
  it('counts consecutive failed builds of the same source at the head', async () => {
    history(
      build('b5', 'FAILED'),
      build('b4', 'FAULT'),
      build('b3', 'TIMED_OUT'),
      build('b2', 'FAILED', { resolvedSourceVersion: OTHER_SHA }),
      build('b1', 'FAILED')
    )
    const found = await setup().provider.discover(target())
    expect(found.kind === 'found' && found.candidate).toMatchObject({
      previousAttempts: 2,
      attemptsBasis: '3 consecutive failed builds of source 1a2b3c4'
    })
  })

  it('stops counting at a build that did not fail', async () => {
    history(build('b3', 'FAILED'), build('b2', 'STOPPED'), build('b1', 'FAILED'))
    const found = await setup().provider.discover(target())
    expect(found.kind === 'found' && found.candidate.previousAttempts).toBe(0)
  })

  it('counts builds without a resolved source version together', async () => {
    history(
      build('b2', 'FAILED', { resolvedSourceVersion: undefined }),
      build('b1', 'FAILED', { resolvedSourceVersion: undefined })
    )
    const found = await setup().provider.discover(target())
    expect(found.kind === 'found' && found.candidate).toMatchObject({
      previousAttempts: 1,
      attemptsBasis: '2 consecutive failed builds of an unresolved source'
    })
  })
})

describe('codebuild discover with execution-id', () => {
  it('confirms the named build failed and counts the run starting at it', async () => {
    // b4 builds another branch: a newer build of a different source version does not supersede b3.
    history(
      build('b4', 'IN_PROGRESS', { sourceVersion: 'refs/heads/feature', resolvedSourceVersion: OTHER_SHA }),
      build('b3', 'FAILED'),
      build('b2', 'FAILED'),
      build('b1', 'SUCCEEDED')
    )
    const found = await setup().provider.discover(target('tests:b3'))

    expect(found).toEqual({
      kind: 'found',
      candidate: expect.objectContaining({
        executionId: 'tests:b3',
        description: 'build tests:b3 FAILED',
        previousAttempts: 1
      })
    })
    expect(cb.commandCalls(BatchGetBuildsCommand)[0]!.args[0].input).toEqual({ ids: ['tests:b3'] })
  })

  it('skips a named build superseded by a newer build of the same source version, naming it', async () => {
    history(
      build('b4', 'SUCCEEDED', { sourceVersion: 'refs/heads/main' }),
      build('b3', 'FAILED', { sourceVersion: 'refs/heads/main' })
    )
    const found = await setup().provider.discover(target('tests:b3'))
    expect(found.kind).toBe('skip')
    expect(found.kind === 'skip' && found.reason).toMatch(
      /tests:b3 is superseded by the newer build tests:b4 \(SUCCEEDED\) of the same source version refs\/heads\/main/
    )
  })

  it('never falls back to an older build when the newest listed one cannot be read', async () => {
    cb.on(ListBuildsForProjectCommand).resolves({ ids: ['tests:b2', 'tests:b1'] })
    cb.on(BatchGetBuildsCommand).resolves({ builds: [build('b1', 'FAILED')], buildsNotFound: ['tests:b2'] })
    await expect(setup().provider.discover(target())).rejects.toThrow(
      /newest build of project tests, tests:b2, was listed but could not be read; not falling back/
    )
  })

  it('keeps a build ARN as given for the retry and links the build ID', async () => {
    history(build('b1', 'FAILED'))
    const found = await setup().provider.discover(target(`${ARN_PREFIX}tests:b1`))

    expect(found.kind === 'found' && found.candidate).toMatchObject({
      executionId: `${ARN_PREFIX}tests:b1`,
      consoleUrl: expect.stringContaining('/projects/tests/build/tests%3Ab1/'),
      previousAttempts: 0
    })
    expect(cb.commandCalls(BatchGetBuildsCommand)[0]!.args[0].input).toEqual({ ids: ['tests:b1'] })
  })

  it('refuses a named build that did not fail, saying its status', async () => {
    history(build('b1', 'SUCCEEDED'))
    const discovery = setup().provider.discover(target('tests:b1'))
    await expect(discovery).rejects.toThrow(TargetError)
    await expect(discovery).rejects.toThrow(/tests:b1 is SUCCEEDED.*FAILED, FAULT or TIMED_OUT/)
    expect(cb).toHaveReceivedCommandTimes(ListBuildsForProjectCommand, 0)
  })

  it('refuses a STOPPED build: stopping was a decision', async () => {
    history(build('b1', 'STOPPED'))
    await expect(setup().provider.discover(target('tests:b1'))).rejects.toThrow(/is STOPPED/)
  })

  it('fails when the named build does not exist', async () => {
    history(build('b1', 'FAILED'))
    await expect(setup().provider.discover(target('tests:gone'))).rejects.toThrow(
      /build tests:gone was not found/
    )
  })

  it('counts only the build itself when it is older than the head that was read', async () => {
    cb.on(ListBuildsForProjectCommand).resolves({ ids: ['tests:b9'] })
    cb.on(BatchGetBuildsCommand, { ids: ['tests:b1'] }).resolves({ builds: [build('b1', 'FAILED')] })
    cb.on(BatchGetBuildsCommand, { ids: ['tests:b9'] }).resolves({
      builds: [build('b9', 'SUCCEEDED', { resolvedSourceVersion: OTHER_SHA })]
    })
    const found = await setup().provider.discover(target('tests:b1'))
    expect(found.kind === 'found' && found.candidate).toMatchObject({
      previousAttempts: 0,
      attemptsBasis:
        "1 consecutive failed build of source 1a2b3c4, older builds not read (not among the project's 100 newest)"
    })
  })
})

describe('codebuild retry', () => {
  const newBuild = { build: { id: 'tests:new', arn: `${ARN_PREFIX}tests:new` } }

  it.each(['failed', 'all'] as const)('retries the whole build with the token (mode %s)', async mode => {
    cb.on(RetryBuildCommand).resolves(newBuild)
    const result = await setup().provider.retry(target(), candidate('tests:b1'), { mode, token: TOKEN })

    expect(result).toEqual({
      executionId: 'tests:new',
      executionArn: `${ARN_PREFIX}tests:new`,
      consoleUrl:
        'https://us-east-1.console.aws.amazon.com/codesuite/codebuild/projects/tests/build/tests%3Anew/?region=us-east-1'
    })
    expect(cb).toHaveReceivedCommandWith(RetryBuildCommand, { id: 'tests:b1', idempotencyToken: TOKEN })
  })

  it('sends a build ARN exactly as given', async () => {
    cb.on(RetryBuildCommand).resolves(newBuild)
    await setup().provider.retry(target(), candidate(`${ARN_PREFIX}tests:b1`), {
      mode: 'failed',
      token: TOKEN
    })
    expect(cb).toHaveReceivedCommandWith(RetryBuildCommand, { id: `${ARN_PREFIX}tests:b1` })
  })

  it.each([
    ['InvalidInputException', /idempotency-token/],
    ['ResourceNotFoundException', /check project-name, execution-id and region/],
    ['AccountLimitExceededException', /Service Quotas/],
    [
      'AccessDeniedException',
      /codebuild:ListBuildsForProject, codebuild:BatchGetBuilds, codebuild:RetryBuild, codebuild:StopBuild/
    ]
  ])('fails at once on %s with the hint', async (name, hint) => {
    cb.on(RetryBuildCommand).rejects(sdkError(name, `${name} message`))
    const retry = setup().provider.retry(target(), candidate('tests:b1'), { mode: 'failed', token: TOKEN })

    await expect(retry).rejects.toThrow(ServiceCallError)
    await expect(retry).rejects.toThrow(new RegExp(`RetryBuild failed: ${name}: ${name} message.*Hint: `))
    await expect(retry).rejects.toThrow(hint)
    expect(cb).toHaveReceivedCommandTimes(RetryBuildCommand, 1)
  })

  it('names no extra transient errors', () => {
    expect(codebuild.errors.transient).toBeUndefined()
  })

  it('tries again after throttling', async () => {
    cb.on(RetryBuildCommand)
      .rejectsOnce(sdkError('ThrottlingException', 'Rate exceeded', { throttling: true }))
      .resolves(newBuild)
    const result = await setup().provider.retry(target(), candidate('tests:b1'), {
      mode: 'failed',
      token: TOKEN
    })
    expect(result.executionId).toBe('tests:new')
    expect(cb).toHaveReceivedCommandTimes(RetryBuildCommand, 2)
  })

  it('re-sends the same token after a lost answer, so CodeBuild returns the same new build', async () => {
    cb.on(RetryBuildCommand).rejectsOnce(networkError()).resolves(newBuild)
    const result = await setup().provider.retry(target(), candidate('tests:b1'), {
      mode: 'failed',
      token: TOKEN
    })

    expect(result.executionId).toBe('tests:new')
    const tokens = cb.commandCalls(RetryBuildCommand).map(c => c.args[0].input.idempotencyToken)
    expect(tokens).toEqual([TOKEN, TOKEN])
  })

  it('gives up on a server error that lasts', async () => {
    cb.on(RetryBuildCommand).rejects(sdkError('InternalFailure', 'boom', { fault: 'server' }))
    const retry = setup().provider.retry(target(), candidate('tests:b1'), { mode: 'failed', token: TOKEN })
    await expect(retry).rejects.toThrow(/RetryBuild failed: InternalFailure/)
    expect(cb.commandCalls(RetryBuildCommand).length).toBeGreaterThanOrEqual(3)
  })
})

describe('codebuild status', () => {
  const status = async (b: Build) => {
    cb.on(BatchGetBuildsCommand, { ids: ['tests:new'] }).resolves({ builds: [b] })
    return setup().provider.status(target(), started)
  }

  it('reports a running build and its phase', async () => {
    await expect(status(build('new', 'IN_PROGRESS', { currentPhase: 'BUILD' }))).resolves.toEqual({
      state: 'in-progress',
      phase: 'BUILD'
    })
  })

  it('reports success', async () => {
    await expect(status(build('new', 'SUCCEEDED', { currentPhase: 'COMPLETED' }))).resolves.toEqual({
      state: 'succeeded',
      phase: 'COMPLETED'
    })
  })

  it('explains a failure with the failed phase and its contexts', async () => {
    const failed = build('new', 'FAILED', {
      currentPhase: 'COMPLETED',
      phases: [
        { phaseType: 'INSTALL', phaseStatus: 'SUCCEEDED' },
        {
          phaseType: 'BUILD',
          phaseStatus: 'FAILED',
          contexts: [
            {
              statusCode: 'COMMAND_EXECUTION_ERROR',
              message: 'Error while executing command: npm test. Reason: exit status 1'
            }
          ]
        },
        { phaseType: 'POST_BUILD', phaseStatus: 'SUCCEEDED' }
      ]
    })
    await expect(status(failed)).resolves.toEqual({
      state: 'failed',
      phase: 'COMPLETED',
      reason:
        'phase BUILD FAILED: COMMAND_EXECUTION_ERROR: Error while executing command: npm test. Reason: exit status 1',
      // A command that exited non-zero is the code's failure: deterministic.
      failure: {
        reason:
          'FAILED BUILD: COMMAND_EXECUTION_ERROR: Error while executing command: npm test. Reason: exit status 1',
        transient: undefined,
        endedAt: undefined
      }
    })
  })

  it.each(['FAULT', 'TIMED_OUT'] as const)('maps %s to failed with a reason', async s => {
    const progress = await status(build('new', s, { phases: [{ phaseType: 'BUILD', phaseStatus: s }] }))
    expect(progress).toEqual({
      state: 'failed',
      reason: `phase BUILD ${s}`,
      // FAULT is CodeBuild's own fault; a timeout is as often a slow test as a hiccup.
      failure: {
        reason: `${s} BUILD`,
        transient: s === 'FAULT' ? 'status FAULT' : undefined,
        endedAt: undefined
      }
    })
  })

  it('still gives a reason when no phase says why', async () => {
    await expect(status(build('new', 'FAILED'))).resolves.toEqual({
      state: 'failed',
      reason: 'tests:new FAILED',
      failure: { reason: 'FAILED', transient: undefined, endedAt: undefined }
    })
  })

  it('maps STOPPED to stopped', async () => {
    await expect(status(build('new', 'STOPPED'))).resolves.toEqual({ state: 'stopped' })
  })

  it('fails when the build is gone', async () => {
    cb.on(BatchGetBuildsCommand).resolves({ builds: [], buildsNotFound: ['tests:new'] })
    await expect(setup().provider.status(target(), started)).rejects.toThrow(TargetError)
  })
})

describe('codebuild stop and console', () => {
  it('stops the retried build', async () => {
    cb.on(StopBuildCommand).resolves({})
    await setup().provider.stop(target(), started, 'workflow cancelled')
    expect(cb).toHaveReceivedCommandWith(StopBuildCommand, { id: 'tests:new' })
  })

  it('links the China console for cn- regions', async () => {
    cb.on(RetryBuildCommand).resolves({ build: { id: 'tests:new' } })
    const context = testContext(codebuild.errors, { region: 'cn-north-1' })
    const result = await codebuild
      .create(context)
      .retry(target(), candidate('tests:b1'), { mode: 'failed', token: TOKEN })
    expect(result.consoleUrl).toBe(
      'https://cn-north-1.console.amazonaws.cn/codesuite/codebuild/projects/tests/build/tests%3Anew/?region=cn-north-1'
    )
    expect(result.executionArn).toBeUndefined()
  })
})
