import { describe, expect, it } from '@jest/globals'
import {
  failureLine,
  isFailure,
  MAX_RESULTS_BYTES,
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
    // history-report is set only with history-file (the step report adds it).
    expect(Object.keys(outputs).sort()).toEqual(OUTPUT_NAMES.filter(n => n !== 'history-report').sort())
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
  it('has one cell per column: target, linked execution, status, failure, why; nothing twice', () => {
    const row = cells(
      summaryRow(
        result({
          executionId: 'p1:9',
          message: 'retried build p1:9 (p1:9) FAILED; succeeded after 3m',
          failure: 'BUILD: exit 1'
        })
      )
    )
    expect(row).toHaveLength(5)
    expect(row[0]).toBe('codebuild:p1')
    expect(row[1]).toBe('<a href="https://console.aws.amazon.com/codesuite/codebuild/projects/p1">p1:9</a>')
    expect(row[2]).toContain('in progress')
    expect(row[3]).toBe('BUILD: exit 1')
    // The ID is in its own column, so the message shows without it.
    expect(row[4]).toBe('retried build FAILED; succeeded after 3m')
  })

  it('shows the pattern line a target came from under it', () => {
    const [target] = cells(summaryRow(result(), 'targets (line 3): codebuild:p*'))
    expect(target).toBe('codebuild:p1<br><sub>from targets &#40;line 3&#41;: codebuild:p&#42;</sub>')
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
    const [target, execution, , , why] = cells(row)
    expect(target).toBe('codebuild:&#60;b&#62;')
    expect(why).toBe(
      'Stage &#60;Deploy&#62; failed: &#34;quoted&#34; &#38; &#39;single&#39; &#33;&#91;x&#93;&#40;https://evil.example/a.png&#41;'
    )
    expect(execution).toBe(
      '<a href="https://x.example/?a=1&#38;b=&#34;&#62;&#60;script&#62;">&#60;img src=x onerror=alert&#40;1&#41;&#62;</a>'
    )
  })

  it('shows a dash for an empty execution, failure or message, and no link without one', () => {
    const row = cells(
      summaryRow(
        result({
          executionId: '',
          message: '',
          failure: '',
          consoleUrl: '',
          status: 'nothing-to-retry',
          retried: false
        })
      )
    )
    expect(row[1]).toBe('—')
    expect(row[3]).toBe('—')
    expect(row[4]).toBe('—')
    expect(cells(summaryRow(result({ consoleUrl: '' })))[1]).toBe('p1:3137f7cb-7cf7-4d2c-9f2a-1b2c3d4e5f60')
  })

  it('keeps a message with blank lines on one line, cut to 200 characters', () => {
    expect(summaryRow(result({ message: 'a\n\n![img](x)\n\nb' }))).not.toContain('\n')
    const why = cells(summaryRow(result({ message: 'w'.repeat(900) })))[4] ?? ''
    expect(why.length).toBeLessThanOrEqual(200)
  })
})

describe('summaryMarkup', () => {
  const options = { title: 'Pipeline Retry', resultsFile: FILE }
  const mixed = [
    result({ target: 'codebuild:ok', status: 'nothing-to-retry', retried: false }),
    result({ target: 'codebuild:retried', status: 'succeeded', retried: true }),
    result({ target: 'codebuild:broken', status: 'error', retried: false }),
    result({ target: 'codebuild:again', status: 'failed', retried: true }),
    result({ target: 'codebuild:capped', status: 'skipped', retried: false }),
    result({ target: 'codebuild:quiet', status: 'nothing-to-retry', retried: false })
  ]

  it('is the title, a headline, attention first, then the retried, then the rest collapsed: one line each', () => {
    const html = summaryMarkup(mixed, options)
    const lines = html.trimEnd().split('\n')
    expect(lines[0]).toBe('<h2>Pipeline Retry</h2>')
    expect(lines[1]).toBe(
      '<p><strong>2 retried — 1 succeeded, 1 failed; 1 skipped; 1 error; 2 nothing to retry</strong></p>'
    )
    expect(lines[2]).toBe('<h3>Needs attention &#40;3&#41;</h3>')
    expect(lines[3]).toMatch(/^<table>.*codebuild:again.*codebuild:broken|^<table>.*<\/table>$/)
    expect(lines[4]).toBe('<h3>Retried &#40;1&#41;</h3>')
    expect(lines[6]).toBe('<details><summary>Everything else &#40;2&#41;: 2 nothing to retry</summary>')
    expect(lines[8]).toBe('</details>')
    expect(lines).toHaveLength(9)
    const order = [
      'codebuild:broken',
      'codebuild:again',
      'codebuild:capped',
      'codebuild:retried',
      'codebuild:ok'
    ]
    const at = order.map(t => html.indexOf(`>${t}<`))
    expect(at.every(i => i > 0)).toBe(true)
    expect(at[3]).toBeGreaterThan(Math.max(...at.slice(0, 3)))
    expect(at[4]).toBeGreaterThan(at[3]!)
  })

  it('a dry run lists what would be retried', () => {
    const html = summaryMarkup([result({ status: 'dry-run', retried: false })], options)
    expect(html).toContain('<h3>Would retry &#40;1&#41;</h3>')
    expect(html).toContain('1 would retry')
  })

  it('shows the notes (the shard) under the headline', () => {
    const html = summaryMarkup(mixed, { ...options, notes: ['shard 2/4 kept 6 of 23 targets'] })
    expect(html.split('\n')[1]).toContain('<br>shard 2/4 kept 6 of 23 targets</p>')
  })

  it('stays under its byte limit, leaving out the collapsed rows first and the attention rows last', () => {
    const many = [
      ...Array.from({ length: 40 }, (_, i) =>
        result({
          target: `codebuild:quiet${i}`,
          status: 'nothing-to-retry',
          retried: false,
          message: 'q'.repeat(190)
        })
      ),
      ...Array.from({ length: 40 }, (_, i) =>
        result({
          target: `codebuild:fixed${i}`,
          status: 'succeeded',
          retried: true,
          message: 'r'.repeat(190)
        })
      ),
      ...Array.from({ length: 10 }, (_, i) =>
        result({ target: `codebuild:bad${i}`, status: 'error', retried: false, message: 'e'.repeat(190) })
      )
    ]
    const html = summaryMarkup(many, { ...options, maxBytes: 8_000 })
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(8_000)
    expect((html.match(/codebuild:bad\d/g) ?? []).length).toBe(10)
    expect((html.match(/>codebuild:quiet\d+</g) ?? []).length).toBe(0)
    const fixed = (html.match(/>codebuild:fixed\d+</g) ?? []).length
    expect(fixed).toBeLessThan(40)
    expect(html).toContain('40 more not shown')
    expect(html).toContain(`${40 - fixed} more not shown`)
    expect(html).toContain(FILE)
  })

  it('shows every row when they fit', () => {
    expect(summaryMarkup(mixed, options)).not.toContain('not shown')
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
    expect(Buffer.byteLength(out.json)).toBeLessThan(MAX_RESULTS_BYTES)
    const parsed = JSON.parse(out.json) as TargetResult[]
    expect(parsed).toHaveLength(1500)
    expect(Math.max(...parsed.map(r => r.message.length))).toBeLessThanOrEqual(200)
    expect(out.note).toContain('200 characters')
  })

  it('then keeps only the targets that need attention', () => {
    const all = [...big(4000), ...big(10, 'error'), ...big(5, 'cancelled')]
    const out = resultsOutput(all)
    expect(Buffer.byteLength(out.json)).toBeLessThan(MAX_RESULTS_BYTES)
    const parsed = JSON.parse(out.json) as TargetResult[]
    expect(parsed.map(r => r.status)).toEqual([...Array(10).fill('error'), ...Array(5).fill('cancelled')])
    expect(out.note).toContain('only the 15 targets that need attention (of 4015)')
  })

  it('counts bytes, not characters: three-byte text is shortened where its characters would fit', () => {
    // 1,000 targets with CJK failure text: under 1,000,000 characters, over 1 MB of UTF-8.
    const cjk = Array.from({ length: 1000 }, (_, i) =>
      result({
        target: `codebuild:p${i}`,
        status: 'failed',
        message: '失败',
        failure: '构建失败'.repeat(100)
      })
    )
    expect(JSON.stringify(cjk).length).toBeLessThan(MAX_RESULTS_BYTES)
    expect(Buffer.byteLength(JSON.stringify(cjk))).toBeGreaterThan(MAX_RESULTS_BYTES)
    const out = resultsOutput(cjk)
    expect(Buffer.byteLength(out.json)).toBeLessThan(MAX_RESULTS_BYTES)
    expect(out.note).toContain('of the 1000 targets that need attention')
  })

  it('and at last as many of those as fit', () => {
    const out = resultsOutput(big(5000, 'error'))
    expect(Buffer.byteLength(out.json)).toBeLessThan(MAX_RESULTS_BYTES)
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
