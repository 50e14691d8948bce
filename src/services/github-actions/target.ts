// github-actions: its target and its execution statuses, the leaf that both the descriptor and the provider read.
import type { StatusTable } from '../../model/provider.js'
import type { TargetBase } from '../../model/target.js'

/** A workflow of a repository (or one run of it), optionally limited to a branch. */
export interface WorkflowTarget extends TargetBase {
  owner: string
  repo: string
  /** The workflow's file name (`ci.yml`) or numeric ID; absent when only a run ID names the target. */
  workflow?: string
  branch?: string
}

/**
 * A run's `status`, and once it is `completed` its `conclusion` (GitHub REST "workflow runs"). `failure` and
 * `timed_out` are failures; `cancelled` was a person's decision; `startup_failure` (the workflow file is broken)
 * and `action_required` (waiting for approval) are not something a re-run fixes.
 */
export const STATES = {
  queued: 'in-progress',
  in_progress: 'in-progress',
  waiting: 'in-progress',
  requested: 'in-progress',
  pending: 'in-progress',
  success: 'succeeded',
  neutral: 'succeeded',
  failure: 'failed',
  timed_out: 'failed',
  cancelled: 'stopped',
  skipped: 'stopped',
  stale: 'stopped',
  startup_failure: 'stopped',
  action_required: 'stopped'
} as const satisfies StatusTable
