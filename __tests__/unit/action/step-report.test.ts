import { describe, expect, it } from '@jest/globals'
import { stopUnconfirmed } from '../../../src/action/step-report.js'
import type { TargetResult } from '../../../src/model/target.js'

const row = (status: TargetResult['status'], retried: boolean, message: string): TargetResult => ({
  service: 'codebuild',
  target: 'codebuild:p',
  retried,
  executionId: 'p:1',
  executionArn: '',
  stageName: '',
  status,
  consoleUrl: '',
  message,
  attempts: retried ? 1 : 0,
  failure: ''
})

describe('a cancel with cancel-on-abort, reported before a target reached its stop call', () => {
  it('a retried row still running says its stop was not made or not answered; other rows are left as they are', () => {
    expect(stopUnconfirmed(row('in-progress', true, 'retried latest build p:1 FAILED')).message).toBe(
      'retried latest build p:1 FAILED; the stop call (cancel-on-abort) was not made or not answered before the step had to exit'
    )
    const said = row(
      'in-progress',
      true,
      'wait cancelled after 2s; the stop call (cancel-on-abort) was not made'
    )
    expect(stopUnconfirmed(said)).toBe(said)
    for (const other of [
      row('stopped', true, 'stopped'),
      row('in-progress', false, 'running'),
      row('cancelled', false, 'x')
    ])
      expect(stopUnconfirmed(other)).toBe(other)
  })
})
