/** The five services and what one retry target names. */
export const SERVICES = ['codepipeline', 'codebuild', 'codebuild-batch', 'sagemaker', 'codearts'] as const
export type Service = (typeof SERVICES)[number]

interface TargetBase {
  /** `SERVICE:RESOURCE`, as written in `targets` or built from the single-mode inputs. */
  label: string
  /** The execution to retry; when absent the provider discovers the latest one. */
  executionId?: string
}

export interface CodePipelineTarget extends TargetBase {
  service: 'codepipeline'
  pipelineName: string
  stageName?: string
}

export interface CodeBuildTarget extends TargetBase {
  service: 'codebuild'
  /** Absent only when `executionId` is given. */
  projectName?: string
}

export interface CodeBuildBatchTarget extends TargetBase {
  service: 'codebuild-batch'
  projectName?: string
}

export interface SageMakerTarget extends TargetBase {
  service: 'sagemaker'
  /** Absent only when `executionId` (an ARN naming the pipeline) is given. */
  pipelineName?: string
}

export interface CodeArtsTarget extends TargetBase {
  service: 'codearts'
  projectId: string
  pipelineId: string
}

export type Target =
  CodePipelineTarget | CodeBuildTarget | CodeBuildBatchTarget | SageMakerTarget | CodeArtsTarget
export type TargetOf<S extends Service> = Extract<Target, { service: S }>

/** The `status` output values (action-interface.md). */
export type Status =
  | 'in-progress'
  | 'succeeded'
  | 'failed'
  | 'stopped'
  | 'timed-out'
  | 'nothing-to-retry'
  | 'skipped'
  | 'dry-run'
  | 'cancelled'
  | 'error'

/** One target's outcome: the object in the `results` output. */
export interface TargetResult {
  service: Service
  target: string
  retried: boolean
  executionId: string
  executionArn: string
  stageName: string
  status: Status
  consoleUrl: string
  message: string
}
