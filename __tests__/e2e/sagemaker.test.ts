// End to end: the bundled action (dist/index.js) against the emulator, service sagemaker.
import { describe, expect, it } from '@jest/globals'
import { DEMO_IDS, demoScenario } from '../../tools/emulator/index.js'
import type { Scenario } from '../../tools/emulator/index.js'
import {
  resultsOf,
  useEmulator,
  type Emulator,
  expectFailedWith,
  expectSecretsKept,
  expectSummaryRow
} from './helpers.js'

const PIPELINE = 'train-and-register'
const ARN = DEMO_IDS.sagemakerExecution
const HEX64 = /^[0-9a-f]{64}$/
const CONSOLE = 'https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1#/pipelines'
const arnOf = (pipeline: string, id: string) =>
  `arn:aws:sagemaker:us-east-1:123456789012:pipeline/${pipeline}/execution/${id}`

const executionIn = (emu: Emulator, arn: string = ARN) => emu.state.sagemaker.executions.get(arn)
const trainAttempts = (emu: Emulator, arn: string = ARN) =>
  executionIn(emu, arn)?.steps.find(s => s.name === 'Train')?.attemptCount

/** train-and-register copied: superseded by a newer success, its Train step already on attempt 4, empty. */
function variantScenario(): Scenario {
  const scenario = demoScenario()
  const pipelines = scenario.sagemaker!.pipelines
  const demo = pipelines.find(p => p.name === PIPELINE)!
  const superseded = { ...structuredClone(demo), name: 'superseded-pipeline' }
  superseded.executions.push({
    ...structuredClone(superseded.executions[0]!),
    id: 'newer0success',
    startTime: '2026-01-15T14:00:00Z',
    lastModifiedTime: '2026-01-15T15:00:00Z'
  })
  const retried = { ...structuredClone(demo), name: 'retried-pipeline' }
  retried.executions[1]!.steps[1]!.attemptCount = 4
  pipelines.push(superseded, retried, { name: 'empty-pipeline', executions: [] })
  return scenario
}

describe('sagemaker (demo scenario)', () => {
  const fx = useEmulator()

  it('discovers the latest failed execution and retries it once with a derived token', async () => {
    const result = await fx.runOk({ service: 'sagemaker', 'pipeline-name': PIPELINE })
    expect(result.outputs).toMatchObject({
      retried: 'true',
      'execution-id': ARN,
      'execution-arn': ARN,
      'stage-name': '',
      status: 'in-progress',
      'console-url': CONSOLE
    })
    expect(resultsOf(result)).toEqual([
      {
        service: 'sagemaker',
        target: `sagemaker:${PIPELINE}`,
        retried: true,
        executionId: ARN,
        executionArn: ARN,
        stageName: '',
        status: 'in-progress',
        consoleUrl: CONSOLE,
        message: expect.stringContaining('ResourceLimitExceeded'),
        attempts: 1,
        failure:
          'Step failure: One or multiple steps failed.; Train: ClientError: Please ensure the capacity is available: ResourceLimitExceeded'
      }
    ])
    expectSummaryRow(result.summary, `sagemaker:${PIPELINE}`, ARN)

    const retries = fx.emu.callsTo('RetryPipelineExecution')
    expect(retries).toHaveLength(1)
    const body = retries[0]!.body as { PipelineExecutionArn: string; ClientRequestToken: string }
    expect(Object.keys(body).sort()).toEqual(['ClientRequestToken', 'PipelineExecutionArn'])
    expect(body.PipelineExecutionArn).toBe(ARN)
    expect(body.ClientRequestToken).toMatch(HEX64)
    expect(executionIn(fx.emu)?.status).toBe('Executing')
    expect(trainAttempts(fx.emu)).toBe(2)
  })

  it('retries an explicit execution ARN with max-parallel-steps', async () => {
    const result = await fx.run({
      service: 'sagemaker',
      'execution-id': ARN,
      'max-parallel-steps': '3',
      'retry-mode': 'failed'
    })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ retried: 'true', 'execution-id': ARN, 'execution-arn': ARN })
    const [call] = fx.emu.callsTo('RetryPipelineExecution')
    expect(call!.body).toMatchObject({
      PipelineExecutionArn: ARN,
      ParallelismConfiguration: { MaxParallelExecutionSteps: 3 }
    })
    expect(executionIn(fx.emu)?.maxParallelExecutionSteps).toBe(3)
    // One read of the pipeline's newest execution: the named one must not be superseded.
    expect(fx.emu.callsTo('sagemaker:ListPipelineExecutions').map(c => c.body)).toEqual([
      { PipelineName: PIPELINE, SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: 1 }
    ])
  })

  it('an idempotency-token input is sent as ClientRequestToken and masked', async () => {
    const token = 'e2e-sagemaker-client-request-token-0001'
    const result = await fx.run({
      service: 'sagemaker',
      'pipeline-name': PIPELINE,
      'idempotency-token': token
    })
    expect(result.exitCode).toBe(0)
    expect(fx.emu.callsTo('RetryPipelineExecution')[0]!.body).toMatchObject({ ClientRequestToken: token })
    expectSecretsKept(result, [token])
  })

  it('dry-run calls no retry API', async () => {
    const result = await fx.run({ service: 'sagemaker', 'pipeline-name': PIPELINE, 'dry-run': 'True' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ retried: 'false', status: 'dry-run', 'execution-id': ARN })
    expect(fx.emu.callsTo('RetryPipelineExecution')).toHaveLength(0)
    expect(executionIn(fx.emu)?.status).toBe('Failed')
  })

  it('ValidationException from SageMaker (max-parallel-steps above its limit) names the hint', async () => {
    const result = await fx.run({
      service: 'sagemaker',
      'pipeline-name': PIPELINE,
      'max-parallel-steps': '5000'
    })
    expectFailedWith(
      result,
      'RetryPipelineExecution',
      'ValidationException',
      'Hint: SageMaker rejected a parameter'
    )
    expect(fx.emu.callsTo('RetryPipelineExecution')).toHaveLength(1)
    expect(executionIn(fx.emu)?.status).toBe('Failed')
  })

  it('ResourceNotFound: an unknown pipeline', async () => {
    const result = await fx.run({ service: 'sagemaker', 'pipeline-name': 'no-such-pipeline' })
    expectFailedWith(result, 'ResourceNotFound', 'Hint: the pipeline or execution does not exist')
    expect(fx.emu.callsTo('RetryPipelineExecution')).toHaveLength(0)
  })

  it('ResourceNotFound: an unknown execution ARN', async () => {
    const result = await fx.run({ service: 'sagemaker', 'execution-id': arnOf(PIPELINE, 'nosuchexec01') })
    expectFailedWith(result, 'DescribePipelineExecution', 'ResourceNotFound', 'Hint:')
    expect(fx.emu.callsTo('RetryPipelineExecution')).toHaveLength(0)
  })

  it('an explicit execution that succeeded is not retried', async () => {
    const result = await fx.run({ service: 'sagemaker', 'execution-id': arnOf(PIPELINE, 'a8s7d6f5g4h3') })
    expectFailedWith(result, 'Succeeded', 'not Failed')
    expect(fx.emu.callsTo('RetryPipelineExecution')).toHaveLength(0)
  })

  it('ConflictException is permanent for SageMaker: one call, the hint', async () => {
    fx.emu.inject('RetryPipelineExecution', { error: { code: 'ConflictException', message: 'busy' } })
    const result = await fx.run({ service: 'sagemaker', 'pipeline-name': PIPELINE })
    expectFailedWith(result, 'ConflictException', 'Hint: the execution is not in a retryable state')
    expect(fx.emu.callsTo('RetryPipelineExecution')).toHaveLength(1)
  })

  it('throttling on the retry is backed off: the execution is retried once', async () => {
    fx.emu.inject('RetryPipelineExecution', { throttle: 2 })
    const result = await fx.run({ service: 'sagemaker', 'pipeline-name': PIPELINE })
    expect(result.exitCode).toBe(0)
    expect(fx.emu.callsTo('RetryPipelineExecution').map(c => c.fault)).toEqual([
      'throttle',
      'throttle',
      undefined
    ])
    expect(trainAttempts(fx.emu)).toBe(2)
  })

  it('a lost answer: the re-read finds the execution resumed, and nothing is sent again', async () => {
    fx.emu.inject('RetryPipelineExecution', { loseResponse: 1 })
    const result = await fx.run({ service: 'sagemaker', 'pipeline-name': PIPELINE })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ retried: 'true', status: 'in-progress', 'execution-id': ARN })
    const calls = fx.emu.callsTo('RetryPipelineExecution')
    expect(calls.map(c => c.fault)).toEqual(['loseResponse'])
    expect(trainAttempts(fx.emu)).toBe(2)
  })

  fx.rejectsBadInputs({ service: 'sagemaker' }, [
    [
      'idempotency-token of 31 characters',
      'idempotency-token',
      { 'pipeline-name': PIPELINE, 'idempotency-token': 't'.repeat(31) }
    ],
    ['retry-mode all', 'retry-mode', { 'pipeline-name': PIPELINE, 'retry-mode': 'all' }],
    ['execution-id not an ARN', 'execution-id', { 'execution-id': 'q7w2e9r4t1y6' }],
    ['execution ARN of another pipeline', 'execution-id', { 'pipeline-name': 'other', 'execution-id': ARN }],
    ['max-parallel-steps 0', 'max-parallel-steps', { 'pipeline-name': PIPELINE, 'max-parallel-steps': '0' }],
    ['timeout-minutes 0', 'timeout-minutes', { 'pipeline-name': PIPELINE, 'timeout-minutes': '0' }]
  ])

  it('an invalid idempotency-token is masked before the error line that quotes it', async () => {
    // By design (src/inputs.ts) secrets are masked before validation, so the runner redacts the quoted value.
    const token = 'short-secret-token'
    const result = await fx.run({
      service: 'sagemaker',
      'pipeline-name': PIPELINE,
      'idempotency-token': token
    })
    expect(result.exitCode).toBe(1)
    const lines = result.stdout.split('\n')
    const mask = lines.indexOf(`::add-mask::${token}`)
    const error = lines.findIndex(l => l.startsWith("::error::Input 'idempotency-token'"))
    expect(mask).toBeGreaterThanOrEqual(0)
    expect(error).toBeGreaterThan(mask)
    expect(result.stderr).not.toContain(token)
    expect(fx.emu.calls).toHaveLength(0)
  })
})

describe('sagemaker (variants of the demo scenario)', () => {
  const fx = useEmulator(variantScenario)

  it.each([
    ['superseded-pipeline', 'Succeeded'],
    ['empty-pipeline', 'no executions']
  ])('nothing to retry: %s', async (pipeline, reason) => {
    const result = await fx.run({ service: 'sagemaker', 'pipeline-name': pipeline })
    fx.expectNothingToRetry(result, reason, 'RetryPipelineExecution')
  })

  it('a step on its 4th attempt is skipped under max-attempts 3, retried under 0', async () => {
    const arn = arnOf('retried-pipeline', 'q7w2e9r4t1y6')
    const skipped = await fx.run({ service: 'sagemaker', 'pipeline-name': 'retried-pipeline' })
    expect(skipped.exitCode).toBe(0)
    expect(skipped.outputs).toMatchObject({ retried: 'false', status: 'skipped', 'execution-id': arn })
    expect(skipped.stdout).toMatch(/^::warning::.*already retried 3 time\(s\)/m)
    expect(fx.emu.callsTo('RetryPipelineExecution')).toHaveLength(0)

    const unlimited = await fx.run({
      service: 'sagemaker',
      'pipeline-name': 'retried-pipeline',
      'max-attempts': '0'
    })
    expect(unlimited.outputs).toMatchObject({ retried: 'true', status: 'in-progress' })
    expect(trainAttempts(fx.emu, arn)).toBe(5)
  })
})
