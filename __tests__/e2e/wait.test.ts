// End to end: `wait` for every service, against the emulator. Each case gets its own emulator so the cases
// (most of which spend seconds polling) run concurrently and the file stays well under its time budget.
import type { ChildProcess } from 'node:child_process'
import { describe, expect, it } from '@jest/globals'
import { errorLines, resultsOf, run, waitForCalls, type ActionRun, type Emulator } from './helpers.js'
import { NEVER, SERVICES, WAIT, withEmu, type ServiceCase } from './service-cases.js'

/** Status reads after the retry call. */
function readsAfterRetry(emu: Emulator, c: ServiceCase): number {
  const retry = emu.calls.indexOf(emu.callsTo(c.retryOp)[0]!)
  expect(retry).toBeGreaterThanOrEqual(0)
  const reads = new Set(c.statusOps.flatMap(op => emu.callsTo(op)))
  return emu.calls.slice(retry + 1).filter(call => reads.has(call)).length
}

/** Runs the action and sends `signal` once the retry call reached the emulator; returns the ms to exit. */
async function interrupted(
  emu: Emulator,
  c: ServiceCase,
  inputs: Record<string, string>,
  signal: NodeJS.Signals = 'SIGINT'
): Promise<{ result: ActionRun; exitMs: number }> {
  let signalledAt = 0
  let signalled: Promise<void> = Promise.resolve()
  const onSpawn = (child: ChildProcess): void => {
    signalled = waitForCalls(emu, c.retryOp).then(() => {
      signalledAt = Date.now()
      child.kill(signal)
    })
  }
  const result = await run(inputs, { env: c.env(emu), onSpawn, timeoutMs: 20_000 })
  await signalled
  expect(signalledAt).toBeGreaterThan(0)
  return { result, exitMs: Date.now() - signalledAt }
}

describe.each(SERVICES)('wait: $service', c => {
  it.concurrent('a retried execution that succeeds after a few polls: succeeded, exit 0', async () => {
    const settleAfterReads = 2
    await withEmu(c, { result: 'succeeded', settleAfterReads }, async emu => {
      const result = await run({ ...c.inputs(emu), ...WAIT }, { env: c.env(emu) })
      expect(errorLines(result)).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(result.outputs).toMatchObject({ retried: 'true', status: 'succeeded' })
      expect(resultsOf(result)[0]).toMatchObject({ retried: true, status: 'succeeded' })
      expect(result.summary).toContain('✅ succeeded')
      expect(emu.callsTo(c.retryOp)).toHaveLength(1)
      const reads = readsAfterRetry(emu, c)
      expect(reads).toBeGreaterThanOrEqual(settleAfterReads + 1)
      expect(reads).toBeLessThanOrEqual(settleAfterReads + 2)
      expect(emu.callsTo(c.stopOp)).toHaveLength(0)
    })
  })

  it.concurrent('a retried execution that fails: failed, exit 1, the reason in the message', async () => {
    await withEmu(c, c.failedOutcome, async emu => {
      const result = await run({ ...c.inputs(emu), ...WAIT }, { env: c.env(emu) })
      expect(result.exitCode).toBe(1)
      expect(result.outputs).toMatchObject({ retried: 'true', status: 'failed' })
      const errors = errorLines(result)
      expect(errors).toHaveLength(1)
      for (const part of c.failure) {
        expect(errors[0]).toContain(part)
        expect(resultsOf(result)[0]!.message).toContain(part)
      }
      expect(emu.callsTo(c.retryOp)).toHaveLength(1)
    })
  })

  it.concurrent('a wait that times out: timed-out, exit 1, the execution is left running', async () => {
    await withEmu(c, NEVER, async emu => {
      const result = await run({ ...c.inputs(emu), ...WAIT, 'timeout-minutes': '0.05' }, { env: c.env(emu) })
      expect(result.exitCode).toBe(1)
      expect(result.outputs).toMatchObject({ retried: 'true', status: 'timed-out' })
      expect(result.durationMs).toBeGreaterThanOrEqual(3000)
      expect(result.durationMs).toBeLessThan(10_000)
      expect(errorLines(result)).toHaveLength(1)
      expect(emu.callsTo(c.stopOp)).toHaveLength(0)
      expect(c.state(emu)).toBe(c.running)
    })
  })

  it.concurrent(
    'SIGINT with cancel-on-abort: the execution is stopped, outputs set, exit 1 within 5 s',
    async () => {
      await withEmu(c, NEVER, async emu => {
        const { result, exitMs } = await interrupted(emu, c, {
          ...c.inputs(emu),
          ...WAIT,
          'cancel-on-abort': 'true'
        })
        expect(result.exitCode).toBe(1)
        expect(result.signal).toBeNull()
        expect(exitMs).toBeLessThan(5000)
        expect(emu.callsTo(c.stopOp)).toHaveLength(1)
        expect(c.state(emu)).toBe(c.stopped)
        expect(result.outputs).toMatchObject({ retried: 'true', status: 'stopped' })
        expect(result.outputs['execution-id']).not.toBe('')
        expect(resultsOf(result)[0]).toMatchObject({ status: 'stopped', retried: true })
        expect(errorLines(result)).toEqual([expect.stringContaining('Cancelled')])
      })
    }
  )

  it.concurrent('SIGINT without cancel-on-abort: no stop call, status in-progress, exit 1', async () => {
    await withEmu(c, NEVER, async emu => {
      const { result, exitMs } = await interrupted(emu, c, { ...c.inputs(emu), ...WAIT })
      expect(result.exitCode).toBe(1)
      expect(exitMs).toBeLessThan(5000)
      expect(emu.callsTo(c.stopOp)).toHaveLength(0)
      expect(c.state(emu)).toBe(c.running)
      expect(result.outputs).toMatchObject({ retried: 'true', status: 'in-progress' })
      expect(result.outputs['execution-id']).not.toBe('')
    })
  })
})

describe('wait: SIGTERM', () => {
  it.concurrent('SIGTERM with cancel-on-abort stops the execution like SIGINT', async () => {
    const c = SERVICES.find(s => s.service === 'codebuild')!
    await withEmu(c, NEVER, async emu => {
      const { result, exitMs } = await interrupted(
        emu,
        c,
        { ...c.inputs(emu), ...WAIT, 'cancel-on-abort': 'true' },
        'SIGTERM'
      )
      expect(result.exitCode).toBe(1)
      expect(exitMs).toBeLessThan(5000)
      expect(emu.callsTo(c.stopOp)).toHaveLength(1)
      expect(result.outputs).toMatchObject({ retried: 'true', status: 'stopped' })
    })
  })
})
