// `npm run bench:race`: exactly once under races. For every service, 20 pairs of action runs start at once
// against one failed execution (two workflow runs: a scheduled scan and a person's retry), with random latency
// per call and random faults on the retry call (throttling, a lost answer, a garbled 200). Ideal: 1.00 retry
// that took effect per failure, and no run that reports `error`.
import { startEmulator, demoScenario, type FaultSpec } from '../tools/emulator/index.js'
import { NATIVE_RACE_CASES, RACE_CASES } from '../tools/emulator/race.js'
import { runAction } from '../tools/run-action.js'

const PAIRS = Number(process.env.RACE_PAIRS ?? 20)

/** A seeded generator, so a run can be repeated (RACE_SEED). */
function mulberry32(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const FAULTS: readonly FaultSpec[] = [
  {},
  { throttle: 2 },
  { loseResponse: 1 },
  { garble: 1, garbleForm: 'truncated' },
  { garble: 1, garbleForm: 'html' },
  { garble: 1, garbleForm: 'empty' },
  { serverError: 1, serverErrorStatus: 503 }
]

async function main(): Promise<void> {
  const random = mulberry32(Number(process.env.RACE_SEED ?? 7))
  const emu = await startEmulator(demoScenario())
  console.log(`race: ${PAIRS} pairs of concurrent runs per service, random latency 0-150 ms, random faults`)
  console.log('service          retries/failure (ideal 1.00)  runs in error (ideal 0)  statuses')
  let allGood = true
  try {
    for (const race of RACE_CASES) {
      let applied = 0
      let errors = 0
      const statuses = new Map<string, number>()
      for (let pair = 0; pair < PAIRS; pair++) {
        emu.reset()
        emu.inject('*', { latencyMs: Math.floor(random() * 150) })
        const fault = FAULTS[Math.floor(random() * FAULTS.length)] ?? {}
        emu.inject(race.retryOperation, { ...fault, latencyMs: Math.floor(random() * 150) })
        const runs = await Promise.all(
          ['1658821001', '1658821002'].map(runId =>
            runAction({
              inputs: race.inputs(emu),
              env: { ...race.env(emu), GITHUB_RUN_ID: runId },
              timeoutMs: 120_000
            })
          )
        )
        applied += emu.retriesApplied(race.service)
        for (const run of runs) {
          const status = run.outputs.status ?? '(none)'
          statuses.set(status, (statuses.get(status) ?? 0) + 1)
          if (status === 'error' || run.exitCode !== 0) errors++
        }
      }
      const perFailure = applied / PAIRS
      if (perFailure !== 1 || errors !== 0) allGood = false
      const list = [...statuses].map(([s, n]) => `${s} ${n}`).join(', ')
      console.log(
        `${race.service.padEnd(16)} ${perFailure.toFixed(2).padEnd(29)} ${String(errors).padEnd(24)} ${list}`
      )
    }
  } finally {
    await emu.close()
  }
  if (!(await native(random))) allGood = false
  if (!allGood) process.exitCode = 1
}

/**
 * The action against the service's own retry: each time the execution has just failed and the service retries it
 * by itself 0-2 s later, while the action (with random latency) scans it. Ideal: 1.00 retry per failure.
 */
async function native(random: () => number): Promise<boolean> {
  const times = Math.max(5, Math.floor(PAIRS / 2))
  console.log(
    `\nrace with the service's own retry: ${times} failures per service, the service retrying 0-2 s after`
  )
  console.log('service          retries/failure (ideal 1.00)  runs in error (ideal 0)  statuses')
  let good = true
  for (const race of NATIVE_RACE_CASES) {
    let applied = 0
    let errors = 0
    const statuses = new Map<string, number>()
    for (let i = 0; i < times; i++) {
      const emu = await startEmulator(race.scenario(Math.floor(random() * 2000)))
      try {
        emu.inject('*', { latencyMs: Math.floor(random() * 150) })
        const run = await runAction({
          inputs: { ...race.inputs, wait: 'true', 'poll-interval-seconds': '1', 'timeout-minutes': '1' },
          env: {
            AWS_REGION: 'us-east-1',
            AWS_ENDPOINT_URL_CODEPIPELINE: emu.url,
            AWS_ENDPOINT_URL_CODEBUILD: emu.url
          },
          timeoutMs: 120_000
        })
        applied += race.retries(emu)
        const status = run.outputs.status ?? '(none)'
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
        if (status === 'error' || run.exitCode !== 0) errors++
      } finally {
        await emu.close()
      }
    }
    const perFailure = applied / times
    if (perFailure !== 1 || errors !== 0) good = false
    const list = [...statuses].map(([s, n]) => `${s} ${n}`).join(', ')
    console.log(
      `${race.service.padEnd(16)} ${perFailure.toFixed(2).padEnd(29)} ${String(errors).padEnd(24)} ${list}`
    )
  }
  return good
}

await main()
