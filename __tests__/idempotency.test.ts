import { createHash } from 'node:crypto'
import { describe, expect, it } from '@jest/globals'
import { deriveToken, runIdentity, type RunIdentity } from '../src/idempotency.js'

const base: RunIdentity = {
  repository: 'octo/app',
  runId: '1234567890',
  runAttempt: '1',
  job: 'recover',
  action: 'retry'
}
const EXEC = 'p1:3137f7cb-7cf7-4d2c-9f2a-1b2c3d4e5f60'

describe('deriveToken', () => {
  it('is 64 lowercase hex characters', () => {
    expect(deriveToken(base, 'codebuild', EXEC)).toMatch(/^[0-9a-f]{64}$/)
  })

  it('is stable for the same inputs (a step re-sent by the runner retries once)', () => {
    expect(deriveToken({ ...base }, 'codebuild', EXEC)).toBe(deriveToken(base, 'codebuild', EXEC))
  })

  it('is a SHA-256 (not the raw inputs)', () => {
    const token = deriveToken(base, 'codebuild', EXEC)
    expect(token).not.toContain('octo')
    expect(token).toHaveLength(createHash('sha256').digest('hex').length)
  })

  it.each<[string, RunIdentity, string, string]>([
    ['run attempt', { ...base, runAttempt: '2' }, 'codebuild', EXEC],
    ['run ID', { ...base, runId: '1234567891' }, 'codebuild', EXEC],
    ['repository', { ...base, repository: 'octo/other' }, 'codebuild', EXEC],
    ['job', { ...base, job: 'other-job' }, 'codebuild', EXEC],
    ['step (action ID)', { ...base, action: '__run_2' }, 'codebuild', EXEC],
    ['service', base, 'codebuild-batch', EXEC],
    ['execution', base, 'codebuild', 'p1:00000000-7cf7-4d2c-9f2a-1b2c3d4e5f60'],
    ['execution as ARN vs ID', base, 'codebuild', `arn:aws:codebuild:us-east-1:123456789012:build/${EXEC}`]
  ])('differs when the %s differs', (_, identity, service, execution) => {
    expect(deriveToken(identity, service, execution)).not.toBe(deriveToken(base, 'codebuild', EXEC))
  })

  it('does not confuse fields whose concatenation is the same', () => {
    const a = deriveToken({ ...base, job: 'ab', action: 'c' }, 'codebuild', EXEC)
    const b = deriveToken({ ...base, job: 'a', action: 'bc' }, 'codebuild', EXEC)
    expect(a).not.toBe(b)
  })
})

describe('runIdentity', () => {
  it('reads the runner environment', () => {
    expect(
      runIdentity({
        GITHUB_REPOSITORY: 'octo/app',
        GITHUB_RUN_ID: '99',
        GITHUB_RUN_ATTEMPT: '3',
        GITHUB_JOB: 'build',
        GITHUB_ACTION: '__pipeline-retry'
      })
    ).toEqual({
      repository: 'octo/app',
      runId: '99',
      runAttempt: '3',
      job: 'build',
      action: '__pipeline-retry'
    })
  })

  it('uses empty strings outside a runner', () => {
    expect(runIdentity({})).toEqual({ repository: '', runId: '', runAttempt: '', job: '', action: '' })
  })
})
