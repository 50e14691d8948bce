/**
 * One thing to retry: a pipeline, project or workflow of one service (or one named execution of it). Each
 * service folder extends this with the fields its provider needs; the generic code reads only these.
 */
export interface TargetBase {
  /** The service's name, as in the `service` input and a `targets` line. */
  service: string
  /** `SERVICE:RESOURCE`, as written in `targets` or built from the single-mode inputs. */
  label: string
  /** The execution to retry; when absent the provider discovers the latest one. */
  executionId?: string
  /** A stage within the resource that this target is limited to (a CodePipeline stage). */
  stageName?: string
}

/**
 * A target of `service` on `resource` (labelled `SERVICE:RESOURCE`), with the service's own fields and the
 * execution it names, if any.
 */
export function makeTarget<F extends object>(
  service: string,
  resource: string,
  fields: F,
  executionId?: string
): TargetBase & F {
  return {
    service,
    label: `${service}:${resource}`,
    ...fields,
    ...(executionId !== undefined ? { executionId } : {})
  }
}

/** The `status` output values (docs/contract.md). */
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
  service: string
  target: string
  retried: boolean
  executionId: string
  executionArn: string
  stageName: string
  status: Status
  consoleUrl: string
  message: string
  /** How many retries this step made. */
  attempts: number
  /** The last failure reason read ('' when none). */
  failure: string
}
