import { makeTarget } from '../../model/target.js'
import { hasWildcard, listQuery, wildcardsAsName } from '../../model/listing.js'
import { InputError } from '../../model/errors.js'
import { expectPattern, required, type Pattern } from '../../model/validate.js'
import { aws } from '../../clouds/aws.js'
import type { ServiceDescriptor } from '../../model/service.js'
import { STATES, type CodePipelineTarget } from './target.js'

/** Pipeline and stage names (CodePipeline API reference: PipelineName, StageName). */
const NAME: Pattern = { re: /^[A-Za-z0-9.@\-_]{1,100}$/, accepted: '1-100 characters of A-Z a-z 0-9 . @ - _' }
const EXECUTION_ID: Pattern = {
  re: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  accepted: 'a pipeline execution ID (lowercase UUID, e.g. 3137f7cb-7cf7-4d2c-9f2a-1b2c3d4e5f60)'
}

function target(
  pipelineName: string,
  stageName: string | undefined,
  executionId?: string
): CodePipelineTarget {
  const resource = stageName !== undefined ? `${pipelineName}/${stageName}` : pipelineName
  const fields = { pipelineName, ...(stageName !== undefined ? { stageName } : {}) }
  return makeTarget('codepipeline', resource, fields, executionId)
}

/** AWS CodePipeline RetryStageExecution: the failed stage of the latest execution runs again. */
export const codepipeline: ServiceDescriptor<CodePipelineTarget> = {
  name: 'codepipeline',
  cloud: aws,
  targetInputs: ['pipeline-name', 'stage-name'],
  inputDocs: {
    'pipeline-name': 'the pipeline.',
    'stage-name': 'the stage to retry. Default: the failed stage of the latest execution.'
  },
  lineForm: 'codepipeline:NAME[/STAGE]',
  retryModes: { all: true, native: { FAILED_ACTIONS: 'failed', ALL_ACTIONS: 'all' } },
  states: STATES,

  fromInputs(given) {
    const pipelineName = expectPattern(
      'pipeline-name',
      required('pipeline-name', given('pipeline-name'), 'for service codepipeline', NAME.accepted),
      NAME
    )
    const stageName = given('stage-name')
    if (stageName !== undefined) expectPattern('stage-name', stageName, NAME)
    const executionId = given('execution-id')
    if (executionId !== undefined) expectPattern('execution-id', executionId, EXECUTION_ID)
    return target(pipelineName, stageName, executionId)
  },

  patternOf(resource, where) {
    const [pipelineName = '', stageName] = resource.split('/')
    if (!hasWildcard(pipelineName)) return undefined
    this.fromLine(`${wildcardsAsName(pipelineName)}${stageName !== undefined ? `/${stageName}` : ''}`, where)
    return { query: listQuery(pipelineName), ...(stageName !== undefined ? { suffix: `/${stageName}` } : {}) }
  },

  fromLine(resource, where) {
    const [pipelineName = '', stageName, extra] = resource.split('/')
    if (extra !== undefined)
      throw new InputError(
        where,
        `'codepipeline:${resource}' has too many '/'`,
        'codepipeline:NAME or codepipeline:NAME/STAGE'
      )
    expectPattern(where, pipelineName, NAME)
    if (stageName !== undefined) expectPattern(where, stageName, NAME)
    return target(pipelineName, stageName)
  },

  resourceKey: t => t.pipelineName,
  load: async () => (await import(/* webpackChunkName: "codepipeline" */ './provider.js')).default
}
