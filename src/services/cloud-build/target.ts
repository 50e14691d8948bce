// cloud-build: its target and its build statuses, the leaf that both the descriptor and the provider read.
import type { StatusTable } from '../../model/provider.js'
import type { TargetBase } from '../../model/target.js'

/** A build trigger (name or ID) of a Google Cloud project; optionally one branch. Its location is `region`. */
export interface TriggerTarget extends TargetBase {
  project: string
  trigger: string
  branch?: string
}

/**
 * Build.Status (cloudbuild.proto). FAILURE, INTERNAL_ERROR and TIMEOUT are failures; CANCELLED was a person's
 * decision and EXPIRED never ran (its queue time-to-live ran out): both stopped, not retried.
 */
export const STATES = {
  STATUS_UNKNOWN: 'in-progress',
  PENDING: 'in-progress',
  QUEUED: 'in-progress',
  WORKING: 'in-progress',
  SUCCESS: 'succeeded',
  FAILURE: 'failed',
  INTERNAL_ERROR: 'failed',
  TIMEOUT: 'failed',
  CANCELLED: 'stopped',
  EXPIRED: 'stopped'
} as const satisfies StatusTable
