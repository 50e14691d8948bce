// The emulator's Cloud Build answers against Google's discovery document (cloudbuild.v1, from PyPI
// google-api-python-client), validated by Ajv rather than the emulator's own checker, and the requests the document
// does not describe refused with 400 INVALID_ARGUMENT.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import { DEMO_IDS, demoScenario, startEmulator, type Emulator } from '../../tools/emulator/index.js'

interface Discovery {
  _source: { document: string; revision: string; from: string }
  methods: Record<string, { id: string; response?: { $ref: string } }>
  schemas: Record<string, object>
}

const doc = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../tools/emulator/specs/cloudbuild-v1-discovery.json'), 'utf8')
) as Discovery

/** A discovery schema as JSON Schema: `$ref: Build` points into the definitions, `any` is any value. */
function jsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(jsonSchema)
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(value)) {
    if (key === '$ref' && typeof v === 'string') out.$ref = `spec#/definitions/${v}`
    else if (key === 'type' && v === 'any') continue
    else if (key === 'format' || key === 'id' || key === 'description' || key === 'enumDescriptions') continue
    else if (key === 'properties' && v && typeof v === 'object')
      out.properties = Object.fromEntries(Object.entries(v).map(([k, p]) => [k, jsonSchema(p)]))
    else out[key] = jsonSchema(v)
  }
  return out
}

const ajv = new Ajv({ strict: false, allErrors: true })
ajv.addSchema(
  { definitions: Object.fromEntries(Object.entries(doc.schemas).map(([k, v]) => [k, jsonSchema(v)])) },
  'spec'
)

function errorsOf(methodKey: string, body: unknown): string[] {
  const ref = doc.methods[methodKey]!.response!.$ref
  const validate = ajv.compile({ $ref: `spec#/definitions/${ref}` })
  return validate(body) ? [] : (validate.errors ?? []).map(e => `${e.instancePath} ${e.message ?? ''}`)
}

const BASE = `/v1/projects/${DEMO_IDS.gcpProject}/locations/global`

describe('Cloud Build v1 discovery document', () => {
  let emu: Emulator
  beforeAll(async () => {
    emu = await startEmulator(demoScenario())
  })
  afterAll(async () => emu.close())
  beforeEach(() => emu.reset())

  const send = async (method: string, path: string, body?: unknown, token: string = DEMO_IDS.gcpToken) => {
    const response = await fetch(`${emu.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    return { status: response.status, json: (await response.json()) as any }
  }

  it('is vendored from a named package and revision, with every method the action calls', () => {
    expect(doc._source).toMatchObject({
      document: 'cloudbuild.v1',
      revision: expect.stringMatching(/^\d{8}$/)
    })
    expect(doc._source.from).toMatch(/google-api-python-client \d+\.\d+\.\d+ \(wheel sha256 [0-9a-f]{64}\)/)
    expect(
      Object.values(doc.methods)
        .map(m => m.id)
        .sort()
    ).toEqual([
      'cloudbuild.projects.locations.builds.cancel',
      'cloudbuild.projects.locations.builds.get',
      'cloudbuild.projects.locations.builds.list',
      'cloudbuild.projects.locations.builds.retry',
      'cloudbuild.projects.locations.operations.get',
      'cloudbuild.projects.locations.triggers.list'
    ])
  })

  it('ListBuildTriggers, ListBuilds (newest first) and GetBuild answer what the document describes (Ajv)', async () => {
    const triggers = await send('GET', `${BASE}/triggers?pageSize=10`)
    expect(errorsOf('projects.locations.triggers.list', triggers.json)).toEqual([])
    const builds = await send(
      'GET',
      `${BASE}/builds?filter=${encodeURIComponent(`trigger_id="${DEMO_IDS.gcpTriggerId}"`)}&pageSize=5`
    )
    expect(errorsOf('projects.locations.builds.list', builds.json)).toEqual([])
    const times = (builds.json.builds as { createTime: string }[]).map(b => Date.parse(b.createTime))
    expect(times).toEqual([...times].sort((a, b) => b - a))
    const build = await send('GET', `${BASE}/builds/${DEMO_IDS.gcpFailedBuild}`)
    expect(errorsOf('projects.locations.builds.get', build.json)).toEqual([])
    expect(build.json.failureInfo.type).toBe('PUSH_FAILED')
  })

  it('retry answers an Operation whose metadata carries a new build; a second retry starts another (no token)', async () => {
    const body = {
      name: `projects/${DEMO_IDS.gcpProject}/locations/global/builds/${DEMO_IDS.gcpFailedBuild}`,
      projectId: DEMO_IDS.gcpProject,
      id: DEMO_IDS.gcpFailedBuild
    }
    const first = await send('POST', `${BASE}/builds/${DEMO_IDS.gcpFailedBuild}:retry`, body)
    expect(first.status).toBe(200)
    expect(errorsOf('projects.locations.builds.retry', first.json)).toEqual([])
    expect(first.json.metadata.build.id).not.toBe(DEMO_IDS.gcpFailedBuild)
    const second = await send('POST', `${BASE}/builds/${DEMO_IDS.gcpFailedBuild}:retry`, body)
    expect(second.json.metadata.build.id).not.toBe(first.json.metadata.build.id)
    expect(emu.retriesApplied('cloud-build')).toBe(2)
    const cancel = await send('POST', `${BASE}/builds/${first.json.metadata.build.id}:cancel`, {
      ...body,
      id: first.json.metadata.build.id
    })
    expect(errorsOf('projects.locations.builds.cancel', cancel.json)).toEqual([])
    expect(cancel.json.status).toBe('CANCELLED')
  })

  it.each([
    [
      'a member RetryBuildRequest lacks',
      { projectId: DEMO_IDS.gcpProject, id: DEMO_IDS.gcpFailedBuild, requestId: 'x' },
      /requestId: not a member/
    ],
    ['no projectId and id (Required)', {}, /projectId and id are required/]
  ])('retry with %s is refused with 400 INVALID_ARGUMENT', async (_what, body, message) => {
    const answer = await send('POST', `${BASE}/builds/${DEMO_IDS.gcpFailedBuild}:retry`, body)
    expect(answer.status).toBe(400)
    expect(answer.json.error).toMatchObject({
      code: 400,
      status: 'INVALID_ARGUMENT',
      message: expect.stringMatching(message)
    })
    expect(emu.retriesApplied('cloud-build')).toBe(0)
  })

  it('a query parameter the method lacks, and a filter the emulator cannot read, are 400', async () => {
    expect((await send('GET', `${BASE}/builds?orderBy=create_time`)).status).toBe(400)
    expect(
      (await send('GET', `${BASE}/builds?filter=${encodeURIComponent('status="FAILURE" OR x')}`)).status
    ).toBe(400)
  })

  it('errors follow Google error model: 401 UNAUTHENTICATED, 403 PERMISSION_DENIED, 404 NOT_FOUND, 429 RESOURCE_EXHAUSTED', async () => {
    expect(
      (await send('GET', `${BASE}/builds/${DEMO_IDS.gcpFailedBuild}`, undefined, 'nope')).json.error.status
    ).toBe('UNAUTHENTICATED')
    const body = { projectId: DEMO_IDS.gcpProject, id: DEMO_IDS.gcpFailedBuild }
    const denied = await send(
      'POST',
      `${BASE}/builds/${DEMO_IDS.gcpFailedBuild}:retry`,
      body,
      DEMO_IDS.gcpReadToken
    )
    expect([denied.status, denied.json.error.status]).toEqual([403, 'PERMISSION_DENIED'])
    expect((await send('GET', `${BASE}/builds/00000000-0000-4000-8000-000000000000`)).json.error.status).toBe(
      'NOT_FOUND'
    )
    emu.inject('cloudbuild:GetBuild', { throttle: 1 })
    const throttled = await send('GET', `${BASE}/builds/${DEMO_IDS.gcpFailedBuild}`)
    expect([throttled.status, throttled.json.error.status]).toEqual([429, 'RESOURCE_EXHAUSTED'])
  })
})
