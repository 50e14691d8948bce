// sagemaker: its target and its execution statuses, the leaf that both the descriptor and the provider read.
import type { StatusTable } from '../../model/provider.js'
import type { TargetBase } from '../../model/target.js'

/** A pipeline; absent only when `executionId` (an ARN naming the pipeline) is given. */
export interface SageMakerTarget extends TargetBase {
  pipelineName?: string
}

/** PipelineExecutionStatus; Executing and Stopping are still running. */
export const STATES = {
  Executing: 'in-progress',
  Stopping: 'in-progress',
  Succeeded: 'succeeded',
  Failed: 'failed',
  Stopped: 'stopped'
} as const satisfies StatusTable

/** `arn:aws:sagemaker:REGION:ACCOUNT:pipeline/NAME/execution/ID` -> NAME. */
export function pipelineOfExecutionArn(arn: string | undefined): string | undefined {
  return arn?.match(/:pipeline\/([^/]+)\/execution\//)?.[1]
}
