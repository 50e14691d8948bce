// The benchmark's load: many seeded targets, 50 ms per call, 16 calls at a time.
import { afterEach, describe, expect, it } from '@jest/globals'
import { scaledScenario, startEmulator, type Emulator } from '../../tools/emulator/index.js'
import { awsOk } from './helpers.js'

let emu: Emulator
afterEach(async () => {
  await emu.close()
})

/** Runs `work` over `items`, `limit` at a time. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T)
  }
  await Promise.all(Array.from({ length: limit }, worker))
}

describe('at benchmark scale', () => {
  it('seeds 500 targets per service quickly and answers 500 retries at concurrency 16 with 50 ms latency', async () => {
    const seeded = performance.now()
    emu = await startEmulator(scaledScenario(500), { latencyMs: 50 })
    // Generous bounds that still tell concurrency from serial work (which takes 10x longer).
    expect(performance.now() - seeded).toBeLessThan(10_000)
    const indexes = Array.from({ length: 500 }, (_, i) => i + 1)
    const started = performance.now()
    await pool(indexes, 16, async i => {
      const project = `bench-project-${i}`
      const { ids } = await awsOk(emu, 'codebuild', 'ListBuildsForProject', { projectName: project })
      await awsOk(emu, 'codebuild', 'RetryBuild', { id: ids[0] })
    })
    // 1000 calls / 16 at a time * 50 ms = 3.1 s at best; one at a time it would take 50 s.
    expect(performance.now() - started).toBeLessThan(20_000)
    expect(emu.callsTo('RetryBuild')).toHaveLength(500)
    expect(emu.state.codebuild.builds.size).toBe(1000)
  })

  it('serves 200 simultaneous requests', async () => {
    emu = await startEmulator(scaledScenario(200), { latencyMs: 50 })
    const started = performance.now()
    await Promise.all(
      Array.from({ length: 200 }, (_, k) =>
        awsOk(emu, 'sagemaker', 'ListPipelineExecutions', { PipelineName: `bench-sm-${k + 1}` })
      )
    )
    // One at a time, 200 calls of 50 ms would take 10 s.
    expect(performance.now() - started).toBeLessThan(5000)
  })
})
