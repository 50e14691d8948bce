import { InputError } from '../../model/errors.js'
import { hasWildcard, listQuery, wildcardsAsName } from '../../model/listing.js'
import {
  expectPattern,
  GIT_BRANCH as BRANCH,
  shorten,
  splitBranch,
  type Pattern
} from '../../model/validate.js'
import type { Cloud, ServiceDescriptor } from '../../model/service.js'
import { STATES, type WorkflowTarget } from './target.js'

/**
 * OWNER/REPO: an account name (letters, digits, inner hyphens, at most 39 characters), then a repository name
 * (letters, digits, `.`, `-`, `_`, at most 100 characters, not `.` or `..`).
 */
const REPOSITORY: Pattern = {
  re: /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/(?!\.{1,2}$)[A-Za-z0-9._-]{1,100}$/,
  accepted: 'OWNER/REPO, e.g. octo-org/api'
}
const WORKFLOW: Pattern = {
  re: /^(?:[A-Za-z0-9._-]{1,250}\.ya?ml|[1-9][0-9]{0,19})$/,
  accepted: "a workflow file name (ci.yml, as in .github/workflows/) or the workflow's numeric ID"
}
/** A pattern over workflow file names: `*` and `?` among the characters a file name may hold. */
const WORKFLOW_GLOB: Pattern = {
  re: /^[A-Za-z0-9._-]{1,255}$/,
  accepted: 'a workflow file name pattern, e.g. deploy-*.yml or *'
}
const RUN_ID: Pattern = { re: /^[1-9][0-9]{0,19}$/, accepted: 'a workflow run ID (a positive integer)' }

/**
 * GitHub: a token, no region. `github-token` defaults to `${{ github.token }}` in action.yml, so it is given in
 * every step: it is masked, and never an error for another service (it is not one of `inputs`).
 */
const github: Cloud = {
  name: 'github',
  inputs: [],
  secretInputs: ['github-token'],
  inputDocs: {
    'github-token': {
      description:
        'the token for the GitHub REST API (needs actions: write; checks: read for retry-on: transient). Masked.',
      default: '${{ github.token }}'
    }
  },
  secretEnv: ['GITHUB_TOKEN'],
  region: { re: /^(?!)$/, accepted: 'no @REGION: github-actions takes none' },
  connect(given, env) {
    const token = given('github-token') ?? env.GITHUB_TOKEN?.trim()
    if (!token)
      throw new InputError(
        'github-token',
        'is required for github-actions',
        '${{ github.token }} (the default on a runner) or a token with actions: write'
      )
    return { credentials: token }
  }
}

/** `github-actions:OWNER/REPO/WORKFLOW[@BRANCH]`, the form `results` always shows. */
function target(
  owner: string,
  repo: string,
  fields: { workflow?: string; branch?: string; executionId?: string }
): WorkflowTarget {
  const { workflow, branch, executionId } = fields
  const name = workflow ?? `runs/${executionId ?? ''}`
  return {
    service: 'github-actions',
    label: `github-actions:${owner}/${repo}/${name}${branch !== undefined ? `@${branch}` : ''}`,
    owner,
    repo,
    ...(workflow !== undefined ? { workflow } : {}),
    ...(branch !== undefined ? { branch } : {}),
    ...(executionId !== undefined ? { executionId } : {})
  }
}

/** The repository the workflow runs in (`GITHUB_REPOSITORY`, what @actions/github's `context.repo` reads). */
function currentRepository(input: string): [string, string] {
  const repository = process.env.GITHUB_REPOSITORY?.trim()
  if (!repository)
    throw new InputError(input, 'names no repository, and GITHUB_REPOSITORY is not set', REPOSITORY.accepted)
  return ownerRepo(input, repository)
}

function ownerRepo(input: string, repository: string): [string, string] {
  expectPattern(input, repository, REPOSITORY)
  const [owner = '', repo = ''] = repository.split('/')
  return [owner, repo]
}

/** `[OWNER/REPO/]WORKFLOW[@BRANCH]`: the parts, the repository defaulting to the current one. */
function lineParts(
  resource: string,
  where: string
): { owner: string; repo: string; workflow: string; branch?: string } {
  const { path, branch } = splitBranch(resource)
  const parts = path.split('/')
  if (parts.length !== 1 && parts.length !== 3)
    throw new InputError(
      where,
      `'github-actions:${shorten(resource)}' is not [OWNER/REPO/]WORKFLOW[@BRANCH]`,
      'github-actions:ci.yml or github-actions:OWNER/REPO/ci.yml@main'
    )
  const [owner, repo] =
    parts.length === 3 ? ownerRepo(where, `${parts[0]}/${parts[1]}`) : currentRepository(where)
  if (branch !== undefined) expectPattern(where, branch, BRANCH)
  return { owner, repo, workflow: parts.at(-1) ?? '', ...(branch !== undefined ? { branch } : {}) }
}

/** GitHub Actions workflow runs: re-run the failed jobs (or all jobs) of the latest failed run. */
export const githubActions: ServiceDescriptor<WorkflowTarget> = {
  name: 'github-actions',
  cloud: github,
  targetInputs: ['workflow', 'branch', 'repository'],
  inputDocs: {
    workflow: "the workflow's file name (ci.yml) or numeric ID. Required unless execution-id is given.",
    branch: 'only runs of this branch are considered (default: all branches).',
    repository: 'OWNER/REPO whose workflow runs are retried. Default: the current repository.'
  },
  lineForm: 'github-actions:[OWNER/REPO/]WORKFLOW[@BRANCH]',
  retryModes: { all: true, native: {} },
  states: STATES,

  fromInputs(given) {
    const repository = given('repository')
    const [owner, repo] =
      repository !== undefined ? ownerRepo('repository', repository) : currentRepository('repository')
    const workflow = given('workflow')
    const branch = given('branch')
    const executionId = given('execution-id')
    if (workflow !== undefined) expectPattern('workflow', workflow, WORKFLOW)
    if (branch !== undefined) expectPattern('branch', branch, BRANCH)
    if (executionId !== undefined) expectPattern('execution-id', executionId, RUN_ID)
    if (workflow === undefined && executionId === undefined)
      throw new InputError(
        'workflow',
        'is required for service github-actions when execution-id is not given',
        WORKFLOW.accepted
      )
    return target(owner, repo, {
      ...(workflow !== undefined ? { workflow } : {}),
      ...(branch !== undefined ? { branch } : {}),
      ...(executionId !== undefined ? { executionId } : {})
    })
  },

  fromLine(resource, where) {
    const { owner, repo, workflow, branch } = lineParts(resource, where)
    expectPattern(where, workflow, WORKFLOW)
    return target(owner, repo, { workflow, ...(branch !== undefined ? { branch } : {}) })
  },

  /** A workflow file name with `*` or `?`: the repository's workflows are listed and matched by file name. */
  patternOf(resource, where) {
    const { owner, repo, workflow, branch } = lineParts(resource, where)
    if (!hasWildcard(workflow)) return undefined
    expectPattern(where, wildcardsAsName(workflow), WORKFLOW_GLOB)
    return {
      query: listQuery(workflow, `${owner}/${repo}`),
      ...(branch !== undefined ? { suffix: `@${branch}` } : {})
    }
  },

  resourceKey: t => `${t.owner}/${t.repo}`,

  /** A run cannot see its own end: the step's run (GITHUB_RUN_ID) or the workflow running it (GITHUB_WORKFLOW_REF). */
  waitsOnItself(t, env) {
    if (`${t.owner}/${t.repo}`.toLowerCase() !== env.GITHUB_REPOSITORY?.trim().toLowerCase()) return undefined
    if (t.executionId !== undefined && t.executionId === env.GITHUB_RUN_ID?.trim())
      return `is this step's own run (GITHUB_RUN_ID ${t.executionId}), which cannot end while the step waits for it`
    const ref = env.GITHUB_WORKFLOW_REF?.trim() ?? ''
    const file = ref
      .slice(0, ref.lastIndexOf('@') < 0 ? ref.length : ref.lastIndexOf('@'))
      .split('/')
      .at(-1)
    if (t.executionId === undefined && t.workflow !== undefined && t.workflow === file)
      return `names ${t.workflow}, the workflow running this step, which cannot end while the step waits for it`
    return undefined
  },
  load: async () => (await import(/* webpackChunkName: "github-actions" */ './provider.js')).default
}
