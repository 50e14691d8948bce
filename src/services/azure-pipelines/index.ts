import { AZURE_ENDPOINT_ENV, azureDevOps } from '../../clouds/azure/cloud.js'
import { InputError } from '../../model/errors.js'
import { hasWildcard, listQuery, wildcardsAsName } from '../../model/listing.js'
import type { ServiceDescriptor } from '../../model/service.js'
import {
  expectPattern,
  expectUrl,
  GIT_BRANCH,
  required,
  shorten,
  splitBranch,
  type Pattern
} from '../../model/validate.js'
import { fullRef, STATES, type AzurePipelineTarget } from './target.js'

/** An organization: letters, digits and inner hyphens, at most 50 characters (Azure DevOps naming restrictions). */
const ORGANIZATION: Pattern = {
  re: /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,48}[A-Za-z0-9])?$/,
  accepted: 'an Azure DevOps organization name, e.g. contoso'
}
/**
 * A project: at most 64 characters, none of \ / : * ? " ' < > ; # $ { } , + = [ ] | or a control character, not
 * starting with `_` or `.`, not ending with `.` (Azure DevOps naming restrictions).
 */
const PROJECT: Pattern = {
  // eslint-disable-next-line no-control-regex -- control characters are what the name may not hold
  re: /^(?![_.])[^\\/:*?"'<>;#$*{},+=[\]|\u0000-\u001f]{1,64}(?<!\.)$/,
  accepted: 'an Azure DevOps project name or ID'
}
/** A pipeline (build definition) name, at most 260 characters with none of \ / : * ? " < > | @ #, or its ID. */
const PIPELINE: Pattern = {
  // eslint-disable-next-line no-control-regex -- control characters are what the name may not hold
  re: /^(?:[1-9][0-9]{0,9}|[^\\/:*?"<>|@#\u0000-\u001f]{1,260})$/,
  accepted: 'a pipeline name or its numeric definition ID'
}
/** A YAML stage name: letters, digits and `_`, starting with a letter or `_` (YAML schema, stages.stage). */
const STAGE: Pattern = {
  re: /^[A-Za-z_][A-Za-z0-9_]{0,255}$/,
  accepted: 'a stage name as in the YAML (letters, digits and _), e.g. Deploy'
}
const BRANCH: Pattern = { ...GIT_BRANCH, accepted: 'a branch name (main) or a full ref (refs/heads/main)' }
/** A build (run) ID: a positive int32 (REST spec, `buildId`). */
const BUILD_ID: Pattern = {
  re: /^[1-9][0-9]{0,9}$/,
  max: 10,
  accepted: 'a run (build) ID, a positive integer'
}

const LINE_FORM = 'azure-pipelines:ORGANIZATION/PROJECT/PIPELINE[/STAGE][@BRANCH]'

function target(
  fields: { organization: string; project: string; pipeline: string; stageName?: string; branch?: string },
  executionId?: string
): AzurePipelineTarget {
  const { organization, project, pipeline, stageName, branch } = fields
  const stage = stageName !== undefined ? `/${stageName}` : ''
  const on = branch !== undefined ? `@${branch}` : ''
  return {
    service: 'azure-pipelines',
    label: `azure-pipelines:${organization}/${project}/${pipeline}${stage}${on}`,
    organization,
    project,
    pipeline,
    ...(stageName !== undefined ? { stageName } : {}),
    ...(branch !== undefined ? { branch: fullRef(branch) } : {}),
    ...(executionId !== undefined ? { executionId } : {})
  }
}

/** `ORG/PROJECT/PIPELINE[/STAGE][@BRANCH]`: the parts, each checked except the pipeline (it may be a pattern). */
function lineParts(resource: string, where: string) {
  const { path, branch } = splitBranch(resource)
  const parts = path.split('/')
  const [organization = '', project = '', pipeline = '', stageName] = parts
  if (parts.length < 3 || parts.length > 4 || pipeline === '')
    throw new InputError(
      where,
      `'azure-pipelines:${shorten(resource)}' is not ${LINE_FORM.slice(16)}`,
      LINE_FORM
    )
  expectPattern(where, organization, ORGANIZATION)
  expectPattern(where, project, PROJECT)
  if (stageName !== undefined) expectPattern(where, stageName, STAGE)
  if (branch !== undefined) expectPattern(where, branch, BRANCH)
  return {
    organization,
    project,
    pipeline,
    ...(stageName !== undefined ? { stageName } : {}),
    ...(branch !== undefined ? { branch } : {})
  }
}

/** Azure Pipelines: retry the failed stage(s) of a pipeline's newest run; the same run continues. */
export const azurePipelines: ServiceDescriptor<AzurePipelineTarget> = {
  name: 'azure-pipelines',
  cloud: azureDevOps,
  targetInputs: ['azure-organization', 'azure-project', 'azure-pipeline', 'stage-name', 'branch'],
  inputDocs: {
    'azure-organization': 'the Azure DevOps organization (dev.azure.com/ORGANIZATION).',
    'azure-project': 'the Azure DevOps project (name or ID).',
    'azure-pipeline': 'the pipeline: its name or numeric definition ID.',
    'stage-name': 'the stage to retry (its YAML name). Default: every failed stage of the run.',
    branch: 'only runs of this branch are considered (default: all branches).'
  },
  lineForm: LINE_FORM,
  // forceRetryAllJobs: the stage's jobs run again, not only the failed ones.
  retryModes: { all: true, native: {} },
  states: STATES,

  fromInputs(given) {
    const accepted = 'for service azure-pipelines'
    const organization = expectPattern(
      'azure-organization',
      required('azure-organization', given('azure-organization'), accepted, ORGANIZATION.accepted),
      ORGANIZATION
    )
    const project = expectPattern(
      'azure-project',
      required('azure-project', given('azure-project'), accepted, PROJECT.accepted),
      PROJECT
    )
    const pipeline = expectPattern(
      'azure-pipeline',
      required('azure-pipeline', given('azure-pipeline'), accepted, PIPELINE.accepted),
      PIPELINE
    )
    const stageName = given('stage-name')
    const branch = given('branch')
    const executionId = given('execution-id')
    if (stageName !== undefined) expectPattern('stage-name', stageName, STAGE)
    if (branch !== undefined) expectPattern('branch', branch, BRANCH)
    if (executionId !== undefined) expectPattern('execution-id', executionId, BUILD_ID)
    return target(
      {
        organization,
        project,
        pipeline,
        ...(stageName !== undefined ? { stageName } : {}),
        ...(branch !== undefined ? { branch } : {})
      },
      executionId
    )
  },

  fromLine(resource, where) {
    const parts = lineParts(resource, where)
    expectPattern(where, parts.pipeline, PIPELINE)
    return target(parts)
  },

  /** A pipeline name with `*` or `?`: the project's pipelines are listed and matched by name. */
  patternOf(resource, where) {
    const { organization, project, pipeline, stageName, branch } = lineParts(resource, where)
    if (!hasWildcard(pipeline)) return undefined
    expectPattern(where, wildcardsAsName(pipeline), PIPELINE)
    const suffix = `${stageName !== undefined ? `/${stageName}` : ''}${branch !== undefined ? `@${branch}` : ''}`
    return { query: listQuery(pipeline, `${organization}/${project}`), ...(suffix ? { suffix } : {}) }
  },

  resourceKey: t => `${t.organization}/${t.project}/${t.pipeline}`.toLowerCase(),

  checkConnection(_connection, endpoint) {
    const fromEnv = process.env[AZURE_ENDPOINT_ENV]?.trim()
    if (endpoint === undefined && fromEnv) expectUrl(AZURE_ENDPOINT_ENV, fromEnv)
  },

  load: async () => (await import(/* webpackChunkName: "azure-pipelines" */ './provider.js')).default
}
