// Per-service cases for the end-to-end tests that run one scenario per service (wait, bounds, cancellation):
// inputs, environment, the demo scenario's failed execution and how to script its retry.
import { DEMO_IDS, demoScenario } from '../../tools/emulator/index.js'
import type { OnRetry, RetryOutcome, Scenario } from '../../tools/emulator/index.js'
import {
  awsEnv,
  azureInputs,
  cloudBuildInputs,
  codeartsInputs,
  withEmulator,
  type Emulator
} from './helpers.js'

export interface ServiceCase {
  service: string
  inputs: (emu: Emulator) => Record<string, string>
  env: (emu: Emulator) => Record<string, string>
  /** Sets what the demo scenario's failed execution of this service does when retried. */
  onRetry: (scenario: Scenario, outcome: OnRetry) => void
  retryOp: string
  /** The calls that read the retried execution's status. */
  statusOps: string[]
  stopOp: string
  /** The retried execution's status in the emulator. */
  state: (emu: Emulator) => string | undefined
  running: string
  stopped: string
  /** What the failure message must carry for `failedOutcome`. */
  failure: string[]
  failedOutcome: RetryOutcome
}

export const REASON = 'e2e: the smoke test did not pass'

export const SERVICES: ServiceCase[] = [
  {
    service: 'codepipeline',
    inputs: () => ({ service: 'codepipeline', 'pipeline-name': 'release-pipeline' }),
    env: awsEnv,
    onRetry: (s, outcome) => {
      const pipeline = s.codepipeline!.pipelines.find(p => p.name === 'release-pipeline')!
      pipeline.executions.find(e => e.id === DEMO_IDS.codepipelineExecution)!.onRetry = outcome
    },
    retryOp: 'RetryStageExecution',
    statusOps: ['GetPipelineExecution', 'GetPipelineState'],
    stopOp: 'codepipeline:StopPipelineExecution',
    state: emu =>
      emu.state.codepipeline.pipelines.get('release-pipeline')?.executions.get(DEMO_IDS.codepipelineExecution)
        ?.status,
    running: 'InProgress',
    stopped: 'Stopped',
    failedOutcome: { result: 'failed', settleAfterReads: 1, failureReason: REASON, errorCode: 'E2EFailure' },
    failure: ['stage Deploy', 'action DeployToProduction', 'E2EFailure', REASON]
  },
  {
    service: 'codebuild',
    inputs: () => ({ service: 'codebuild', 'project-name': 'integration-tests' }),
    env: awsEnv,
    onRetry: (s, outcome) => {
      const project = s.codebuild!.projects.find(p => p.name === 'integration-tests')!
      project.builds!.find(b => b.id === DEMO_IDS.failedBuild)!.onRetry = outcome
    },
    retryOp: 'RetryBuild',
    statusOps: ['BatchGetBuilds'],
    stopOp: 'StopBuild',
    state: emu => emu.state.codebuild.projects.get('integration-tests')?.builds.find(b => b.retryOf)?.status,
    running: 'IN_PROGRESS',
    stopped: 'STOPPED',
    failedOutcome: {
      result: 'failed',
      settleAfterReads: 1,
      failureReason: REASON,
      failedPhase: 'POST_BUILD',
      errorCode: 'E2E_ERROR'
    },
    failure: ['phase POST_BUILD FAILED', 'E2E_ERROR', REASON]
  },
  {
    service: 'codebuild-batch',
    inputs: () => ({ service: 'codebuild-batch', 'project-name': 'nightly-matrix' }),
    env: awsEnv,
    onRetry: (s, outcome) => {
      const project = s.codebuild!.projects.find(p => p.name === 'nightly-matrix')!
      project.batches![0]!.onRetry = outcome
    },
    retryOp: 'RetryBuildBatch',
    statusOps: ['BatchGetBuildBatches'],
    stopOp: 'StopBuildBatch',
    state: emu => emu.state.codebuild.batches.get(DEMO_IDS.failedBatch)?.status,
    running: 'IN_PROGRESS',
    stopped: 'STOPPED',
    failedOutcome: { result: 'failed', settleAfterReads: 1, failedGroup: 'linux_arm' },
    failure: ['failed builds: linux_arm FAILED']
  },
  {
    service: 'sagemaker',
    inputs: () => ({ service: 'sagemaker', 'pipeline-name': 'train-and-register' }),
    env: awsEnv,
    onRetry: (s, outcome) => {
      s.sagemaker!.pipelines[0]!.executions.find(e => e.id === 'q7w2e9r4t1y6')!.onRetry = outcome
    },
    retryOp: 'RetryPipelineExecution',
    statusOps: ['DescribePipelineExecution', 'ListPipelineExecutionSteps'],
    stopOp: 'sagemaker:StopPipelineExecution',
    state: emu => emu.state.sagemaker.executions.get(DEMO_IDS.sagemakerExecution)?.status,
    running: 'Executing',
    stopped: 'Stopped',
    failedOutcome: { result: 'failed', settleAfterReads: 1, failureReason: REASON, failedStep: 'Train' },
    failure: [REASON, 'failed steps: Train']
  },
  {
    service: 'codearts',
    inputs: emu => codeartsInputs(emu, 'aksk'),
    env: () => ({}),
    onRetry: (s, outcome) => {
      const runs = s.codearts!.projects[0]!.pipelines[0]!.runs
      runs.find(r => r.id === DEMO_IDS.codeartsFailedRun)!.onRetry = outcome
    },
    retryOp: 'codearts:retry',
    statusOps: ['codearts:detail'],
    stopOp: 'codearts:stop',
    state: emu =>
      emu.state.codearts.projects
        .get(DEMO_IDS.codeartsProject)
        ?.get(DEMO_IDS.codeartsPipeline)
        ?.runsById.get(DEMO_IDS.codeartsFailedRun)?.status,
    running: 'RUNNING',
    stopped: 'CANCELED',
    failedOutcome: { result: 'failed', settleAfterReads: 1, failureReason: REASON, failedStage: 'Deploy' },
    failure: ['failed stages: Deploy']
  },
  {
    service: 'stepfunctions',
    inputs: () => ({ service: 'stepfunctions', 'state-machine': DEMO_IDS.stepfunctionsMachine }),
    env: awsEnv,
    onRetry: (s, outcome) => {
      const machine = s.stepfunctions!.stateMachines.find(m => m.name === DEMO_IDS.stepfunctionsMachine)!
      machine.executions.find(e => e.status === 'FAILED')!.onRetry = outcome
    },
    retryOp: 'RedriveExecution',
    statusOps: ['DescribeExecution', 'GetExecutionHistory'],
    stopOp: 'StopExecution',
    state: emu => emu.state.stepfunctions.executions.get(DEMO_IDS.stepfunctionsExecution)?.status,
    running: 'RUNNING',
    stopped: 'ABORTED',
    failedOutcome: {
      result: 'failed',
      settleAfterReads: 1,
      failureReason: REASON,
      errorCode: 'E2E.Failure',
      failedStage: 'ChargeCard'
    },
    failure: ['E2E.Failure', REASON, 'ChargeCard']
  },
  {
    service: 'azure-pipelines',
    inputs: azureInputs,
    env: () => ({}),
    onRetry: (s, outcome) => {
      const definition = s.azure!.organizations[0]!.projects[0]!.definitions[0]!
      definition.builds.find(b => b.id === DEMO_IDS.azureFailedBuild)!.onRetry = outcome
    },
    retryOp: 'Stages_Update',
    statusOps: ['Timeline_Get'],
    stopOp: 'Builds_Update Build',
    state: emu => {
      const build = emu.state.azure.builds.get(DEMO_IDS.azureFailedBuild)
      return build?.status === 'completed' ? build.result : build?.status
    },
    running: 'inProgress',
    stopped: 'canceled',
    failedOutcome: { result: 'failed', settleAfterReads: 1, failureReason: REASON, failedStage: 'Deploy' },
    failure: ['Deploy / Ship', REASON]
  },
  {
    service: 'cloud-build',
    inputs: cloudBuildInputs,
    env: () => ({}),
    onRetry: (s, outcome) => {
      const trigger = s.cloudbuild!.projects[0]!.triggers[0]!
      trigger.builds.find(b => b.id === DEMO_IDS.gcpFailedBuild)!.onRetry = outcome
    },
    retryOp: 'cloudbuild:RetryBuild',
    statusOps: ['cloudbuild:GetBuild'],
    stopOp: 'cloudbuild:CancelBuild',
    // The retry starts a new build: its status.
    state: emu => [...emu.state.cloudbuild.builds.values()].find(b => b.retryOf !== undefined)?.status,
    running: 'QUEUED',
    stopped: 'CANCELLED',
    failedOutcome: { result: 'failed', settleAfterReads: 1, failureReason: REASON, failedStage: 'smoke' },
    failure: ['USER_BUILD_STEP', REASON, 'failed steps: smoke']
  }
]

export const WAIT = { wait: 'true', 'poll-interval-seconds': '1' }
/** Still running long after any case here ends. */
export const NEVER: RetryOutcome = { result: 'succeeded', settleAfterReads: 10_000 }

/** An emulator whose failed execution of `c` ends as `outcome` when retried; closed after `body`. */
export async function withEmu<T>(
  c: ServiceCase,
  outcome: OnRetry,
  body: (emu: Emulator) => Promise<T>
): Promise<T> {
  const scenario = demoScenario()
  c.onRetry(scenario, outcome)
  return withEmulator(scenario, body)
}
