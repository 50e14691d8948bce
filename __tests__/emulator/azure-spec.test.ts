// The emulator's Azure DevOps answers against Microsoft's REST 7.1 spec, validated by Ajv (not by the emulator's
// own checker), and the requests the spec does not describe refused, as the strict side of the real service.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { DEMO_IDS, demoScenario, startEmulator, type Emulator } from '../../tools/emulator/index.js'

interface Spec {
  _source: { repository: string; commit: string; path: string }
  paths: Record<
    string,
    Record<string, { operationId: string; responses: Record<string, { schema?: object }> }>
  >
  definitions: Record<string, object>
}

const spec = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../tools/emulator/specs/azure-devops-build-7.1.json'), 'utf8')
) as Spec

const ajv = new Ajv({ strict: false, allErrors: true })
;(addFormatsModule as unknown as (a: Ajv) => Ajv)(ajv)
ajv.addSchema({ definitions: spec.definitions }, 'spec')

/** Ajv's verdict on `body` under the 200 answer of `operationId` (a list's items inside `{count, value}`). */
function specErrors(operationId: string, body: unknown): string[] {
  const op = Object.values(spec.paths)
    .flatMap(methods => Object.values(methods))
    .find(o => o.operationId === operationId)!
  const schema = JSON.parse(
    JSON.stringify(op.responses['200']!.schema).replaceAll('#/definitions/', 'spec#/definitions/')
  ) as {
    type?: string
    items?: object
  }
  const validate = ajv.compile(schema.type === 'array' ? { type: 'array', items: schema.items } : schema)
  const value = schema.type === 'array' ? (body as { value: unknown }).value : body
  return validate(value) ? [] : (validate.errors ?? []).map(e => `${e.instancePath} ${e.message ?? ''}`)
}

const BASIC = `Basic ${Buffer.from(`:${DEMO_IDS.azureToken}`).toString('base64')}`
const BASE = `/${DEMO_IDS.azureOrganization}/${DEMO_IDS.azureProject}/_apis/build`

describe('Azure DevOps REST 7.1 spec', () => {
  let emu: Emulator
  beforeAll(async () => {
    emu = await startEmulator(demoScenario())
  })
  afterAll(async () => emu.close())
  beforeEach(() => emu.reset())

  const send = async (method: string, path: string, body?: unknown, authorization = BASIC) => {
    const response = await fetch(`${emu.url}${path}`, {
      method,
      headers: { authorization, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    const text = await response.text()
    return {
      status: response.status,
      headers: response.headers,
      text,
      json:
        text && response.headers.get('content-type')?.startsWith('application/json')
          ? JSON.parse(text)
          : undefined
    }
  }

  it('is vendored from a named commit of MicrosoftDocs/vsts-rest-api-specs, with every operation the action calls', () => {
    expect(spec._source).toMatchObject({
      repository: 'MicrosoftDocs/vsts-rest-api-specs',
      path: 'specification/build/7.1/build.json'
    })
    expect(spec._source.commit).toMatch(/^[0-9a-f]{40}$/)
    const ids = Object.values(spec.paths).flatMap(m => Object.values(m).map(o => o.operationId))
    expect(ids.sort()).toEqual(
      [
        'Builds_Get',
        'Builds_List',
        'Builds_Update Build',
        'Definitions_List',
        'Stages_Update',
        'Timeline_Get'
      ].sort()
    )
  })

  it.each([
    ['Definitions_List', `${BASE}/definitions?api-version=7.1`],
    [
      'Builds_List',
      `${BASE}/builds?definitions=${DEMO_IDS.azureDefinition}&queryOrder=queueTimeDescending&$top=5&api-version=7.1`
    ],
    ['Builds_Get', `${BASE}/builds/${DEMO_IDS.azureFailedBuild}?api-version=7.1`],
    ['Timeline_Get', `${BASE}/builds/${DEMO_IDS.azureFailedBuild}/timeline?api-version=7.1`]
  ])('%s answers what the spec describes (Ajv)', async (operationId, path) => {
    const answer = await send('GET', path)
    expect(answer.status).toBe(200)
    expect(specErrors(operationId, answer.json)).toEqual([])
  })

  it('Builds_Update Build (cancel) answers a Build; Stages_Update answers 200 with no body', async () => {
    const retry = await send(
      'PATCH',
      `${BASE}/builds/${DEMO_IDS.azureFailedBuild}/stages/Deploy?api-version=7.1`,
      {
        state: 'retry',
        forceRetryAllJobs: false
      }
    )
    expect([retry.status, retry.text]).toEqual([200, ''])
    const cancel = await send('PATCH', `${BASE}/builds/${DEMO_IDS.azureFailedBuild}?api-version=7.1`, {
      status: 'cancelling'
    })
    expect(cancel.status).toBe(200)
    expect(specErrors('Builds_Update Build', cancel.json)).toEqual([])
    expect(cancel.json.result).toBe('canceled')
  })

  it.each([
    [
      'a numeric state (the Node client sends enums as numbers)',
      { state: 1 },
      /state: 1 is not one of cancel, retry/
    ],
    [
      'retryDependencies (7.2 only)',
      { state: 'retry', retryDependencies: true },
      /retryDependencies: not a member/
    ],
    ['state run (7.2 only)', { state: 'run' }, /not one of cancel, retry/]
  ])('Stages_Update refuses %s with 400', async (_what, body, message) => {
    const answer = await send(
      'PATCH',
      `${BASE}/builds/${DEMO_IDS.azureFailedBuild}/stages/Deploy?api-version=7.1`,
      body
    )
    expect(answer.status).toBe(400)
    expect(answer.json.message).toMatch(message)
    expect(emu.retriesApplied('azure-pipelines')).toBe(0)
  })

  it('a stage that is not failed is refused with 409 InvalidPipelineOperationException', async () => {
    const path = `${BASE}/builds/${DEMO_IDS.azureFailedBuild}/stages/Deploy?api-version=7.1`
    expect((await send('PATCH', path, { state: 'retry' })).status).toBe(200)
    const again = await send('PATCH', path, { state: 'retry' })
    expect(again.status).toBe(409)
    expect(again.json).toMatchObject({ typeKey: 'InvalidPipelineOperationException' })
    const succeeded = await send('PATCH', `${BASE}/builds/5119/stages/Build?api-version=7.1`, {
      state: 'retry'
    })
    expect(succeeded.status).toBe(409)
    expect(emu.retriesApplied('azure-pipelines')).toBe(1)
  })

  it.each([
    ['no api-version', `${BASE}/builds/${DEMO_IDS.azureFailedBuild}`, 'VssVersionNotSpecifiedException'],
    [
      'a query parameter the spec lacks',
      `${BASE}/builds?definitionId=41&api-version=7.1`,
      'InvalidRequestException'
    ],
    [
      'a queryOrder outside its enum',
      `${BASE}/builds?queryOrder=newest&api-version=7.1`,
      'InvalidRequestException'
    ],
    ['a build ID that is not an integer', `${BASE}/builds/abc?api-version=7.1`, 'InvalidRequestException']
  ])('a read with %s is refused with 400', async (_what, path, typeKey) => {
    const answer = await send('GET', path)
    expect(answer.status).toBe(400)
    expect(answer.json.typeKey).toBe(typeKey)
  })

  it('a wrong credential: a read gets the 203 sign-in page, a change 401 TF400813; a read-only PAT cannot retry', async () => {
    const read = await send(
      'GET',
      `${BASE}/builds/${DEMO_IDS.azureFailedBuild}?api-version=7.1`,
      undefined,
      'Basic Onhx'
    )
    expect(read.status).toBe(203)
    expect(read.headers.get('content-type')).toMatch(/^text\/html/)
    const change = await send(
      'PATCH',
      `${BASE}/builds/${DEMO_IDS.azureFailedBuild}/stages/Deploy?api-version=7.1`,
      { state: 'retry' },
      'Basic Onhx'
    )
    expect([change.status, change.json.message]).toEqual([401, expect.stringContaining('TF400813')])
    const readOnly = `Basic ${Buffer.from(`:${DEMO_IDS.azureReadToken}`).toString('base64')}`
    const refused = await send(
      'PATCH',
      `${BASE}/builds/${DEMO_IDS.azureFailedBuild}/stages/Deploy?api-version=7.1`,
      { state: 'retry' },
      readOnly
    )
    expect(refused.status).toBe(401)
    expect(emu.retriesApplied('azure-pipelines')).toBe(0)
  })

  it('a throttled request is 429 TF400733 with Retry-After', async () => {
    emu.inject('Builds_Get', { throttle: 1 })
    const answer = await send('GET', `${BASE}/builds/${DEMO_IDS.azureFailedBuild}?api-version=7.1`)
    expect(answer.status).toBe(429)
    expect(answer.headers.get('retry-after')).toBe('1')
    expect(answer.json.message).toContain('TF400733')
  })

  it('definitions page with $top and the x-ms-continuationtoken header', async () => {
    const first = await send('GET', `${BASE}/definitions?$top=1&api-version=7.1`)
    const token = first.headers.get('x-ms-continuationtoken')
    expect(first.json.value).toHaveLength(1)
    expect(token).toBeTruthy()
    const second = await send('GET', `${BASE}/definitions?$top=1&continuationToken=${token}&api-version=7.1`)
    expect(second.json.value[0].name).not.toBe(first.json.value[0].name)
    expect(second.headers.get('x-ms-continuationtoken')).toBeNull()
  })
})
