import { InputError } from './errors.js'
import { oneLine } from './text.js'

/** Documented identifier forms (action-interface.md and the API references). */
export const PATTERNS = {
  codepipelineName: { re: /^[A-Za-z0-9.@\-_]{1,100}$/, accepted: '1-100 characters of A-Z a-z 0-9 . @ - _' },
  uuid: {
    re: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    accepted: 'a pipeline execution ID (lowercase UUID, e.g. 3137f7cb-7cf7-4d2c-9f2a-1b2c3d4e5f60)'
  },
  codebuildProject: {
    re: /^[A-Za-z0-9][A-Za-z0-9\-_]{1,254}$/,
    accepted:
      'a CodeBuild project name (2-255 characters of A-Z a-z 0-9 - _, starting with a letter or digit)'
  },
  codebuildBuildId: {
    re: /^(arn:aws[a-z-]*:codebuild:[a-z0-9-]+:[0-9]{12}:build\/)?[A-Za-z0-9][A-Za-z0-9\-_]{1,254}:[A-Za-z0-9-]+$/,
    accepted: 'a build ID (project:uuid) or build ARN (arn:aws:codebuild:REGION:ACCOUNT:build/project:uuid)'
  },
  codebuildBatchId: {
    re: /^(arn:aws[a-z-]*:codebuild:[a-z0-9-]+:[0-9]{12}:build-batch\/)?[A-Za-z0-9][A-Za-z0-9\-_]{1,254}:[A-Za-z0-9-]+$/,
    accepted:
      'a batch ID (project:uuid) or batch ARN (arn:aws:codebuild:REGION:ACCOUNT:build-batch/project:uuid)'
  },
  sagemakerPipeline: {
    re: /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}$/,
    accepted: 'a SageMaker pipeline name (1-256 characters of A-Z a-z 0-9 and inner hyphens)'
  },
  sagemakerExecutionArn: {
    re: /^arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:pipeline\/.*\/execution\/.*$/,
    max: 2048,
    accepted:
      'a pipeline execution ARN (arn:aws:sagemaker:REGION:ACCOUNT:pipeline/NAME/execution/ID, at most 2048 characters)'
  },
  codeartsId: { re: /^[A-Za-z0-9]{32}$/, accepted: '32 letters or digits' },
  awsRegion: { re: /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, accepted: 'an AWS region such as us-east-1' }
} as const

export type PatternName = keyof typeof PATTERNS

/** Idempotency token lengths: SageMaker's ClientRequestToken is 32-128; CodeBuild documents none, 128 is ours. */
export const TOKEN_LENGTH = { sagemaker: { min: 32, max: 128 }, codebuild: { min: 1, max: 128 } } as const

/** Throws an InputError naming the input when the value does not match its documented form. */
export function expectPattern(input: string, value: string, pattern: PatternName): string {
  const p = PATTERNS[pattern]
  const max = 'max' in p ? p.max : Infinity
  if (value.length > max) throw new InputError(input, `is ${value.length} characters long`, p.accepted)
  if (!p.re.test(value)) throw new InputError(input, `'${shorten(value)}' is not valid`, p.accepted)
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
