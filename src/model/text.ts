import type { TargetResult } from './target.js'

/**
 * Text from an API (names, messages, failure reasons, URLs) is data. These are the only ways it reaches
 * the log, annotations, outputs and the job summary: one line, no control characters, never the start of a
 * workflow command, cut to a size, escaped for HTML and Markdown, and links only to the provider's console.
 */

/** The longest message or failure reason kept (contract: 1,000 characters). */
export const MAX_TEXT = 1000
/** The longest identifier kept: a SageMaker execution ARN may have 2,048 characters. */
const MAX_ID = 2048

/**
 * C0 and C1 control characters (newlines, ESC, NUL...), the Unicode line and paragraph separators, and the
 * bidirectional overrides and isolates that make text display differently from what it is.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g

/** The runner reads a line that starts with `::` (after blanks) as a workflow command. */
const COMMAND_START = /^(\s*):/
/** ...and, when that form does not parse, the legacy `##[name ...]` anywhere in the line (actions/runner). */
const LEGACY_COMMAND = /##\[/g

/** One line, control characters replaced, unable to start a workflow command, at most `max` characters. */
export function oneLine(text: string, max = MAX_TEXT): string {
  return cut(noCommand(text.replace(UNSAFE, ' ')), max)
}

/**
 * A line that would start a workflow command in either of the runner's forms gets a space inside the
 * marker: `: :` at the start, `## [` anywhere. Applied to API text and again to every whole line the action
 * prints, so neither on its own nor glued to other text can it start one.
 */
function noCommand(line: string): string {
  const legacyFree = line.includes('##[') ? line.replace(LEGACY_COMMAND, '## [') : line
  return legacyFree.trimStart().startsWith('::') ? legacyFree.replace(COMMAND_START, '$1: ') : legacyFree
}

/** At most `max` characters, ending in `…` when cut; never splits a surrogate pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text
  let end = Math.max(0, max - 1)
  const last = text.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end -= 1
  return `${text.slice(0, end)}…`
}

/**
 * Characters that mean something in HTML (`& < > " '`) or in GitHub-flavoured Markdown (emphasis, code,
 * links, images, tables, headings, escapes); written as character references they render as themselves.
 * The summary holds API text only inside HTML elements on one line, where Markdown (autolinks included)
 * is not parsed at all: this is the second fence.
 */
const MARKUP = /[&<>"'`*_[\]()!|~#\\]/g

/** Plain text for the job summary: one line, every markup character escaped. */
export function summaryText(text: string, max = MAX_TEXT): string {
  return oneLine(text, max).replace(MARKUP, c => `&#${c.charCodeAt(0)};`)
}

/**
 * Whether `url` may be shown as a link: `https`, no user or password, a host that is one of `hosts` or a
 * subdomain of one, and nothing a sanitiser would have to change.
 */
export function isConsoleLink(url: string, hosts: readonly string[]): boolean {
  if (url === '' || oneLine(url, Infinity) !== url || /\s/.test(url)) return false
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  const host = parsed.hostname.toLowerCase()
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    hosts.some(h => host === h || host.endsWith(`.${h}`))
  )
}

/** An attribute value inside double quotes. */
export function attribute(text: string): string {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
}

/**
 * A result as it may be shown and output: every text one line of at most MAX_TEXT characters, and a console
 * link only if it passes isConsoleLink for the provider's `hosts` (else none).
 */
export function cleanResult(result: TargetResult, hosts: readonly string[]): TargetResult {
  return {
    ...result,
    target: oneLine(result.target),
    executionId: oneLine(result.executionId, MAX_ID),
    executionArn: oneLine(result.executionArn, MAX_ID),
    stageName: oneLine(result.stageName),
    consoleUrl: isConsoleLink(result.consoleUrl, hosts) ? result.consoleUrl : '',
    message: oneLine(result.message),
    failure: oneLine(result.failure)
  }
}
