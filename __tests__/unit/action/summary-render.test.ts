// The job summary as GitHub shows it: rendered with cmark-gfm (GitHub's Markdown renderer, Debian package
// cmark-gfm; .ci/run installs it), then its HTML structure checked. Skipped, with a notice, where it is absent.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { MAX_SUMMARY_BYTES, summaryMarkup } from '../../../src/action/summary.js'
import { NEEDS_ATTENTION } from '../../../src/model/results.js'
import type { Status, TargetResult } from '../../../src/model/target.js'

const CMARK = ['/usr/bin/cmark-gfm', '/usr/local/bin/cmark-gfm'].find(p => existsSync(p))
if (!CMARK)
  console.log(
    '::notice::cmark-gfm is not installed (apt-get install cmark-gfm): summary rendering tests skipped'
  )

/** What GitHub does with a summary: Markdown (with raw HTML) to HTML. */
const render = (markdown: string): string =>
  execFileSync(CMARK ?? 'cmark-gfm', ['--unsafe', '--extension', 'table'], {
    input: markdown,
    maxBuffer: 64 * 1024 * 1024
  }).toString()

const HOSTILE = '<script>alert(1)</script> **bold** [click](javascript:alert(1)) ::error::x\n\n# heading'
const CONSOLE = 'https://us-east-1.console.aws.amazon.com/codesuite/codebuild/projects/p/build/'

function result(i: number, status: Status, overrides: Partial<TargetResult> = {}): TargetResult {
  return {
    service: 'codebuild',
    target: `codebuild:p${i}`,
    retried: ['succeeded', 'in-progress', 'failed', 'timed-out'].includes(status),
    executionId: `p${i}:${String(i).padStart(8, '0')}`,
    executionArn: '',
    stageName: '',
    status,
    consoleUrl: `${CONSOLE}p${i}`,
    message: `message of p${i}`,
    attempts: 1,
    failure: `BUILD: exit ${i}`,
    ...overrides
  }
}

/** The rendered page's parts: top-level tags in order, h3 titles, table rows' targets by section. */
function parts(html: string) {
  const order = [...html.matchAll(/<(h2|p|h3|details|table)\b/g)].map(m => m[1])
  const sections = html.split(/<h3>|<details>/).slice(1)
  const targetsOf = (section: string) =>
    [...section.matchAll(/<tr><td>(codebuild:p\d+)(?=[-<])/g)].map(m => m[1])
  return { order, sections, targetsOf }
}

;(CMARK ? describe : describe.skip)('the summary rendered by cmark-gfm', () => {
  it('a single target: a headline, then its table', () => {
    const html = render(
      summaryMarkup([result(1, 'in-progress')], { title: 'Pipeline Retry', resultsFile: '/tmp/r.json' })
    )
    expect(parts(html).order).toEqual(['h2', 'p', 'h3', 'table'])
    expect(html).toContain('<p><strong>1 retried — 1 in progress</strong></p>')
    expect(html).toContain(`<a href="${CONSOLE}p1">p1:00000001</a>`)
  })

  const six = [
    result(1, 'succeeded'),
    result(2, 'nothing-to-retry', { retried: false }),
    result(3, 'error', { retried: false, executionId: '', consoleUrl: '', message: HOSTILE }),
    result(4, 'failed', { failure: HOSTILE }),
    result(5, 'skipped', { retried: false }),
    result(6, 'nothing-to-retry', { retried: false })
  ]

  it('6 mixed targets: headline first, attention rows, then retried, the rest in a collapsed block', () => {
    const html = render(
      summaryMarkup(six, {
        title: 'Pipeline Retry',
        resultsFile: '/tmp/r.json',
        notes: ['shard 1/2 kept 6 of 11 targets']
      })
    )
    const { order, sections, targetsOf } = parts(html)
    expect(order).toEqual(['h2', 'p', 'h3', 'table', 'h3', 'table', 'details', 'table'])
    expect(html).toMatch(
      /<p><strong>2 retried — 1 succeeded, 1 failed; 1 skipped; 1 error; 2 nothing to retry<\/strong><br>shard 1\/2 kept 6 of 11 targets<\/p>/
    )
    const [attention, retried, rest] = sections.map(targetsOf)
    expect(attention).toEqual(['codebuild:p3', 'codebuild:p4', 'codebuild:p5'])
    expect(retried).toEqual(['codebuild:p1'])
    expect(rest).toEqual(['codebuild:p2', 'codebuild:p6'])
    expect(html).toContain('<details><summary>Everything else &#40;2&#41;: 2 nothing to retry</summary>')
  })

  it('API text shows as text: no script, no markup, no link, no heading made of it', () => {
    const html = render(summaryMarkup(six, { title: 'Pipeline Retry', resultsFile: '/tmp/r.json' }))
    expect(html).not.toMatch(/<script|<strong>bold|href="javascript|<h1>/i)
    expect(html).toContain('&#60;script&#62;alert&#40;1&#41;&#60;/script&#62;')
    // Every link is one the action built: https, on the console host, its text the execution ID.
    const links = [...html.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)]
    expect(links.length).toBe(5)
    for (const [, href, text] of links) {
      expect(href?.startsWith(CONSOLE)).toBe(true)
      expect(text).toMatch(/^p\d:\d{8}$/)
    }
  })

  it('2,000 targets: under the size cap, and no attention row is the one cut', () => {
    const many = Array.from({ length: 2000 }, (_, i) =>
      result(i, i % 10 === 0 ? 'error' : i % 3 === 0 ? 'succeeded' : 'nothing-to-retry', {
        retried: i % 10 !== 0 && i % 3 === 0,
        // Long names (a target is never cut) make 2,000 rows far more than the cap holds.
        target: `codebuild:p${i}-${'n'.repeat(400)}`,
        message: `${'m'.repeat(900)} ${i}`,
        failure: 'f'.repeat(900)
      })
    )
    const markdown = summaryMarkup(many, { title: 'Pipeline Retry', resultsFile: '/tmp/r.json' })
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(MAX_SUMMARY_BYTES)
    const html = render(markdown)
    const { sections, targetsOf } = parts(html)
    const status = new Map(many.map(r => [r.target.slice(0, r.target.indexOf('-')), r.status]))
    const [attention = [], retried = [], rest = []] = sections.map(targetsOf)
    expect(attention).toHaveLength(200)
    expect(attention.every(t => NEEDS_ATTENTION.has(status.get(t ?? '') ?? 'succeeded'))).toBe(true)
    // The rows cut are the others', each table saying how many and where they all are.
    expect(retried.length + rest.length).toBeLessThan(1800)
    expect(html).toMatch(
      /\d+ more not shown: a job summary is limited to 1 MiB\. Every target is in the file named by the results-file output \(\/tmp\/r\.json\)/
    )
  })

  it('with history: a collapsed History section right under the attention table, hostile labels as text', () => {
    const history = [
      {
        target: 'codebuild:p1',
        runs: 3,
        retries: 3,
        rescued: 0,
        lastStatuses: ['in-progress', 'in-progress', 'skipped'],
        topFailureClass: 'deterministic' as const,
        brokenSince: '2026-12-05T02:17:00.000Z'
      },
      {
        target: HOSTILE,
        runs: 2,
        retries: 1,
        rescued: 1,
        lastStatuses: ['rescued', 'succeeded'],
        topFailureClass: 'transient' as const
      }
    ]
    const html = render(
      summaryMarkup([result(1, 'skipped'), result(2, 'succeeded'), result(3, 'nothing-to-retry')], {
        title: 'Pipeline Retry',
        resultsFile: '/tmp/r.json',
        history
      })
    )
    const { order } = parts(html)
    expect(order.slice(0, 6)).toEqual(['h2', 'p', 'h3', 'table', 'details', 'table'])
    const block = html.slice(html.indexOf('<details>'), html.indexOf('</details>'))
    expect(block).toContain('<summary>History &#40;2&#41;</summary>')
    expect(block).toContain('<td>🔄🔄⚠️</td>')
    expect(block).toContain('<td>🔁✅</td>')
    expect(block).toContain('not rescued since 2026-12-05T02:17:00.000Z')
    expect(block).not.toContain('<script>')
    expect(block).not.toMatch(/<a |<strong>|<h1>/)
  })
})
