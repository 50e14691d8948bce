import { describe, expect, it, jest } from '@jest/globals'
import { InputError } from '../../../src/model/errors.js'
import { CODEARTS_REGIONS } from '../../../src/services/codearts/endpoints.js'
import { readRequest, type InputName } from '../../../src/action/inputs.js'

type Inputs = Partial<Record<InputName, string>>

const AWS_ENV = { AWS_REGION: 'us-east-1' }
const HW_ENV = {
  HUAWEICLOUD_SDK_REGION: 'cn-north-4',
  HUAWEICLOUD_SDK_AK: 'AKENV',
  HUAWEICLOUD_SDK_SK: 'SKENV'
}

const UUID = '3137f7cb-7cf7-4d2c-9f2a-1b2c3d4e5f60'
const BUILD_ID = `my-project:${UUID}`
const BUILD_ARN = `arn:aws:codebuild:us-east-1:123456789012:build/my-project:${UUID}`
const BATCH_ARN = `arn:aws:codebuild:us-east-1:123456789012:build-batch/my-project:${UUID}`
const SM_ARN = 'arn:aws:sagemaker:us-east-1:123456789012:pipeline/train-and-register/execution/abc123def'
const CA_PROJECT = '0123456789abcdef0123456789abcdef'
const CA_PIPELINE = 'fedcba9876543210fedcba9876543210'
const CA_RUN = 'aaaabbbbccccddddeeeeffff00001111'

function read(inputs: Inputs, env: NodeJS.ProcessEnv = AWS_ENV, mask = jest.fn<(s: string) => void>()) {
  return readRequest(name => inputs[name] ?? '', env, mask)
}

/** Runs readRequest expecting an InputError; checks it is one line and names `input`. */
function inputError(inputs: Inputs, input: string, env: NodeJS.ProcessEnv = AWS_ENV): string {
  let caught: unknown
  try {
    read(inputs, env)
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(InputError)
  const message = (caught as InputError).message
  expect(message).not.toMatch(/[\r\n]/)
  expect(message).toContain(`Input '${input}'`)
  return message
}

const cp: Inputs = { service: 'codepipeline', 'pipeline-name': 'release' }
const ca: Inputs = { service: 'codearts', 'project-id': CA_PROJECT, 'pipeline-id': CA_PIPELINE }

describe('defaults', () => {
  it('fills every documented default for a minimal codepipeline step', () => {
    const request = read(cp)
    expect(request).toEqual({
      mode: 'single',
      targets: [{ service: 'codepipeline', label: 'codepipeline:release', pipelineName: 'release' }],
      retryMode: 'failed',
      dryRun: false,
      maxAttempts: 3,
      policy: { retryOn: [{ kind: 'any' }] },
      retries: 1,
      retryDelayMs: 60_000,
      concurrency: 4,
      maxRetries: 0,
      connection: { clouds: { aws: { region: 'us-east-1' } } }
    })
  })

  it('sets wait options only with wait, in milliseconds', () => {
    expect(read({ ...cp, wait: 'true' }).wait).toEqual({
      timeoutMs: 60 * 60_000,
      pollIntervalMs: 15_000,
      cancelOnAbort: false
    })
    expect(
      read({
        ...cp,
        wait: 'TRUE',
        'timeout-minutes': '0.5',
        'poll-interval-seconds': '2.5',
        'cancel-on-abort': 'True'
      }).wait
    ).toEqual({ timeoutMs: 30_000, pollIntervalMs: 2500, cancelOnAbort: true })
  })
})

describe('booleans (YAML 1.2 core only)', () => {
  const names = ['wait', 'dry-run', 'cancel-on-abort'] as const
  it.each(names)('%s accepts true/True/TRUE and false/False/FALSE', name => {
    for (const v of ['true', 'True', 'TRUE']) expect(() => read({ ...cp, [name]: v })).not.toThrow()
    for (const v of ['false', 'False', 'FALSE']) expect(() => read({ ...cp, [name]: v })).not.toThrow()
    expect(read({ ...cp, 'dry-run': 'True' }).dryRun).toBe(true)
    expect(read({ ...cp, 'dry-run': 'FALSE' }).dryRun).toBe(false)
  })

  it.each(names.flatMap(name => ['yes', 'no', 'on', 'off', '1', '0', 'tRUE', 'y'].map(v => [name, v])))(
    '%s rejects %p naming the input',
    (name, value) => {
      const message = inputError({ ...cp, [name]: value }, name)
      expect(message).toContain(`'${value}'`)
    }
  )
})

describe('numbers are validated whether or not their mode is on', () => {
  const good: [InputName, string][] = [
    ['timeout-minutes', '0.25'],
    ['timeout-minutes', '120'],
    ['poll-interval-seconds', '1'],
    ['poll-interval-seconds', '1.5'],
    ['max-attempts', '0'],
    ['max-attempts', '10'],
    ['concurrency', '1'],
    ['concurrency', '64']
  ]
  it.each(good)('%s accepts %p', (name, value) => {
    expect(() => read({ ...cp, [name]: value })).not.toThrow()
  })

  const bad: [InputName, string][] = [
    ['timeout-minutes', '0'],
    ['timeout-minutes', '-5'],
    ['timeout-minutes', 'abc'],
    ['timeout-minutes', '1e3'],
    ['timeout-minutes', 'Infinity'],
    ['poll-interval-seconds', '0.5'],
    ['poll-interval-seconds', '0'],
    ['poll-interval-seconds', 'NaN'],
    ['max-attempts', '-1'],
    ['max-attempts', '1.5'],
    ['max-attempts', 'three'],
    ['concurrency', '0'],
    ['concurrency', '65'],
    ['concurrency', '2.5'],
    ['concurrency', '4x']
  ]
  it.each(bad)('%s rejects %p without wait/targets', (name, value) => {
    inputError({ ...cp, [name]: value }, name)
  })

  it('max-parallel-steps is an integer >= 1, checked for sagemaker', () => {
    const sm: Inputs = { service: 'sagemaker', 'pipeline-name': 'train' }
    expect(read({ ...sm, 'max-parallel-steps': '8' }).maxParallelSteps).toBe(8)
    for (const v of ['0', '-1', '2.5', 'many'])
      inputError({ ...sm, 'max-parallel-steps': v }, 'max-parallel-steps')
  })

  it('max-parallel-steps is an input error for another service', () => {
    inputError({ ...cp, 'max-parallel-steps': '4' }, 'max-parallel-steps')
  })

  it('parses the values it accepts', () => {
    const r = read({ ...cp, 'max-attempts': '0', concurrency: '64' })
    expect(r.maxAttempts).toBe(0)
    expect(r.concurrency).toBe(64)
  })
})

describe('service and required inputs', () => {
  it('requires service (or targets)', () => {
    inputError({}, 'service')
  })

  it('rejects an unknown service, naming the known ones', () => {
    const message = inputError({ service: 'jenkins', 'pipeline-name': 'x' }, 'service')
    expect(message).toContain('jenkins')
    expect(message).toContain('codepipeline, codebuild, codebuild-batch, sagemaker, codearts')
  })

  it('keeps the message on one line for a multi-line service value', () => {
    inputError({ service: 'codepipeline\nrm -rf /' }, 'service')
  })

  it.each<[string, Inputs, string]>([
    ['codepipeline', { service: 'codepipeline' }, 'pipeline-name'],
    ['codebuild', { service: 'codebuild' }, 'project-name'],
    ['codebuild-batch', { service: 'codebuild-batch' }, 'project-name'],
    ['sagemaker', { service: 'sagemaker' }, 'pipeline-name'],
    ['codearts without project-id', { service: 'codearts', 'pipeline-id': CA_PIPELINE }, 'project-id'],
    ['codearts without pipeline-id', { service: 'codearts', 'project-id': CA_PROJECT }, 'pipeline-id']
  ])('%s: a missing required input is named', (_, inputs, missing) => {
    inputError(inputs, missing, { ...AWS_ENV, ...HW_ENV })
  })

  it.each<[string, Inputs, string]>([
    [
      'stage-name for codebuild',
      { service: 'codebuild', 'project-name': 'p1', 'stage-name': 'Deploy' },
      'stage-name'
    ],
    ['project-name for codepipeline', { ...cp, 'project-name': 'p1' }, 'project-name'],
    [
      'pipeline-name for codebuild',
      { service: 'codebuild', 'project-name': 'p1', 'pipeline-name': 'x' },
      'pipeline-name'
    ],
    [
      'project-id for sagemaker',
      { service: 'sagemaker', 'pipeline-name': 'x', 'project-id': CA_PROJECT },
      'project-id'
    ],
    ['pipeline-id for codepipeline', { ...cp, 'pipeline-id': CA_PIPELINE }, 'pipeline-id'],
    [
      'idempotency-token for codepipeline',
      { ...cp, 'idempotency-token': 'x'.repeat(40) },
      'idempotency-token'
    ],
    ['idempotency-token for codearts', { ...ca, 'idempotency-token': 'x'.repeat(40) }, 'idempotency-token'],
    [
      'huaweicloud-ak for codebuild',
      { service: 'codebuild', 'project-name': 'p1', 'huaweicloud-ak': 'A' },
      'huaweicloud-ak'
    ],
    [
      'huaweicloud-auth-token for sagemaker',
      { service: 'sagemaker', 'pipeline-name': 'x', 'huaweicloud-auth-token': 'T' },
      'huaweicloud-auth-token'
    ]
  ])('%s is an input error naming it', (_, inputs, name) => {
    inputError(inputs, name, { ...AWS_ENV, ...HW_ENV })
  })
})

describe('targets excludes service and per-service inputs', () => {
  it('targets with service names targets', () => {
    inputError({ targets: 'codebuild:p1', service: 'codebuild' }, 'targets')
  })

  it.each<InputName>([
    'pipeline-name',
    'stage-name',
    'project-name',
    'project-id',
    'pipeline-id',
    'execution-id',
    'idempotency-token'
  ])('targets with %s names targets', name => {
    const message = inputError({ targets: 'codebuild:p1', [name]: 'x' }, 'targets')
    expect(message).toContain(name)
  })

  it('targets mode reads the list and common inputs', () => {
    const r = read({ targets: 'codebuild:p1\nsagemaker:train', concurrency: '2', 'max-parallel-steps': '3' })
    expect(r.mode).toBe('targets')
    expect(r.lines?.map(l => (l.kind.name === 'target' ? l.kind.target.label : l.text))).toEqual([
      'codebuild:p1',
      'sagemaker:train'
    ])
    expect(r.concurrency).toBe(2)
    expect(r.maxParallelSteps).toBe(3)
  })

  it('a bad targets line fails the whole request', () => {
    expect(() => read({ targets: 'codebuild:p1\nnope:x' })).toThrow(/line 2/)
  })
})

describe('documented patterns', () => {
  it('codepipeline names: [A-Za-z0-9.@-_], 1-100 characters', () => {
    expect(() => read({ ...cp, 'pipeline-name': 'a.b@c-d_E9', 'stage-name': 'Deploy' })).not.toThrow()
    expect(() => read({ ...cp, 'pipeline-name': 'p'.repeat(100) })).not.toThrow()
    inputError({ ...cp, 'pipeline-name': 'p'.repeat(101) }, 'pipeline-name')
    inputError({ ...cp, 'pipeline-name': 'has space' }, 'pipeline-name')
    inputError({ ...cp, 'pipeline-name': 'a/b' }, 'pipeline-name')
    inputError({ ...cp, 'stage-name': 'De ploy' }, 'stage-name')
    inputError({ ...cp, 'stage-name': 's'.repeat(101) }, 'stage-name')
  })

  it('codepipeline execution-id must be a UUID', () => {
    expect(read({ ...cp, 'execution-id': UUID }).targets[0]).toMatchObject({ executionId: UUID })
    for (const bad of ['123', `${UUID}x`, UUID.replace(/-/g, ''), 'zzzzzzzz-7cf7-4d2c-9f2a-1b2c3d4e5f60'])
      inputError({ ...cp, 'execution-id': bad }, 'execution-id')
  })

  it('codebuild execution-id: build ID or build ARN; batch: batch ID or ARN', () => {
    expect(() => read({ service: 'codebuild', 'execution-id': BUILD_ID })).not.toThrow()
    expect(() => read({ service: 'codebuild', 'execution-id': BUILD_ARN })).not.toThrow()
    expect(() => read({ service: 'codebuild-batch', 'execution-id': BATCH_ARN })).not.toThrow()
    inputError({ service: 'codebuild', 'execution-id': 'no-colon' }, 'execution-id')
    inputError({ service: 'codebuild', 'execution-id': BATCH_ARN }, 'execution-id')
    inputError({ service: 'codebuild-batch', 'execution-id': BUILD_ARN }, 'execution-id')
  })

  it('codebuild execution-id of another project than project-name is rejected', () => {
    inputError({ service: 'codebuild', 'project-name': 'other', 'execution-id': BUILD_ID }, 'execution-id')
    expect(() =>
      read({ service: 'codebuild', 'project-name': 'my-project', 'execution-id': BUILD_ID })
    ).not.toThrow()
  })

  it('sagemaker execution-id: the documented ARN pattern, at most 2048 characters', () => {
    expect(read({ service: 'sagemaker', 'execution-id': SM_ARN }).targets[0]).toMatchObject({
      executionId: SM_ARN,
      pipelineName: 'train-and-register'
    })
    expect(() =>
      read({ service: 'sagemaker', 'execution-id': SM_ARN + 'x'.repeat(2048 - SM_ARN.length) })
    ).not.toThrow()
    const long = SM_ARN + 'x'.repeat(2049 - SM_ARN.length)
    expect(long).toHaveLength(2049)
    const message = inputError({ service: 'sagemaker', 'execution-id': long }, 'execution-id')
    expect(message).toContain('2049')
    expect(message.length).toBeLessThan(400)
    for (const bad of [
      'arn:aws:sagemaker:us-east-1:12345:pipeline/p/execution/e',
      'arn:aws:codebuild:us-east-1:123456789012:pipeline/p/execution/e',
      'arn:aws:sagemaker:us-east-1:123456789012:pipeline/p'
    ])
      inputError({ service: 'sagemaker', 'execution-id': bad }, 'execution-id')
  })

  it('sagemaker execution of another pipeline than pipeline-name is rejected', () => {
    inputError({ service: 'sagemaker', 'pipeline-name': 'other', 'execution-id': SM_ARN }, 'execution-id')
  })

  it('idempotency-token: 32-128 characters for sagemaker, 1-128 for codebuild', () => {
    const sm: Inputs = { service: 'sagemaker', 'pipeline-name': 'train' }
    expect(read({ ...sm, 'idempotency-token': 't'.repeat(32) }).idempotencyToken).toBe('t'.repeat(32))
    expect(() => read({ ...sm, 'idempotency-token': 't'.repeat(128) })).not.toThrow()
    inputError({ ...sm, 'idempotency-token': 't'.repeat(31) }, 'idempotency-token')
    inputError({ ...sm, 'idempotency-token': 't'.repeat(129) }, 'idempotency-token')
    const cb: Inputs = { service: 'codebuild', 'project-name': 'p1' }
    expect(() => read({ ...cb, 'idempotency-token': 'short' })).not.toThrow()
    inputError({ ...cb, 'idempotency-token': 't'.repeat(129) }, 'idempotency-token')
  })

  it('codearts IDs are 32 characters', () => {
    expect(() => read({ ...ca, 'execution-id': CA_RUN }, HW_ENV)).not.toThrow()
    inputError({ ...ca, 'project-id': CA_PROJECT.slice(1) }, 'project-id', HW_ENV)
    inputError({ ...ca, 'pipeline-id': `${CA_PIPELINE}0` }, 'pipeline-id', HW_ENV)
    inputError({ ...ca, 'execution-id': 'run-1' }, 'execution-id', HW_ENV)
  })

  it('endpoint must be an http(s) URL; a trailing slash is dropped', () => {
    expect(read({ ...cp, endpoint: 'http://localhost:4566/' }).connection.endpoint).toBe(
      'http://localhost:4566'
    )
    inputError({ ...cp, endpoint: 'not a url' }, 'endpoint')
    inputError({ ...cp, endpoint: 'ftp://host' }, 'endpoint')
  })

  it.each([
    ['a user and password', 'https://alice:s3cret@vpce.example.com', 's3cret'],
    ['a user', 'https://alice@vpce.example.com', 'alice'],
    ['a query', 'https://vpce.example.com/?token=abc', undefined],
    ['a fragment', 'https://vpce.example.com/#x', undefined],
    ['an unparsable value with credentials', 'https://alice:s3cret@exa mple', 's3cret']
  ])('endpoint with %s is refused without echoing credentials', (_what, endpoint, secret) => {
    const message = inputError({ ...cp, endpoint }, 'endpoint')
    expect(message).toContain('Expected an http(s) URL')
    if (secret) expect(message).not.toContain(secret)
  })

  it('masks AWS and Huawei credentials from the environment before anything else', () => {
    const mask = jest.fn<(s: string) => void>()
    read(
      { service: 'codebuild', 'project-name': 'p1' },
      {
        ...AWS_ENV,
        AWS_SECRET_ACCESS_KEY: 'aws-secret',
        AWS_SESSION_TOKEN: 'aws-session',
        HUAWEICLOUD_SDK_SK: 'hw-sk'
      },
      mask
    )
    expect(mask.mock.calls.map(c => c[0]).sort()).toEqual(['aws-secret', 'aws-session', 'hw-sk'])
  })

  it('shortens an echoed value to at most 100 characters, on one line', () => {
    const message = inputError(
      { service: 'codebuild', 'project-name': `bad name\n${'x'.repeat(300)}` },
      'project-name'
    )
    const echoed = /'([^']*)'/.exec(message.slice(message.indexOf(':')))?.[1] ?? ''
    expect(echoed.length).toBeLessThanOrEqual(100)
    expect(echoed.length).toBeGreaterThan(90)
  })
})

describe('retry-mode', () => {
  const batch: Inputs = { service: 'codebuild-batch', 'project-name': 'nightly' }
  const sm: Inputs = { service: 'sagemaker', 'pipeline-name': 'train' }

  it('failed / all map directly, case-insensitively', () => {
    expect(read({ ...cp, 'retry-mode': 'all' }).retryMode).toBe('all')
    expect(read({ ...cp, 'retry-mode': 'ALL' }).retryMode).toBe('all')
    expect(read({ ...cp, 'retry-mode': 'Failed' }).retryMode).toBe('failed')
  })

  it('codebuild accepts both failed and all', () => {
    expect(read({ service: 'codebuild', 'project-name': 'p1', 'retry-mode': 'all' }).retryMode).toBe('all')
    expect(read({ service: 'codebuild', 'project-name': 'p1', 'retry-mode': 'failed' }).retryMode).toBe(
      'failed'
    )
  })

  it.each<[Inputs, string, 'failed' | 'all']>([
    [cp, 'FAILED_ACTIONS', 'failed'],
    [cp, 'all_actions', 'all'],
    [cp, 'Failed_Actions', 'failed'],
    [batch, 'RETRY_FAILED_BUILDS', 'failed'],
    [batch, 'retry_all_builds', 'all']
  ])('native value where it belongs: %#', (inputs, value, mode) => {
    expect(read({ ...inputs, 'retry-mode': value }).retryMode).toBe(mode)
  })

  it.each<[Inputs, string]>([
    [cp, 'RETRY_FAILED_BUILDS'],
    [batch, 'FAILED_ACTIONS'],
    [{ service: 'codebuild', 'project-name': 'p1' }, 'ALL_ACTIONS'],
    [sm, 'FAILED_ACTIONS'],
    [cp, 'sometimes'],
    [cp, 'failed_builds']
  ])('rejects native value or junk where it does not belong: %#', (inputs, value) => {
    inputError({ ...inputs, 'retry-mode': value }, 'retry-mode')
  })

  it('rejects a native value when another target service would get it', () => {
    inputError(
      { targets: 'codepipeline:release\ncodebuild-batch:nightly', 'retry-mode': 'ALL_ACTIONS' },
      'retry-mode'
    )
  })

  it('all is rejected for sagemaker and codearts, failed is accepted', () => {
    inputError({ ...sm, 'retry-mode': 'all' }, 'retry-mode')
    inputError({ ...ca, 'retry-mode': 'all' }, 'retry-mode', HW_ENV)
    inputError({ targets: 'codebuild:p1\nsagemaker:train', 'retry-mode': 'all' }, 'retry-mode')
    expect(read({ ...sm, 'retry-mode': 'failed' }).retryMode).toBe('failed')
    expect(read({ ...ca, 'retry-mode': 'failed' }, HW_ENV).retryMode).toBe('failed')
  })
})

describe('region resolution', () => {
  it('AWS: the input, then AWS_REGION, then AWS_DEFAULT_REGION', () => {
    const env = { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'ap-south-1' }
    expect(read({ ...cp, region: 'us-west-2' }, env).connection.clouds.aws?.region).toBe('us-west-2')
    expect(read(cp, env).connection.clouds.aws?.region).toBe('eu-west-1')
    expect(read(cp, { AWS_DEFAULT_REGION: 'ap-south-1' }).connection.clouds.aws?.region).toBe('ap-south-1')
    expect(
      read(cp, { AWS_REGION: '  ', AWS_DEFAULT_REGION: 'ap-south-1' }).connection.clouds.aws?.region
    ).toBe('ap-south-1')
  })

  it('AWS: no region anywhere, or a malformed one, is an input error naming region', () => {
    inputError(cp, 'region', {})
    inputError({ ...cp, region: 'mars' }, 'region')
    inputError(cp, 'region', { AWS_REGION: 'US_EAST_1' })
  })

  it('codearts: the input, then HUAWEICLOUD_SDK_REGION, then HUAWEI_CLOUD_REGION', () => {
    const creds = { HUAWEICLOUD_SDK_AK: 'A', HUAWEICLOUD_SDK_SK: 'S' }
    const env = { ...creds, HUAWEICLOUD_SDK_REGION: 'cn-north-4', HUAWEI_CLOUD_REGION: 'ap-southeast-3' }
    expect(read({ ...ca, region: 'cn-south-1' }, env).connection.clouds.huawei?.region).toBe('cn-south-1')
    expect(read(ca, env).connection.clouds.huawei?.region).toBe('cn-north-4')
    expect(
      read(ca, { ...creds, HUAWEI_CLOUD_REGION: 'ap-southeast-3' }).connection.clouds.huawei?.region
    ).toBe('ap-southeast-3')
    expect(read(ca, env).connection.clouds.aws?.region).toBeUndefined()
  })

  it('codearts: a region without a known endpoint is rejected unless endpoint is set', () => {
    expect(CODEARTS_REGIONS).not.toContain('xx-nowhere-9')
    const env = { HUAWEICLOUD_SDK_AK: 'A', HUAWEICLOUD_SDK_SK: 'S' }
    const message = inputError({ ...ca, region: 'xx-nowhere-9' }, 'region', env)
    expect(message).toContain('endpoint')
    const r = read({ ...ca, region: 'xx-nowhere-9', endpoint: 'https://pipeline.example.com' }, env)
    expect(r.connection).toMatchObject({
      clouds: { huawei: { region: 'xx-nowhere-9' } },
      endpoint: 'https://pipeline.example.com'
    })
  })

  it('codearts: an unknown multi-line region is reported on one line', () => {
    inputError({ ...ca, region: 'xx-nowhere-9\nmore' }, 'region', {
      HUAWEICLOUD_SDK_AK: 'A',
      HUAWEICLOUD_SDK_SK: 'S'
    })
  })

  it('codearts: no region is an error, but with endpoint no region is needed', () => {
    const env = { HUAWEICLOUD_SDK_AK: 'A', HUAWEICLOUD_SDK_SK: 'S' }
    inputError(ca, 'region', env)
    const r = read({ ...ca, endpoint: 'http://127.0.0.1:8080' }, env)
    expect(r.connection.clouds.huawei?.region).toBeUndefined()
    expect(r.connection.endpoint).toBe('http://127.0.0.1:8080')
  })

  it('codearts does not need an AWS region', () => {
    expect(() => read(ca, HW_ENV)).not.toThrow()
  })
})

describe('Huawei credentials', () => {
  const region = { HUAWEICLOUD_SDK_REGION: 'cn-north-4' }

  it('inputs win over env', () => {
    const r = read({ ...ca, 'huaweicloud-ak': 'AKIN', 'huaweicloud-sk': 'SKIN' }, HW_ENV)
    expect(r.connection.clouds.huawei?.credentials).toEqual({
      kind: 'aksk',
      accessKey: 'AKIN',
      secretKey: 'SKIN'
    })
  })

  it('env: HUAWEICLOUD_SDK_* before HUAWEI_CLOUD_* (huaweicloud/auth-action)', () => {
    const env = {
      ...region,
      HUAWEICLOUD_SDK_AK: 'A1',
      HUAWEICLOUD_SDK_SK: 'S1',
      HUAWEI_CLOUD_ACCESS_KEY_ID: 'A2',
      HUAWEI_CLOUD_SECRET_ACCESS_KEY: 'S2'
    }
    expect(read(ca, env).connection.clouds.huawei?.credentials).toEqual({
      kind: 'aksk',
      accessKey: 'A1',
      secretKey: 'S1'
    })
    const authAction = { ...region, HUAWEI_CLOUD_ACCESS_KEY_ID: 'A2', HUAWEI_CLOUD_SECRET_ACCESS_KEY: 'S2' }
    expect(read(ca, authAction).connection.clouds.huawei?.credentials).toEqual({
      kind: 'aksk',
      accessKey: 'A2',
      secretKey: 'S2'
    })
  })

  it('security token goes with AK/SK', () => {
    const r = read(
      { ...ca, 'huaweicloud-ak': 'A', 'huaweicloud-sk': 'S', 'huaweicloud-security-token': 'ST' },
      region
    )
    expect(r.connection.clouds.huawei?.credentials).toEqual({
      kind: 'aksk',
      accessKey: 'A',
      secretKey: 'S',
      securityToken: 'ST'
    })
    expect(
      read(ca, { ...HW_ENV, HUAWEICLOUD_SDK_SECURITY_TOKEN: 'STE' }).connection.clouds.huawei?.credentials
    ).toMatchObject({
      securityToken: 'STE'
    })
  })

  it('auth token: input, then env; AK/SK wins at the same level; an input token wins over env AK/SK', () => {
    expect(
      read({ ...ca, 'huaweicloud-auth-token': 'TOK' }, region).connection.clouds.huawei?.credentials
    ).toEqual({
      kind: 'token',
      token: 'TOK'
    })
    expect(
      read(ca, { ...region, HUAWEICLOUD_AUTH_TOKEN: 'ETOK' }).connection.clouds.huawei?.credentials
    ).toEqual({
      kind: 'token',
      token: 'ETOK'
    })
    expect(
      read({ ...ca, 'huaweicloud-ak': 'A', 'huaweicloud-sk': 'S', 'huaweicloud-auth-token': 'TOK' }, region)
        .connection.clouds.huawei?.credentials
    ).toMatchObject({ kind: 'aksk' })
    expect(
      read({ ...ca, 'huaweicloud-auth-token': 'TOK' }, HW_ENV).connection.clouds.huawei?.credentials
    ).toEqual({
      kind: 'token',
      token: 'TOK'
    })
  })

  it('half a pair or no credentials at all is an input error', () => {
    inputError({ ...ca, 'huaweicloud-ak': 'A' }, 'huaweicloud-sk', region)
    inputError({ ...ca, 'huaweicloud-sk': 'S' }, 'huaweicloud-ak', region)
    inputError(ca, 'huaweicloud-ak', region)
  })

  it('secrets are masked before validation, even when given to the wrong service', () => {
    const mask = jest.fn<(s: string) => void>()
    expect(() =>
      read(
        { service: 'codepipeline', 'pipeline-name': 'p', 'huaweicloud-sk': 'sk-secret-value' },
        AWS_ENV,
        mask
      )
    ).toThrow(/huaweicloud-sk/)
    expect(mask).toHaveBeenCalledWith('sk-secret-value')
  })

  it('every secret read is masked, and no secret appears in an error', () => {
    const mask = jest.fn<(s: string) => void>()
    read(
      {
        ...ca,
        'huaweicloud-ak': 'AK-IN',
        'huaweicloud-sk': 'SK-IN',
        'huaweicloud-security-token': 'ST-IN',
        'huaweicloud-auth-token': 'TOK-IN'
      },
      {
        ...region,
        HUAWEICLOUD_SDK_AK: 'AK-ENV',
        HUAWEICLOUD_SDK_SK: 'SK-ENV',
        HUAWEICLOUD_SDK_SECURITY_TOKEN: 'ST-ENV',
        HUAWEICLOUD_AUTH_TOKEN: 'TOK-ENV'
      },
      mask
    )
    const masked = mask.mock.calls.map(([s]) => s)
    for (const s of ['AK-IN', 'SK-IN', 'ST-IN', 'TOK-IN', 'AK-ENV', 'SK-ENV', 'ST-ENV', 'TOK-ENV'])
      expect(masked).toContain(s)
  })

  it('masks env credentials from huaweicloud/auth-action', () => {
    const mask = jest.fn<(s: string) => void>()
    read(ca, { ...region, HUAWEI_CLOUD_ACCESS_KEY_ID: 'A2', HUAWEI_CLOUD_SECRET_ACCESS_KEY: 'S2' }, mask)
    expect(mask).toHaveBeenCalledWith('A2')
    expect(mask).toHaveBeenCalledWith('S2')
  })

  it('masks the idempotency token, even when it is then rejected', () => {
    const mask = jest.fn<(s: string) => void>()
    read({ service: 'codebuild', 'project-name': 'p1', 'idempotency-token': 'my-token' }, AWS_ENV, mask)
    expect(mask).toHaveBeenCalledWith('my-token')
    const mask2 = jest.fn<(s: string) => void>()
    const short = 'secret-but-too-short'
    expect(() =>
      read({ service: 'sagemaker', 'pipeline-name': 'train', 'idempotency-token': short }, AWS_ENV, mask2)
    ).toThrow(InputError)
    expect(mask2).toHaveBeenCalledWith(short)
  })

  it('an error about a credential does not print it', () => {
    let message = ''
    try {
      read({ ...ca, 'huaweicloud-ak': 'VERYSECRETAK' }, region)
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).not.toBe('')
    expect(message).not.toContain('VERYSECRETAK')
  })
})

describe('labels', () => {
  const label = (inputs: Inputs, env: NodeJS.ProcessEnv = AWS_ENV) => read(inputs, env).targets[0]?.label

  it('codepipeline: NAME or NAME/STAGE', () => {
    expect(label(cp)).toBe('codepipeline:release')
    expect(label({ ...cp, 'stage-name': 'Deploy' })).toBe('codepipeline:release/Deploy')
    expect(read({ ...cp, 'stage-name': 'Deploy' }).targets[0]).toMatchObject({ stageName: 'Deploy' })
  })

  it('codebuild: the project, also when only a build ID or ARN is given', () => {
    expect(label({ service: 'codebuild', 'project-name': 'p1' })).toBe('codebuild:p1')
    expect(label({ service: 'codebuild', 'execution-id': BUILD_ARN })).toBe('codebuild:my-project')
    expect(read({ service: 'codebuild', 'execution-id': BUILD_ARN }).targets[0]).toEqual({
      service: 'codebuild',
      label: 'codebuild:my-project',
      projectName: 'my-project',
      executionId: BUILD_ARN
    })
    expect(label({ service: 'codebuild', 'execution-id': BUILD_ID })).toBe('codebuild:my-project')
    expect(label({ service: 'codebuild-batch', 'execution-id': BATCH_ARN })).toBe(
      'codebuild-batch:my-project'
    )
  })

  it('sagemaker: the pipeline, also from an execution ARN', () => {
    expect(label({ service: 'sagemaker', 'pipeline-name': 'train' })).toBe('sagemaker:train')
    expect(label({ service: 'sagemaker', 'execution-id': SM_ARN })).toBe('sagemaker:train-and-register')
  })

  it('codearts: PROJECT_ID/PIPELINE_ID', () => {
    expect(label(ca, HW_ENV)).toBe(`codearts:${CA_PROJECT}/${CA_PIPELINE}`)
  })
})

describe('retry policy inputs', () => {
  const cb: Inputs = { service: 'codebuild', 'project-name': 'p1' }

  it('retry-on: any by default; any, transient and patterns one a line, blanks left out', () => {
    expect(read(cb).policy).toEqual({ retryOn: [{ kind: 'any' }] })
    const { retryOn } = read({
      ...cb,
      'retry-on': 'Transient\n\n# pulls are flaky here\nUNABLE_TO_PULL_IMAGE\n'
    }).policy
    // A line starting with `#` is a pattern as written (contract: comments are not allowed there).
    expect(retryOn.map(e => e.kind)).toEqual(['transient', 'pattern', 'pattern'])
    const [, hash, pattern] = retryOn
    expect(hash?.kind === 'pattern' && hash.source).toBe('# pulls are flaky here')
    expect(hash?.kind === 'pattern' && hash.pattern.test('step 3: # pulls are flaky here')).toBe(true)
    expect(pattern?.kind === 'pattern' && pattern.pattern.test('build_container_unable_to_pull_image')).toBe(
      true
    )
  })

  it('retry-on: /pattern/flags is a pattern with flags; a path-like line stays a plain pattern', () => {
    const [slashed, path] = read({ ...cb, 'retry-on': '/time-?out/i\n/usr/bin/ld failed' }).policy.retryOn
    expect(slashed?.kind === 'pattern' && slashed.pattern.test('Read TIMEOUT on socket')).toBe(true)
    expect(slashed?.kind === 'pattern' && slashed.pattern.test('/time-?out/i')).toBe(false)
    expect(path?.kind === 'pattern' && path.pattern.test('error: /usr/bin/ld failed with 1')).toBe(true)
    expect(inputError({ ...cb, 'retry-on': '/a(/i' }, 'retry-on')).toContain(
      "'/a(/i' is not a regular expression"
    )
  })

  it('retry-on: constructs with no linear-time form are input errors naming retry-on', () => {
    for (const bad of ['(a)\\1', '(?=a)b', 'a(?!b)', '(?<=a)b'])
      expect(inputError({ ...cb, 'retry-on': bad }, 'retry-on')).toContain(
        'not a regular expression the linear-time engine can run'
      )
  })

  it('retry-on: catastrophic patterns match in linear time against long text', () => {
    const entries = read({ ...cb, 'retry-on': '(a+)+$\n(\\w+\\s?)+$\n.*timeout.*reset' }).policy.retryOn
    const text = `${'a'.repeat(50_000)}!`
    for (const entry of entries) expect(entry.kind === 'pattern' && entry.pattern.test(text)).toBe(false)
  })

  it('retry-on: an invalid regular expression is an input error naming it', () => {
    const message = inputError({ ...cb, 'retry-on': 'transient\n(unclosed' }, 'retry-on')
    expect(message).toContain("'(unclosed' is not a regular expression the linear-time engine can run")
    expect(message).toContain('any, transient, or a regular expression in RE2 syntax')
  })

  it('failed-within: m, h or d', () => {
    expect(read({ ...cb, 'failed-within': '90m' }).policy.failedWithinMs).toBe(90 * 60_000)
    expect(read({ ...cb, 'failed-within': '24h' }).policy.failedWithinMs).toBe(24 * 3_600_000)
    expect(read({ ...cb, 'failed-within': '7d' }).policy.failedWithinMs).toBe(7 * 86_400_000)
    for (const bad of ['24', '1w', '-1h', '0h', '1.5h', 'h'])
      expect(inputError({ ...cb, 'failed-within': bad }, 'failed-within')).toContain(
        'a whole number and m, h or d'
      )
  })
})

describe('targets-file, shard and @REGION', () => {
  const { mkdtempSync, mkdirSync, writeFileSync, symlinkSync } =
    jest.requireActual<typeof import('node:fs')>('node:fs')
  const { join } = jest.requireActual<typeof import('node:path')>('node:path')
  const { tmpdir } = jest.requireActual<typeof import('node:os')>('node:os')
  const root = mkdtempSync(join(tmpdir(), 'targets-file-'))
  const workspace = join(root, 'workspace')
  mkdirSync(join(workspace, 'ci'), { recursive: true })
  writeFileSync(join(workspace, 'ci', 'targets.txt'), '# fleet\ncodebuild:p2\n!codebuild:p3\n')
  writeFileSync(join(workspace, 'ci', 'bad.txt'), 'codebuild:p2\n\ncodebuild:bad name\n')
  writeFileSync(join(root, 'secret.txt'), 'codebuild:outside\n')
  symlinkSync(join(root, 'secret.txt'), join(workspace, 'ci', 'link.txt'))
  const env = { ...AWS_ENV, GITHUB_WORKSPACE: workspace }

  it('reads the file after the targets input, its lines as written', () => {
    const r = read({ targets: 'codebuild:p1', 'targets-file': 'ci/targets.txt' }, env)
    expect(r.mode).toBe('targets')
    expect(r.lines?.map(l => [l.where, l.text])).toEqual([
      ['targets (line 1)', 'codebuild:p1'],
      ['targets-file ci/targets.txt (line 2)', 'codebuild:p2'],
      ['targets-file ci/targets.txt (line 3)', '!codebuild:p3']
    ])
  })

  it('names the file and the line of a bad line', () => {
    expect(inputError({ 'targets-file': 'ci/bad.txt' }, 'targets-file ci/bad.txt (line 3)', env)).toContain(
      'bad name'
    )
  })

  it.each([
    ['a path outside the workspace', '../secret.txt', 'is outside the workspace'],
    ['a link that leads outside', 'ci/link.txt', 'is outside the workspace'],
    ['an absolute path', join(root, 'secret.txt'), 'is not relative to the workspace'],
    ['a missing file', 'ci/none.txt', 'cannot be read (ENOENT)'],
    ['a directory', 'ci', 'is not a file']
  ])('%s is an input error', (_, path, problem) => {
    expect(inputError({ 'targets-file': path }, 'targets-file', env)).toContain(problem)
  })

  it('targets-file with service is an error that names targets-file', () => {
    expect(
      inputError({ service: 'codebuild', 'targets-file': 'ci/targets.txt' }, 'targets-file', env)
    ).toContain('cannot be combined with service')
  })

  it.each(['1/4', ' 4/4 ', '256/256', '1/1'])('shard %s is read', value => {
    const [k, n] = value.trim().split('/').map(Number)
    expect(read({ targets: 'codebuild:p1', shard: value }).shard).toEqual({ index: k, count: n })
  })

  it.each(['0/4', '5/4', '1/257', '1', 'a/b', '1/4/2', '-1/4'])('shard %s is an input error', value => {
    expect(inputError({ targets: 'codebuild:p1', shard: value }, 'shard')).toContain('K/N')
  })

  it('shard needs targets', () => {
    expect(inputError({ service: 'codebuild', 'project-name': 'p1', shard: '1/2' }, 'shard')).toContain(
      'applies only to targets'
    )
  })

  it('every line with its own @REGION: no AWS region needed elsewhere', () => {
    const r = read({ targets: 'codebuild@eu-west-1:p1\nsagemaker@us-west-2:t' }, {})
    expect(r.connection.clouds.aws?.region).toBe('eu-west-1')
    expect(inputError({ targets: 'codebuild@eu-west-1:p1\nsagemaker:t' }, 'region', {})).toContain(
      'no AWS region'
    )
  })

  it('a CodeArts @REGION without a known endpoint is an input error', () => {
    const targets = `codearts@xx-nowhere-1:${CA_PROJECT}/${CA_PIPELINE}`
    expect(inputError({ targets }, 'region', HW_ENV)).toContain('xx-nowhere-1')
    expect(read({ targets, endpoint: 'https://codearts.example.com' }, HW_ENV).lines).toHaveLength(1)
  })
})
