// The retry policy: every classification rule of docs/contract.md, with failure texts as the services write
// them. Sources of the texts:
// - CodeBuild phase contexts: AWS CodeBuild User Guide, "Troubleshooting AWS CodeBuild" (COMMAND_EXECUTION_ERROR,
//   YAML_FILE_ERROR, BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE, CLIENT_ERROR, "Reached max retry attempts"), and the
//   AWS CodeBuild API reference (StatusType FAULT, TIMED_OUT; BuildPhase types).
// - CodePipeline errorDetails: AWS CodePipeline User Guide, "Troubleshooting CodePipeline" (JobFailed,
//   "Internal error", "Rate exceeded").
// - SageMaker: Amazon SageMaker Developer Guide, "Pipelines step retry policy" (Step.SERVICE_FAULT,
//   Step.THROTTLING, SageMaker.JOB_INTERNAL_ERROR, SageMaker.CAPACITY_ERROR, SageMaker.RESOURCE_LIMIT) and the
//   FailureReason texts that go with them ("CapacityError: Unable to provision requested ML compute capacity").
// - CodeArts job messages: Huawei Cloud CodeArts Pipeline FAQ (build job failures, "service busy").
import { describe, expect, it } from '@jest/globals'
import { formatAge, formatElapsed, judge } from '../../../src/engine/policy.js'
import { everyItemTransient, transientWord, type Failure } from '../../../src/model/failure.js'
import type { RetryPolicy } from '../../../src/model/request.js'
import { buildFailure } from '../../../src/services/codebuild/failure.js'

const NOW = Date.parse('2026-12-01T12:00:00Z')
const policy = (...entries: string[]): RetryPolicy => ({
  retryOn: entries.map(e =>
    e === 'any' || e === 'transient'
      ? { kind: e }
      : { kind: 'pattern', source: e, pattern: new RegExp(e, 'i') }
  )
})

const phase = (phaseType: string, phaseStatus: string, statusCode?: string, message?: string) => ({
  phaseType,
  phaseStatus,
  ...(statusCode ? { contexts: [{ statusCode, ...(message ? { message } : {}) }] } : {})
})

describe('transient words', () => {
  it.each([
    ['Rate exceeded', 'rate exceeded'],
    ['ThrottlingException: Rate exceeded', 'throttl'],
    ['An internal error occurred. Please try again.', 'internal error'],
    ['InternalServerError: We encountered an internal error. Please try again.', 'InternalServerError'],
    [
      'CapacityError: Unable to provision requested ML compute capacity. Please retry using a different ML instance type.',
      'CapacityError'
    ],
    ['ResourceLimitExceeded: The account-level service limit is exceeded', 'ResourceLimitExceeded'],
    ['read ECONNRESET', 'ECONNRESET'],
    ['Service busy: SystemUnavailable, please retry', 'SystemUnavailable']
  ])('%s names %s', (text, word) => {
    expect(transientWord(text)?.toLowerCase()).toBe(word.toLowerCase())
  })

  it.each([
    'Error while executing command: npm test. Reason: exit status 1',
    'YAML_FILE_ERROR: Expected Commands[0] to be of string type',
    'AlgorithmError: loss is NaN',
    'Deployment failed: health checks did not pass',
    ''
  ])('%s names none', text => {
    expect(transientWord(text)).toBeUndefined()
  })
})

describe('CodeBuild rule', () => {
  it('a command that exited non-zero is deterministic', () => {
    const f = buildFailure({
      buildStatus: 'FAILED',
      phases: [
        phase(
          'BUILD',
          'FAILED',
          'COMMAND_EXECUTION_ERROR',
          'Error while executing command: npm test. Reason: exit status 1'
        )
      ]
    })
    expect(f).toEqual({
      reason:
        'FAILED BUILD: COMMAND_EXECUTION_ERROR: Error while executing command: npm test. Reason: exit status 1',
      transient: undefined,
      endedAt: undefined
    })
  })

  it('a FAULT build is transient (CodeBuild failed, not the build)', () => {
    expect(buildFailure({ buildStatus: 'FAULT', phases: [phase('BUILD', 'FAULT')] }).transient).toBe(
      'status FAULT'
    )
  })

  it.each(['SUBMITTED', 'QUEUED', 'PROVISIONING', 'DOWNLOAD_SOURCE'])(
    'a failure in %s (before the build’s own commands) is transient',
    p => {
      const f = buildFailure({
        buildStatus: 'FAILED',
        phases: [phase(p, 'FAILED', 'CLIENT_ERROR', 'RequestError: send request failed')]
      })
      expect(f.transient).toBe(`failed in ${p}, before its own commands ran`)
    }
  )

  it('a failed phase whose context names a transient word is transient', () => {
    const f = buildFailure({
      buildStatus: 'FAILED',
      phases: [phase('UPLOAD_ARTIFACTS', 'FAILED', 'CLIENT_ERROR', 'upload failed: read ECONNRESET')]
    })
    expect(f.transient).toBe("names 'ECONNRESET'")
  })

  it('stays deterministic for the ambiguous ones: TIMED_OUT and BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE', () => {
    expect(
      buildFailure({ buildStatus: 'TIMED_OUT', phases: [phase('BUILD', 'TIMED_OUT')] }).transient
    ).toBeUndefined()
    expect(
      buildFailure({
        buildStatus: 'FAILED',
        phases: [
          phase(
            'INSTALL',
            'FAILED',
            'BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE',
            "Unable to pull customer's container image"
          )
        ]
      }).transient
    ).toBeUndefined()
  })

  it('…unless a retry-on pattern says otherwise', () => {
    const f = buildFailure({
      buildStatus: 'FAILED',
      phases: [phase('INSTALL', 'FAILED', 'BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE', 'x')]
    })
    expect(judge(f, policy('transient'), NOW).retry).toBe(false)
    expect(judge(f, policy('transient', 'UNABLE_TO_PULL_IMAGE'), NOW)).toEqual({
      retry: true,
      why: 'retry-on: /UNABLE_TO_PULL_IMAGE/ matched'
    })
  })

  it('ends at the latest failed phase, else the build', () => {
    const end = new Date('2026-11-30T10:00:00Z')
    expect(
      buildFailure({ buildStatus: 'FAILED', phases: [{ ...phase('BUILD', 'FAILED'), endTime: end }] }).endedAt
    ).toBe(end.getTime())
    expect(buildFailure({ buildStatus: 'FAILED', endTime: end }).endedAt).toBe(end.getTime())
  })
})

describe('items', () => {
  it('transient only when every item is', () => {
    expect(everyItemTransient(["names 'throttl'", 'status FAULT'])).toBe("names 'throttl', status FAULT")
    expect(everyItemTransient(["names 'throttl'", undefined])).toBeUndefined()
    expect(everyItemTransient([])).toBeUndefined()
  })
})

describe('judge', () => {
  const transient: Failure = {
    reason: 'Deploy: JobFailed: Rate exceeded',
    transient: "names 'rate exceeded'"
  }
  const deterministic: Failure = { reason: 'Test / unit: FAILED: 3 tests failed' }

  it('any retries every failure, and says so', () => {
    expect(judge(deterministic, policy('any'), NOW)).toEqual({ retry: true, why: 'retry-on: any' })
    expect(judge(undefined, policy('any'), NOW).retry).toBe(true)
  })

  it('transient retries what is transient, naming the rule', () => {
    expect(judge(transient, policy('transient'), NOW)).toEqual({
      retry: true,
      why: "retry-on: transient (names 'rate exceeded')"
    })
    expect(judge(deterministic, policy('transient'), NOW)).toEqual({
      retry: false,
      why: 'not retried: a deterministic failure, and retry-on (transient) does not match it'
    })
  })

  it('a pattern matches case-insensitively anywhere in the reason; the first matching entry is named', () => {
    expect(judge(deterministic, policy('transient', 'timed? ?out'), NOW).retry).toBe(false)
    expect(judge(deterministic, policy('transient', '3 TESTS'), NOW)).toEqual({
      retry: true,
      why: 'retry-on: /3 TESTS/ matched'
    })
  })

  it('failed-within leaves an old failure alone, whatever retry-on says', () => {
    const old: Failure = { ...transient, endedAt: NOW - 3 * 86_400_000 }
    const recent: Failure = { ...transient, endedAt: NOW - 3_600_000 }
    const within = { ...policy('any'), failedWithinMs: 86_400_000 }
    expect(judge(old, within, NOW)).toEqual({ retry: false, why: 'failed 3d ago; failed-within is 1d' })
    expect(judge(recent, within, NOW).retry).toBe(true)
    // Without an end time the age is unknown: the failure is not held back.
    expect(judge({ reason: 'x' }, within, NOW).retry).toBe(true)
  })

  it('formats ages in the largest whole unit', () => {
    expect([
      formatAge(90 * 60_000),
      formatAge(24 * 3_600_000),
      formatAge(7 * 86_400_000),
      formatAge(5 * 60_000)
    ]).toEqual(['90m', '1d', '7d', '5m'])
  })

  it('formats a measured age by its size alone, even when it lands on a whole hour', () => {
    // CI once saw "failed 7836h ago" for a failure 326.5 days old: a whole number of hours.
    expect([
      formatElapsed(7836 * 3_600_000),
      formatElapsed(7836 * 3_600_000 + 1),
      formatElapsed(72 * 3_600_000),
      formatElapsed(3 * 3_600_000),
      formatElapsed(119 * 60_000 + 59_999)
    ]).toEqual(['326d', '326d', '3d', '3h', '119m'])
  })
})

describe('SageMaker rule', () => {
  it('transient only when every failed step names a transient word', async () => {
    const { executionFailure } = await import('../../../src/services/sagemaker/provider.js')
    const capacity = {
      StepName: 'Train',
      StepStatus: 'Failed' as const,
      FailureReason: 'CapacityError: Unable to provision requested ML compute capacity.',
      EndTime: new Date('2026-11-30T10:00:00Z')
    }
    const algorithm = {
      StepName: 'Evaluate',
      StepStatus: 'Failed' as const,
      FailureReason: 'AlgorithmError: loss is NaN'
    }
    expect(executionFailure('Step failure: One or multiple steps failed.', [capacity])).toEqual({
      reason:
        'Step failure: One or multiple steps failed.; Train: CapacityError: Unable to provision requested ML compute capacity.',
      transient: "names 'CapacityError'",
      endedAt: capacity.EndTime.getTime()
    })
    expect(executionFailure('Step failure', [capacity, algorithm]).transient).toBeUndefined()
  })
})

describe('CodePipeline rule', () => {
  const stage = (message: string, externalExecutionId?: string) => ({
    stageName: 'Deploy',
    actionStates: [
      {
        actionName: 'Build',
        latestExecution: {
          status: 'Failed' as const,
          errorDetails: { code: 'JobFailed', message },
          lastStatusChange: new Date('2026-11-30T10:00:00Z'),
          ...(externalExecutionId ? { externalExecutionId } : {})
        }
      }
    ]
  })
  const BUILD = 'integration-tests:7d4e2b9c-1f3a-4c6e-8b5d-9a0f1e2d3c4b'

  it('an action whose error names a transient word is transient', async () => {
    const { stageFailure } = await import('../../../src/services/codepipeline/provider.js')
    expect(stageFailure(stage('An internal error occurred'))).toEqual({
      reason: 'Build: JobFailed: An internal error occurred',
      transient: "names 'internal error'",
      endedAt: Date.parse('2026-11-30T10:00:00Z')
    })
  })

  it('a CodeBuild action takes its build’s classification; without the build, its text decides', async () => {
    const { buildIdsOf, stageFailure } = await import('../../../src/services/codepipeline/provider.js')
    const failed = stage('Build terminated with state: FAILED', BUILD)
    expect(buildIdsOf(failed)).toEqual([BUILD])
    const builds = new Map([[BUILD, buildFailure({ buildStatus: 'FAULT' })]])
    expect(stageFailure(failed, builds).transient).toBe('its CodeBuild build status FAULT')
    expect(stageFailure(failed).transient).toBeUndefined()
    expect(buildIdsOf(stage('x', 'd-4KX9Q2B7C'))).toEqual([])
  })
})
