import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import * as core from '@actions/core'
import { createLog, MAX_WARNINGS, STEP_WARNINGS } from '../../../src/action/log.js'
import { summaryMarkup, summaryRow, withoutId } from '../../../src/action/summary.js'
import { cleanResult, cut, isConsoleLink, MAX_TEXT, oneLine, summaryText } from '../../../src/model/text.js'
import type { TargetResult } from '../../../src/model/target.js'

const result = (overrides: Partial<TargetResult> = {}): TargetResult => ({
  service: 'codebuild',
  target: 'codebuild:p1',
  retried: false,
  executionId: 'p1:1',
  executionArn: '',
  stageName: '',
  status: 'error',
  consoleUrl: '',
  message: '',
  attempts: 0,
  failure: '',
  ...overrides
})

describe('oneLine', () => {
  it('replaces control characters and line separators by one space', () => {
    expect(oneLine('a\r\nb\nc\u2028d\u0085e\u001b[31mf\u0000g')).toBe('a b c d e [31mf g')
  })

  it('neutralises a workflow command at the start, even after blanks or a newline', () => {
    expect(oneLine('::add-mask::x')).toBe(': :add-mask::x')
    expect(oneLine('\n::stop-commands::x')).toBe(' : :stop-commands::x')
    expect(oneLine('  ::warning::x')).toBe('  : :warning::x')
    expect(oneLine('ok ::warning::x')).toBe('ok ::warning::x')
  })

  it('removes bidirectional overrides', () => {
    expect(oneLine('abc\u202edcba')).toBe('abc dcba')
  })

  it('cuts at the limit with an ellipsis, never splitting a surrogate pair', () => {
    expect(oneLine('x'.repeat(5000))).toHaveLength(MAX_TEXT)
    expect(oneLine('x'.repeat(5000)).endsWith('…')).toBe(true)
    const cutText = cut(`${'a'.repeat(8)}😀😀`, 10)
    expect(cutText).toBe(`${'a'.repeat(8)}…`)
    expect(cut('short', 10)).toBe('short')
  })
})

describe('summaryText', () => {
  it('escapes HTML and Markdown so they render as text', () => {
    expect(summaryText('<b>![i](u)</b> *x* _y_ `z` | ~ # \\ & " \'')).toBe(
      '&#60;b&#62;&#33;&#91;i&#93;&#40;u&#41;&#60;/b&#62; &#42;x&#42; &#95;y&#95; &#96;z&#96; &#124; &#126; &#35; &#92; &#38; &#34; &#39;'
    )
  })
})

describe('isConsoleLink', () => {
  const hosts = ['console.aws.amazon.com', 'huaweicloud.com']
  it.each([
    ['https://us-east-1.console.aws.amazon.com/codesuite/codebuild/projects/p', true],
    ['https://devcloud.cn-north-4.huaweicloud.com/cicd/x?v=1', true],
    ['https://huaweicloud.com/', true],
    ['http://us-east-1.console.aws.amazon.com/x', false],
    ['javascript:alert(1)', false],
    ['JAVASCRIPT:alert(1)//huaweicloud.com', false],
    ['data:text/html,<script>', false],
    ['https://user:pw@devcloud.huaweicloud.com/', false],
    ['https://huaweicloud.com.evil.example/', false],
    ['https://evilhuaweicloud.com/', false],
    ['https://devcloud.huaweicloud.com/a\nb', false],
    [' https://devcloud.huaweicloud.com/', false],
    ['', false]
  ])('%s -> %s', (url, ok) => {
    expect(isConsoleLink(url, hosts)).toBe(ok)
  })
})

describe('cleanResult', () => {
  it('makes every text one line within its cap and keeps only console links', () => {
    const cleaned = cleanResult(
      result({
        message: `x\n::warning::y${'z'.repeat(3_000_000)}`,
        stageName: 'a\nb',
        consoleUrl: 'javascript:alert(1)'
      }),
      ['console.aws.amazon.com']
    )
    expect(cleaned.message).toHaveLength(MAX_TEXT)
    expect(cleaned.message).not.toMatch(/\n/)
    expect(cleaned.stageName).toBe('a b')
    expect(cleaned.consoleUrl).toBe('')
  })
})

describe('createLog', () => {
  it('prints at most MAX_WARNINGS warnings, the rest as lines, then one that counts them', () => {
    const sink = {
      info: jest.fn<(l: string) => void>(),
      warning: jest.fn<(l: string) => void>(),
      notice: jest.fn<(l: string) => void>()
    }
    const log = createLog(sink)
    for (let i = 0; i < 1000; i++) log.warn(`target ${i} failed`)
    log.finish()
    log.finish()
    const perTarget = MAX_WARNINGS - STEP_WARNINGS
    expect(sink.warning).toHaveBeenCalledTimes(perTarget + 1)
    expect(sink.warning.mock.calls.at(-1)?.[0]).toBe(
      `${1000 - perTarget} more warnings in the log (annotations stop at ${perTarget} per step)`
    )
    expect(sink.info).toHaveBeenCalledTimes(1000 - perTarget)
    expect(sink.info.mock.calls[0]?.[0]).toBe(`warning: target ${perTarget} failed`)
  })

  it('step warnings are annotations whatever the targets warned first: the cap never hides them', () => {
    const sink = {
      info: jest.fn<(l: string) => void>(),
      warning: jest.fn<(l: string) => void>(),
      notice: jest.fn<(l: string) => void>()
    }
    const log = createLog(sink)
    for (let i = 0; i < 1500; i++) log.warn(`target ${i} failed`)
    log.stepWarn('results: only the 150 targets that need attention')
    log.stepWarn('limit reached')
    log.stepWarn('summary rows left out')
    log.finish()
    const annotations = sink.warning.mock.calls.map(c => c[0])
    expect(annotations.length).toBeLessThanOrEqual(MAX_WARNINGS + 1)
    expect(annotations).toContain('results: only the 150 targets that need attention')
    expect(annotations).toContain('limit reached; summary rows left out')
    expect(sink.info.mock.calls.some(c => c[0].includes('results: only'))).toBe(false)
  })

  it('caps notices the same way, each kind counted on its own', () => {
    const sink = {
      info: jest.fn<(l: string) => void>(),
      warning: jest.fn<(l: string) => void>(),
      notice: jest.fn<(l: string) => void>()
    }
    const log = createLog(sink)
    for (let i = 0; i < 25; i++) log.notice(`codebuild:p${i}: retried (1x), p${i}:1 is running`)
    log.warn('one warning')
    log.finish()
    expect(sink.notice).toHaveBeenCalledTimes(11)
    expect(sink.notice.mock.calls.at(-1)?.[0]).toBe(
      '15 more notices in the log (annotations stop at 10 per step)'
    )
    expect(sink.warning).toHaveBeenCalledTimes(1)
    expect(sink.info.mock.calls[0]?.[0]).toBe('notice: codebuild:p10: retried (1x), p10:1 is running')
  })

  it('adds no counting warning when the cap was not reached', () => {
    const sink = {
      info: jest.fn<(l: string) => void>(),
      warning: jest.fn<(l: string) => void>(),
      notice: jest.fn<(l: string) => void>()
    }
    const log = createLog(sink)
    log.warn('one')
    log.finish()
    expect(sink.warning).toHaveBeenCalledTimes(1)
  })
})

// ---------- seeded fuzz: API text through the real @actions/core output and the summary writer ----------

/** mulberry32: a small seeded PRNG, so a failing case can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Pieces of hostile text: workflow commands, line breaks of every kind, markup, links, odd Unicode. */
const PIECES = [
  '::',
  ':',
  '::add-mask::secret',
  '::stop-commands::tok',
  '::warning::x',
  '::error file=a::b',
  '::set-output name=x::y',
  '::group::g',
  '\n',
  '\r',
  '\r\n',
  '\n\n',
  '\u2028',
  '\u2029',
  '\u0085',
  '\u000b',
  '\u000c',
  '\u001b[31m',
  '\u0000',
  '\u202e',
  '\u2066',
  '%0A',
  '%0D',
  '%25',
  ' ',
  '\t',
  '\u00a0',
  '<',
  '>',
  '&',
  '"',
  "'",
  '`',
  '```',
  '![img](https://evil.example/a.png)',
  '[link](javascript:alert(1))',
  '<img src=x onerror=alert(1)>',
  '</td></tr></table>',
  '<script>',
  '|',
  '*',
  '_',
  '~',
  '#',
  '\\',
  'www.evil.example',
  'https://evil.example',
  'a',
  'Deploy',
  'é',
  '😀',
  '\ud83d'
]

function hostile(random: () => number): string {
  const n = Math.floor(random() * 24)
  let text = ''
  for (let i = 0; i < n; i++) text += PIECES[Math.floor(random() * PIECES.length)] ?? ''
  return text
}

/** The HTML a summary cell may contain besides escaped text: our own tags. */
const OWN_TAGS =
  /<\/?(?:tr|td|th|table|h2|h3|p|strong|sub|details|summary|a)>|<br>|<td colspan="\d+">|<a href="[^"<>]*">/g

/** Decodes the numeric character references summaryText writes. */
const decode = (html: string): string =>
  html.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))

describe('fuzz: API text never escapes (seeded, 12,000 cases)', () => {
  let written: string[]
  beforeEach(() => {
    written = []
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk))
      return true
    })
  })
  afterEach(() => {
    jest.restoreAllMocks()
  })

  it('the log: every info and warning is exactly one line, and only our warnings start a command', () => {
    const random = prng(20261201)
    let escapes = 0
    const log = createLog({ info: core.info, warning: core.warning, notice: core.notice })
    for (let i = 0; i < 4000; i++) {
      const text = hostile(random)
      for (const message of [`codebuild:p1: found ${text}`, text]) {
        written = []
        log.info(message)
        // One write of one line, which does not start a command.
        const [chunk = ''] = written
        if (written.length !== 1 || /[\r\n]/.test(chunk.slice(0, -1)) || chunk.trimStart().startsWith('::'))
          escapes++
      }
      written = []
      log.warn(text)
      const [chunk = ''] = written
      const ours = chunk.startsWith('::warning::') || chunk.startsWith('warning: ')
      if (written.length !== 1 || !ours || /[\r\n]/.test(chunk.slice(0, -1))) escapes++
    }
    expect(escapes).toBe(0)
  })

  it('the summary: one line per block, no markup but ours, and every cell reads back as the text', () => {
    const random = prng(42)
    let escapes = 0
    for (let i = 0; i < 4000; i++) {
      const text = hostile(random)
      const message = hostile(random)
      const failure = hostile(random)
      const row = summaryRow(
        cleanResult(
          result({ target: `codebuild:${text}`, executionId: text, message, failure, consoleUrl: text }),
          ['console.aws.amazon.com']
        )
      )
      const rest = row.replace(OWN_TAGS, '').replace(/&#\d+;/g, '')
      const textCells = [...row.matchAll(/<td>(.*?)<\/td>/g)].map(m => m[1] ?? '')
      const [target, execution, , failureCell, why] = textCells
      const id = oneLine(text, 2048)
      if (
        /[\r\n\u2028\u2029]/.test(row) ||
        /[<>"'`*_[\]()!|~#\\]/.test(rest) ||
        /&/.test(rest) ||
        decode(target ?? '') !== oneLine(`codebuild:${text}`) ||
        (execution !== '—' && decode((execution ?? '').replace(/<a href="[^"<>]*">|<\/a>/g, '')) !== id) ||
        (failureCell !== '—' && decode(failureCell ?? '') !== oneLine(oneLine(failure), 200)) ||
        (why !== '—' && decode(why ?? '') !== oneLine(withoutId(oneLine(message), id), 200))
      ) {
        if (escapes === 0) console.log(JSON.stringify({ text, row, rest }))
        escapes++
      }
    }
    expect(escapes).toBe(0)
  })

  it('the whole summary keeps its blocks, one a line, whatever the rows hold', () => {
    const random = prng(7)
    const BLOCK =
      /^(?:<h2>.*<\/h2>|<p>.*<\/p>|<h3>.*<\/h3>|<table>.*<\/table>|<details><summary>.*<\/summary>|<\/details>)$/
    const statuses = ['error', 'succeeded', 'nothing-to-retry'] as const
    let escapes = 0
    for (let i = 0; i < 2000; i++) {
      const rows = statuses.map(status =>
        cleanResult(
          result({
            status,
            retried: status === 'succeeded',
            message: hostile(random),
            failure: hostile(random)
          }),
          []
        )
      )
      const html = summaryMarkup(rows, {
        title: hostile(random),
        resultsFile: hostile(random),
        notes: [hostile(random)]
      })
      const blocks = html.trimEnd().split('\n')
      if (blocks.length !== 9 || !blocks.every(b => BLOCK.test(b)) || /\n\s*\n/.test(html)) escapes++
    }
    expect(escapes).toBe(0)
  })

  it('links: only https on the console host pass', () => {
    const random = prng(99)
    const schemes = ['https://', 'http://', 'javascript:', 'data:', '//', 'HTTPS://', ' https://', '']
    const hosts = [
      'devcloud.huaweicloud.com',
      'huaweicloud.com.evil.example',
      'u:p@huaweicloud.com',
      'evil.example',
      ''
    ]
    let escapes = 0
    for (let i = 0; i < 2000; i++) {
      const url = `${schemes[Math.floor(random() * schemes.length)] ?? ''}${hosts[Math.floor(random() * hosts.length)] ?? ''}/${hostile(random)}`
      if (!isConsoleLink(url, ['huaweicloud.com'])) continue
      const parsed = new URL(url)
      if (parsed.protocol !== 'https:' || !parsed.hostname.endsWith('huaweicloud.com') || parsed.username)
        escapes++
      if (summaryRow(result({ consoleUrl: url })).match(/<a href="[^"<>]*">/g)?.length !== 1) escapes++
    }
    expect(escapes).toBe(0)
  })
})

describe('withoutId', () => {
  it('drops the execution ID where it stands alone, never from inside a longer token', () => {
    expect(withoutId('retried run 20261207.5120 (5120) of web-release', '5120')).toBe(
      'retried run 20261207.5120 of web-release'
    )
    expect(
      withoutId('build integration-tests:7d4e failed (integration-tests:7d4e)', 'integration-tests:7d4e')
    ).toBe('build failed')
    expect(withoutId('execution .../execution/q7w2 is Failed', 'q7w2')).toBe(
      'execution .../execution/q7w2 is Failed'
    )
  })
})
