import { describe, expect, it } from '@jest/globals'
import {
  escapeHtml,
  isFailure,
  OUTPUT_NAMES,
  singleOutputs,
  summaryTable,
  targetsOutputs,
  totalsLine
} from '../src/report.js'
import type { Status, TargetResult } from '../src/targets.js'

function result(overrides: Partial<TargetResult> = {}): TargetResult {
  return {
    service: 'codebuild',
    target: 'codebuild:p1',
    retried: true,
    executionId: 'p1:3137f7cb-7cf7-4d2c-9f2a-1b2c3d4e5f60',
    executionArn: 'arn:aws:codebuild:us-east-1:123456789012:build/p1:3137f7cb-7cf7-4d2c-9f2a-1b2c3d4e5f60',
    stageName: '',
    status: 'in-progress',
    consoleUrl: 'https://console.aws.amazon.com/codesuite/codebuild/projects/p1',
    message: 'retried build p1:3137f7cb',
    ...overrides
  }
}

const KEYS = [
  'service',
  'target',
  'retried',
  'executionId',
  'executionArn',
  'stageName',
  'status',
  'consoleUrl',
  'message'
]

describe('singleOutputs', () => {
  it('sets every output from the one result', () => {
    const r = result({ service: 'codepipeline', target: 'codepipeline:release/Deploy', stageName: 'Deploy' })
    const outputs = singleOutputs(r)
    expect(Object.keys(outputs).sort()).toEqual([...OUTPUT_NAMES].sort())
    expect(outputs).toMatchObject({
      retried: 'true',
      'execution-id': r.executionId,
      'execution-arn': r.executionArn,
      'stage-name': 'Deploy',
      status: 'in-progress',
      'console-url': r.consoleUrl
    })
    expect(JSON.parse(outputs.results)).toEqual([r])
  })

  it('retried is the string false when nothing was retried', () => {
    const outputs = singleOutputs(result({ retried: false, status: 'nothing-to-retry', executionId: '' }))
    expect(outputs.retried).toBe('false')
    expect(outputs['execution-id']).toBe('')
  })
})

describe('results JSON', () => {
  it('has exactly the contract keys, in order, with retried a JSON boolean and the rest strings', () => {
    const [object] = JSON.parse(singleOutputs(result({ retried: false })).results) as Record<
      string,
      unknown
    >[]
    expect(Object.keys(object ?? {})).toEqual(KEYS)
    expect(object?.retried).toBe(false)
    for (const key of KEYS.filter(k => k !== 'retried')) expect(typeof object?.[key]).toBe('string')
  })

  it('drops anything that is not a contract key', () => {
    const extra = { ...result(), secret: 'x' } as TargetResult
    const [object] = JSON.parse(targetsOutputs([extra]).results ?? '[]') as Record<string, unknown>[]
    expect(Object.keys(object ?? {})).toEqual(KEYS)
  })
})

describe('targetsOutputs', () => {
  it('sets only retried (any target) and results, one object per target in order', () => {
    const results = [
      result({ target: 'codebuild:a', retried: false, status: 'nothing-to-retry' }),
      result({ target: 'codebuild:b', retried: true }),
      result({ target: 'codebuild:c', retried: false, status: 'error' })
    ]
    const outputs = targetsOutputs(results)
    expect(Object.keys(outputs).sort()).toEqual(['results', 'retried'])
    expect(outputs.retried).toBe('true')
    const parsed = JSON.parse(outputs.results ?? '') as TargetResult[]
    expect(parsed.map(r => r.target)).toEqual(['codebuild:a', 'codebuild:b', 'codebuild:c'])
    expect(parsed.map(r => r.retried)).toEqual([false, true, false])
  })

  it('retried is false when no target was retried; results is [] for none', () => {
    expect(targetsOutputs([result({ retried: false, status: 'skipped' })]).retried).toBe('false')
    expect(targetsOutputs([])).toEqual({ retried: 'false', results: '[]' })
  })
})

describe('isFailure', () => {
  const all: Status[] = [
    'in-progress',
    'succeeded',
    'failed',
    'stopped',
    'timed-out',
    'nothing-to-retry',
    'skipped',
    'dry-run',
    'error'
  ]

  it('without wait only an error fails the step', () => {
    for (const status of all) {
      expect(isFailure(result({ status, retried: true }), false)).toBe(status === 'error')
      expect(isFailure(result({ status, retried: false }), false)).toBe(status === 'error')
    }
  })

  it('with wait, a retried execution that did not succeed fails the step too', () => {
    for (const status of ['failed', 'stopped', 'timed-out', 'in-progress', 'error'] as Status[])
      expect(isFailure(result({ status, retried: true }), true)).toBe(true)
    expect(isFailure(result({ status: 'succeeded', retried: true }), true)).toBe(false)
  })

  it('with wait, nothing-to-retry, skipped and dry-run do not fail the step', () => {
    for (const status of ['nothing-to-retry', 'skipped', 'dry-run'] as Status[])
      expect(isFailure(result({ status, retried: false }), true)).toBe(false)
    expect(isFailure(result({ status: 'error', retried: false }), true)).toBe(true)
  })
})

describe('summaryTable', () => {
  it('has a header row and one row per target', () => {
    const table = summaryTable([result(), result({ target: 'codebuild:p2' })])
    expect(table).toHaveLength(3)
    expect(table[0]).toEqual(
      ['Service', 'Target', 'Execution', 'Status', 'Details', 'Link'].map(data => ({ data, header: true }))
    )
    expect(table[1]?.[0]).toBe('codebuild')
    expect(table[2]?.[1]).toBe('codebuild:p2')
    expect(table[1]?.[3]).toContain('in progress')
    expect(table[1]?.[5]).toBe(
      '<a href="https://console.aws.amazon.com/codesuite/codebuild/projects/p1">console</a>'
    )
  })

  it('escapes HTML in text that comes from the service or the user', () => {
    const [, row] = summaryTable([
      result({
        target: 'codebuild:<b>',
        executionId: '<img src=x onerror=alert(1)>',
        message: 'Stage <Deploy> failed: "quoted" & \'single\'',
        consoleUrl: 'https://x.example/?a=1&b="><script>'
      })
    ])
    const html = (row ?? []).map(cell => (typeof cell === 'string' ? cell : cell.data)).join(' ')
    expect(html).not.toMatch(/<(img|script|b|Deploy)\b/)
    expect(row?.[1]).toBe('codebuild:&#60;b&#62;')
    expect(row?.[4]).toBe('Stage &#60;Deploy&#62; failed: &#34;quoted&#34; &#38; &#39;single&#39;')
    expect(row?.[5]).toBe('<a href="https://x.example/?a=1&#38;b=&#34;&#62;&#60;script&#62;">console</a>')
  })

  it('shows a dash for an empty execution, message or link', () => {
    const [, row] = summaryTable([
      result({ executionId: '', message: '', consoleUrl: '', status: 'nothing-to-retry', retried: false })
    ])
    expect(row?.[2]).toBe('—')
    expect(row?.[4]).toBe('—')
    expect(row?.[5]).toBe('—')
  })
})

describe('totalsLine', () => {
  it('counts targets per status', () => {
    const line = totalsLine([
      result({ status: 'succeeded' }),
      result({ status: 'error' }),
      result({ status: 'succeeded' }),
      result({ status: 'nothing-to-retry' }),
      result({ status: 'timed-out' })
    ])
    expect(line).toBe('5 targets: 2 succeeded, 1 error, 1 nothing to retry, 1 timed out')
  })

  it('says target for one', () => {
    expect(totalsLine([result({ status: 'stopped' })])).toBe('1 target: 1 stopped')
    expect(totalsLine([result({ status: 'in-progress' })])).toBe('1 target: 1 in progress')
  })
})

describe('escapeHtml', () => {
  it('escapes the five HTML-special characters and leaves the rest', () => {
    expect(escapeHtml(`<a href="x">'&'</a> ok`)).toBe(
      '&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62; ok'
    )
  })
})
