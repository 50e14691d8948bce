import type { TargetBase } from '../model/target.js'
import type { ServiceLookup } from '../model/service.js'

/**
 * What this run has retried, so that two target lines that overlap (a whole pipeline and one of its stages)
 * never retry one execution twice, and the later line says why it did nothing.
 */
export class RunLedger {
  private readonly executions = new Map<string, string>()
  private readonly resources = new Map<string, string>()

  constructor(private readonly serviceOf: ServiceLookup) {}

  /** Takes an execution for `target`; returns the label that already had it, or undefined if it is ours. */
  claim(target: TargetBase, executionKey: string): string | undefined {
    const owner = this.executions.get(executionKey)
    // The same line coming back to its execution (a retry loop) still owns it.
    if (owner !== undefined && owner !== target.label) return owner
    this.executions.set(executionKey, target.label)
    return undefined
  }

  /** Records a retry of the target's resource (pipeline, project), the unit a later line discovers from. */
  retried(target: TargetBase): void {
    this.resources.set(this.resourceKey(target), target.label)
  }

  /** Which earlier target of this run retried this target's resource, if any. */
  retriedBy(target: TargetBase): string | undefined {
    return this.resources.get(this.resourceKey(target))
  }

  /** Its service's resource (pipeline, project) with the service's name: what a later line discovers from. */
  private resourceKey(target: TargetBase): string {
    return `${target.service}:${this.serviceOf(target).resourceKey(target)}`
  }
}
