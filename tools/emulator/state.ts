// The emulator's mutable world, built afresh from a scenario (never mutating it).
import { seedAzure, type AzureState } from './azure.js'
import { seedCloudBuild, type CloudBuildState } from './cloud-build.js'
import { seedCodeArts, type CodeArtsState } from './codearts.js'
import { seedCodeBuild, type CodeBuildState } from './codebuild.js'
import { seedCodePipeline, type CodePipelineState } from './codepipeline.js'
import { seedGitHub, type GitHubState } from './github.js'
import { seedSageMaker, type SageMakerState } from './sagemaker.js'
import { seedStepFunctions, type StepFunctionsState } from './stepfunctions.js'
import type { Scenario } from './types.js'

export interface EmulatorState {
  readonly accountId: string
  readonly region: string
  readonly codepipeline: CodePipelineState
  readonly codebuild: CodeBuildState
  readonly sagemaker: SageMakerState
  readonly codearts: CodeArtsState
  readonly github: GitHubState
  readonly stepfunctions: StepFunctionsState
  readonly azure: AzureState
  readonly cloudbuild: CloudBuildState
}

export function createState(scenario: Scenario): EmulatorState {
  if (!/^\d{12}$/.test(scenario.accountId)) throw new Error('scenario: accountId must be 12 digits')
  if (!scenario.region) throw new Error('scenario: region is required')
  const { accountId, region } = scenario
  return {
    accountId,
    region,
    codepipeline: seedCodePipeline(scenario.codepipeline?.pipelines ?? []),
    codebuild: seedCodeBuild(scenario.codebuild?.projects ?? [], region, accountId),
    sagemaker: seedSageMaker(scenario.sagemaker?.pipelines ?? [], region, accountId),
    codearts: seedCodeArts(scenario.codearts),
    github: seedGitHub(scenario.github),
    stepfunctions: seedStepFunctions(scenario.stepfunctions?.stateMachines ?? [], region, accountId),
    azure: seedAzure(scenario.azure),
    cloudbuild: seedCloudBuild(scenario.cloudbuild)
  }
}

export type RetriedService =
  | 'codepipeline'
  | 'codebuild'
  | 'codebuild-batch'
  | 'sagemaker'
  | 'codearts'
  | 'github-actions'
  | 'stepfunctions'
  | 'azure-pipelines'
  | 'cloud-build'

/** How many retries took effect: new builds for CodeBuild, restarts in place for the others. */
export function retriesApplied(state: EmulatorState, service: RetriedService): number {
  const sum = (items: Iterable<{ retriesApplied?: number | undefined }>): number => {
    let total = 0
    for (const item of items) total += item.retriesApplied ?? 0
    return total
  }
  switch (service) {
    case 'codebuild':
      return [...state.codebuild.builds.values()].filter(build => build.retryOf !== undefined).length
    case 'codebuild-batch':
      return sum(state.codebuild.batches.values())
    case 'sagemaker':
      return sum(state.sagemaker.executions.values())
    case 'codepipeline':
      return sum([...state.codepipeline.pipelines.values()].flatMap(p => [...p.executions.values()]))
    case 'github-actions':
      return sum(state.github.runs.values())
    case 'stepfunctions':
      return sum(state.stepfunctions.executions.values())
    case 'azure-pipelines':
      return sum(state.azure.builds.values())
    case 'cloud-build':
      return [...state.cloudbuild.builds.values()].filter(build => build.retryOf !== undefined).length
    case 'codearts':
      return sum(
        [...state.codearts.projects.values()].flatMap(project =>
          [...project.values()].flatMap(pipeline => pipeline.runs)
        )
      )
  }
}
