import { InputError } from '../model/errors.js'
import { CODEARTS_REGIONS, codeartsEndpoint } from '../clouds/huawei/endpoints.js'
import type { HuaweiAuth } from '../model/provider.js'
import { parseTargetList } from './target-lines.js'
import { SERVICES, type Service, type Target } from '../model/target.js'
import {
  expectPattern,
  expectUrl,
  parseBoolean,
  parseNumber,
  PATTERNS,
  shorten,
  TOKEN_LENGTH
} from '../model/validate.js'

/** Every input the action reads; `action.yml` declares exactly these (a test checks). */
export const INPUT_NAMES = [
  'service',
  'pipeline-name',
  'stage-name',
  'project-name',
  'project-id',
  'pipeline-id',
  'execution-id',
  'retry-mode',
  'idempotency-token',
  'max-parallel-steps',
  'region',
  'endpoint',
  'huaweicloud-ak',
  'huaweicloud-sk',
  'huaweicloud-security-token',
  'huaweicloud-auth-token',
  'wait',
  'timeout-minutes',
  'poll-interval-seconds',
  'cancel-on-abort',
  'dry-run',
  'max-attempts',
  'targets',
  'concurrency'
] as const
export type InputName = (typeof INPUT_NAMES)[number]

export interface WaitOptions {
  timeoutMs: number
  pollIntervalMs: number
  cancelOnAbort: boolean
}

export interface Connection {
  awsRegion?: string
  huaweiRegion?: string
  endpoint?: string
  huawei?: HuaweiAuth
}

/** The step's inputs, validated: what to retry and how. */
export interface ActionRequest {
  mode: 'single' | 'targets'
  targets: Target[]
  retryMode: 'failed' | 'all'
  idempotencyToken?: string
  maxParallelSteps?: number
  dryRun: boolean
  maxAttempts: number
  wait?: WaitOptions
  concurrency: number
  connection: Connection
}

/** Reads one input as GitHub passes it (`INPUT_<NAME>`), trimmed; '' when unset. */
export type InputReader = (name: InputName) => string
export type SecretMasker = (secret: string) => void

const SECRET_INPUTS: readonly InputName[] = [
  'huaweicloud-ak',
  'huaweicloud-sk',
  'huaweicloud-security-token',
  'huaweicloud-auth-token',
  'idempotency-token'
]

/**
 * Credentials the SDKs (or this action) may read from the environment, masked whatever the service: an
 * SDK error or a debug line must never be able to print one.
 */
const SECRET_ENV = [
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'HUAWEICLOUD_SDK_AK',
  'HUAWEICLOUD_SDK_SK',
  'HUAWEICLOUD_SDK_SECURITY_TOKEN',
  'HUAWEI_CLOUD_ACCESS_KEY_ID',
  'HUAWEI_CLOUD_SECRET_ACCESS_KEY',
  'HUAWEICLOUD_AUTH_TOKEN'
] as const

/** Inputs that name one execution of one service: they belong to single mode. */
const PER_SERVICE: Partial<Record<InputName, readonly Service[]>> = {
  'pipeline-name': ['codepipeline', 'sagemaker'],
  'stage-name': ['codepipeline'],
  'project-name': ['codebuild', 'codebuild-batch'],
  'project-id': ['codearts'],
  'pipeline-id': ['codearts'],
  'execution-id': SERVICES,
  'idempotency-token': ['codebuild', 'codebuild-batch', 'sagemaker']
}
/** Inputs that apply to every target of a service, in both modes. */
const SERVICE_SCOPED: Partial<Record<InputName, readonly Service[]>> = {
  'max-parallel-steps': ['sagemaker'],
  'huaweicloud-ak': ['codearts'],
  'huaweicloud-sk': ['codearts'],
  'huaweicloud-security-token': ['codearts'],
  'huaweicloud-auth-token': ['codearts']
}

const AWS_SERVICES: readonly Service[] = ['codepipeline', 'codebuild', 'codebuild-batch', 'sagemaker']

/** Native retry modes, accepted case-insensitively where they belong. */
const NATIVE_MODES: Readonly<Record<string, { mode: 'failed' | 'all'; service: Service }>> = {
  FAILED_ACTIONS: { mode: 'failed', service: 'codepipeline' },
  ALL_ACTIONS: { mode: 'all', service: 'codepipeline' },
  RETRY_FAILED_BUILDS: { mode: 'failed', service: 'codebuild-batch' },
  RETRY_ALL_BUILDS: { mode: 'all', service: 'codebuild-batch' }
}

export function readRequest(read: InputReader, env: NodeJS.ProcessEnv, mask: SecretMasker): ActionRequest {
  const given = (name: InputName): string | undefined => {
    const value = read(name)
    return value.trim() === '' ? undefined : value
  }
  // Masked before anything is validated, so no error path can print one.
  for (const name of SECRET_INPUTS) {
    const secret = given(name)
    if (secret !== undefined) mask(secret)
  }
  for (const name of SECRET_ENV) {
    const secret = env[name]?.trim()
    if (secret) mask(secret)
  }

  // Numbers and booleans are checked whether or not their mode is on.
  const bool = (name: InputName): boolean => {
    const v = given(name)
    return v === undefined ? false : parseBoolean(name, v)
  }
  const num = (name: InputName, fallback: number, rule: Parameters<typeof parseNumber>[2]): number => {
    const v = given(name)
    return v === undefined ? fallback : parseNumber(name, v, rule)
  }
  const wait = bool('wait')
  const cancelOnAbort = bool('cancel-on-abort')
  const dryRun = bool('dry-run')
  const timeoutMinutes = num('timeout-minutes', 60, {
    min: 0,
    exclusiveMin: true,
    accepted: 'a positive number of minutes, e.g. 30 or 0.5'
  })
  const pollSeconds = num('poll-interval-seconds', 15, {
    min: 1,
    accepted: 'a number of seconds, at least 1'
  })
  const maxAttempts = num('max-attempts', 3, {
    integer: true,
    min: 0,
    accepted: 'a whole number >= 0 (0 = no limit)'
  })
  const concurrency = num('concurrency', 4, {
    integer: true,
    min: 1,
    max: 64,
    accepted: 'a whole number from 1 to 64'
  })
  const maxParallelSteps = given('max-parallel-steps')
  const parallel =
    maxParallelSteps === undefined
      ? undefined
      : parseNumber('max-parallel-steps', maxParallelSteps, {
          integer: true,
          min: 1,
          accepted: 'a whole number >= 1'
        })

  const targetsText = given('targets')
  const serviceText = given('service')
  let targets: Target[]
  let mode: ActionRequest['mode']
  if (targetsText !== undefined) {
    if (serviceText !== undefined)
      throw new InputError(
        'targets',
        'cannot be combined with service',
        'either targets (one SERVICE:RESOURCE a line) or service with its inputs'
      )
    for (const name of Object.keys(PER_SERVICE) as InputName[])
      if (given(name) !== undefined)
        throw new InputError(
          'targets',
          `cannot be combined with ${name}`,
          `each target written as SERVICE:RESOURCE in targets, without ${name}`
        )
    targets = parseTargetList(targetsText)
    mode = 'targets'
  } else {
    if (serviceText === undefined)
      throw new InputError('service', 'is required', `one of ${SERVICES.join(', ')} (or use targets)`)
    const service = serviceText.toLowerCase() as Service
    if (!SERVICES.includes(service))
      throw new InputError(
        'service',
        `'${shorten(serviceText)}' is not a known service`,
        `one of ${SERVICES.join(', ')}`
      )
    for (const [name, owners] of Object.entries(PER_SERVICE) as [InputName, readonly Service[]][])
      if (given(name) !== undefined && !owners.includes(service))
        throw new InputError(name, `is not used by service ${service}`, `it only with ${owners.join(' or ')}`)
    targets = [singleTarget(service, given)]
    mode = 'single'
  }

  const services = new Set(targets.map(t => t.service))
  for (const [name, owners] of Object.entries(SERVICE_SCOPED) as [InputName, readonly Service[]][])
    if (given(name) !== undefined && !owners.some(s => services.has(s)))
      throw new InputError(
        name,
        `is not used by ${[...services].join(', ')}`,
        `it only with ${owners.join(' or ')}`
      )

  const retryMode = normaliseRetryMode(given('retry-mode'), services)
  const token = given('idempotency-token')
  if (token !== undefined) {
    // A secret: the error names its length, never its value.
    const { min, max } = TOKEN_LENGTH[services.has('sagemaker') ? 'sagemaker' : 'codebuild']
    if (token.length < min || token.length > max)
      throw new InputError(
        'idempotency-token',
        `is ${token.length} characters long`,
        `${min}-${max} characters`
      )
  }

  return {
    mode,
    targets,
    retryMode,
    ...(token !== undefined ? { idempotencyToken: token } : {}),
    ...(parallel !== undefined ? { maxParallelSteps: parallel } : {}),
    dryRun,
    maxAttempts,
    ...(wait
      ? { wait: { timeoutMs: timeoutMinutes * 60_000, pollIntervalMs: pollSeconds * 1000, cancelOnAbort } }
      : {}),
    concurrency,
    connection: readConnection(services, given, env)
  }
}

function singleTarget(service: Service, given: (name: InputName) => string | undefined): Target {
  const executionId = given('execution-id')
  const exec = executionId !== undefined ? { executionId } : {}
  const required = (name: InputName, accepted: string): string => {
    const v = given(name)
    if (v === undefined) throw new InputError(name, `is required for service ${service}`, accepted)
    return v
  }
  switch (service) {
    case 'codepipeline': {
      const pipelineName = expectPattern(
        'pipeline-name',
        required('pipeline-name', PATTERNS.codepipelineName.accepted),
        'codepipelineName'
      )
      const stageName = given('stage-name')
      if (stageName !== undefined) expectPattern('stage-name', stageName, 'codepipelineName')
      if (executionId !== undefined) expectPattern('execution-id', executionId, 'uuid')
      const label = `codepipeline:${pipelineName}${stageName !== undefined ? `/${stageName}` : ''}`
      return { service, label, pipelineName, ...(stageName !== undefined ? { stageName } : {}), ...exec }
    }
    case 'codebuild':
    case 'codebuild-batch': {
      const projectName = given('project-name')
      if (projectName !== undefined) expectPattern('project-name', projectName, 'codebuildProject')
      if (executionId !== undefined)
        expectPattern(
          'execution-id',
          executionId,
          service === 'codebuild' ? 'codebuildBuildId' : 'codebuildBatchId'
        )
      const project = projectName ?? projectOfBuildId(executionId)
      if (project === undefined)
        throw new InputError(
          'project-name',
          `is required for service ${service} when execution-id is not given`,
          PATTERNS.codebuildProject.accepted
        )
      if (
        projectName !== undefined &&
        executionId !== undefined &&
        projectOfBuildId(executionId) !== projectName
      )
        throw new InputError(
          'execution-id',
          `'${executionId}' belongs to another project than '${projectName}'`,
          `an ID of a ${service === 'codebuild' ? 'build' : 'batch'} of project ${projectName}`
        )
      return { service, label: `${service}:${project}`, projectName: project, ...exec }
    }
    case 'sagemaker': {
      const pipelineName = given('pipeline-name')
      if (pipelineName !== undefined) expectPattern('pipeline-name', pipelineName, 'sagemakerPipeline')
      if (executionId !== undefined) expectPattern('execution-id', executionId, 'sagemakerExecutionArn')
      const pipeline = pipelineName ?? pipelineOfExecutionArn(executionId)
      if (pipeline === undefined)
        throw new InputError(
          'pipeline-name',
          'is required for service sagemaker when execution-id is not given',
          PATTERNS.sagemakerPipeline.accepted
        )
      if (
        pipelineName !== undefined &&
        executionId !== undefined &&
        pipelineOfExecutionArn(executionId) !== pipelineName
      )
        throw new InputError(
          'execution-id',
          `'${executionId}' is an execution of another pipeline than '${pipelineName}'`,
          `an execution ARN of pipeline ${pipelineName}`
        )
      return { service, label: `sagemaker:${pipeline}`, pipelineName: pipeline, ...exec }
    }
    case 'codearts': {
      const projectId = expectPattern(
        'project-id',
        required('project-id', PATTERNS.codeartsId.accepted),
        'codeartsId'
      )
      const pipelineId = expectPattern(
        'pipeline-id',
        required('pipeline-id', PATTERNS.codeartsId.accepted),
        'codeartsId'
      )
      if (executionId !== undefined) expectPattern('execution-id', executionId, 'codeartsId')
      return { service, label: `codearts:${projectId}/${pipelineId}`, projectId, pipelineId, ...exec }
    }
  }
}

/** `project:uuid` or `arn:...:build/project:uuid` -> project. */
export function projectOfBuildId(id: string | undefined): string | undefined {
  if (id === undefined) return undefined
  const tail = id.slice(id.lastIndexOf('/') + 1)
  const colon = tail.indexOf(':')
  return colon > 0 ? tail.slice(0, colon) : undefined
}

/** `arn:aws:sagemaker:REGION:ACCOUNT:pipeline/NAME/execution/ID` -> NAME. */
export function pipelineOfExecutionArn(arn: string | undefined): string | undefined {
  return arn?.match(/:pipeline\/([^/]+)\/execution\//)?.[1]
}

function normaliseRetryMode(value: string | undefined, services: ReadonlySet<Service>): 'failed' | 'all' {
  if (value === undefined) return 'failed'
  const upper = value.toUpperCase()
  const native = NATIVE_MODES[upper]
  let mode: 'failed' | 'all'
  if (upper === 'FAILED' || upper === 'ALL') mode = upper === 'FAILED' ? 'failed' : 'all'
  else if (native !== undefined) {
    const other = [...services].find(s => s !== native.service)
    if (other !== undefined)
      throw new InputError(
        'retry-mode',
        `${value} does not apply to ${other}`,
        `failed or all (${native.service} also takes its native ${Object.keys(NATIVE_MODES)
          .filter(k => NATIVE_MODES[k]?.service === native.service)
          .join(' / ')})`
      )
    mode = native.mode
  } else
    throw new InputError(
      'retry-mode',
      `'${value}' is not a retry mode`,
      'failed or all (or FAILED_ACTIONS / ALL_ACTIONS for codepipeline, RETRY_FAILED_BUILDS / RETRY_ALL_BUILDS for codebuild-batch)'
    )
  const onlyFailed = [...services].find(s => s === 'sagemaker' || s === 'codearts')
  if (mode === 'all' && onlyFailed !== undefined)
    throw new InputError(
      'retry-mode',
      `'${value}' is not supported by ${onlyFailed}, which retries only what failed`,
      'failed'
    )
  return mode
}

function readConnection(
  services: ReadonlySet<Service>,
  given: (name: InputName) => string | undefined,
  env: NodeJS.ProcessEnv
): Connection {
  const fromEnv = (...names: string[]): string | undefined => names.map(n => env[n]?.trim()).find(v => v)
  const endpointText = given('endpoint')
  const endpoint = endpointText !== undefined ? expectUrl('endpoint', endpointText) : undefined
  const regionInput = given('region')
  const connection: Connection = endpoint !== undefined ? { endpoint } : {}

  if (AWS_SERVICES.some(s => services.has(s))) {
    const region = regionInput ?? fromEnv('AWS_REGION', 'AWS_DEFAULT_REGION')
    if (region === undefined)
      throw new InputError(
        'region',
        'no AWS region is set',
        'the region input, or AWS_REGION / AWS_DEFAULT_REGION (aws-actions/configure-aws-credentials sets it)'
      )
    connection.awsRegion = expectPattern('region', region, 'awsRegion')
  }
  if (services.has('codearts')) {
    const region = regionInput ?? fromEnv('HUAWEICLOUD_SDK_REGION', 'HUAWEI_CLOUD_REGION')
    if (endpoint === undefined) {
      if (region === undefined)
        throw new InputError(
          'region',
          'no Huawei Cloud region is set for codearts',
          'the region input or HUAWEICLOUD_SDK_REGION / HUAWEI_CLOUD_REGION, or an endpoint'
        )
      if (codeartsEndpoint(region) === undefined)
        throw new InputError(
          'region',
          `'${shorten(region)}' has no known CodeArts Pipeline endpoint`,
          `one of ${CODEARTS_REGIONS.join(', ')}, or set the endpoint input for other regions`
        )
    }
    if (region !== undefined) connection.huaweiRegion = region
    connection.huawei = readHuaweiAuth(given, fromEnv)
  }
  return connection
}

/** Inputs win over env; AK/SK wins over a token at the same level. All were masked by readRequest. */
function readHuaweiAuth(
  given: (name: InputName) => string | undefined,
  fromEnv: (...names: string[]) => string | undefined
): HuaweiAuth {
  const levels = [
    {
      ak: given('huaweicloud-ak'),
      sk: given('huaweicloud-sk'),
      st: given('huaweicloud-security-token'),
      token: given('huaweicloud-auth-token'),
      where: 'inputs'
    },
    {
      ak: fromEnv('HUAWEICLOUD_SDK_AK', 'HUAWEI_CLOUD_ACCESS_KEY_ID'),
      sk: fromEnv('HUAWEICLOUD_SDK_SK', 'HUAWEI_CLOUD_SECRET_ACCESS_KEY'),
      st: fromEnv('HUAWEICLOUD_SDK_SECURITY_TOKEN'),
      token: fromEnv('HUAWEICLOUD_AUTH_TOKEN'),
      where: 'env'
    }
  ]
  for (const { ak, sk, st, token } of levels) {
    if ((ak === undefined) !== (sk === undefined))
      throw new InputError(
        ak === undefined ? 'huaweicloud-ak' : 'huaweicloud-sk',
        'is missing while its pair is set',
        'both huaweicloud-ak and huaweicloud-sk (or HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK)'
      )
    if (ak !== undefined && sk !== undefined)
      return {
        kind: 'aksk',
        accessKey: ak,
        secretKey: sk,
        ...(st !== undefined ? { securityToken: st } : {})
      }
    if (token !== undefined) return { kind: 'token', token }
  }
  throw new InputError(
    'huaweicloud-ak',
    'no Huawei Cloud credentials are set for codearts',
    'huaweicloud-ak and huaweicloud-sk (or huaweicloud-auth-token), or HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK, HUAWEI_CLOUD_ACCESS_KEY_ID / HUAWEI_CLOUD_SECRET_ACCESS_KEY (huaweicloud/auth-action) or HUAWEICLOUD_AUTH_TOKEN'
  )
}
