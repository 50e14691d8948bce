// End to end, Google Cloud Build (builds.retry): the bundled action against the emulator, whose every request and
// answer is checked against Google's Cloud Build v1 discovery document (tools/emulator/cloud-build-spec.ts).
import { describe, expect, it } from '@jest/globals'
import { DEMO_IDS, demoScenario, type Scenario } from '../../tools/emulator/index.js'
import {
  cloudBuildEnv,
  cloudBuildInputs,
  errorLines,
  expectInputError,
  expectSecretsKept,
  resultsOf,
  run,
  withEmulator
} from './helpers.js'

const FAILED = DEMO_IDS.gcpFailedBuild
type BuildSeed = NonNullable<Scenario['cloudbuild']>['projects'][number]['triggers'][number]['builds'][number]

const retried = (emu: { state: { cloudbuild: { builds: Map<string, { retryOf?: string | undefined }> } } }) =>
  [...emu.state.cloudbuild.builds.values()].filter(b => b.retryOf !== undefined)

/** The demo with the trigger's builds changed by `change`. */
function withBuilds(change: (builds: BuildSeed[]) => void): Scenario {
  const scenario = demoScenario()
  change(scenario.cloudbuild!.projects[0]!.triggers[0]!.builds)
  return scenario
}

describe('cloud-build', () => {
  it.concurrent(
    'retries the newest failed build of the trigger: a new build, its ID in the outputs',
    async () => {
      await withEmulator(demoScenario(), async emu => {
        const result = await run(cloudBuildInputs(emu))
        expect(errorLines(result)).toEqual([])
        const [build] = retried(emu)
        expect(build?.retryOf).toBe(FAILED)
        expect(result.outputs).toMatchObject({ retried: 'true', status: 'in-progress' })
        expect(result.outputs['execution-id']).toMatch(/^[0-9a-f-]{36}$/)
        expect(result.outputs['execution-id']).not.toBe(FAILED)
        expect(result.outputs['console-url']).toMatch(
          /^https:\/\/console\.cloud\.google\.com\/cloud-build\/builds\//
        )
        expect(result.outputs['failure-reason']).toContain('PUSH_FAILED: failed to push image')
        const [call] = emu.callsTo('cloudbuild:RetryBuild')
        expect(call?.path).toBe(`/v1/projects/${DEMO_IDS.gcpProject}/locations/global/builds/${FAILED}:retry`)
        expect(call?.body).toEqual({
          name: `projects/${DEMO_IDS.gcpProject}/locations/global/builds/${FAILED}`,
          projectId: DEMO_IDS.gcpProject,
          id: FAILED
        })
        expect(call?.headers.authorization).toBe(`Bearer ${DEMO_IDS.gcpToken}`)
        expectSecretsKept(result, [DEMO_IDS.gcpToken])
      })
    }
  )

  it.concurrent(
    'retry-on: transient retries a failed image push (failureInfo PUSH_FAILED); USER_BUILD_STEP is left',
    async () => {
      await withEmulator(demoScenario(), async emu => {
        const push = await run({ ...cloudBuildInputs(emu), 'retry-on': 'transient', 'dry-run': 'true' })
        expect(push.stdout).toContain('retry-on: transient (failureInfo PUSH_FAILED)')
      })
      const userStep = withBuilds(builds => {
        builds.find(b => b.id === FAILED)!.failureInfo = {
          type: 'USER_BUILD_STEP',
          detail: 'Build step failure: step test exited 1'
        }
      })
      await withEmulator(userStep, async emu => {
        const result = await run({ ...cloudBuildInputs(emu), 'retry-on': 'transient' })
        expect(result.outputs.status).toBe('skipped')
        expect(retried(emu)).toHaveLength(0)
      })
    }
  )

  it.concurrent(
    'a second run finds the retry as the newest build: nothing to retry, no second build',
    async () => {
      await withEmulator(demoScenario(), async emu => {
        await run(cloudBuildInputs(emu))
        const again = await run(cloudBuildInputs(emu))
        expect(again.outputs.status).toBe('nothing-to-retry')
        expect(retried(emu)).toHaveLength(1)
      })
    }
  )

  it.concurrent(
    'max-attempts counts the builds of the same trigger and commit before the newest',
    async () => {
      const scenario = withBuilds(builds => {
        for (const [i, id] of [
          '11111111-1111-4111-8111-111111111111',
          '22222222-2222-4222-8222-222222222222'
        ].entries())
          builds.push({
            id,
            status: 'FAILURE',
            createTime: new Date(Date.now() - (8 - i) * 3_600_000).toISOString(),
            finishTime: new Date(Date.now() - (7.5 - i) * 3_600_000).toISOString(),
            failureInfo: { type: 'PUSH_FAILED', detail: 'x' }
          })
      })
      await withEmulator(scenario, async emu => {
        const result = await run({ ...cloudBuildInputs(emu), 'max-attempts': '2' })
        expect(result.outputs.status).toBe('skipped')
        expect(resultsOf(result)[0]?.message).toContain('already retried 2 time(s), max-attempts is 2')
      })
    }
  )

  it.concurrent(
    'an explicit build that a newer build superseded is skipped; one of another trigger is an error',
    async () => {
      const scenario = withBuilds(builds => {
        builds.push({
          id: 'd0d0d0d0-0000-4000-8000-000000000001',
          status: 'WORKING',
          createTime: new Date().toISOString()
        })
      })
      await withEmulator(scenario, async emu => {
        const old = await run({ ...cloudBuildInputs(emu), 'execution-id': FAILED })
        expect(old.outputs.status).toBe('skipped')
        expect(resultsOf(old)[0]?.message).toContain(
          'superseded by the newer build d0d0d0d0-0000-4000-8000-000000000001 (WORKING)'
        )
        const other = await run({
          ...cloudBuildInputs(emu),
          'execution-id': 'c9f1e6b2-4a7d-4c3e-b5f8-1d2e3a4b5c6d'
        })
        expect(other.outputs.status).toBe('error')
        expect(resultsOf(other)[0]?.message).toContain('was not started by trigger deploy-web')
        expect(retried(emu)).toHaveLength(0)
      })
    }
  )

  it.concurrent('branch limits the builds to that branch', async () => {
    await withEmulator(demoScenario(), async emu => {
      const result = await run({ ...cloudBuildInputs(emu), branch: 'release' })
      expect(result.outputs.status).toBe('nothing-to-retry')
      expect(resultsOf(result)[0]?.message).toContain('trigger deploy-web on release has no builds')
    })
  })

  it.concurrent('a pattern lists the triggers; @LOCATION lists another location', async () => {
    await withEmulator(demoScenario(), async emu => {
      const result = await run(
        { targets: `cloud-build:${DEMO_IDS.gcpProject}/*\ncloud-build@us-central1:${DEMO_IDS.gcpProject}/*` },
        { env: cloudBuildEnv(emu) }
      )
      expect(resultsOf(result).map(r => [r.target, r.status])).toEqual([
        [`cloud-build:${DEMO_IDS.gcpProject}/deploy-web`, 'in-progress'],
        [`cloud-build:${DEMO_IDS.gcpProject}/docs-preview`, 'nothing-to-retry']
      ])
      expect(emu.callsTo('ListBuildTriggers').map(c => c.path)).toContain(
        `/v1/projects/${DEMO_IDS.gcpProject}/locations/us-central1/triggers`
      )
    })
  })

  it.concurrent('a wrong token is one error with the auth hint; a read-only token cannot retry', async () => {
    await withEmulator(demoScenario(), async emu => {
      const wrong = await run({ ...cloudBuildInputs(emu), 'gcp-access-token': 'ya29.not-a-known-token' })
      expect(wrong.outputs.status).toBe('error')
      expect(resultsOf(wrong)[0]?.message).toMatch(/UNAUTHENTICATED.*google-github-actions\/auth/)
      expectSecretsKept(wrong, ['ya29.not-a-known-token'])
      const readOnly = await run({ ...cloudBuildInputs(emu), 'gcp-access-token': DEMO_IDS.gcpReadToken })
      expect(resultsOf(readOnly)[0]?.message).toContain('PERMISSION_DENIED')
      expect(retried(emu)).toHaveLength(0)
    })
  })

  it.concurrent.each([
    ['a project ID with capitals', 'gcp-project', { 'gcp-project': 'Acme-Prod' }],
    ['a trigger name with a blank', 'trigger', { trigger: 'deploy web' }],
    ['a location that is not one', 'gcp-location', { 'gcp-location': 'moon' }],
    ['a build ID that is not a UUID', 'execution-id', { 'execution-id': '42' }],
    ['retry-mode all (a retry always runs the whole build)', 'retry-mode', { 'retry-mode': 'all' }]
  ])('bad input (%s) is an input error before any call', async (_what, input, change) => {
    await withEmulator(demoScenario(), async emu => {
      expectInputError(await run({ ...cloudBuildInputs(emu), ...change }), input, emu)
    })
  })
})
