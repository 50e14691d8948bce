import { InputError } from './errors.js'
import { oneLine } from './text.js'

/** A documented identifier form: the pattern, an optional length cap, and how to say what is accepted. */
export interface Pattern {
  re: RegExp
  accepted: string
  max?: number
}

/** Git branch names (git check-ref-format, roughly): no blanks, controls, `~^:?*[\`, `..`, `@{`, or `//`. */
export const GIT_BRANCH: Pattern = {
  // Visible characters only (\x21-\x7e and non-ASCII): no blank or control character gets in.
  re: /^(?!\/|.*\/\/|.*\.\.|.*@\{|.*[./]$|.*\.lock$)(?:(?![~^:?*[\\])[\x21-\x7e\u0080-\uffff]){1,255}$/,
  accepted: 'a branch name, e.g. main or release/1.2'
}

/** A `targets` RESOURCE's `@BRANCH` suffix, split off at the first `@` (not checked here). */
export function splitBranch(resource: string): { path: string; branch?: string } {
  const at = resource.indexOf('@')
  return at < 0 ? { path: resource } : { path: resource.slice(0, at), branch: resource.slice(at + 1) }
}

/** Throws an InputError naming the input when the value does not match its documented form. */
export function expectPattern(input: string, value: string, pattern: Pattern): string {
  if (value.length > (pattern.max ?? Infinity))
    throw new InputError(input, `is ${value.length} characters long`, pattern.accepted)
  if (!pattern.re.test(value))
    throw new InputError(input, `'${shorten(value)}' is not valid`, pattern.accepted)
  return value
}

/** The input's value, or an InputError saying it is required (`why`: for which service, in which case). */
export function required(input: string, value: string | undefined, why: string, accepted: string): string {
  if (value === undefined) throw new InputError(input, `is required ${why}`, accepted)
  return value
}

/** YAML 1.2 core booleans only: junk is an error, not `false`. */
export function parseBoolean(input: string, value: string): boolean {
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new InputError(
    input,
    `'${shorten(value)}' is not a boolean`,
    'true or false (YAML 1.2 core: true, True, TRUE, false, False, FALSE)'
  )
}

interface NumberRule {
  integer?: boolean
  min: number
  /** `min` itself is not allowed (a positive number). */
  exclusiveMin?: boolean
  max?: number
  accepted: string
}

export function parseNumber(input: string, value: string, rule: NumberRule): number {
  const n = /^[+]?(\d+(\.\d*)?|\.\d+)$/.test(value) ? Number(value) : NaN
  const ok =
    Number.isFinite(n) &&
    (!rule.integer || Number.isInteger(n)) &&
    (rule.exclusiveMin ? n > rule.min : n >= rule.min) &&
    (rule.max === undefined || n <= rule.max)
  if (!ok) throw new InputError(input, `'${shorten(value)}' is not valid`, rule.accepted)
  return n
}

const URL_FORM =
  'an http(s) URL with a host and an optional path, such as https://vpce-123.codebuild.us-east-1.vpce.amazonaws.com'

/**
 * An http(s) URL without user, password, query or fragment: credentials in it would be printed with every
 * request error, and a query or fragment would be sent with (or silently dropped from) every request.
 */
export function expectUrl(input: string, value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InputError(input, `'${shorten(withoutUserinfo(value))}' is not a URL`, URL_FORM)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new InputError(input, `scheme '${shorten(url.protocol)}' is not supported`, URL_FORM)
  if (url.username !== '' || url.password !== '')
    throw new InputError(input, 'the URL carries a user name or password (not shown)', URL_FORM)
  if (url.search !== '' || value.includes('?'))
    throw new InputError(input, `'${shorten(url.search || '?')}' is a query`, URL_FORM)
  if (url.hash !== '' || value.includes('#'))
    throw new InputError(input, `'${shorten(url.hash || '#')}' is a fragment`, URL_FORM)
  return value.replace(/\/+$/, '')
}

/** `scheme://user:password@host` -> `scheme://***@host`, for a value that may not even parse. */
function withoutUserinfo(value: string): string {
  return value.replace(/^([^:/?#]*:\/\/)[^/?#]*@/, '$1***@')
}

/** The longest value echoed in an error (contract: 100 characters). */
const MAX_ECHO = 100

/** Values are echoed in errors to help the user: one line, at most MAX_ECHO characters. */
export function shorten(value: string): string {
  return oneLine(value.replace(/\s+/g, ' '), MAX_ECHO)
}

/**
 * Single mode for a target named by a resource (`nameInput`, e.g. `project-name`), by an `execution-id` that
 * carries the resource's name, or by both when they agree. Each given value is checked against its pattern.
 */
export function nameOrFromId(
  given: (input: string) => string | undefined,
  options: {
    service: string
    nameInput: string
    name: Pattern
    executionId: Pattern
    nameOf: (executionId: string) => string | undefined
    /** `project`, `pipeline`: what the name names. */
    resourceNoun: string
    /** What an execution of `name` is, for the mismatch error: "an ID of a build of project p". */
    executionOf: (name: string) => string
  }
): { name: string; executionId?: string } {
  const { service, nameInput } = options
  const name = given(nameInput)
  if (name !== undefined) expectPattern(nameInput, name, options.name)
  const executionId = given('execution-id')
  if (executionId !== undefined) expectPattern('execution-id', executionId, options.executionId)
  const fromId = executionId === undefined ? undefined : options.nameOf(executionId)
  const resolved = name ?? fromId
  if (resolved === undefined)
    throw new InputError(
      nameInput,
      `is required for service ${service} when execution-id is not given`,
      options.name.accepted
    )
  if (name !== undefined && executionId !== undefined && fromId !== name)
    throw new InputError(
      'execution-id',
      `'${shorten(executionId)}' belongs to another ${options.resourceNoun} than '${shorten(name)}'`,
      options.executionOf(name)
    )
  return { name: resolved, ...(executionId !== undefined ? { executionId } : {}) }
}
