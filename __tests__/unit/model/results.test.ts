import { describe, expect, it } from '@jest/globals'
import {
  failureLine,
  isFailure,
  MAX_RESULTS_CHARS,
  resultsFileContent,
  resultsOutput
} from '../../../src/model/results.js'
import { OUTPUT_NAMES, singleOutputs, targetsOutputs } from '../../../src/action/outputs.js'
import { summaryMarkup, summaryRow, totalsLine } from '../../../src/action/summary.js'
import type { Status, TargetResult } from '../../../src/model/target.js'
import { RESULT_KEYS } from '../../support/contract.js'

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
    attempts: 1,
    failure: 'FAILED BUILD: COMMAND_EXECUTION_ERROR: exit status 1',
    ...overrides
  }
}

const FILE = '/tmp/runner/pipeline-retry-results-1.json'

describe('singleOutputs', () => {
  it('sets every output from the one result', () => {
    const r = result({ service: 'codepipeline', target: 'codepipeline:release/Deploy', stageName: 'Deploy' })
    const outputs = singleOutputs(r, FILE)
    expect(Object.keys(outputs).sort()).toEqual([...OUTPUT_NAMES].sort())
    expect(outputs).toMatchObject({
      retried: 'true',
      'execution-id': r.executionId,
      'execution-arn': r.executionArn,
      'stage-name': 'Deploy',
      status: 'in-progress',
      'console-url': r.consoleUrl,
      'results-file': FILE
    })
    expect(JSON.parse(outputs.results)).toEqual([r])
  })

  it('retried is the string false when nothing was retried', () => {
    const outputs = singleOutputs(
      result({ retried: false, status: 'nothing-to-retry', executionId: '' }),
      FILE
    )
    expect(outputs.retried).toBe('false')
    expect(outputs['execution-id']).toBe('')
  })
})

describe('results JSON', () => {
  it('has exactly the contract keys, in order: retried a JSON boolean, attempts a number, the rest strings', () => {
    const [object] = JSON.parse(singleOutputs(result({ retried: false }), FILE).results) as Record<
      string,
      unknown
    >[]
    expect(Object.keys(object ?? {})).toEqual([...RESULT_KEYS])
    expect(object?.retried).toBe(false)
    expect(object?.attempts).toBe(1)
    for (const key of RESULT_KEYS.filter(k => k !== 'retried' && k !== 'attempts'))
      expect(typeof object?.[key]).toBe('string')
  })

  it('drops anything that is not a contract key', () => {
    const extra = { ...result(), secret: 'x' } as TargetResult
    const [object] = JSON.parse(targetsOutputs([extra], FILE).results ?? '[]') as Record<string, unknown>[]
    expect(Object.keys(object ?? {})).toEqual([...RESULT_KEYS])
  })
})

describe('targetsOutputs', () => {
  it('sets only retried (any target) and results, one object per target in order', () => {
    const results = [
      result({ target: 'codebuild:a', retried: false, status: 'nothing-to-retry' }),
      result({ target: 'codebuild:b', retried: true }),
      result({ target: 'codebuild:c', retried: false, status: 'error' })
    ]
    const outputs = targetsOutputs(results, FILE)
    expect(Object.keys(outputs).sort()).toEqual(['results', 'results-file', 'retried'])
    expect(outputs.retried).toBe('true')
    const parsed = JSON.parse(outputs.results ?? '') as TargetResult[]
    expect(parsed.map(r => r.target)).toEqual(['codebuild:a', 'codebuild:b', 'codebuild:c'])
    expect(parsed.map(r => r.retried)).toEqual([false, true, false])
  })

  it('retried is false when no target was retried; results is [] for none', () => {
    expect(targetsOutputs([result({ retried: false, status: 'skipped' })], FILE).retried).toBe('false')
    expect(targetsOutputs([], FILE)).toEqual({ retried: 'false', results: '[]', 'results-file': FILE })
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
    'cancelled',
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

/** The cells of one summary row, as HTML strings. */
function cells(row: string): string[] {
  return [...row.matchAll(/<td>(.*?)<\/td>/g)].map(m => m[1] ?? '')
}

describe('summaryRow', () => {
  it('has one cell per column: service, target, execution, status, details, link', () => {
    const row = cells(summaryRow(result()))
    expect(row).toHaveLength(6)
    expect(row[0]).toBe('codebuild')
    expect(row[1]).toBe('codebuild:p1')
    expect(row[3]).toContain('in progress')
    expect(row[5]).toBe(
      '<a href="https://console.aws.amazon.com/codesuite/codebuild/projects/p1">console</a>'
    )
  })

  it('escapes HTML and Markdown in text that comes from the service or the user', () => {
    const row = summaryRow(
      result({
        target: 'codebuild:<b>',
        executionId: '<img src=x onerror=alert(1)>',
        message: 'Stage <Deploy> failed: "quoted" & \'single\' ![x](https://evil.example/a.png)',
        consoleUrl: 'https://x.example/?a=1&b="><script>'
      })
    )
    expect(row).not.toMatch(/<(img|script|b|Deploy)\b/)
    expect(row).not.toMatch(/!\[|\]\(/)
    const [, target, , , details, link] = cells(row)
    expect(target).toBe('codebuild:&#60;b&#62;')
    expect(details).toBe(
      'Stage &#60;Deploy&#62; failed: &#34;quoted&#34; &#38; &#39;single&#39; &#33;&#91;x&#93;&#40;https://evil.example/a.png&#41;'
    )
    expect(link).toBe('<a href="https://x.example/?a=1&#38;b=&#34;&#62;&#60;script&#62;">console</a>')
  })

  it('shows a dash for an empty execution, message or link', () => {
    const row = cells(
      summaryRow(
        result({ executionId: '', message: '', consoleUrl: '', status: 'nothing-to-retry', retried: false })
      )
    )
    expect(row[2]).toBe('—')
    expect(row[4]).toBe('—')
    expect(row[5]).toBe('—')
  })

  it('keeps a message with blank lines on one line', () => {
    expect(summaryRow(result({ message: 'a\n\n![img](x)\n\nb' }))).not.toContain('\n')
  })
})

describe('summaryMarkup', () => {
  const options = { title: 'Pipeline Retry', resultsFile: FILE }

  it('is the title, the totals, then one table row per target, all rows on one line', () => {
    const html = summaryMarkup([result(), result({ target: 'codebuild:p2', status: 'error' })], options)
    const lines = html.trimEnd().split('\n')
    expect(lines[0]).toBe('<h2>Pipeline Retry</h2>')
    expect(lines[1]).toBe('<p>2 targets: 1 in progress, 1 error</p>')
    expect(lines[2]).toMatch(/^<table>.*<\/table>$/)
    expect(lines).toHaveLength(3)
    expect(html.match(/<tr>/g)).toHaveLength(3)
  })

  it('stays under its byte limit, replacing the rows that do not fit by one that counts them', () => {
    const many = Array.from({ length: 50 }, (_, i) =>
      result({ target: `codebuild:p${i}`, message: 'm'.repeat(900) })
    )
    const html = summaryMarkup(many, { ...options, maxBytes: 10_000 })
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(10_000)
    const shown = (html.match(/<tr><td>codebuild<\/td>/g) ?? []).length
    expect(shown).toBeGreaterThan(0)
    expect(shown).toBeLessThan(50)
    expect(html).toContain(`${50 - shown} more targets not shown`)
    expect(html).toContain(FILE)
  })

  it('shows every row when they fit', () => {
    const html = summaryMarkup([result()], options)
    expect(html).not.toContain('not shown')
  })
})

describe('resultsOutput', () => {
  const big = (n: number, status: Status = 'nothing-to-retry'): TargetResult[] =>
    Array.from({ length: n }, (_, i) =>
      result({ target: `codebuild:p${i}`, status, message: 'x'.repeat(1000) })
    )

  it('is the whole array, with no note, when it fits', () => {
    const all = big(3)
    expect(resultsOutput(all)).toEqual({ json: JSON.stringify(JSON.parse(resultsFileContent(all))) })
  })

  it('cuts messages to 200 characters first, with a note', () => {
    const out = resultsOutput(big(1500))
    expect(out.json.length).toBeLessThan(MAX_RESULTS_CHARS)
    const parsed = JSON.parse(out.json) as TargetResult[]
    expect(parsed).toHaveLength(1500)
    expect(Math.max(...parsed.map(r => r.message.length))).toBeLessThanOrEqual(200)
    expect(out.note).toContain('200 characters')
  })

  it('then keeps only the targets that need attention', () => {
    const all = [...big(4000), ...big(10, 'error'), ...big(5, 'cancelled')]
    const out = resultsOutput(all)
    expect(out.json.length).toBeLessThan(MAX_RESULTS_CHARS)
    const parsed = JSON.parse(out.json) as TargetResult[]
    expect(parsed.map(r => r.status)).toEqual([...Array(10).fill('error'), ...Array(5).fill('cancelled')])
    expect(out.note).toContain('only the 15 targets that need attention (of 4015)')
  })

  it('and at last as many of those as fit', () => {
    const out = resultsOutput(big(5000, 'error'))
    expect(out.json.length).toBeLessThan(MAX_RESULTS_CHARS)
    const parsed = JSON.parse(out.json) as TargetResult[]
    expect(parsed.length).toBeGreaterThan(1000)
    expect(out.note).toContain(`only the first ${parsed.length} of the 5000 targets that need attention`)
  })
})

describe('failureLine', () => {
  it('lists at most ten targets, then counts the rest', () => {
    const failures = Array.from({ length: 25 }, (_, i) =>
      result({ target: `codebuild:p${i}`, status: 'error', message: 'y'.repeat(900) })
    )
    const line = failureLine(failures, 40)
    expect(line).toMatch(/^25 of 40 targets did not succeed: /)
    expect(line).toContain('codebuild:p9 (error')
    expect(line).not.toContain('codebuild:p10 ')
    expect(line).toContain('and 15 more')
    expect(line.length).toBeLessThan(3000)
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
