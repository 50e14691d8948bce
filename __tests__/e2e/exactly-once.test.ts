// End to end: exactly once under races and faults, for every service. Two action processes against one
// emulator, answers lost, cut or garbled after the server acted, and someone else retrying between two of
// the action's calls. Each test counts the retries that took effect on the emulator.
import { describe, expect, it } from '@jest/globals'
import { RACE_CASES, retryAsSomeoneElse } from '../../tools/emulator/race.js'
import { resultsOf, run, useEmulator, type ActionRun } from './helpers.js'

const FORMS = ['truncated', 'html', 'empty', 'cut'] as const

/** A second workflow run: the runner gives every run its own ID. */
const OTHER_RUN = { GITHUB_RUN_ID: '1658821999' }

function expectNoError(result: ActionRun): void {
  expect(resultsOf(result)[0]!.status).not.toBe('error')
  expect(result.exitCode).toBe(0)
}

describe.each(RACE_CASES)('exactly once: $service', race => {
  const fx = useEmulator()

  const runIt = (extraInputs: Record<string, string> = {}, env: Record<string, string> = {}) =>
    run({ ...race.inputs(fx.emu), ...extraInputs }, { env: { ...race.env(fx.emu), ...env } })

  it('two runs at once (150 ms a call): one retry takes effect, and neither run reports an error', async () => {
    fx.emu.inject('*', { latencyMs: 150 })
    const [a, b] = await Promise.all([runIt(), runIt({}, OTHER_RUN)])
    // Cloud Build alone has no idempotency token and never refuses a retry: two runs that read the same failed
    // build at the same moment can each start one (the contract's "More engines"; the README's concurrency group).
    if (race.service === 'cloud-build') expect([1, 2]).toContain(fx.emu.retriesApplied(race.service))
    else expect(fx.emu.retriesApplied(race.service)).toBe(1)
    for (const result of [a, b]) {
      expectNoError(result)
      expect(['in-progress', 'nothing-to-retry']).toContain(result.outputs.status)
    }
    expect([a, b].filter(r => r.outputs.retried === 'true').length).toBeGreaterThanOrEqual(1)
    const loser = [a, b].find(r => r.outputs.status === 'nothing-to-retry')
    if (loser)
      expect(resultsOf(loser)[0]!.message).toMatch(
        // Each service's own word for running (Azure Pipelines inProgress, Cloud Build QUEUED or WORKING).
        /already being retried, not by this step|is (IN_PROGRESS|Executing|RUNNING|InProgress|in_progress|inProgress|QUEUED|WORKING)/
      )
  })

  it('throttled while someone else retries and it fails again: nothing more is sent (max-attempts 1)', async () => {
    race.failed(fx.emu).outcomes = [{ result: 'failed', failureReason: 'failed again' }]
    fx.emu.inject(race.retryOperation, { throttle: 3 })
    fx.emu.onCall(race.retryOperation, async (call, nth) => {
      // Accepted: 200, or GitHub's 201 Created.
      if (nth === 2) expect([200, 201]).toContain(await retryAsSomeoneElse(fx.emu, call))
    })
    const result = await runIt({ 'max-attempts': '1' })
    expectNoError(result)
    expect(fx.emu.retriesApplied(race.service)).toBe(1)
    expect(result.outputs.retried).toBe('false')
    // CodeArts keeps no retry counter: the cap cannot apply, the re-read still stops the re-send.
    expect(result.outputs.status).toBe(race.service === 'codearts' ? 'nothing-to-retry' : 'skipped')
  })

  it.each(FORMS)('an unreadable answer (%s) after the server acted: checked, not sent again', async form => {
    fx.emu.inject(race.retryOperation, { garble: 1, garbleForm: form })
    const result = await runIt()
    expectNoError(result)
    expect(result.outputs).toMatchObject({ retried: 'true', status: 'in-progress' })
    expect(fx.emu.retriesApplied(race.service)).toBe(1)
    expect(fx.emu.callsTo(race.retryOperation)).toHaveLength(1)
  })

  it('a lost answer, and the retried execution fails again within the back-off: not sent again', async () => {
    race.failed(fx.emu).outcomes = [{ result: 'failed', failureReason: 'failed again' }]
    fx.emu.inject(race.retryOperation, { loseResponse: 1 })
    const result = await runIt()
    expectNoError(result)
    expect(result.outputs.retried).toBe('true')
    expect(fx.emu.retriesApplied(race.service)).toBe(1)
    expect(fx.emu.callsTo(race.retryOperation)).toHaveLength(1)
  })

  it('five lost answers in a row: one retry, and a clear answer', async () => {
    fx.emu.inject(race.retryOperation, { loseResponse: 5 })
    const result = await runIt()
    expect(fx.emu.retriesApplied(race.service)).toBe(1)
    expect(fx.emu.callsTo(race.retryOperation)).toHaveLength(1)
    expect(result.outputs.retried).toBe('true')
  })
})

describe('exactly once: discovery never falls back', () => {
  const fx = useEmulator()

  it('codebuild: a newest build that is listed but not returned is an error, never the older failure', async () => {
    const race = RACE_CASES.find(c => c.service === 'codebuild')!
    const project = fx.emu.state.codebuild.projects.get('integration-tests')!
    // A newer build appears in the listing but BatchGetBuilds does not return it.
    fx.emu.onCall('BatchGetBuilds', () => {
      const newest = project.builds.at(-1)!
      fx.emu.state.codebuild.builds.delete(newest.id)
    })
    const result = await run(race.inputs(fx.emu), { env: race.env(fx.emu) })
    expect(result.exitCode).toBe(1)
    expect(result.outputs.status).toBe('error')
    expect(resultsOf(result)[0]!.message).toContain('was listed but could not be read; not falling back')
    expect(fx.emu.callsTo('RetryBuild')).toHaveLength(0)
  })
})
