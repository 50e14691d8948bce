import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { deriveToken } from '../../../src/engine/idempotency.js'

const EXEC = 'integration-tests:7d4e1c2b-0a9f-4c3e-8b6d-5f2a1e0c9b8a'

describe('deriveToken', () => {
  it('is 64 lowercase hex characters (valid for CodeBuild and SageMaker alike)', () => {
    expect(deriveToken('codebuild', EXEC, 0)).toMatch(/^[0-9a-f]{64}$/)
  })

  it('is SHA-256 over the service, the identifier as sent and the retry count', () => {
    const expected = createHash('sha256')
      .update(JSON.stringify(['codebuild', EXEC, 2]))
      .digest('hex')
    expect(deriveToken('codebuild', EXEC, 2)).toBe(expected)
  })

  it('is the same for two runs that see the same failure (nothing of the workflow run goes in)', () => {
    expect(deriveToken('codebuild', EXEC, 1)).toBe(deriveToken('codebuild', EXEC, 1))
  })

  it.each<[string, string, string, number | undefined]>([
    ['service', 'codebuild-batch', EXEC, 0],
    ['execution identifier', 'codebuild', `arn:aws:codebuild:us-east-1:123456789012:build/${EXEC}`, 0],
    ['retry count', 'codebuild', EXEC, 1],
    ['unknown retry count', 'codebuild', EXEC, undefined]
  ])('differs when the %s differs', (_, service, execution, count) => {
    expect(deriveToken(service, execution, count)).not.toBe(deriveToken('codebuild', EXEC, 0))
  })

  it('keeps its parts apart (no ambiguity from concatenation)', () => {
    expect(deriveToken('codebuild', 'a1', 0)).not.toBe(deriveToken('codebuild', 'a', 10))
  })
})
