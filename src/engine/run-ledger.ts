import type { Target } from '../model/target.js'

/**
 * What this run has retried, so that two target lines that overlap (a whole pipeline and one of its stages)
 * never retry one execution twice, and the later line says why it did nothing.
 */
export class RunLedger {
  private readonly executions = new Map<string, string>()
  private readonly resources = new Map<string, string>()

  /** Takes an execution for `target`; returns the label that already had it, or undefined if it is ours. */
  claim(target: Target, executionKey: string): string | undefined {
    const owner = this.executions.get(executionKey)
    if (owner !== undefined) return owner
    this.executions.set(executionKey, target.label)
    return undefined
  }

  /** Records a retry of the target's resource (pipeline, project), the unit a later line discovers from. */
  retried(target: Target): void {
    this.resources.set(resourceKey(target), target.label)
  }

  /** Which earlier target of this run retried this target's resource, if any. */
  retriedBy(target: Target): string | undefined {
    return this.resources.get(resourceKey(target))
  }
}

function resourceKey(target: Target): string {
  switch (target.service) {
    case 'codepipeline':
      return `codepipeline:${target.pipelineName}`
    case 'codearts':
      return `codearts:${target.projectId}/${target.pipelineId}`
    case 'sagemaker':
      return `sagemaker:${target.pipelineName ?? ''}`
    default:
      return `${target.service}:${target.projectName ?? ''}`
  }
}
