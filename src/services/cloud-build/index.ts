import { CLOUD_BUILD_ENDPOINT_ENV, google } from '../../clouds/google/cloud.js'
import { InputError } from '../../model/errors.js'
import { hasWildcard, listQuery, wildcardsAsName } from '../../model/listing.js'
import type { ServiceDescriptor } from '../../model/service.js'
import {
  expectPattern,
  expectUrl,
  GIT_BRANCH as BRANCH,
  required,
  shorten,
  splitBranch,
  type Pattern
} from '../../model/validate.js'
import { STATES, type TriggerTarget } from './target.js'

/** A project ID: 6-30 lower-case letters, digits and hyphens, starting with a letter, not ending with a hyphen. */
const PROJECT: Pattern = {
  re: /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/,
  accepted: 'a Google Cloud project ID, e.g. acme-prod (6-30 lower-case letters, digits, hyphens)'
}
/**
 * A trigger: its name (1-64 letters, digits and dashes, beginning and ending with a letter or digit: BuildTrigger
 * `name`) or its ID (a UUID).
 */
const TRIGGER: Pattern = {
  re: /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/,
  accepted: 'a trigger name (letters, digits and dashes, at most 64) or its ID'
}
const TRIGGER_GLOB: Pattern = {
  re: /^[A-Za-z0-9-]{1,64}$/,
  accepted: 'a trigger name pattern, e.g. deploy-*'
}
const LOCATION: Pattern = google.region
/** A build ID: a UUID (Build `id`). */
const BUILD_ID: Pattern = {
  re: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  accepted: 'a Cloud Build build ID (a UUID)'
}

/** `@LOCATION` goes where other services take `@REGION`: `cloud-build@us-central1:PROJECT/TRIGGER`. */
const LINE_FORM = 'cloud-build:PROJECT/TRIGGER[@BRANCH]'

function target(project: string, trigger: string, branch?: string, executionId?: string): TriggerTarget {
  return {
    service: 'cloud-build',
    label: `cloud-build:${project}/${trigger}${branch !== undefined ? `@${branch}` : ''}`,
    project,
    trigger,
    ...(branch !== undefined ? { branch } : {}),
    ...(executionId !== undefined ? { executionId } : {})
  }
}

function lineParts(resource: string, where: string): { project: string; trigger: string; branch?: string } {
  const { path, branch } = splitBranch(resource)
  const [project = '', trigger = '', extra] = path.split('/')
  if (extra !== undefined || trigger === '')
    throw new InputError(
      where,
      `'cloud-build:${shorten(resource)}' is not PROJECT/TRIGGER[@BRANCH]`,
      LINE_FORM
    )
  expectPattern(where, project, PROJECT)
  if (branch !== undefined) expectPattern(where, branch, BRANCH)
  return { project, trigger, ...(branch !== undefined ? { branch } : {}) }
}

/** Google Cloud Build: retry the newest build of a trigger, if it failed; a new build starts. */
export const cloudBuild: ServiceDescriptor<TriggerTarget> = {
  name: 'cloud-build',
  cloud: google,
  targetInputs: ['gcp-project', 'gcp-location', 'trigger', 'branch'],
  inputDocs: {
    'gcp-project': 'the Google Cloud project ID.',
    'gcp-location':
      'the Cloud Build location of the trigger: global (the default) or a region such as us-central1.',
    trigger: 'the build trigger: its name or ID.',
    branch: 'only runs of this branch are considered (default: all branches).'
  },
  lineForm: LINE_FORM,
  // A retry creates a new build from the original request: all of it runs again.
  retryModes: { all: false, native: {} },
  states: STATES,

  fromInputs(given) {
    const why = 'for service cloud-build'
    const project = expectPattern(
      'gcp-project',
      required('gcp-project', given('gcp-project'), why, PROJECT.accepted),
      PROJECT
    )
    const trigger = expectPattern(
      'trigger',
      required('trigger', given('trigger'), why, TRIGGER.accepted),
      TRIGGER
    )
    const location = given('gcp-location')
    const branch = given('branch')
    const executionId = given('execution-id')
    if (location !== undefined) expectPattern('gcp-location', location, LOCATION)
    if (branch !== undefined) expectPattern('branch', branch, BRANCH)
    if (executionId !== undefined) expectPattern('execution-id', executionId, BUILD_ID)
    return target(project, trigger, branch, executionId)
  },

  fromLine(resource, where) {
    const { project, trigger, branch } = lineParts(resource, where)
    return target(project, expectPattern(where, trigger, TRIGGER), branch)
  },

  /** A trigger name with `*` or `?`: the project's triggers in the location are listed and matched by name. */
  patternOf(resource, where) {
    const { project, trigger, branch } = lineParts(resource, where)
    if (!hasWildcard(trigger)) return undefined
    expectPattern(where, wildcardsAsName(trigger), TRIGGER_GLOB)
    return { query: listQuery(trigger, project), ...(branch !== undefined ? { suffix: `@${branch}` } : {}) }
  },

  resourceKey: t => `${t.project}/${t.trigger}`,

  checkConnection(_connection, endpoint) {
    const fromEnv = process.env[CLOUD_BUILD_ENDPOINT_ENV]?.trim()
    if (endpoint === undefined && fromEnv) expectUrl(CLOUD_BUILD_ENDPOINT_ENV, fromEnv)
  },

  load: async () => (await import(/* webpackChunkName: "cloud-build" */ './provider.js')).default
}
