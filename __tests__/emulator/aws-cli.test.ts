// The emulator checked by a client nobody here wrote: the AWS CLI v2 from Debian (`/usr/bin/aws`).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEMO_IDS, demoScenario, startEmulator, type Emulator } from '../../tools/emulator/index.js'

// A pyenv AWS CLI v1 may shadow it on PATH, so the path is explicit (AWS_CLI overrides it).
const AWS_CLI = process.env.AWS_CLI ?? '/usr/bin/aws'
const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/

interface CliResult {
  code: number
  stdout: string
  stderr: string
  json: any
}

/**
 * Without the CLI the suite is skipped with a notice, so `npm test` runs on any machine; under CI (which
 * installs it) a missing CLI fails the run instead of quietly testing less.
 */
const present = existsSync(AWS_CLI)
if (!present) {
  const missing = `The AWS CLI v2 is missing at ${AWS_CLI}: install the Debian package (apt-get install -y awscli).`
  if (process.env.CI) throw new Error(missing)
  console.warn(`Skipping the AWS CLI checks of the emulator. ${missing}`)
}
const describeCli = present ? describe : describe.skip

let emu: Emulator
let home: string

beforeAll(async () => {
  if (!present) return
  emu = await startEmulator(demoScenario())
  home = mkdtempSync(join(tmpdir(), 'emulator-aws-cli-'))
  // The CLI checks lengths itself; this profile lets a too-short token reach the emulator.
  writeFileSync(join(home, 'config'), '[default]\n\n[profile novalidate]\nparameter_validation = false\n')
})

afterAll(async () => {
  if (!present) return
  await emu.close()
  rmSync(home, { recursive: true, force: true })
})

beforeEach(() => {
  if (present) emu.reset()
})

function aws(args: string[], profile = 'default'): Promise<CliResult> {
  const env = {
    PATH: '/usr/bin:/bin',
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_PROFILE: profile,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'emulator-secret',
    AWS_PAGER: '',
    AWS_MAX_ATTEMPTS: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
    NO_PROXY: '*'
  }
  const argv = [...args, '--endpoint-url', emu.url, '--region', 'us-east-1', '--output', 'json']
  return new Promise(resolve => {
    execFile(AWS_CLI, argv, { env, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
      resolve({ code, stdout, stderr, json: code === 0 && stdout.trim() ? JSON.parse(stdout) : undefined })
    })
  })
}

/** Asserts the CLI failed and named the error code the way it prints it. */
function expectError(result: CliResult, code: string): void {
  expect(result.code).not.toBe(0)
  expect(result.stderr).toContain(`(${code})`)
}

describeCli('codepipeline', () => {
  const retry = (overrides: Record<string, string> = {}) => {
    const args = {
      '--pipeline-name': 'release-pipeline',
      '--stage-name': 'Deploy',
      '--pipeline-execution-id': DEMO_IDS.codepipelineExecution,
      '--retry-mode': 'FAILED_ACTIONS',
      ...overrides
    }
    return aws(['codepipeline', 'retry-stage-execution', ...Object.entries(args).flat()])
  }

  it('get-pipeline-state shows the failed stage, its action error and dates', async () => {
    const { code, json } = await aws(['codepipeline', 'get-pipeline-state', '--name', 'release-pipeline'])
    expect(code).toBe(0)
    expect(json.stageStates.map((s: any) => [s.stageName, s.latestExecution.status])).toEqual([
      ['Source', 'Succeeded'],
      ['Build', 'Succeeded'],
      ['Deploy', 'Failed']
    ])
    const deploy = json.stageStates[2]
    expect(deploy.latestExecution.pipelineExecutionId).toBe(DEMO_IDS.codepipelineExecution)
    expect(deploy.actionStates[0].latestExecution.errorDetails.code).toBe('JobFailed')
    expect(deploy.actionStates[0].latestExecution.lastStatusChange).toMatch(DATE)
    expect(json.created).toMatch(DATE)
  })

  it('retry-stage-execution retries the failed stage and answers the same execution ID', async () => {
    const result = await retry()
    expect(result.code).toBe(0)
    expect(result.json).toEqual({ pipelineExecutionId: DEMO_IDS.codepipelineExecution })
    const state = await aws(['codepipeline', 'get-pipeline-state', '--name', 'release-pipeline'])
    expect(state.json.stageStates[2].latestExecution.status).toBe('InProgress')
  })

  it('retry-stage-execution reports each modelled error by its code', async () => {
    emu.inject('RetryStageExecution', { error: { code: 'ConflictException', message: 'busy' } })
    const conflict = await retry()
    const [pipeline, stage, notLatest, notRetryable, validation] = await Promise.all([
      retry({ '--pipeline-name': 'no-such-pipeline' }),
      retry({ '--stage-name': 'NoSuchStage' }),
      retry({ '--pipeline-execution-id': DEMO_IDS.codepipelineOlderExecution }),
      retry({ '--stage-name': 'Build' }),
      retry({ '--retry-mode': 'SOME_ACTIONS' })
    ])
    expectError(conflict, 'ConflictException')
    expectError(pipeline, 'PipelineNotFoundException')
    expectError(stage, 'StageNotFoundException')
    expectError(notLatest, 'NotLatestPipelineExecutionException')
    expectError(notRetryable, 'StageNotRetryableException')
    expectError(validation, 'ValidationException')
  })

  it('with AWS_MAX_ATTEMPTS=1 an injected throttle reaches the CLI as ThrottlingException', async () => {
    emu.inject('GetPipelineState', { throttle: 1 })
    expectError(
      await aws(['codepipeline', 'get-pipeline-state', '--name', 'release-pipeline']),
      'ThrottlingException'
    )
  })

  it('list-pipeline-executions lists newest first with dates', async () => {
    const { code, json } = await aws([
      'codepipeline',
      'list-pipeline-executions',
      '--pipeline-name',
      'release-pipeline'
    ])
    expect(code).toBe(0)
    const summaries = json.pipelineExecutionSummaries
    expect(summaries.map((s: any) => [s.pipelineExecutionId, s.status])).toEqual([
      [DEMO_IDS.codepipelineExecution, 'Failed'],
      [DEMO_IDS.codepipelineOlderExecution, 'Succeeded']
    ])
    expect(summaries[0].startTime).toMatch(DATE)
    expect(summaries[0].lastUpdateTime).toMatch(DATE)
  })
})

describeCli('codebuild', () => {
  it('batch-get-builds answers builds, phases and dates, and the IDs it does not know', async () => {
    const missing = 'integration-tests:00000000-0000-4000-8000-000000000000'
    const ids = [DEMO_IDS.failedBuild, DEMO_IDS.succeededBuild, missing]
    const { code, json } = await aws(['codebuild', 'batch-get-builds', '--ids', ...ids])
    expect(code).toBe(0)
    expect(json.buildsNotFound).toEqual([missing])
    const [failed, succeeded] = json.builds
    expect([failed.buildStatus, succeeded.buildStatus]).toEqual(['FAILED', 'SUCCEEDED'])
    expect(failed.buildComplete).toBe(true)
    expect(failed.arn).toBe(`arn:aws:codebuild:us-east-1:123456789012:build/${DEMO_IDS.failedBuild}`)
    expect(failed.startTime).toMatch(DATE)
    const failedPhase = failed.phases.find((p: any) => p.phaseStatus === 'FAILED')
    expect(failedPhase.phaseType).toBe('BUILD')
    expect(failedPhase.contexts[0].message).toContain('npm test')
  })

  it('retry-build makes one new build per idempotency token', async () => {
    const args = ['codebuild', 'retry-build', '--id', DEMO_IDS.failedBuild, '--idempotency-token', 'token-1']
    const first = await aws(args)
    const second = await aws(args)
    expect(first.code).toBe(0)
    const build = first.json.build
    expect(build.id).not.toBe(DEMO_IDS.failedBuild)
    expect(build.id).toMatch(/^integration-tests:[0-9a-f-]{36}$/)
    expect(build.buildStatus).toBe('IN_PROGRESS')
    expect(build.buildNumber).toBe(3)
    expect(build.startTime).toMatch(DATE)
    expect(second.json.build.id).toBe(build.id)
    expect(emu.state.codebuild.projects.get('integration-tests')?.builds).toHaveLength(3)

    const other = await aws([
      'codebuild',
      'retry-build',
      '--id',
      DEMO_IDS.succeededBuild,
      '--idempotency-token',
      'token-1'
    ])
    expectError(other, 'InvalidInputException')
    expect(other.stderr).toContain('parameter mismatch')
  })

  it('retry-build-batch restarts the failed batch and its failed group', async () => {
    const args = [
      'codebuild',
      'retry-build-batch',
      '--id',
      DEMO_IDS.failedBatch,
      '--retry-type',
      'RETRY_FAILED_BUILDS'
    ]
    const { code, json } = await aws(args)
    expect(code).toBe(0)
    expect(json.buildBatch.id).toBe(DEMO_IDS.failedBatch)
    expect(json.buildBatch.buildBatchStatus).toBe('IN_PROGRESS')
    expect(json.buildBatch.startTime).toMatch(DATE)
    const groups = Object.fromEntries(json.buildBatch.buildGroups.map((g: any) => [g.identifier, g]))
    expect(groups.linux_arm.currentBuildSummary.buildStatus).toBe('IN_PROGRESS')
    expect(groups.linux_arm.priorBuildSummaryList[0].buildStatus).toBe('FAILED')
    expect(groups.linux_x86.priorBuildSummaryList).toEqual([])
    expectError(await aws(args), 'InvalidInputException')
  })
})

describeCli('sagemaker', () => {
  const token = 'a'.repeat(40)

  it('list-pipeline-executions lists newest first with dates', async () => {
    const { code, json } = await aws([
      'sagemaker',
      'list-pipeline-executions',
      '--pipeline-name',
      'train-and-register'
    ])
    expect(code).toBe(0)
    const [latest, older] = json.PipelineExecutionSummaries
    expect(latest.PipelineExecutionArn).toBe(DEMO_IDS.sagemakerExecution)
    expect(latest.PipelineExecutionStatus).toBe('Failed')
    expect(latest.StartTime).toMatch(DATE)
    expect(older.PipelineExecutionStatus).toBe('Succeeded')
  })

  it('retry-pipeline-execution resumes the same execution once per token', async () => {
    const args = [
      'sagemaker',
      'retry-pipeline-execution',
      '--pipeline-execution-arn',
      DEMO_IDS.sagemakerExecution
    ]
    const first = await aws([...args, '--client-request-token', token])
    const again = await aws([...args, '--client-request-token', token])
    expect(first.code).toBe(0)
    expect(first.json).toEqual({ PipelineExecutionArn: DEMO_IDS.sagemakerExecution })
    expect(again.json).toEqual(first.json)
    const train = emu.state.sagemaker.executions
      .get(DEMO_IDS.sagemakerExecution)
      ?.steps.find(s => s.name === 'Train')
    expect(train).toMatchObject({ status: 'Executing', attemptCount: 2 })
    expectError(await aws([...args, '--client-request-token', 'b'.repeat(40)]), 'ConflictException')
  })

  it('retry-pipeline-execution with a 31-character token is a ValidationException', async () => {
    const result = await aws(
      [
        'sagemaker',
        'retry-pipeline-execution',
        '--pipeline-execution-arn',
        DEMO_IDS.sagemakerExecution,
        '--client-request-token',
        'x'.repeat(31)
      ],
      'novalidate'
    )
    expectError(result, 'ValidationException')
    expect(emu.callsTo('RetryPipelineExecution')).toHaveLength(1)
  })
})
