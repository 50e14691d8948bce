import { aws } from '../../clouds/aws.js'
import { InputError } from '../../model/errors.js'
import type { StatusTable } from '../../model/provider.js'
import type { TargetBase } from '../../model/target.js'
import { expectPattern, type Pattern } from '../../model/validate.js'
import type { ServiceDescriptor } from '../service.js'

/** A pipeline; absent only when `executionId` (an ARN naming the pipeline) is given. */
export interface SageMakerTarget extends TargetBase {
  pipelineName?: string
}

/** SageMaker API reference: PipelineName and PipelineExecutionArn. */
const PIPELINE: Pattern = {
  re: /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}$/,
  accepted: 'a SageMaker pipeline name (1-256 characters of A-Z a-z 0-9 and inner hyphens)'
}
const EXECUTION_ARN: Pattern = {
  re: /^arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:pipeline\/.*\/execution\/.*$/,
  max: 2048,
  accepted:
    'a pipeline execution ARN (arn:aws:sagemaker:REGION:ACCOUNT:pipeline/NAME/execution/ID, at most 2048 characters)'
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

/** Amazon SageMaker RetryPipelineExecution: the same execution resumes from its failed steps. */
export const sagemaker: ServiceDescriptor<SageMakerTarget> = {
  name: 'sagemaker',
  cloud: aws,
  targetInputs: ['pipeline-name'],
  optionInputs: ['max-parallel-steps'],
  lineForm: 'sagemaker:PIPELINE',
  retryModes: { all: false, native: {} },
  // ClientRequestToken: 32-128 characters (API reference).
  token: { min: 32, max: 128 },
  states: STATES,

  fromInputs(given) {
    const pipelineName = given('pipeline-name')
    if (pipelineName !== undefined) expectPattern('pipeline-name', pipelineName, PIPELINE)
    const executionId = given('execution-id')
    if (executionId !== undefined) expectPattern('execution-id', executionId, EXECUTION_ARN)
    const pipeline = pipelineName ?? pipelineOfExecutionArn(executionId)
    if (pipeline === undefined)
      throw new InputError(
        'pipeline-name',
        'is required for service sagemaker when execution-id is not given',
        PIPELINE.accepted
      )
    if (
      pipelineName !== undefined &&
      executionId !== undefined &&
      pipelineOfExecutionArn(executionId) !== pipelineName
    )
      throw new InputError(
        'execution-id',
        `'${executionId}' is an execution of another pipeline than '${pipelineName}'`,
        `an execution ARN of pipeline ${pipelineName}`
      )
    return {
      service: 'sagemaker',
      label: `sagemaker:${pipeline}`,
      pipelineName: pipeline,
      ...(executionId !== undefined ? { executionId } : {})
    }
  },

  fromLine: (resource, where) => ({
    service: 'sagemaker',
    label: `sagemaker:${resource}`,
    pipelineName: expectPattern(where, resource, PIPELINE)
  }),

  resourceKey: t => t.pipelineName ?? pipelineOfExecutionArn(t.executionId) ?? '',
  load: async () => (await import('./provider.js')).default
}
