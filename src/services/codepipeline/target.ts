// codepipeline: its target and its execution statuses, the leaf that both the descriptor and the provider read.
import type { PipelineExecution } from '@aws-sdk/client-codepipeline'
import type { Progress, StatusTable } from '../../model/provider.js'
import type { TargetBase } from '../../model/target.js'

export interface CodePipelineTarget extends TargetBase {
  pipelineName: string
}

/** PipelineExecution.status (GetPipelineExecution). */
export const STATES = {
  InProgress: 'in-progress',
  Stopping: 'in-progress',
  Succeeded: 'succeeded',
  Failed: 'failed',
  Stopped: 'stopped',
  Cancelled: 'stopped',
  Superseded: 'stopped'
} as const satisfies StatusTable & Record<NonNullable<PipelineExecution['status']>, Progress['state']>
