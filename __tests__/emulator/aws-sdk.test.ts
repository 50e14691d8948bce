// The action talks to the emulator through the AWS SDK v3 clients: their parsing and error classes must work.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { BatchGetBuildsCommand, CodeBuildClient, RetryBuildCommand } from '@aws-sdk/client-codebuild'
import {
  CodePipelineClient,
  GetPipelineStateCommand,
  RetryStageExecutionCommand,
  StageNotRetryableException
} from '@aws-sdk/client-codepipeline'
import {
  DescribePipelineExecutionCommand,
  ResourceNotFound,
  SageMakerClient
} from '@aws-sdk/client-sagemaker'
import { DEMO_IDS, demoScenario, startEmulator, type Emulator } from '../../tools/emulator/index.js'

let emu: Emulator
let config: {
  endpoint: string
  region: string
  credentials: { accessKeyId: string; secretAccessKey: string }
}

beforeAll(async () => {
  emu = await startEmulator(demoScenario())
  config = {
    endpoint: emu.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' }
  }
})
afterAll(async () => {
  await emu.close()
})
beforeEach(() => {
  emu.reset()
})

describe('AWS SDK v3 clients against the emulator', () => {
  it('CodePipeline: parses dates and retry metadata, and maps a modelled error to its class', async () => {
    const client = new CodePipelineClient({ ...config, maxAttempts: 1 })
    const state = await client.send(new GetPipelineStateCommand({ name: 'release-pipeline' }))
    const deploy = state.stageStates?.[2]
    expect(state.created).toBeInstanceOf(Date)
    expect(deploy?.latestExecution?.status).toBe('Failed')
    // The model's minimum is 1: a stage not retried yet has no counts at all (botocore RetryStageMetadata).
    expect(deploy?.retryStageMetadata?.manualStageRetryAttempt).toBeUndefined()
    expect(deploy?.retryStageMetadata?.autoStageRetryAttempt).toBeUndefined()
    const retry = new RetryStageExecutionCommand({
      pipelineName: 'release-pipeline',
      stageName: 'Build',
      pipelineExecutionId: DEMO_IDS.codepipelineExecution,
      retryMode: 'FAILED_ACTIONS'
    })
    await expect(client.send(retry)).rejects.toBeInstanceOf(StageNotRetryableException)
  })

  it('CodeBuild: RetryBuild answers a new build with Date fields; the SDK retries a throttled call', async () => {
    const client = new CodeBuildClient({ ...config, maxAttempts: 2 })
    const { build } = await client.send(
      new RetryBuildCommand({ id: DEMO_IDS.failedBuild, idempotencyToken: 'sdk' })
    )
    expect(build?.startTime).toBeInstanceOf(Date)
    expect(build?.buildStatus).toBe('IN_PROGRESS')
    emu.inject('BatchGetBuilds', { throttle: 1 })
    const { builds } = await client.send(new BatchGetBuildsCommand({ ids: [build?.id ?? ''] }))
    // The demo settles after one in-progress read; the throttled call never reached the build.
    expect(builds?.[0]?.buildStatus).toBe('IN_PROGRESS')
    expect(emu.callsTo('BatchGetBuilds').map(call => call.fault)).toEqual(['throttle', undefined])
  })

  it('SageMaker: an unknown execution is the ResourceNotFound class', async () => {
    const client = new SageMakerClient({ ...config, maxAttempts: 1 })
    const described = await client.send(
      new DescribePipelineExecutionCommand({ PipelineExecutionArn: DEMO_IDS.sagemakerExecution })
    )
    expect(described.CreationTime).toBeInstanceOf(Date)
    const missing = new DescribePipelineExecutionCommand({
      PipelineExecutionArn: `${DEMO_IDS.sagemakerExecution}0`
    })
    await expect(client.send(missing)).rejects.toBeInstanceOf(ResourceNotFound)
  })
})
