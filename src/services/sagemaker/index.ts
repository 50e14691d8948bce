import { aws } from '../../clouds/aws.js'
import { hasWildcard, listQuery, wildcardsAsName } from '../../model/listing.js'
import { makeTarget } from '../../model/target.js'
import { expectPattern, nameOrFromId, type Pattern } from '../../model/validate.js'
import type { ServiceDescriptor } from '../../model/service.js'
import { STATES, pipelineOfExecutionArn, type SageMakerTarget } from './target.js'

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

/** Amazon SageMaker RetryPipelineExecution: the same execution resumes from its failed steps. */
export const sagemaker: ServiceDescriptor<SageMakerTarget> = {
  name: 'sagemaker',
  cloud: aws,
  targetInputs: ['pipeline-name'],
  optionInputs: ['max-parallel-steps'],
  inputDocs: {
    'pipeline-name': 'the pipeline.',
    'max-parallel-steps': 'ParallelismConfiguration.MaxParallelExecutionSteps (a positive integer).'
  },
  lineForm: 'sagemaker:PIPELINE',
  retryModes: { all: false, native: {} },
  // ClientRequestToken: 32-128 characters (API reference).
  token: { min: 32, max: 128 },
  states: STATES,

  fromInputs(given) {
    const { name, executionId } = nameOrFromId(given, {
      service: 'sagemaker',
      nameInput: 'pipeline-name',
      name: PIPELINE,
      executionId: EXECUTION_ARN,
      nameOf: pipelineOfExecutionArn,
      resourceNoun: 'pipeline',
      executionOf: pipeline => `an execution ARN of pipeline ${pipeline}`
    })
    return makeTarget('sagemaker', name, { pipelineName: name }, executionId)
  },

  patternOf(resource, where) {
    if (!hasWildcard(resource)) return undefined
    expectPattern(where, wildcardsAsName(resource), PIPELINE)
    return { query: listQuery(resource) }
  },

  fromLine: (resource, where) =>
    makeTarget('sagemaker', resource, { pipelineName: expectPattern(where, resource, PIPELINE) }),

  resourceKey: t => t.pipelineName ?? pipelineOfExecutionArn(t.executionId) ?? '',
  load: async () => (await import(/* webpackChunkName: "sagemaker" */ './provider.js')).default
}
