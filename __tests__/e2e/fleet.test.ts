// End-to-end: fleet-scale recovery (README, "Fleets: patterns, regions, files and shards"). The bundled action
// against the emulator's paged listings: patterns of every service, exclusions and duplicates, a region per
// line, a targets file of 6,000 lines, matrix shards, and waiting that does not hold a worker place.
import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  DEMO_IDS,
  SCALED_CODEARTS_PROJECT,
  scaledCodeArtsPipeline,
  scaledScenario,
  type CallRecord,
  type RetryOutcome,
  type Scenario
} from '../../tools/emulator/index.js'
import {
  errorLines,
  useEmulator,
  withEmulator,
  awsEnv,
  run,
  type ActionRun,
  type ResultObject
} from './helpers.js'

const FLEET = 1005
const CA = SCALED_CODEARTS_PROJECT
const HUAWEI = { 'huaweicloud-auth-token': DEMO_IDS.huaweiToken }

function resultsOf(result: ActionRun): ResultObject[] {
  const text = result.resultsFile || result.outputs.results
  if (!text) throw new Error(`no results; stdout:\n${result.stdout.slice(0, 4000)}`)
  return JSON.parse(text) as ResultObject[]
}

const targetsOf = (result: ActionRun): string[] => resultsOf(result).map(r => r.target)

/** The summary as text: its numeric character references (how API text is escaped) decoded. */
const summaryText = (result: ActionRun): string =>
  result.summary.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))

/** A workspace holding `files`, for targets-file. */
function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'fleet-workspace-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

const names = (prefix: string, from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, k) => `${prefix}${from + k}`)

describe('fleet: patterns over paged listings', () => {
  // One `endpoint` for lines on two clouds is an input error: AWS and CodeArts each take their own variable.
  const fx = useEmulator(
    () => scaledScenario(FLEET),
    emu => ({ ...awsEnv(emu), HUAWEICLOUD_ENDPOINT_URL_CODEARTS: emu.url })
  )
  const inputs = (
    targets: string,
    extra: Record<string, string> = {},
    huawei = targets.includes('codearts')
  ) => ({
    targets,
    'dry-run': 'true',
    ...(huawei ? HUAWEI : {}),
    ...extra
  })

  it('expands a pattern of every service through every page of its listing', async () => {
    const result = await fx.runOk(
      inputs(
        [
          'codepipeline:bench-pipeline-100?',
          'codebuild:bench-project-100?',
          'codebuild-batch:bench-project-100?',
          'sagemaker:bench-sm-1?0?',
          `codearts:${CA}/bench-ca-100?`
        ].join('\n')
      )
    )
    const six = (prefix: string): string[] => names(prefix, 1000, 1005)
    expect(targetsOf(result)).toEqual([
      ...six('codepipeline:bench-pipeline-'),
      ...six('codebuild:bench-project-'),
      ...six('codebuild-batch:bench-project-'),
      ...six('sagemaker:bench-sm-'),
      ...Array.from({ length: 6 }, (_, k) => `codearts:${CA}/${scaledCodeArtsPipeline(1000 + k)}`)
    ])
    expect(resultsOf(result).every(r => r.status === 'dry-run')).toBe(true)
    // Every page was read: 1,005 pipelines at 1,000 a page, projects at 100, CodeArts at 100, SageMaker 100
    // (only the 117 names with its prefix).
    expect(fx.emu.callsTo('codepipeline:ListPipelines')).toHaveLength(2)
    expect(fx.emu.callsTo('codebuild:ListProjects')).toHaveLength(2 * 11)
    expect(fx.emu.callsTo('codearts:pipelines')).toHaveLength(11)
    const sm = fx.emu.callsTo('sagemaker:ListPipelines')
    expect(sm).toHaveLength(2)
    expect(sm[0]?.body).toMatchObject({ PipelineNamePrefix: 'bench-sm-1' })
    // Nothing was retried, and only the matched resources were read.
    expect(fx.emu.callsTo('codebuild:ListBuildsForProject')).toHaveLength(6)
    expect(summaryText(result)).toContain('from targets (line 1): codepipeline:bench-pipeline-100?')
  })

  it('merges duplicates, applies exclusions, and warns for a pattern that matches nothing', async () => {
    const result = await fx.runOk(
      inputs(
        [
          'codebuild:bench-project-100?',
          'codebuild:bench-project-1001',
          'codebuild:bench-project-100?',
          'codebuild:no-such-team-*',
          '!codebuild:bench-project-1003',
          '!codebuild:bench-project-1?05'
        ].join('\n')
      )
    )
    expect(targetsOf(result)).toEqual(
      names('codebuild:bench-project-', 1000, 1004).filter(t => !t.endsWith('1003'))
    )
    expect(result.stdout).toContain('::warning::targets (line 4): codebuild:no-such-team-* matches nothing')
    expect(summaryText(result)).toContain('! lines left out 2 of 6 targets')
  })

  it('a listing that is refused is an error row with the hint; the other lines still run', async () => {
    fx.emu.inject('codebuild:ListProjects', {
      error: { code: 'AccessDeniedException', message: 'not authorized to perform codebuild:ListProjects' }
    })
    const result = await fx.run(inputs('codebuild:bench-project-*\nsagemaker:bench-sm-1'))
    expect(result.exitCode).toBe(1)
    const [listing, sagemaker] = resultsOf(result)
    expect(listing).toMatchObject({
      service: 'codebuild',
      target: 'codebuild:bench-project-*',
      status: 'error'
    })
    expect(listing?.message).toContain('AccessDeniedException')
    expect(listing?.message).toContain('codebuild:ListProjects')
    expect(sagemaker).toMatchObject({ target: 'sagemaker:bench-sm-1', status: 'dry-run' })
  })

  it('@REGION: each line is signed for its own region, and named with it', async () => {
    const result = await fx.runOk(
      inputs(
        [
          'codebuild@eu-west-1:bench-project-1',
          'codebuild@ap-southeast-2:bench-project-2',
          'codebuild:bench-project-3',
          'sagemaker@eu-central-1:bench-sm-10?'
        ].join('\n')
      )
    )
    expect(targetsOf(result)).toEqual([
      'codebuild@eu-west-1:bench-project-1',
      'codebuild@ap-southeast-2:bench-project-2',
      'codebuild:bench-project-3',
      ...names('sagemaker@eu-central-1:bench-sm-', 100, 109)
    ])
    const regionOf = (project: string): (string | undefined)[] => [
      ...new Set(
        fx.emu
          .callsTo('ListBuildsForProject')
          .filter(c => (c.body as { projectName?: string }).projectName === project)
          .map(c => c.region)
      )
    ]
    expect(regionOf('bench-project-1')).toEqual(['eu-west-1'])
    expect(regionOf('bench-project-2')).toEqual(['ap-southeast-2'])
    expect(regionOf('bench-project-3')).toEqual(['us-east-1'])
    const sagemaker = fx.emu.calls.filter(c => c.service === 'sagemaker').map(c => c.region)
    expect(new Set(sagemaker)).toEqual(new Set(['eu-central-1']))
    expect(resultsOf(result)[0]?.consoleUrl).toContain('https://eu-west-1.console.aws.amazon.com/')
  })

  it('a targets file of 6,000 lines (patterns and plain lines, comments) runs every target', async () => {
    const lines = [
      '# the whole fleet, one line each',
      ...names('codebuild:bench-project-', 1, FLEET),
      ...names('codebuild-batch:bench-project-', 1, FLEET),
      ...names('sagemaker:bench-sm-', 1, FLEET),
      ...Array.from({ length: FLEET }, (_, k) => `codearts:${CA}/${scaledCodeArtsPipeline(k + 1)}`),
      'codepipeline:bench-pipeline-*',
      ...Array.from({ length: 6000 - 4 * FLEET - 2 }, (_, k) => (k % 2 === 0 ? '' : `# note ${k}`))
    ]
    expect(lines).toHaveLength(6000)
    const dir = workspace({ 'fleet.txt': lines.join('\n') })
    const result = await fx.runOk(
      inputs('', { targets: '', 'targets-file': 'fleet.txt', concurrency: '64' }, true),
      { env: { GITHUB_WORKSPACE: dir }, timeoutMs: 180_000 }
    )
    const results = resultsOf(result)
    expect(results).toHaveLength(5 * FLEET)
    expect(results.every(r => r.status === 'dry-run')).toBe(true)
    expect(new Set(results.map(r => r.target)).size).toBe(5 * FLEET)
    // The run's own bound: 5,025 targets are CPU work, and e2e files run side by side.
  }, 180_000)

  it('a bad line in the file is an input error naming the file and its line, before any call', async () => {
    const text = [...names('codebuild:bench-project-', 1, 5998), 'codebuild:bad name', 'codebuild:x1'].join(
      '\n'
    )
    const dir = workspace({ 'fleet.txt': text })
    const result = await fx.run(inputs('', { targets: '', 'targets-file': 'fleet.txt' }), {
      env: { GITHUB_WORKSPACE: dir }
    })
    expect(result.exitCode).toBe(1)
    expect(errorLines(result)).toHaveLength(1)
    expect(errorLines(result)[0]).toContain("Input 'targets-file fleet.txt (line 5999)'")
    expect(fx.emu.calls).toHaveLength(0)
  })

  it('three shards of a matrix take every expanded target exactly once', async () => {
    const runs = await Promise.all(
      ['1/3', '2/3', '3/3'].map(shard => fx.runOk(inputs('codebuild:bench-project-*', { shard })))
    )
    const shards = runs.map(targetsOf)
    const all = shards.flat()
    expect(all).toHaveLength(FLEET)
    expect(new Set(all)).toEqual(new Set(names('codebuild:bench-project-', 1, FLEET)))
    for (const [k, result] of runs.entries()) {
      expect(shards[k]!.length).toBeGreaterThan(FLEET / 6)
      expect(summaryText(result)).toContain(`shard ${k + 1}/3 kept ${shards[k]!.length} of ${FLEET} targets`)
    }
  })
})

/** Every seeded build of the scenario runs `outcome` when retried. */
function retriedBuildsRun(scenario: Scenario, outcome: RetryOutcome): Scenario {
  for (const project of scenario.codebuild?.projects ?? [])
    for (const b of project.builds ?? []) b.onRetry = outcome
  return scenario
}

const isStatusRead = (c: CallRecord): boolean => c.operation === 'BatchGetBuilds'

describe('fleet: waiting does not hold a worker place', () => {
  it('20 targets at concurrency 2 are all retried before the first retried build ends; status reads are batched', async () => {
    const count = 20
    await withEmulator(
      retriedBuildsRun(scaledScenario(count), { result: 'succeeded', settleAfterMs: 6000 }),
      async emu => {
        const result = await run(
          {
            targets: names('codebuild:bench-project-', 1, count).join('\n'),
            concurrency: '2',
            wait: 'true',
            'poll-interval-seconds': '1',
            'max-attempts': '0'
          },
          { env: awsEnv(emu), timeoutMs: 120_000 }
        )
        expect(errorLines(result)).toEqual([])
        expect(result.exitCode).toBe(0)
        expect(resultsOf(result).map(r => r.status)).toEqual(Array(count).fill('succeeded'))
        const retries = emu.callsTo('RetryBuild')
        expect(retries).toHaveLength(count)
        // Each retried build takes 6 s: with waiting holding a place, the last retry would come ~54 s after
        // the first; here it comes before any retried build could end.
        const lastRetry = Math.max(...retries.map(c => c.at))
        expect(lastRetry - Math.min(...retries.map(c => c.at))).toBeLessThan(6000)
        // After the last retry, the waiting builds are read together: one call per poll for all 20.
        const reads = emu.calls.filter(c => isStatusRead(c) && c.at > lastRetry)
        const sizes = reads.map(c => ((c.body as { ids?: string[] }).ids ?? []).length)
        expect(Math.max(...sizes)).toBe(count)
        const polls = Math.ceil((Math.max(...reads.map(c => c.at)) - lastRetry) / 1000) + 1
        expect(reads.length).toBeLessThanOrEqual(polls + 1)
      }
    )
  })
})
