// End to end: the bundled action (dist/index.js) against the emulator, service codebuild.
import { describe, expect, it } from '@jest/globals'
import { DEMO_IDS, demoScenario } from '../../tools/emulator/index.js'
import type { Scenario } from '../../tools/emulator/index.js'
import {
  resultsOf,
  useEmulator,
  type Emulator,
  expectFailedWith,
  expectSecretsKept,
  expectSummaryRow
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
  const fx = useEmulator()

  it('discovers the latest failed build and retries it once with a derived token', async () => {
    const result = await fx.runOk({ service: 'codebuild', 'project-name': PROJECT })

    const retries = fx.emu.callsTo('RetryBuild')
    expect(retries).toHaveLength(1)
    const body = retries[0]!.body as { id: string; idempotencyToken: string }
    expect(body.id).toBe(FAILED)
    expect(body.idempotencyToken).toMatch(HEX64)

    const created = retriesIn(fx.emu)
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
      message: expect.stringContaining('COMMAND_EXECUTION_ERROR'),
      attempts: 1,
      failure:
        'FAILED BUILD: COMMAND_EXECUTION_ERROR: Error while executing command: npm test. Reason: exit status 1'
    })
    expectSummaryRow(result.summary, `codebuild:${PROJECT}`, build.id)
    expect(result.summary).toContain('🔄 in progress')
  })

  it('retries an explicit build ID; retry-mode all is accepted and sends no retry type', async () => {
    const result = await fx.run({ service: 'codebuild', 'execution-id': FAILED, 'retry-mode': 'all' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs.retried).toBe('true')
    const retries = fx.emu.callsTo('RetryBuild')
    expect(retries).toHaveLength(1)
    expect(Object.keys(retries[0]!.body as object).sort()).toEqual(['id', 'idempotencyToken'])
    expect(fx.emu.callsTo('ListBuildsForProject')).toHaveLength(1) // attempts are counted from the project
    expect(result.outputs['execution-id']).toBe(retriesIn(fx.emu)[0]!.id)
  })

  it('an explicit build ARN is sent as given, and the token hashes it as sent', async () => {
    const byId = await fx.run({ service: 'codebuild', 'execution-id': FAILED })
    // A fresh project state: after the first retry, the named build is superseded by it.
    const firstCall = fx.emu.callsTo('RetryBuild')[0]!
    fx.emu.reset()
    const byArn = await fx.run({ service: 'codebuild', 'execution-id': FAILED_ARN })
    expect([byId.exitCode, byArn.exitCode]).toEqual([0, 0])
    const [first, second] = [firstCall, ...fx.emu.callsTo('RetryBuild')].map(
      c => c.body as { id: string; idempotencyToken: string }
    )
    expect(first!.id).toBe(FAILED)
    expect(second!.id).toBe(FAILED_ARN)
    expect(second!.idempotencyToken).toMatch(HEX64)
    expect(second!.idempotencyToken).not.toBe(first!.idempotencyToken)
  })

  it('a re-sent step or a new run attempt naming the retried build skips it: its retry supersedes it', async () => {
    const inputs = { service: 'codebuild', 'execution-id': FAILED }
    const first = await fx.run(inputs)
    expect(first.outputs.retried).toBe('true')
    for (const attempt of ['1', '2']) {
      const again = await fx.run(inputs, { env: { GITHUB_RUN_ATTEMPT: attempt } })
      expect(again.exitCode).toBe(0)
      expect(again.outputs).toMatchObject({ retried: 'false', status: 'skipped' })
      expect(resultsOf(again)[0]!.message).toContain(
        `superseded by the newer build ${first.outputs['execution-id']!} (`
      )
    }
    expect(fx.emu.callsTo('RetryBuild')).toHaveLength(1)
    expect(retriesIn(fx.emu)).toHaveLength(1)
  })

  it('an idempotency-token input is sent as given and masked', async () => {
    const token = 'e2e-secret-idempotency-token-0001'
    const result = await fx.run({ service: 'codebuild', 'project-name': PROJECT, 'idempotency-token': token })
    expect(result.exitCode).toBe(0)
    expect((fx.emu.callsTo('RetryBuild')[0]!.body as { idempotencyToken: string }).idempotencyToken).toBe(
      token
    )
    expectSecretsKept(result, [token])
  })

  it('dry-run names the failed build and calls no retry API', async () => {
    const result = await fx.run({ service: 'codebuild', 'project-name': PROJECT, 'dry-run': 'true' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ retried: 'false', status: 'dry-run', 'execution-id': FAILED })
    expect(fx.emu.callsTo('RetryBuild')).toHaveLength(0)
    expect(retriesIn(fx.emu)).toHaveLength(0)
  })

  it('a project whose latest build succeeded has nothing to retry', async () => {
    const result = await fx.run({ service: 'codebuild', 'project-name': 'unit-tests' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ retried: 'false', status: 'nothing-to-retry' })
    expect(resultsOf(result)[0]!.retried).toBe(false)
    expect(fx.emu.callsTo('RetryBuild')).toHaveLength(0)
  })

  it('an explicit build that did not fail is an error, not retried', async () => {
    const result = await fx.run({ service: 'codebuild', 'execution-id': DEMO_IDS.succeededBuild })
    expectFailedWith(result, DEMO_IDS.succeededBuild, 'SUCCEEDED')
    expect(fx.emu.callsTo('RetryBuild')).toHaveLength(0)
  })

  it('ResourceNotFoundException: an unknown project names the error and the hint', async () => {
    const result = await fx.run({ service: 'codebuild', 'project-name': 'no-such-project' })
    expectFailedWith(result, 'ResourceNotFoundException', 'Hint: no such CodeBuild project or build')
    expect(fx.emu.callsTo('RetryBuild')).toHaveLength(0)
  })

  it('an unknown build ID is reported as not found', async () => {
    const missing = `${PROJECT}:00000000-0000-4000-8000-000000000000`
    const result = await fx.run({ service: 'codebuild', 'execution-id': missing })
    expectFailedWith(result, missing, 'not found')
    expect(fx.emu.callsTo('RetryBuild')).toHaveLength(0)
  })

  it('AccountLimitExceededException on the retry is permanent: one call, the hint', async () => {
    fx.emu.inject('RetryBuild', {
      error: { code: 'AccountLimitExceededException', message: 'Too many builds' }
    })
    const result = await fx.run({ service: 'codebuild', 'project-name': PROJECT })
    expectFailedWith(result, 'AccountLimitExceededException', 'Too many builds', 'Hint: an account limit')
    expect(fx.emu.callsTo('RetryBuild')).toHaveLength(1)
  })

  it('throttling on RetryBuild is backed off: exactly one build is started', async () => {
    fx.emu.inject('RetryBuild', { throttle: 2 })
    const result = await fx.run({ service: 'codebuild', 'project-name': PROJECT })
    expect(result.exitCode).toBe(0)
    expect(fx.emu.callsTo('RetryBuild').map(c => c.fault)).toEqual(['throttle', 'throttle', undefined])
    expect(retriesIn(fx.emu)).toHaveLength(1)
    expect(result.outputs['execution-id']).toBe(retriesIn(fx.emu)[0]!.id)
  })

  it('a lost answer to RetryBuild: the re-read finds the new build, and nothing is sent again', async () => {
    fx.emu.inject('RetryBuild', { loseResponse: 1 })
    const result = await fx.run({ service: 'codebuild', 'project-name': PROJECT })
    expect(result.exitCode).toBe(0)
    const calls = fx.emu.callsTo('RetryBuild')
    expect(calls.map(c => c.fault)).toEqual(['loseResponse'])
    expect(retriesIn(fx.emu)).toHaveLength(1)
    expect(result.outputs).toMatchObject({ retried: 'true', 'execution-id': retriesIn(fx.emu)[0]!.id })
  })

  fx.rejectsBadInputs({ service: 'codebuild' }, [
    ['concurrency 0', 'concurrency', { 'project-name': PROJECT, concurrency: '0' }],
    ['a build ID without project', 'execution-id', { 'execution-id': 'not a build id' }],
    ['a build of another project', 'execution-id', { 'project-name': 'unit-tests', 'execution-id': FAILED }],
    ['stage-name given to codebuild', 'stage-name', { 'project-name': PROJECT, 'stage-name': 'x' }],
    ['a CodePipeline retry mode', 'retry-mode', { 'project-name': PROJECT, 'retry-mode': 'FAILED_ACTIONS' }],
    ['dry-run: 1', 'dry-run', { 'project-name': PROJECT, 'dry-run': '1' }],
    ['no project and no execution', 'project-name', {}]
  ])
})

describe('codebuild (variants of the demo scenario)', () => {
  const fx = useEmulator(variantScenario)

  it.each([
    ['superseded', 'an older failure behind a newer successful build', 'SUCCEEDED'],
    ['stopped', 'a latest build that a person stopped', 'STOPPED'],
    ['empty', 'a project without builds', 'no builds']
  ])('nothing to retry: %s (%s)', async (project, _case, reason) => {
    const result = await fx.run({ service: 'codebuild', 'project-name': project })
    fx.expectNothingToRetry(result, reason, 'RetryBuild')
  })

  it('max-attempts counts consecutive failed builds of one commit: skipped, then retried with 0', async () => {
    const skipped = await fx.run({ service: 'codebuild', 'project-name': 'flaky', 'max-attempts': '2' })
    expect(skipped.exitCode).toBe(0)
    expect(skipped.outputs).toMatchObject({ retried: 'false', status: 'skipped' })
    expect(skipped.stdout).toMatch(/^::warning::.*already retried 2 time\(s\)/m)
    expect(fx.emu.callsTo('RetryBuild')).toHaveLength(0)

    const unlimited = await fx.run({ service: 'codebuild', 'project-name': 'flaky', 'max-attempts': '0' })
    expect(unlimited.outputs).toMatchObject({ retried: 'true', status: 'in-progress' })
    expect(fx.emu.callsTo('RetryBuild')).toHaveLength(1)
  })
})
