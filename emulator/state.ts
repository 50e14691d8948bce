// The emulator's mutable world, built afresh from a scenario (never mutating it).
import { seedCodeArts, type CodeArtsState } from './codearts.js'
import { seedCodeBuild, type CodeBuildState } from './codebuild.js'
import { seedCodePipeline, type CodePipelineState } from './codepipeline.js'
import { seedSageMaker, type SageMakerState } from './sagemaker.js'
import type { Scenario } from './types.js'

export interface EmulatorState {
  readonly accountId: string
  readonly region: string
  readonly codepipeline: CodePipelineState
  readonly codebuild: CodeBuildState
  readonly sagemaker: SageMakerState
  readonly codearts: CodeArtsState
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
    codearts: seedCodeArts(scenario.codearts)
  }
}
