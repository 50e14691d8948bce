import { describe, it, expect, beforeEach } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import {
  BatchGetBuildBatchesCommand,
  CodeBuildClient,
  ListBuildBatchesForProjectCommand,
  RetryBuildBatchCommand,
  StopBuildBatchCommand,
  type BuildBatch
} from '@aws-sdk/client-codebuild'
import codebuildBatch from '../../../src/services/codebuild-batch/provider.js'
import { ServiceCallError, TargetError } from '../../../src/model/errors.js'
import type { Candidate, Started } from '../../../src/model/provider.js'
import type { CodeBuildBatchTarget } from '../../../src/services/codebuild-batch/index.js'
import { networkError, sdkError, testContext } from '../../support/context.js'

const cb = mockClient(CodeBuildClient)

const SHA = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432'
const OTHER_SHA = 'ffffffffffffffffffffffffffffffffffffffff'
const ARN_PREFIX = 'arn:aws:codebuild:eu-west-1:123456789012:build-batch/'
const TOKEN = 'b'.repeat(64)

const target = (executionId?: string): CodeBuildBatchTarget => ({
  service: 'codebuild-batch',
  label: 'codebuild-batch:matrix',
  projectName: 'matrix',
  ...(executionId ? { executionId } : {})
})

function batch(
  id: string,
  buildBatchStatus: BuildBatch['buildBatchStatus'],
  extra: Partial<BuildBatch> = {}
) {
  return {
    id: `matrix:${id}`,
    arn: `${ARN_PREFIX}matrix:${id}`,
    buildBatchStatus,
    resolvedSourceVersion: SHA,
    ...extra
  }
}

/** The project's batches, newest first. */
function history(...batches: BuildBatch[]): void {
  cb.on(ListBuildBatchesForProjectCommand).resolves({ ids: batches.map(b => b.id!) })
  cb.on(BatchGetBuildBatchesCommand).callsFake((input: { ids: string[] }) => ({
    buildBatches: batches.filter(b => input.ids.includes(b.id!)).reverse()
  }))
}

const setup = (region = 'eu-west-1') => {
  const context = testContext(codebuildBatch.errors, { region })
  return { context, provider: codebuildBatch.create(context) }
}

const candidate = (executionId: string): Candidate => ({
  executionId,
  description: '',
  consoleUrl: '',
  revision: ''
})
const started: Started = { executionId: 'matrix:new', consoleUrl: '' }
// RetryBuildBatch restarts the same batch: its answer carries the batch's own ID.
const retried = {
  buildBatch: { id: 'matrix:b1', arn: `${ARN_PREFIX}matrix:b1`, buildBatchStatus: 'IN_PROGRESS' as const }
}

beforeEach(() => {
  cb.reset()
})

describe('codebuild-batch discover', () => {
  it('takes the newest batch when it failed and counts batches of its source', async () => {
    history(batch('b3', 'FAILED'), batch('b2', 'FAULT'), batch('b1', 'SUCCEEDED'))
    const found = await setup().provider.discover(target())

    expect(found).toEqual({
      kind: 'found',
      candidate: {
        executionId: 'matrix:b3',
        description: 'latest batch matrix:b3 FAILED',
        consoleUrl:
          'https://eu-west-1.console.aws.amazon.com/codesuite/codebuild/projects/matrix/batch/matrix%3Ab3/?region=eu-west-1',
        previousAttempts: 1,
        attemptsBasis: '2 consecutive failed batches of source 9f8e7d6',
        revision: 'matrix:b3 FAILED 0',
        failure: { reason: 'FAILED', transient: undefined, endedAt: undefined }
      }
    })
    expect(cb).toHaveReceivedCommandWith(ListBuildBatchesForProjectCommand, {
      projectName: 'matrix',
      sortOrder: 'DESCENDING',
      maxResults: 100
    })
    expect(cb).toHaveReceivedCommandWith(BatchGetBuildBatchesCommand, {
      ids: ['matrix:b3', 'matrix:b2', 'matrix:b1']
    })
  })

  it('does not resurrect an older failed batch', async () => {
    history(batch('b2', 'SUCCEEDED'), batch('b1', 'TIMED_OUT'))
    await expect(setup().provider.discover(target())).resolves.toEqual({
      kind: 'nothing',
      reason: 'latest batch matrix:b2 is SUCCEEDED'
    })
  })

  it('leaves a stopped batch alone', async () => {
    history(batch('b1', 'STOPPED'))
    const found = await setup().provider.discover(target())
    expect(found).toEqual({ kind: 'nothing', reason: 'latest batch matrix:b1 is STOPPED' })
  })

  it('reports an empty history', async () => {
    cb.on(ListBuildBatchesForProjectCommand).resolves({ ids: [] })
    await expect(setup().provider.discover(target())).resolves.toEqual({
      kind: 'nothing',
      reason: 'project matrix has no batches'
    })
  })

  it('takes a named batch ARN as given and reads it by its ID', async () => {
    // b2 builds another branch: it does not supersede b1.
    history(
      batch('b2', 'IN_PROGRESS', { sourceVersion: 'refs/heads/feature', resolvedSourceVersion: OTHER_SHA }),
      batch('b1', 'FAILED', { sourceVersion: 'refs/heads/main' })
    )
    const found = await setup().provider.discover(target(`${ARN_PREFIX}matrix:b1`))

    expect(found.kind === 'found' && found.candidate).toMatchObject({
      executionId: `${ARN_PREFIX}matrix:b1`,
      consoleUrl: expect.stringContaining('/projects/matrix/batch/matrix%3Ab1/'),
      previousAttempts: 0
    })
    expect(cb.commandCalls(BatchGetBuildBatchesCommand)[0]!.args[0].input).toEqual({ ids: ['matrix:b1'] })
  })

  it('adds the retries that restarted the same batch in place', async () => {
    const prior = (n: number) => Array.from({ length: n }, () => ({ buildStatus: 'FAILED' as const }))
    history(
      batch('b2', 'FAILED', {
        buildGroups: [
          {
            identifier: 'linux',
            currentBuildSummary: { buildStatus: 'FAILED' },
            priorBuildSummaryList: prior(2)
          },
          {
            identifier: 'windows',
            currentBuildSummary: { buildStatus: 'SUCCEEDED' },
            priorBuildSummaryList: prior(1)
          }
        ]
      }),
      batch('b1', 'FAILED', { buildGroups: [{ identifier: 'linux', priorBuildSummaryList: prior(1) }] }),
      batch('b0', 'FAILED', {
        resolvedSourceVersion: 'other',
        buildGroups: [{ priorBuildSummaryList: prior(5) }]
      })
    )
    const found = await setup().provider.discover(target())

    expect(found.kind === 'found' && found.candidate).toMatchObject({
      previousAttempts: 4,
      attemptsBasis: '2 consecutive failed batches of source 9f8e7d6, retried in place 3 times'
    })
  })

  it('refuses a named batch that did not fail', async () => {
    history(batch('b1', 'SUCCEEDED'))
    const discovery = setup().provider.discover(target('matrix:b1'))
    await expect(discovery).rejects.toThrow(TargetError)
    await expect(discovery).rejects.toThrow(/batch matrix:b1 is SUCCEEDED/)
  })

  it('a named batch still running is nothing to retry yet, named so that wait follows it', async () => {
    history(batch('b1', 'IN_PROGRESS'))
    const discovery = await setup().provider.discover(target('matrix:b1'))
    expect(discovery).toMatchObject({
      kind: 'nothing',
      reason: 'batch matrix:b1 is IN_PROGRESS',
      running: { executionId: 'matrix:b1' }
    })
  })
})

describe('codebuild-batch retry', () => {
  it.each([
    ['failed', 'RETRY_FAILED_BUILDS'],
    ['all', 'RETRY_ALL_BUILDS']
  ] as const)('maps retry-mode %s to %s', async (mode, retryType) => {
    cb.on(RetryBuildBatchCommand).resolves(retried)
    const result = await setup().provider.retry(target(), candidate('matrix:b1'), { mode, token: TOKEN })

    expect(cb).toHaveReceivedCommandWith(RetryBuildBatchCommand, {
      id: 'matrix:b1',
      idempotencyToken: TOKEN,
      retryType
    })
    expect(result).toEqual({
      executionId: 'matrix:b1',
      executionArn: `${ARN_PREFIX}matrix:b1`,
      consoleUrl:
        'https://eu-west-1.console.aws.amazon.com/codesuite/codebuild/projects/matrix/batch/matrix%3Ab1/?region=eu-west-1'
    })
  })

  it.each([
    ['InvalidInputException', /failed batch/],
    ['ResourceNotFoundException', /check project-name, execution-id and region/],
    ['AccountLimitExceededException', /Service Quotas/],
    [
      'AccessDeniedException',
      /codebuild:ListBuildBatchesForProject, codebuild:BatchGetBuildBatches, codebuild:RetryBuildBatch/
    ]
  ])('fails at once on %s with the hint', async (name, hint) => {
    cb.on(RetryBuildBatchCommand).rejects(sdkError(name))
    const retry = setup().provider.retry(target(), candidate('matrix:b1'), { mode: 'failed', token: TOKEN })

    await expect(retry).rejects.toThrow(ServiceCallError)
    await expect(retry).rejects.toThrow(new RegExp(`RetryBuildBatch failed: ${name}: .*Hint: `))
    await expect(retry).rejects.toThrow(hint)
    expect(cb).toHaveReceivedCommandTimes(RetryBuildBatchCommand, 1)
  })

  it('re-sends the same token after throttling and after a lost answer', async () => {
    cb.on(RetryBuildBatchCommand)
      .rejectsOnce(sdkError('ThrottlingException', 'Rate exceeded', { throttling: true }))
      .rejectsOnce(networkError('ETIMEDOUT'))
      .resolves(retried)
    const result = await setup().provider.retry(target(), candidate('matrix:b1'), {
      mode: 'all',
      token: TOKEN
    })

    expect(result.executionId).toBe('matrix:b1')
    const sent = cb.commandCalls(RetryBuildBatchCommand).map(c => c.args[0].input)
    expect(sent).toHaveLength(3)
    expect(new Set(sent.map(i => `${i.idempotencyToken}/${i.retryType}`))).toEqual(
      new Set([`${TOKEN}/RETRY_ALL_BUILDS`])
    )
  })
})

describe('codebuild-batch status', () => {
  const status = async (b: BuildBatch) => {
    cb.on(BatchGetBuildBatchesCommand, { ids: ['matrix:new'] }).resolves({ buildBatches: [b] })
    return setup().provider.status(target(), started)
  }

  it('reports a running batch and its phase', async () => {
    await expect(status(batch('new', 'IN_PROGRESS', { currentPhase: 'IN_PROGRESS' }))).resolves.toEqual({
      state: 'in-progress',
      phase: 'IN_PROGRESS'
    })
  })

  it('reports success and stop', async () => {
    await expect(status(batch('new', 'SUCCEEDED'))).resolves.toEqual({ state: 'succeeded' })
    cb.reset()
    await expect(status(batch('new', 'STOPPED'))).resolves.toEqual({ state: 'stopped' })
  })

  it('names the failed builds of the batch, not those allowed to fail', async () => {
    const failed = batch('new', 'FAILED', {
      currentPhase: 'COMPLETED',
      buildGroups: [
        { identifier: 'linux_x64', currentBuildSummary: { buildStatus: 'FAILED' } },
        { identifier: 'macos', currentBuildSummary: { buildStatus: 'SUCCEEDED' } },
        { identifier: 'experimental', ignoreFailure: true, currentBuildSummary: { buildStatus: 'FAILED' } },
        { identifier: 'windows', currentBuildSummary: { buildStatus: 'FAULT' } }
      ]
    })
    await expect(status(failed)).resolves.toEqual({
      state: 'failed',
      phase: 'COMPLETED',
      reason: 'failed builds: linux_x64 FAILED, windows FAULT',
      // linux_x64 (unread, FAILED) is not transient, so the batch is not either, though windows (FAULT) is.
      failure: { reason: 'linux_x64: FAILED; windows: FAULT', transient: undefined, endedAt: undefined }
    })
  })

  it('falls back to the failed phase of the batch', async () => {
    const timedOut = batch('new', 'TIMED_OUT', {
      phases: [
        {
          phaseType: 'DOWNLOAD_BATCHSPEC',
          phaseStatus: 'FAILED',
          contexts: [{ statusCode: 'YAML_FILE_ERROR', message: 'buildspec is invalid' }]
        }
      ]
    })
    await expect(status(timedOut)).resolves.toEqual({
      state: 'failed',
      reason: 'phase DOWNLOAD_BATCHSPEC FAILED: YAML_FILE_ERROR: buildspec is invalid',
      failure: {
        reason: 'FAILED DOWNLOAD_BATCHSPEC: YAML_FILE_ERROR: buildspec is invalid',
        transient: undefined,
        endedAt: undefined
      }
    })
  })
})

describe('codebuild-batch stop', () => {
  it('stops the retried batch', async () => {
    cb.on(StopBuildBatchCommand).resolves({})
    await setup().provider.stop(target(), started, 'workflow cancelled')
    expect(cb).toHaveReceivedCommandWith(StopBuildBatchCommand, { id: 'matrix:new' })
  })
})
