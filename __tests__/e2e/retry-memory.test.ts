// End to end, retry memory (issue #25): the bundled action run several times in a row against one emulator with
// one history file, as a scheduled recovery job would. How many retries took effect is read from the emulator.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { DEMO_IDS, demoScenario, type RetryOutcome, type Scenario } from '../../tools/emulator/index.js'
import { foreignCommands } from '../support/runner-commands.js'
import {
  awsEnv,
  errorLines,
  expectInputError,
  resultsOf,
  run,
  withEmulator,
  type Emulator
} from './helpers.js'

const CODEBUILD = { service: 'codebuild', 'project-name': 'integration-tests', 'max-attempts': '0' }
const HISTORY = 'history.json'

/** The demo, its failed build retried with `outcome` (the last one repeats). */
function retried(outcome: RetryOutcome | RetryOutcome[]): Scenario {
  const scenario = demoScenario()
  const project = scenario.codebuild!.projects.find(p => p.name === 'integration-tests')!
  project.builds!.find(b => b.id === DEMO_IDS.failedBuild)!.onRetry = outcome
  return scenario
}

const FAILS_AGAIN: RetryOutcome = { result: 'failed', failureReason: 'e2e: still broken' }

/** A fresh workspace; `file` written into it when given. */
function workspace(history?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'retry-memory-'))
  if (history !== undefined) writeFileSync(join(dir, HISTORY), history)
  return dir
}

const historyIn = (
  dir: string
): { targets: Record<string, { status: string; attempts: number; rescued?: boolean }[]> } =>
  JSON.parse(readFileSync(join(dir, HISTORY), 'utf8'))

/** The action with `history-file` in `dir`, against `emu`. */
function remembering(emu: Emulator, dir: string, inputs: Record<string, string>) {
  return run(
    { ...inputs, 'history-file': HISTORY },
    { env: { ...awsEnv(emu), GITHUB_WORKSPACE: dir, GITHUB_RUN_ID: String(Date.now()) } }
  )
}

describe('retry memory across runs', () => {
  it.concurrent('a flaky target is rescued by its retry: the history and the report say so', async () => {
    await withEmulator(retried({ result: 'succeeded', settleAfterReads: 1 }), async emu => {
      const dir = workspace()
      const result = await remembering(emu, dir, { ...CODEBUILD, wait: 'true', 'poll-interval-seconds': '1' })
      expect(result.outputs.status).toBe('succeeded')
      expect(result.stdout).toContain('history-file does not exist yet')
      const entries = historyIn(dir).targets['codebuild:integration-tests']
      expect(entries).toEqual([expect.objectContaining({ status: 'succeeded', attempts: 1, rescued: true })])
      const report = JSON.parse(result.outputs['history-report'] ?? '[]')
      expect(report).toEqual([
        expect.objectContaining({
          target: 'codebuild:integration-tests',
          runs: 1,
          retries: 1,
          rescued: 1,
          lastStatuses: ['rescued']
        })
      ])
      expect(result.summary).toContain('<summary>History &#40;1&#41;</summary>')
      expect(result.summary).toContain('🔁')
    })
  })

  it.concurrent(
    'a broken target stops being retried after give-up-after runs that did not rescue it',
    async () => {
      await withEmulator(retried(FAILS_AGAIN), async emu => {
        const dir = workspace()
        const inputs = { ...CODEBUILD, 'give-up-after': '2' }
        const first = await remembering(emu, dir, inputs)
        const second = await remembering(emu, dir, inputs)
        const third = await remembering(emu, dir, inputs)
        expect([first, second, third].map(r => r.outputs.status)).toEqual([
          'in-progress',
          'in-progress',
          'skipped'
        ])
        expect(resultsOf(third)[0]?.message).toContain(
          'retried and not rescued on the last 2 runs: likely broken, not flaky'
        )
        expect(emu.callsTo('RetryBuild')).toHaveLength(2)
        expect(historyIn(dir).targets['codebuild:integration-tests']?.map(e => e.rescued)).toEqual([
          false,
          false,
          undefined
        ])
        const report = JSON.parse(third.outputs['history-report'] ?? '[]')
        expect(report[0].brokenSince).toEqual(expect.any(String))
      })
    }
  )

  it.concurrent('max-retries-per-day counts the retries of earlier runs', async () => {
    await withEmulator(retried(FAILS_AGAIN), async emu => {
      const dir = workspace()
      const inputs = { ...CODEBUILD, 'max-retries-per-day': '1' }
      await remembering(emu, dir, inputs)
      const second = await remembering(emu, dir, inputs)
      expect(second.outputs.status).toBe('skipped')
      expect(resultsOf(second)[0]?.message).toContain(
        'max-retries-per-day is 1, and 1 retries of this target started'
      )
      expect(emu.callsTo('RetryBuild')).toHaveLength(1)
    })
  })

  it.concurrent(
    'max-retries bounds the retries one step starts over all its targets (no history needed)',
    async () => {
      await withEmulator(demoScenario(), async emu => {
        const result = await run(
          {
            targets:
              'codebuild:integration-tests\ncodepipeline:release-pipeline\nsagemaker:train-and-register',
            'max-retries': '2',
            concurrency: '1'
          },
          { env: awsEnv(emu) }
        )
        const statuses = resultsOf(result).map(r => r.status)
        expect(statuses.filter(s => s === 'in-progress')).toHaveLength(2)
        expect(resultsOf(result)[2]).toMatchObject({
          status: 'skipped',
          message: expect.stringContaining('retry budget spent')
        })
        const retries =
          emu.callsTo('RetryBuild').length +
          emu.callsTo('RetryStageExecution').length +
          emu.callsTo('RetryPipelineExecution').length
        expect(retries).toBe(2)
      })
    }
  )

  it.concurrent(
    'a dry run reads the history and reports, but writes nothing and spends nothing',
    async () => {
      await withEmulator(retried(FAILS_AGAIN), async emu => {
        const dir = workspace()
        await remembering(emu, dir, CODEBUILD)
        const before = readFileSync(join(dir, HISTORY), 'utf8')
        const dry = await remembering(emu, dir, { ...CODEBUILD, 'dry-run': 'true', 'max-retries': '1' })
        expect(dry.outputs.status).toBe('dry-run')
        expect(readFileSync(join(dir, HISTORY), 'utf8')).toBe(before)
        expect(JSON.parse(dry.outputs['history-report'] ?? '[]')).toHaveLength(1)
      })
    }
  )
})

describe('the history file is input', () => {
  it.concurrent.each([
    ['corrupt (not JSON)', '{not json', 'not a readable history'],
    [
      'past its 5 MB cap',
      JSON.stringify({ version: 1, targets: { x: [] }, pad: 'x'.repeat(5 * 1024 * 1024 + 10) }),
      'over its 5 MB cap'
    ]
  ])(
    '%s: a warning, the step goes on, and the file is replaced by a valid one',
    async (_what, content, warning) => {
      await withEmulator(demoScenario(), async emu => {
        const dir = workspace(content)
        const result = await remembering(emu, dir, CODEBUILD)
        expect(result.exitCode).toBe(0)
        expect(result.stdout).toMatch(new RegExp(`^::warning::history-file .*${warning}`, 'm'))
        expect(historyIn(dir).targets['codebuild:integration-tests']).toHaveLength(1)
      })
    }
  )

  it.concurrent(
    'hostile content: commands, markup and wrong types cannot inject anything or break the step',
    async () => {
      const hostile = {
        version: 1,
        targets: {
          'codebuild:integration-tests': [
            {
              at: Date.now() - 3_600_000,
              runId: '::add-mask::x',
              status: 'failed',
              failureClass: 'transient',
              failure: 'a ##[set-output name=status]succeeded <img src=x onerror=alert(1)>',
              attempts: 0,
              durationMs: 5
            },
            {
              at: 'yesterday',
              runId: 1,
              status: 'pwned',
              failureClass: 'x',
              failure: 2,
              attempts: -1,
              durationMs: 'no'
            },
            null
          ],
          '<script>alert(1)</script>': [
            {
              at: Date.now(),
              runId: 'r',
              status: 'failed',
              failureClass: 'unknown',
              failure: '![i](https://evil.example/x.png)',
              attempts: 1,
              durationMs: 1
            }
          ]
        }
      }
      await withEmulator(demoScenario(), async emu => {
        const dir = workspace(JSON.stringify(hostile))
        const result = await remembering(emu, dir, { ...CODEBUILD, 'dry-run': 'true' })
        expect(result.exitCode).toBe(0)
        expect(errorLines(result)).toEqual([])
        expect(foreignCommands(result.stdout)).toEqual([])
        expect(result.stdout).toContain('2 malformed entries left out')
        expect(result.summary).not.toContain('<img')
        expect(result.summary).not.toContain('<script>')
        expect(result.outputs.status).toBe('dry-run')
      })
    }
  )

  it.concurrent.each([
    ['give-up-after without history-file', 'give-up-after', { ...CODEBUILD, 'give-up-after': '3' }],
    [
      'max-retries-per-day without history-file',
      'max-retries-per-day',
      { ...CODEBUILD, 'max-retries-per-day': '2' }
    ],
    [
      'history-file outside the workspace',
      'history-file',
      { ...CODEBUILD, 'history-file': '../elsewhere.json' }
    ]
  ])('%s is an input error before any call', async (_what, input, inputs) => {
    await withEmulator(demoScenario(), async emu => {
      const result = await run(inputs, { env: { ...awsEnv(emu), GITHUB_WORKSPACE: workspace() } })
      expectInputError(result, input, emu)
    })
  })
})
