// End to end, Azure Pipelines (stage retry): the bundled action against the emulator, whose every request and
// answer is checked against Microsoft's Azure DevOps REST 7.1 spec (tools/emulator/azure-spec.ts).
import { describe, expect, it } from '@jest/globals'
import { DEMO_IDS, demoScenario, type Scenario } from '../../tools/emulator/index.js'
import { HOOK_HEADER } from '../../tools/emulator/server.js'
import type { AzureBuildSeed } from '../../tools/emulator/types.js'
import {
  azureEnv,
  azureInputs,
  errorLines,
  expectInputError,
  expectSecretsKept,
  resultsOf,
  run,
  withEmulator
} from './helpers.js'

const BUILD = DEMO_IDS.azureFailedBuild
const LINE = `azure-pipelines:${DEMO_IDS.azureOrganization}/${DEMO_IDS.azureProject}/${DEMO_IDS.azurePipeline}`

const buildIn = (emu: { state: { azure: { builds: Map<number, unknown> } } }, id = BUILD) =>
  emu.state.azure.builds.get(id) as {
    status: string
    stages: { name: string; attempt: number; state: string }[]
  }

/** The demo with its failed run changed by `change`. */
function failedBuild(change: (b: AzureBuildSeed) => void): Scenario {
  const scenario = demoScenario()
  const definition = scenario.azure!.organizations[0]!.projects[0]!.definitions[0]!
  change(definition.builds.find(b => b.id === BUILD)!)
  return scenario
}

describe('azure-pipelines', () => {
  it.concurrent('retries the failed stage of the newest run: one PATCH, the same run continues', async () => {
    await withEmulator(demoScenario(), async emu => {
      const result = await run(azureInputs(emu))
      expect(errorLines(result)).toEqual([])
      expect(result.outputs).toMatchObject({
        retried: 'true',
        status: 'in-progress',
        'execution-id': String(BUILD),
        'stage-name': 'Deploy',
        'console-url': `https://dev.azure.com/contoso/Storefront/_build/results?buildId=${BUILD}`
      })
      const calls = emu.callsTo('Stages_Update')
      expect(calls).toHaveLength(1)
      expect(calls[0]?.path).toBe(`/contoso/Storefront/_apis/build/builds/${BUILD}/stages/Deploy`)
      expect(calls[0]?.body).toEqual({ state: 'retry', forceRetryAllJobs: false })
      // The PAT went as HTTP Basic with an empty user name.
      expect(calls[0]?.headers.authorization).toBe(
        `Basic ${Buffer.from(`:${DEMO_IDS.azureToken}`).toString('base64')}`
      )
      const stage = buildIn(emu).stages.find(s => s.name === 'Deploy')
      expect(stage?.attempt).toBe(2)
      expect(result.outputs['failure-reason']).toContain('Deploy / Ship: We stopped hearing from agent')
      expectSecretsKept(result, [DEMO_IDS.azureToken])
    })
  })

  it.concurrent(
    'retry-on: transient retries a lost agent; retry-mode all sets forceRetryAllJobs',
    async () => {
      await withEmulator(demoScenario(), async emu => {
        const result = await run({ ...azureInputs(emu), 'retry-on': 'transient', 'retry-mode': 'all' })
        expect(result.outputs.status).toBe('in-progress')
        expect(result.stdout).toContain("retry-on: transient (names 'agent lost')")
        expect(emu.callsTo('Stages_Update')[0]?.body).toEqual({ state: 'retry', forceRetryAllJobs: true })
      })
    }
  )

  it.concurrent('with wait, follows the new stage attempt to the end of the run', async () => {
    await withEmulator(demoScenario(), async emu => {
      const result = await run({ ...azureInputs(emu), wait: 'true', 'poll-interval-seconds': '1' })
      expect(result.outputs.status).toBe('succeeded')
      expect(buildIn(emu).status).toBe('completed')
    })
  })

  it.concurrent(
    'two failed stages: one PATCH each, max-attempts from the highest stage attempt',
    async () => {
      const scenario = failedBuild(b => {
        b.stages = [
          {
            name: 'Lint',
            result: 'failed',
            attempt: 2,
            jobs: [{ name: 'ESLint', result: 'failed', issues: ['x'] }]
          },
          { name: 'Test', result: 'failed', jobs: [{ name: 'Jest', result: 'failed', issues: ['y'] }] }
        ]
      })
      await withEmulator(scenario, async emu => {
        const result = await run(azureInputs(emu))
        expect(result.outputs.status).toBe('in-progress')
        expect(emu.callsTo('Stages_Update').map(c => c.path.split('/').at(-1))).toEqual(['Lint', 'Test'])
        expect(result.outputs['stage-name']).toBe('Lint,Test')
        const capped = await withEmulator(scenario, emu2 =>
          run({ ...azureInputs(emu2), 'max-attempts': '1' })
        )
        expect(capped.outputs.status).toBe('skipped')
        expect(resultsOf(capped)[0]?.message).toContain('already retried 1 time(s), max-attempts is 1')
      })
    }
  )

  it.concurrent(
    'stage-name limits the retry to that stage; a stage that did not fail is nothing to retry',
    async () => {
      await withEmulator(demoScenario(), async emu => {
        const build = await run({ ...azureInputs(emu), 'stage-name': 'Build' })
        expect(build.outputs.status).toBe('nothing-to-retry')
        expect(resultsOf(build)[0]?.message).toContain('stage Build of run')
        expect(emu.callsTo('Stages_Update')).toHaveLength(0)
        const deploy = await run({ ...azureInputs(emu), 'stage-name': 'Deploy' })
        expect(deploy.outputs.status).toBe('in-progress')
      })
    }
  )

  it.concurrent('an explicit run that a newer run superseded is skipped, naming it', async () => {
    const scenario = demoScenario()
    const definition = scenario.azure!.organizations[0]!.projects[0]!.definitions[0]!
    definition.builds.push({
      id: 5121,
      status: 'inProgress',
      queueTime: new Date().toISOString(),
      stages: [{ name: 'Build', state: 'inProgress' }]
    })
    await withEmulator(scenario, async emu => {
      const result = await run({ ...azureInputs(emu), 'execution-id': String(BUILD) })
      expect(result.outputs.status).toBe('skipped')
      expect(resultsOf(result)[0]?.message).toMatch(
        /superseded by the newer run \d{8}\.5121 \(5121\) \(inProgress\)/
      )
      expect(emu.callsTo('Stages_Update')).toHaveLength(0)
    })
  })

  it.concurrent('a run of another pipeline named by execution-id is an error, no PATCH', async () => {
    await withEmulator(demoScenario(), async emu => {
      const result = await run({ ...azureInputs(emu), 'execution-id': '5101' })
      expect(result.outputs.status).toBe('error')
      expect(resultsOf(result)[0]?.message).toContain('is a run of pipeline docs-site, not of web-release')
      expect(emu.callsTo('Stages_Update')).toHaveLength(0)
    })
  })

  it.concurrent(
    'retried by someone else between the run read and its timeline: nothing to retry, no PATCH, no skip',
    async () => {
      await withEmulator(demoScenario(), async emu => {
        emu.onCall('Timeline_Get', async (_call, nth) => {
          if (nth !== 1) return
          const response = await fetch(
            `${emu.url}/contoso/Storefront/_apis/build/builds/${BUILD}/stages/Deploy?api-version=7.1`,
            {
              method: 'PATCH',
              headers: {
                [HOOK_HEADER]: '1',
                authorization: `Basic ${Buffer.from(`:${DEMO_IDS.azureToken}`).toString('base64')}`,
                'content-type': 'application/json'
              },
              body: JSON.stringify({ state: 'retry' })
            }
          )
          expect(response.status).toBe(200)
        })
        const result = await run(azureInputs(emu))
        expect(result.outputs.status).toBe('nothing-to-retry')
        expect(resultsOf(result)[0]?.message).toContain(
          'is already being retried, not by this step: stage Deploy inProgress'
        )
        expect(emu.callsTo('Stages_Update').filter(c => c.headers[HOOK_HEADER] === undefined)).toHaveLength(0)
        expect(emu.retriesApplied('azure-pipelines')).toBe(1)
      })
    }
  )

  it.concurrent(
    'a pattern lists the project pipelines and retries the failed one; stage and branch carry over',
    async () => {
      await withEmulator(demoScenario(), async emu => {
        const result = await run(
          {
            targets: `azure-pipelines:contoso/Storefront/*\nazure-pipelines:contoso/Storefront/web-*/Deploy@main`
          },
          { env: azureEnv(emu) }
        )
        const rows = resultsOf(result)
        expect(rows.map(r => r.target)).toEqual([
          'azure-pipelines:contoso/Storefront/41',
          'azure-pipelines:contoso/Storefront/42',
          'azure-pipelines:contoso/Storefront/41/Deploy@main'
        ])
        expect(rows[1]?.status).toBe('nothing-to-retry')
        // Two lines name pipeline 41 (the second limited to Deploy on main): whichever is decided first retries
        // it, the other finds it being retried. One retry, never two.
        expect([rows[0]?.status, rows[2]?.status].sort()).toEqual(['in-progress', 'nothing-to-retry'])
        expect(emu.retriesApplied('azure-pipelines')).toBe(1)
      })
    }
  )

  it.concurrent(
    'a wrong token is one error with a hint; the 203 sign-in page is not taken for an answer',
    async () => {
      await withEmulator(demoScenario(), async emu => {
        const result = await run({ ...azureInputs(emu), 'azure-devops-token': 'not-a-known-token-0000' })
        expect(result.outputs.status).toBe('error')
        expect(resultsOf(result)[0]?.message).toMatch(/sign-in page \(HTTP 203\).*azure-devops-token/)
        expect(emu.callsTo('Stages_Update')).toHaveLength(0)
        expectSecretsKept(result, ['not-a-known-token-0000'])
      })
    }
  )

  it.concurrent('a read-only token cannot retry: TF400813 with the permission hint', async () => {
    await withEmulator(demoScenario(), async emu => {
      const result = await run({ ...azureInputs(emu), 'azure-devops-token': DEMO_IDS.azureReadToken })
      expect(result.outputs.status).toBe('error')
      expect(resultsOf(result)[0]?.message).toContain('TF400813')
      expect(emu.retriesApplied('azure-pipelines')).toBe(0)
    })
  })

  it.concurrent('a redirect is not followed with the token', async () => {
    await withEmulator(demoScenario(), async emu => {
      emu.inject('Builds_List', { error: { code: 'Moved', status: 307 } })
      const result = await run(azureInputs(emu))
      expect(result.outputs.status).toBe('error')
      expect(resultsOf(result)[0]?.message).toContain('is not followed')
    })
  })

  it.concurrent.each([
    ['an organization with a slash', 'azure-organization', { 'azure-organization': 'contoso/x' }],
    ['a stage name with a blank', 'stage-name', { 'stage-name': 'Deploy prod' }],
    ['a run ID that is not a number', 'execution-id', { 'execution-id': 'abc' }],
    ['a branch with ..', 'branch', { branch: 'main..x' }],
    ['a project starting with _', 'azure-project', { 'azure-project': '_x' }]
  ])('bad input (%s) is an input error before any call', async (_what, input, change) => {
    await withEmulator(demoScenario(), async emu => {
      expectInputError(await run({ ...azureInputs(emu), ...change }), input, emu)
    })
  })

  it.concurrent('a targets line without the project is an input error naming the form', async () => {
    await withEmulator(demoScenario(), async emu => {
      const result = await run({ targets: 'azure-pipelines:contoso' }, { env: azureEnv(emu) })
      expectInputError(result, 'targets \\(line 1\\)', emu)
      expect(errorLines(result)[0]).toContain('ORGANIZATION/PROJECT/PIPELINE')
    })
  })

  it('LINE names the demo pipeline', () =>
    expect(LINE).toBe('azure-pipelines:contoso/Storefront/web-release'))
})
