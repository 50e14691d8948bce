import { RE2JS } from 're2js'
import { InputError } from '../model/errors.js'
import type { RetryOnEntry, TextPattern } from '../model/request.js'
import { shorten } from '../model/validate.js'

/**
 * `retry-on`: which failures are retried. Patterns are matched against text an API returned (a failed job's
 * annotation may be written by anyone who opens a pull request), so they run on RE2JS, a port of RE2 whose
 * matching is linear in the text: no pattern can make a match run for minutes. Its syntax is RE2's (what
 * Go and Google's services use): JavaScript's backreferences and lookarounds have no linear-time form and
 * are an input error.
 */

const RETRY_ON_FORM =
  'any, transient, or a regular expression in RE2 syntax (case-insensitive; /pattern/flags also works), one a line'

/** `/pattern/flags`: the JavaScript literal form, when what follows the last slash is only flags. */
const LITERAL = /^\/(.+)\/([a-z]*)$/s
/** Flags of the literal form: `i` (always on), `m` and `s` as RE2 has them; `g`, `u`, `y` change nothing here. */
const FLAGS: Readonly<Record<string, number>> = {
  i: 0,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
  g: 0,
  u: 0,
  y: 0
}

/** Every line is an entry, taken as written: a line that starts with `#` is a pattern too; blank lines are not. */
export function readRetryOn(text: string | undefined): RetryOnEntry[] {
  if (text === undefined) return [{ kind: 'any' }]
  const entries = text
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(line => line !== '')
    .map((line): RetryOnEntry => {
      const lower = line.toLowerCase()
      if (lower === 'any' || lower === 'transient') return { kind: lower }
      return { kind: 'pattern', source: line, pattern: compile(line) }
    })
  if (entries.length === 0) throw new InputError('retry-on', 'has no entry', RETRY_ON_FORM)
  return entries
}

function compile(line: string): TextPattern {
  const literal = LITERAL.exec(line)
  const flags = literal?.[2] ?? ''
  const isLiteral = literal !== null && /^[gimsuy]*$/.test(flags)
  const source = isLiteral ? (literal[1] ?? '') : line
  let options = RE2JS.CASE_INSENSITIVE
  if (isLiteral) for (const flag of flags.split('')) options |= FLAGS[flag] ?? 0
  try {
    const re = RE2JS.compile(source, options)
    return { test: text => re.matcher(text).find() }
  } catch (error) {
    const why = error instanceof Error ? error.message : 'invalid'
    throw new InputError(
      'retry-on',
      `'${shorten(line)}' is not a regular expression the linear-time engine can run (${shorten(why)})`,
      RETRY_ON_FORM
    )
  }
}
