// stepfunctions: its target and its execution statuses, the leaf that both the descriptor and the provider read.
import type { StatusTable } from '../../model/provider.js'
import type { TargetBase } from '../../model/target.js'

/** A state machine (by name or ARN); absent only when `executionId` (an execution ARN naming it) is given. */
export interface StateMachineTarget extends TargetBase {
  stateMachine?: string
}

/**
 * ExecutionStatus (botocore stepfunctions service-2.json). FAILED and TIMED_OUT are failures; ABORTED is one too
 * here, as the contract's table asks (see the note in the provider); PENDING_REDRIVE is a Map Run child waiting.
 */
export const STATES = {
  RUNNING: 'in-progress',
  PENDING_REDRIVE: 'in-progress',
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  TIMED_OUT: 'failed',
  ABORTED: 'failed'
} as const satisfies StatusTable

/** `arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME` -> MACHINE. */
export function machineOfExecutionArn(arn: string | undefined): string | undefined {
  return arn?.match(/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:execution:([^:]+):[^:]+$/)?.[1]
}
