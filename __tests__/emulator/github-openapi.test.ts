// The emulator's GitHub REST answers are checked against GitHub's own OpenAPI description (npm @octokit/openapi,
// api.github.com, dereferenced): every operation the action calls, its success and its documented errors. A
// field renamed, a type changed or a required field dropped in the emulator fails here, so the emulator cannot
// drift from the real API.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { DEMO_IDS, demoScenario, startEmulator, type Emulator } from '../../tools/emulator/index.js'

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: object }> }>
}
interface Spec {
  openapi: string
  paths: Record<string, Record<string, Operation & { operationId?: string }>>
}

const require = createRequire(import.meta.url)
const spec = JSON.parse(
  readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.deref.json'), 'utf8')
) as Spec

// OpenAPI 3.0 schemas: `nullable` is Ajv's own keyword; `example` and friends are annotations, not rules.
const ajv = new Ajv({ strict: false, allErrors: true })
const addFormats = addFormatsModule as unknown as (a: Ajv) => Ajv
addFormats(ajv)

const operations = new Map<string, Operation>()
for (const item of Object.values(spec.paths))
  for (const op of Object.values(item)) if (op.operationId) operations.set(op.operationId, op)

const compiled = new Map<string, ValidateFunction>()
/** The validator of `operationId`'s JSON answer with `status`, from GitHub's description. */
function schemaOf(operationId: string, status: number): ValidateFunction {
  const key = `${operationId} ${status}`
  let validate = compiled.get(key)
  if (!validate) {
    const schema =
      operations.get(operationId)?.responses[String(status)]?.content?.['application/json']?.schema
    if (!schema) throw new Error(`GitHub's description has no JSON answer ${status} for ${operationId}`)
    validate = ajv.compile(schema)
    compiled.set(key, validate)
  }
  return validate
}

let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator(demoScenario())
})
afterAll(async () => {
  await emu.close()
})
beforeEach(() => {
  emu.reset()
})

const REPO = DEMO_IDS.githubRepository
const RUN = DEMO_IDS.githubFailedRun

async function call(method: string, path: string, token: string = DEMO_IDS.githubToken) {
  const response = await fetch(`${emu.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28'
    }
  })
  const text = await response.text()
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as unknown) : undefined
  }
}

/** Asserts the answer has `status` and matches GitHub's schema for it; returns the body. */
function expectValid(
  operationId: string,
  answer: { status: number; body: unknown },
  status: number
): unknown {
  expect(answer.status).toBe(status)
  const validate = schemaOf(operationId, status)
  const ok = validate(answer.body)
  expect(ok ? [] : (validate.errors ?? []).map(e => `${e.instancePath} ${e.message ?? ''}`)).toEqual([])
  return answer.body
}

describe("the GitHub emulator speaks GitHub's OpenAPI description", () => {
  it('is checked against the api.github.com description, OpenAPI 3', () => {
    expect(spec.openapi).toMatch(/^3\./)
    expect(operations.size).toBeGreaterThan(500)
  })

  it('list workflows, list runs (with a branch), get a run', async () => {
    expectValid(
      'actions/list-repo-workflows',
      await call('GET', `/repos/${REPO}/actions/workflows?per_page=100`),
      200
    )
    const runs = expectValid(
      'actions/list-workflow-runs',
      await call('GET', `/repos/${REPO}/actions/workflows/ci.yml/runs?branch=main&per_page=1`),
      200
    ) as { workflow_runs: { id: number }[] }
    expect(runs.workflow_runs[0]?.id).toBe(RUN)
    expectValid('actions/get-workflow-run', await call('GET', `/repos/${REPO}/actions/runs/${RUN}`), 200)
  })

  it('jobs of the latest attempt and a job\u2019s annotations', async () => {
    const jobs = expectValid(
      'actions/list-jobs-for-workflow-run',
      await call('GET', `/repos/${REPO}/actions/runs/${RUN}/jobs?filter=latest&per_page=100`),
      200
    ) as { jobs: { id: number; conclusion: string }[] }
    const failed = jobs.jobs.find(j => j.conclusion === 'failure')
    const annotations = expectValid(
      'checks/list-annotations',
      await call('GET', `/repos/${REPO}/check-runs/${failed?.id ?? 0}/annotations`),
      200
    ) as { message: string }[]
    expect(annotations[0]?.message).toContain('The runner has received a shutdown signal')
  })

  it('re-run failed jobs (201); while it runs it cannot be re-run (403); it is cancelled (202), then not (409)', async () => {
    const rerun = await call('POST', `/repos/${REPO}/actions/runs/${RUN}/rerun-failed-jobs`)
    expect(rerun.status).toBe(201)
    const again = await call('POST', `/repos/${REPO}/actions/runs/${RUN}/rerun`)
    expect(again.status).toBe(403)
    expect(again.body).toMatchObject({ message: 'This workflow is already running' })
    expectValid(
      'actions/cancel-workflow-run',
      await call('POST', `/repos/${REPO}/actions/runs/${RUN}/cancel`),
      202
    )
    expectValid(
      'actions/cancel-workflow-run',
      await call('POST', `/repos/${REPO}/actions/runs/${RUN}/cancel`),
      409
    )
    const run = expectValid(
      'actions/get-workflow-run',
      await call('GET', `/repos/${REPO}/actions/runs/${RUN}`),
      200
    ) as { run_attempt: number; status: string; conclusion: string }
    expect(run).toMatchObject({ run_attempt: 2, status: 'completed', conclusion: 'cancelled' })
  })

  it('errors are GitHub\u2019s basic error: 401 bad token, 404 another repository, 403 without actions: write', async () => {
    const basic = (body: unknown): void => {
      expect(body).toEqual({ message: expect.any(String), documentation_url: expect.any(String) })
    }
    const bad = await call('GET', `/repos/${REPO}/actions/runs/${RUN}`, 'not-a-token')
    expect(bad.status).toBe(401)
    basic(bad.body)
    const other = await call(
      'GET',
      `/repos/${DEMO_IDS.githubOtherRepository}/actions/runs/1`,
      DEMO_IDS.githubThisRepoToken
    )
    expectValid(
      'actions/list-workflow-runs',
      { status: 200, body: { total_count: 0, workflow_runs: [] } },
      200
    )
    expect(other.status).toBe(404)
    basic(other.body)
    const readOnly = await call('POST', `/repos/${REPO}/actions/runs/${RUN}/rerun`, DEMO_IDS.githubReadToken)
    expect(readOnly.status).toBe(403)
    expect(readOnly.body).toMatchObject({ message: 'Resource not accessible by integration' })
    expect(readOnly.headers.get('x-github-request-id')).toEqual(expect.any(String))
  })

  it('a secondary rate limit is a 403 with retry-after', async () => {
    emu.inject('github:GetWorkflowRun', { throttle: 1 })
    const limited = await call('GET', `/repos/${REPO}/actions/runs/${RUN}`)
    expect(limited.status).toBe(403)
    expect(limited.headers.get('retry-after')).toBe('1')
    expect(limited.body).toMatchObject({ message: expect.stringContaining('secondary rate limit') })
  })

  it('the check has teeth: an answer with a wrong type or a missing field is rejected', async () => {
    const answer = await call('GET', `/repos/${REPO}/actions/runs/${RUN}`)
    const body = answer.body as Record<string, unknown>
    const validate = schemaOf('actions/get-workflow-run', 200)
    expect(validate({ ...body, run_attempt: 'two' })).toBe(false)
    const missing = { ...body }
    delete missing.head_sha
    expect(validate(missing)).toBe(false)
    expect(validate(body)).toBe(true)
  })
})
