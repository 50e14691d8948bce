import type { NamePattern } from './listing.js'

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
  /** A `targets` line's `@REGION`: its own region instead of the cloud's. */
  region?: string
  /** The pattern line this target was expanded from (`targets line 3: codebuild:team-*`), for the summary. */
  origin?: string
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
  /** Whether that failure was transient, as the service's rule read it (kept in the history, not output). */
  failureClass?: 'transient' | 'deterministic'
}

/** A target in a `targets` line's own region: labelled `SERVICE@REGION:RESOURCE`, as the line names it. */
export function inRegion<T extends TargetBase>(target: T, region: string | undefined): T {
  if (region === undefined) return target
  const resource = target.label.slice(target.service.length + 1)
  return { ...target, region, label: `${target.service}@${region}:${resource}` }
}

/** One validated `targets` line. */
export interface TargetLine {
  /** Names the line in errors and the summary: `targets (line 3)`, `targets-file ci/targets (line 3)`. */
  where: string
  /** The line as written, without its comment. */
  text: string
  service: string
  /** `@REGION`, when the line gives one. */
  region?: string
  /** What the line does: one target, a pattern to list, or (`!`) a resource pattern to leave out. */
  kind:
    | { name: 'target'; target: TargetBase }
    | { name: 'pattern'; pattern: NamePattern }
    | { name: 'exclude'; glob: string }
}
