// End to end: the bundled action (dist/index.js) against the emulator, service codebuild.
import { describe, expect, it } from '@jest/globals'
import { DEMO_IDS, demoScenario } from '../../emulator/index.js'
import type { Scenario } from '../../emulator/index.js'
import {
  awsEnv,
  errorLines,
  resultsOf,
  run,
  useEmulator,
  withoutMasks,
  type Emulator,
  expectFailedWith,
  expectInputError
} from './helpers.js'

const PROJECT = 'integration-tests'
const FAILED = DEMO_IDS.failedBuild
const FAILED_ARN = `arn:aws:codebuild:us-east-1:123456789012:build/${FAILED}`
const HEX64 = /^[0-9a-f]{64}$/
const SHA = '9fceb02d0ae598e95dc970b74767f19372d61af8'

const buildsOf = (emu: Emulator, project = PROJECT) => emu.state.codebuild.projects.get(project)?.builds ?? []
/** Builds the emulator created by RetryBuild. */
const retriesIn = (emu: Emulator, project = PROJECT) => buildsOf(emu, project).filter(b => b.retryOf)

/** integration-tests copied: superseded by a newer success, stopped, three failures of one commit, empty. */
function variantScenario(): Scenario {
  const scenario = demoScenario()
  const projects = scenario.codebuild!.projects
  const builds = structuredClone(projects.find(p => p.name === PROJECT)!.builds!)
  const renamed = (project: string, list = builds) =>
    list.map(b => ({ ...structuredClone(b), id: `${project}:${b.id.split(':')[1]!}` }))
  projects.push(
    {
      name: 'superseded',
      builds: [
        ...renamed('superseded'),
        {
          id: 'superseded:4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d',
          status: 'SUCCEEDED',
          startTime: '2026-01-15T12:00:00Z',
          endTime: '2026-01-15T12:10:00Z',
          resolvedSourceVersion: SHA
        }
      ]
    },
    {
      name: 'stopped',
      builds: [
        ...renamed('stopped'),
        {
          id: 'stopped:5a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d',
          status: 'STOPPED',
          startTime: '2026-01-15T12:00:00Z',
          endTime: '2026-01-15T12:01:00Z',
          resolvedSourceVersion: SHA
        }
      ]
    },
    {
      name: 'flaky',
      builds: ['1', '2', '3'].map(n => ({
        id: `flaky:${n}a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d`,
        status: 'FAILED' as const,
        startTime: `2026-01-15T1${n}:00:00Z`,
        endTime: `2026-01-15T1${n}:05:00Z`,
        resolvedSourceVersion: SHA
      }))
    },
    { name: 'empty', builds: [] }
  )
  return scenario
}

describe('codebuild (demo scenario)', () => {
  let emu: Emulator
  let env: Record<string, string>
  useEmulator(started => {
    emu = started
    env = awsEnv(emu)
  })

  it('discovers the latest failed build and retries it once with a derived token', async () => {
    const result = await run({ service: 'codebuild', 'project-name': PROJECT }, { env })
    expect(result.exitCode).toBe(0)
    expect(errorLines(result)).toEqual([])

    const retries = emu.callsTo('RetryBuild')
    expect(retries).toHaveLength(1)
    const body = retries[0]!.body as { id: string; idempotencyToken: string }
    expect(body.id).toBe(FAILED)
    expect(body.idempotencyToken).toMatch(HEX64)

    const created = retriesIn(emu)
    expect(created).toHaveLength(1)
    const build = created[0]!
    expect(build.retryOf).toBe(FAILED)
    expect(result.outputs).toMatchObject({
      retried: 'true',
      'execution-id': build.id,
      'execution-arn': build.arn,
      'stage-name': '',
      status: 'in-progress',
      'console-url':
        `https://us-east-1.console.aws.amazon.com/codesuite/codebuild/projects/${PROJECT}/build/` +
        `${encodeURIComponent(build.id)}/?region=us-east-1`
    })
    expect(build.arn).toBe(`arn:aws:codebuild:us-east-1:123456789012:build/${build.id}`)
    const [object] = resultsOf(result)
    expect(object).toEqual({
      service: 'codebuild',
      target: `codebuild:${PROJECT}`,
      retried: true,
      executionId: build.id,
      executionArn: build.arn,
      stageName: '',
      status: 'in-progress',
      consoleUrl: result.outputs['console-url'],
      message: expect.stringContaining('COMMAND_EXECUTION_ERROR')
    })
    expect(result.summary).toContain(`<td>codebuild</td><td>codebuild:${PROJECT}</td><td>${build.id}</td>`)
    expect(result.summary).toContain('🔄 in progress')
  })

  it('retries an explicit build ID; retry-mode all is accepted and sends no retry type', async () => {
    const result = await run({ service: 'codebuild', 'execution-id': FAILED, 'retry-mode': 'all' }, { env })
    expect(result.exitCode).toBe(0)
    expect(result.outputs.retried).toBe('true')
    const retries = emu.callsTo('RetryBuild')
    expect(retries).toHaveLength(1)
    expect(Object.keys(retries[0]!.body as object).sort()).toEqual(['id', 'idempotencyToken'])
    expect(emu.callsTo('ListBuildsForProject')).toHaveLength(1) // attempts are counted from the project
    expect(result.outputs['execution-id']).toBe(retriesIn(emu)[0]!.id)
  })

  it('an explicit build ARN is sent as given, and the token hashes it as sent', async () => {
    const byId = await run({ service: 'codebuild', 'execution-id': FAILED }, { env })
    // A fresh project state: after the first retry, the named build is superseded by it.
    const firstCall = emu.callsTo('RetryBuild')[0]!
    emu.reset()
    const byArn = await run({ service: 'codebuild', 'execution-id': FAILED_ARN }, { env })
    expect([byId.exitCode, byArn.exitCode]).toEqual([0, 0])
    const [first, second] = [firstCall, ...emu.callsTo('RetryBuild')].map(
      c => c.body as { id: string; idempotencyToken: string }
    )
    expect(first!.id).toBe(FAILED)
    expect(second!.id).toBe(FAILED_ARN)
    expect(second!.idempotencyToken).toMatch(HEX64)
    expect(second!.idempotencyToken).not.toBe(first!.idempotencyToken)
  })

  it('a re-sent step or a new run attempt naming the retried build skips it: its retry supersedes it', async () => {
    const inputs = { service: 'codebuild', 'execution-id': FAILED }
    const first = await run(inputs, { env })
    expect(first.outputs.retried).toBe('true')
    for (const attempt of ['1', '2']) {
      const again = await run(inputs, { env: { ...env, GITHUB_RUN_ATTEMPT: attempt } })
      expect(again.exitCode).toBe(0)
      expect(again.outputs).toMatchObject({ retried: 'false', status: 'skipped' })
      expect(resultsOf(again)[0]!.message).toContain(
        `superseded by the newer build ${first.outputs['execution-id']!} (`
      )
    }
    expect(emu.callsTo('RetryBuild')).toHaveLength(1)
    expect(retriesIn(emu)).toHaveLength(1)
  })

  it('an idempotency-token input is sent as given and masked', async () => {
    const token = 'e2e-secret-idempotency-token-0001'
    const result = await run(
      { service: 'codebuild', 'project-name': PROJECT, 'idempotency-token': token },
      { env }
    )
    expect(result.exitCode).toBe(0)
    expect((emu.callsTo('RetryBuild')[0]!.body as { idempotencyToken: string }).idempotencyToken).toBe(token)
    expect(result.stdout).toContain(`::add-mask::${token}`)
    for (const text of [
      withoutMasks(result.stdout),
      result.stderr,
      result.summary,
      JSON.stringify(result.outputs)
    ])
      expect(text).not.toContain(token)
  })

  it('dry-run names the failed build and calls no retry API', async () => {
    const result = await run({ service: 'codebuild', 'project-name': PROJECT, 'dry-run': 'true' }, { env })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ retried: 'false', status: 'dry-run', 'execution-id': FAILED })
    expect(emu.callsTo('RetryBuild')).toHaveLength(0)
    expect(retriesIn(emu)).toHaveLength(0)
  })

  it('a project whose latest build succeeded has nothing to retry', async () => {
    const result = await run({ service: 'codebuild', 'project-name': 'unit-tests' }, { env })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ retried: 'false', status: 'nothing-to-retry' })
    expect(resultsOf(result)[0]!.retried).toBe(false)
    expect(emu.callsTo('RetryBuild')).toHaveLength(0)
  })

  it('an explicit build that did not fail is an error, not retried', async () => {
    const result = await run({ service: 'codebuild', 'execution-id': DEMO_IDS.succeededBuild }, { env })
    expectFailedWith(result, DEMO_IDS.succeededBuild, 'SUCCEEDED')
    expect(emu.callsTo('RetryBuild')).toHaveLength(0)
  })

  it('ResourceNotFoundException: an unknown project names the error and the hint', async () => {
    const result = await run({ service: 'codebuild', 'project-name': 'no-such-project' }, { env })
    expectFailedWith(result, 'ResourceNotFoundException', 'Hint: no such CodeBuild project or build')
    expect(emu.callsTo('RetryBuild')).toHaveLength(0)
  })

  it('an unknown build ID is reported as not found', async () => {
    const missing = `${PROJECT}:00000000-0000-4000-8000-000000000000`
    const result = await run({ service: 'codebuild', 'execution-id': missing }, { env })
    expectFailedWith(result, missing, 'not found')
    expect(emu.callsTo('RetryBuild')).toHaveLength(0)
  })

  it('AccountLimitExceededException on the retry is permanent: one call, the hint', async () => {
    emu.inject('RetryBuild', { error: { code: 'AccountLimitExceededException', message: 'Too many builds' } })
    const result = await run({ service: 'codebuild', 'project-name': PROJECT }, { env })
    expectFailedWith(result, 'AccountLimitExceededException', 'Too many builds', 'Hint: an account limit')
    expect(emu.callsTo('RetryBuild')).toHaveLength(1)
  })

  it('throttling on RetryBuild is backed off: exactly one build is started', async () => {
    emu.inject('RetryBuild', { throttle: 2 })
    const result = await run({ service: 'codebuild', 'project-name': PROJECT }, { env })
    expect(result.exitCode).toBe(0)
    expect(emu.callsTo('RetryBuild').map(c => c.fault)).toEqual(['throttle', 'throttle', undefined])
    expect(retriesIn(emu)).toHaveLength(1)
    expect(result.outputs['execution-id']).toBe(retriesIn(emu)[0]!.id)
  })

  it('a lost answer to RetryBuild: the re-read finds the new build, and nothing is sent again', async () => {
    emu.inject('RetryBuild', { loseResponse: 1 })
    const result = await run({ service: 'codebuild', 'project-name': PROJECT }, { env })
    expect(result.exitCode).toBe(0)
    const calls = emu.callsTo('RetryBuild')
    expect(calls.map(c => c.fault)).toEqual(['loseResponse'])
    expect(retriesIn(emu)).toHaveLength(1)
    expect(result.outputs).toMatchObject({ retried: 'true', 'execution-id': retriesIn(emu)[0]!.id })
  })

  const badInputs: [string, Record<string, string>, string][] = [
    ['concurrency 0', { service: 'codebuild', 'project-name': PROJECT, concurrency: '0' }, 'concurrency'],
    [
      'a build ID without project',
      { service: 'codebuild', 'execution-id': 'not a build id' },
      'execution-id'
    ],
    [
      'a build of another project',
      { service: 'codebuild', 'project-name': 'unit-tests', 'execution-id': FAILED },
      'execution-id'
    ],
    [
      'stage-name given to codebuild',
      { service: 'codebuild', 'project-name': PROJECT, 'stage-name': 'x' },
      'stage-name'
    ],
    [
      'a CodePipeline retry mode',
      { service: 'codebuild', 'project-name': PROJECT, 'retry-mode': 'FAILED_ACTIONS' },
      'retry-mode'
    ],
    ['dry-run: 1', { service: 'codebuild', 'project-name': PROJECT, 'dry-run': '1' }, 'dry-run'],
    ['no project and no execution', { service: 'codebuild' }, 'project-name']
  ]
  it.each(badInputs)('bad input (%s) fails with one line and no API call', async (_case, inputs, name) => {
    const result = await run(inputs, { env })
    expectInputError(result, name, emu)
  })
})

describe('codebuild (variants of the demo scenario)', () => {
  let emu: Emulator
  let env: Record<string, string>
  useEmulator(started => {
    emu = started
    env = awsEnv(emu)
  }, variantScenario)

  it.each([
    ['superseded', 'an older failure behind a newer successful build', 'SUCCEEDED'],
    ['stopped', 'a latest build that a person stopped', 'STOPPED'],
    ['empty', 'a project without builds', 'no builds']
  ])('nothing to retry: %s (%s)', async (project, _case, reason) => {
    const result = await run({ service: 'codebuild', 'project-name': project }, { env })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ retried: 'false', status: 'nothing-to-retry' })
    expect(resultsOf(result)[0]).toMatchObject({ retried: false, status: 'nothing-to-retry' })
    expect(resultsOf(result)[0]!.message).toContain(reason)
    expect(emu.callsTo('RetryBuild')).toHaveLength(0)
  })

  it('max-attempts counts consecutive failed builds of one commit: skipped, then retried with 0', async () => {
    const skipped = await run({ service: 'codebuild', 'project-name': 'flaky', 'max-attempts': '2' }, { env })
    expect(skipped.exitCode).toBe(0)
    expect(skipped.outputs).toMatchObject({ retried: 'false', status: 'skipped' })
    expect(skipped.stdout).toMatch(/^::warning::.*already retried 2 time\(s\)/m)
    expect(emu.callsTo('RetryBuild')).toHaveLength(0)

    const unlimited = await run(
      { service: 'codebuild', 'project-name': 'flaky', 'max-attempts': '0' },
      { env }
    )
    expect(unlimited.outputs).toMatchObject({ retried: 'true', status: 'in-progress' })
    expect(emu.callsTo('RetryBuild')).toHaveLength(1)
  })
})
