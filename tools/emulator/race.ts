// What the exactly-once tests and the race benchmark need per service: the action's inputs for the demo
// scenario's failed execution, the retry operation, that execution's state, and how "someone else" retries
// it (a person in the console, another tool) by sending the same call with a token of its own.
import { clientEnv, DEMO_IDS, demoScenario } from './scenarios.js'
import { HOOK_HEADER } from './server.js'
import type { Emulator, RetriedService } from './index.js'
import type { Settleable } from './outcomes.js'
import type { CallRecord, Scenario } from './types.js'

export interface RaceCase {
  service: RetriedService
  /** The retry operation as `Emulator.callsTo` names it. */
  retryOperation: string
  /** Inputs that discover the demo scenario's failed execution of this service. */
  inputs(emu: Emulator): Record<string, string>
  /** Environment the run needs besides the runner's (AWS endpoints). */
  env(emu: Emulator): Record<string, string>
  /** The failed execution, whose `outcomes` decide how its next retries end. */
  failed(emu: Emulator): Settleable
}

const env = (emu: Emulator): Record<string, string> => clientEnv(emu.url)

function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`race: the demo scenario has no ${what}`)
  return value
}

export const RACE_CASES: readonly RaceCase[] = [
  {
    service: 'codepipeline',
    retryOperation: 'RetryStageExecution',
    inputs: () => ({ service: 'codepipeline', 'pipeline-name': 'release-pipeline' }),
    env,
    failed: emu =>
      found(
        emu.state.codepipeline.pipelines
          .get('release-pipeline')
          ?.executions.get(DEMO_IDS.codepipelineExecution),
        'failed pipeline execution'
      )
  },
  {
    service: 'codebuild',
    retryOperation: 'RetryBuild',
    inputs: () => ({ service: 'codebuild', 'project-name': 'integration-tests' }),
    env,
    failed: emu => found(emu.state.codebuild.builds.get(DEMO_IDS.failedBuild), 'failed build')
  },
  {
    service: 'codebuild-batch',
    retryOperation: 'RetryBuildBatch',
    inputs: () => ({ service: 'codebuild-batch', 'project-name': 'nightly-matrix' }),
    env,
    failed: emu => found(emu.state.codebuild.batches.get(DEMO_IDS.failedBatch), 'failed batch')
  },
  {
    service: 'sagemaker',
    retryOperation: 'RetryPipelineExecution',
    inputs: () => ({ service: 'sagemaker', 'pipeline-name': 'train-and-register' }),
    env,
    failed: emu =>
      found(emu.state.sagemaker.executions.get(DEMO_IDS.sagemakerExecution), 'failed SageMaker execution')
  },
  {
    service: 'codearts',
    retryOperation: 'codearts:retry',
    inputs: emu => ({
      service: 'codearts',
      endpoint: emu.url,
      'project-id': DEMO_IDS.codeartsProject,
      'pipeline-id': DEMO_IDS.codeartsPipeline,
      'huaweicloud-auth-token': DEMO_IDS.huaweiToken
    }),
    env: () => ({}),
    failed: emu =>
      found(
        emu.state.codearts.projects
          .get(DEMO_IDS.codeartsProject)
          ?.get(DEMO_IDS.codeartsPipeline)
          ?.runsById.get(DEMO_IDS.codeartsFailedRun),
        'failed CodeArts run'
      )
  },
  {
    service: 'github-actions',
    retryOperation: 'github:ReRunWorkflowFailedJobs',
    inputs: emu => ({
      service: 'github-actions',
      endpoint: emu.url,
      workflow: DEMO_IDS.githubWorkflow,
      'github-token': DEMO_IDS.githubToken
    }),
    env: () => ({}),
    failed: emu => found(emu.state.github.runs.get(DEMO_IDS.githubFailedRun), 'failed workflow run')
  },
  {
    service: 'stepfunctions',
    retryOperation: 'RedriveExecution',
    inputs: () => ({ service: 'stepfunctions', 'state-machine': DEMO_IDS.stepfunctionsMachine }),
    env,
    failed: emu =>
      found(
        emu.state.stepfunctions.executions.get(DEMO_IDS.stepfunctionsExecution),
        'failed Step Functions execution'
      )
  },
  {
    service: 'azure-pipelines',
    retryOperation: 'Stages_Update',
    inputs: () => ({
      service: 'azure-pipelines',
      'azure-organization': DEMO_IDS.azureOrganization,
      'azure-project': DEMO_IDS.azureProject,
      'azure-pipeline': DEMO_IDS.azurePipeline
    }),
    env,
    failed: emu => found(emu.state.azure.builds.get(DEMO_IDS.azureFailedBuild), 'failed Azure Pipelines run')
  },
  {
    service: 'cloud-build',
    retryOperation: 'cloudbuild:RetryBuild',
    inputs: () => ({
      service: 'cloud-build',
      'gcp-project': DEMO_IDS.gcpProject,
      trigger: DEMO_IDS.gcpTrigger
    }),
    env,
    failed: emu => found(emu.state.cloudbuild.builds.get(DEMO_IDS.gcpFailedBuild), 'failed Cloud Build build')
  }
]

/** Token fields of the AWS retry calls: someone else's retry carries a token of its own. */
const TOKEN_FIELDS = ['idempotencyToken', 'ClientRequestToken'] as const

/**
 * Sends `call` again as someone else would (a person's console retry, another tool): the same request with
 * its own idempotency token, marked so that no fault or hook of the test applies to it. Resolves to the
 * HTTP status of the answer.
 */
export async function retryAsSomeoneElse(emu: Emulator, call: CallRecord): Promise<number> {
  const headers: Record<string, string> = { [HOOK_HEADER]: '1' }
  for (const name of ['content-type', 'x-amz-target', 'x-auth-token', 'authorization']) {
    const value = call.headers[name]
    if (typeof value === 'string') headers[name] = value
  }
  let body: string | undefined
  if (call.body !== undefined) {
    const copy = { ...(call.body as Record<string, unknown>) }
    for (const field of TOKEN_FIELDS) if (field in copy) copy[field] = 'someone-else'.padEnd(64, '0')
    body = JSON.stringify(copy)
  }
  const response = await fetch(`${emu.url}${call.path}${call.query ? `?${call.query}` : ''}`, {
    method: call.method,
    headers,
    ...(body === undefined ? {} : { body })
  })
  await response.arrayBuffer()
  return response.status
}

/**
 * The action against the service's own retry (issue #22): the demo's failed execution has just failed under a
 * native retry setting (CodeBuild auto-retry, CodePipeline `onFailure: RETRY`) that fires `delayMs` after the
 * failure. `retries` counts every retry that took effect, the service's and the action's: ideal 1.
 */
export interface NativeRaceCase {
  service: 'codebuild' | 'codepipeline'
  inputs: Record<string, string>
  scenario(delayMs: number): Scenario
  retries(emu: Emulator): number
}

export const NATIVE_RACE_CASES: readonly NativeRaceCase[] = [
  {
    service: 'codebuild',
    inputs: { service: 'codebuild', 'project-name': 'integration-tests' },
    scenario(delayMs) {
      const scenario = demoScenario()
      const project = found(
        scenario.codebuild?.projects.find(p => p.name === 'integration-tests'),
        'project'
      )
      const build = found(
        project.builds?.find(b => b.id === DEMO_IDS.failedBuild),
        'failed build'
      )
      Object.assign(build, {
        autoRetryConfig: { autoRetryLimit: 1, autoRetryNumber: 0 },
        initiator: 'race-user',
        startTime: new Date(Date.now() - 60_000).toISOString(),
        endTime: new Date().toISOString(),
        autoRetryDelayMs: delayMs
      })
      return scenario
    },
    retries: emu =>
      (emu.state.codebuild.projects.get('integration-tests')?.builds ?? []).filter(
        b => b.retryOf ?? b.autoRetryOf
      ).length
  },
  {
    service: 'codepipeline',
    inputs: { service: 'codepipeline', 'pipeline-name': 'release-pipeline' },
    scenario(delayMs) {
      const scenario = demoScenario()
      const pipeline = found(
        scenario.codepipeline?.pipelines.find(p => p.name === 'release-pipeline'),
        'pipeline'
      )
      pipeline.stages = pipeline.stages.map(s => (s.name === 'Deploy' ? { ...s, onFailure: 'RETRY' } : s))
      pipeline.autoRetryDelayMs = delayMs
      const failed = found(
        pipeline.executions.find(e => e.id === DEMO_IDS.codepipelineExecution),
        'execution'
      )
      failed.lastUpdateTime = new Date().toISOString()
      return scenario
    },
    retries: emu => {
      const stage = emu.state.codepipeline.pipelines
        .get('release-pipeline')
        ?.executions.get(DEMO_IDS.codepipelineExecution)
        ?.stages.get('Deploy')
      return (stage?.autoStageRetryAttempt ?? 0) + (stage?.manualStageRetryAttempt ?? 0)
    }
  }
]
