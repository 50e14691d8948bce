import { huawei } from '../../clouds/huawei/cloud.js'
import { listQuery } from '../../model/listing.js'
import { InputError } from '../../model/errors.js'
import { makeTarget } from '../../model/target.js'
import { expectPattern, expectUrl, required, shorten, type Pattern } from '../../model/validate.js'
import type { ServiceDescriptor } from '../../model/service.js'
import { CODEARTS_REGIONS, codeartsEndpoint, ENDPOINT_ENV } from './endpoints.js'
import { STATES, type CodeArtsTarget } from './target.js'

/** CodeArts project, pipeline and run IDs: 32 characters (API reference). */
const ID: Pattern = { re: /^[A-Za-z0-9]{32}$/, accepted: '32 letters or digits' }

/** A pipeline name pattern in a `targets` line: a name (with `*`, `?`) of at most 128 printable characters. */
const PIPELINE_NAME: Pattern = {
  re: /^[^\s/#!][^/#]{0,127}$/,
  accepted: 'codearts:PROJECT_ID/PIPELINE_ID, or PROJECT_ID/NAME where NAME may hold * and ?'
}

function target(projectId: string, pipelineId: string, executionId?: string): CodeArtsTarget {
  return makeTarget('codearts', `${projectId}/${pipelineId}`, { projectId, pipelineId }, executionId)
}

/** Huawei Cloud CodeArts Pipeline "retry pipeline run": the same run continues from its failed stage. */
export const codearts: ServiceDescriptor<CodeArtsTarget> = {
  name: 'codearts',
  cloud: huawei,
  targetInputs: ['project-id', 'pipeline-id'],
  inputDocs: {
    'project-id': 'the CodeArts project ID (32 characters).',
    'pipeline-id': 'the CodeArts pipeline ID (32 characters).'
  },
  lineForm: 'codearts:PROJECT_ID/PIPELINE_ID',
  retryModes: { all: false, native: {} },
  states: STATES,

  fromInputs(given) {
    const id = (name: string): string =>
      expectPattern(name, required(name, given(name), 'for service codearts', ID.accepted), ID)
    const projectId = id('project-id')
    const pipelineId = id('pipeline-id')
    const executionId = given('execution-id')
    if (executionId !== undefined) expectPattern('execution-id', executionId, ID)
    return target(projectId, pipelineId, executionId)
  },

  /** The second part is a pipeline name (pattern) unless it is a 32-character pipeline ID. */
  patternOf(resource, where) {
    const [projectId = '', name = '', extra] = resource.split('/')
    if (extra !== undefined || name === '' || ID.re.test(name)) return undefined
    expectPattern(where, projectId, ID)
    expectPattern(where, name, PIPELINE_NAME)
    return { query: listQuery(name, projectId) }
  },

  fromLine(resource, where) {
    const [projectId = '', pipelineId = '', extra] = resource.split('/')
    if (extra !== undefined || pipelineId === '')
      throw new InputError(
        where,
        `'codearts:${resource}' is not PROJECT_ID/PIPELINE_ID`,
        'codearts:PROJECT_ID/PIPELINE_ID (32 characters each)'
      )
    return target(expectPattern(where, projectId, ID), expectPattern(where, pipelineId, ID))
  },

  resourceKey: t => `${t.projectId}/${t.pipelineId}`,

  /** Its endpoint comes from the region (no single pattern), unless the endpoint input gives it. */
  checkConnection({ region }, endpoint) {
    if (endpoint !== undefined) return
    const fromEnv = process.env[ENDPOINT_ENV]?.trim()
    if (fromEnv) {
      expectUrl(ENDPOINT_ENV, fromEnv)
      return
    }
    if (region === undefined)
      throw new InputError(
        'region',
        'no Huawei Cloud region is set for codearts',
        'the region input or HUAWEICLOUD_SDK_REGION / HUAWEI_CLOUD_REGION, or an endpoint'
      )
    if (codeartsEndpoint(region) === undefined)
      throw new InputError(
        'region',
        `'${shorten(region)}' has no known CodeArts Pipeline endpoint`,
        `one of ${CODEARTS_REGIONS.join(', ')}, or set the endpoint input for other regions`
      )
  },

  load: async () => (await import(/* webpackChunkName: "codearts" */ './provider.js')).default
}
