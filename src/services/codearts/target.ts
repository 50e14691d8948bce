// codearts: its target and its execution statuses, the leaf that both the descriptor and the provider read.
import type { StatusTable } from '../../model/provider.js'
import type { TargetBase } from '../../model/target.js'

export interface CodeArtsTarget extends TargetBase {
  projectId: string
  pipelineId: string
}

/** Pipeline run statuses (API reference); RUNNING, PAUSED and SUSPEND are still going. */
export const STATES = {
  RUNNING: 'in-progress',
  PAUSED: 'in-progress',
  SUSPEND: 'in-progress',
  COMPLETED: 'succeeded',
  FAILED: 'failed',
  CANCELED: 'stopped',
  IGNORED: 'stopped'
} as const satisfies StatusTable
