// azure-pipelines: its target and its run statuses, the leaf that both the descriptor and the provider read.
import type { StatusTable } from '../../model/provider.js'
import type { TargetBase } from '../../model/target.js'

/** A pipeline definition (name or numeric ID) of an Azure DevOps project; optionally one stage and one branch. */
export interface AzurePipelineTarget extends TargetBase {
  organization: string
  project: string
  pipeline: string
  /** The stage (its YAML name) to retry; absent: every failed stage. */
  stageName?: string
  /** Only runs of this branch (a full ref, `refs/heads/main`). */
  branch?: string
}

/**
 * A run's state, as this service reads it: `BuildStatus` while it runs; once `completed`, its `BuildResult`
 * (REST 7.1 spec). partiallySucceeded is a success with issues; canceled was a person's decision.
 */
export const STATES = {
  none: 'in-progress',
  notStarted: 'in-progress',
  postponed: 'in-progress',
  inProgress: 'in-progress',
  cancelling: 'in-progress',
  succeeded: 'succeeded',
  partiallySucceeded: 'succeeded',
  failed: 'failed',
  canceled: 'stopped'
} as const satisfies StatusTable

/** `refs/heads/main` for `main`; a full ref is kept (the API filters by the full ref). */
export const fullRef = (branch: string): string =>
  branch.startsWith('refs/') ? branch : `refs/heads/${branch}`
