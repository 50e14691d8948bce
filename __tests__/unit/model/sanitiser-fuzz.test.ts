// Fuzz: 10,000 generated strings of command markers, markup, control characters and long runs, through every
// way API text reaches the log, checked with the runner's own command parsing (both forms, ported).
import { describe, expect, it } from '@jest/globals'
import { printable } from '../../../src/action/log.js'
import { oneLine } from '../../../src/model/text.js'
import { parseRunnerCommand, runnerLines } from '../../support/runner-commands.js'

const PIECES = [
  '::',
  '##[',
  '##',
  '[',
  ']',
  ':',
  '#',
  ' ',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\u2028',
  '\u2029',
  '\u0085',
  '\u00a0',
  '\u3000',
  '\ufeff',
  '\u000b',
  '\u000c',
  '\u001b[31m',
  '\u202e',
  'set-output',
  'add-mask',
  'stop-commands',
  'warning',
  'error',
  'echo',
  'group',
  ' name=status',
  '::add-mask::',
  '##[set-output name=x]',
  '<img src=x>',
  '![a](https://evil.example)',
  '`',
  '|',
  'a',
  'Z',
  '0',
  '%0A',
  '\u0000',
  'x'.repeat(300)
]

function generator(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state / 2 ** 31
  }
}

describe('sanitiser fuzz', () => {
  it('10,000 generated strings: no printed line is a command the runner would run', () => {
    const random = generator(2026)
    const pick = (): string => PIECES[Math.floor(random() * PIECES.length)] ?? ''
    const text = (): string => Array.from({ length: 1 + Math.floor(random() * 24) }, pick).join('')
    const found: string[] = []
    for (let i = 0; i < 10_000; i++) {
      const [a, b] = [text(), text()]
      // API text alone, glued to more API text, inside a line of ours, and cut short.
      const printed = [
        oneLine(a),
        printable(`${oneLine(a)}${oneLine(b)}`),
        printable(`target x: ${a}: ${b}`),
        oneLine(a, 20)
      ]
      for (const line of printed)
        if (runnerLines(line).length !== 1 || parseRunnerCommand(line) !== undefined)
          found.push(JSON.stringify([a, b, line]))
    }
    expect(found).toEqual([])
  })

  it('the ported parser finds both forms (so the fuzz test could fail)', () => {
    expect(parseRunnerCommand('::add-mask::x')).toEqual({ form: '::', name: 'add-mask' })
    expect(parseRunnerCommand(' \u00a0::set-output name=a::b')).toEqual({ form: '::', name: 'set-output' })
    expect(parseRunnerCommand('tests failed ##[set-output name=status]succeeded')).toEqual({
      form: '##[',
      name: 'set-output'
    })
    expect(parseRunnerCommand('echo ##[add-mask]codebuild')).toEqual({ form: '##[', name: 'add-mask' })
    expect(parseRunnerCommand(oneLine('tests failed ##[set-output name=status]succeeded'))).toBeUndefined()
    expect(parseRunnerCommand(oneLine('\u0085::add-mask::x'))).toBeUndefined()
  })
})
