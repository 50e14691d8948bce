// `npm run bench:cancel`: how fast a cancelled step reports. The bundled action runs against the emulator
// and gets SIGINT in each phase: during discovery (a hung read), during the retry call (a hung call), while
// waiting with cancel-on-abort and a stop call that takes 2 s, and in targets mode with 200 targets. Prints
// the time from the signal to the exit (the contract's bound: 5,000 ms; ideal: as short as the phase allows)
// and whether every output, the results file and the summary were written.
import type { ChildProcess } from 'node:child_process'
import {
  demoScenario,
  scaledScenario,
  startEmulator,
  type Emulator,
  type Scenario
} from '../tools/emulator/index.js'
import { runAction, type ActionRun } from '../tools/run-action.js'

const ROUNDS = Number(process.env.CANCEL_ROUNDS ?? 5)

interface Phase {
  name: string
  /** The bound the contract sets, and what the phase itself needs at least (the stop call's own delay). */
  idealMs: number
  scenario: () => Scenario
  inputs: Record<string, string>
  arm: (emu: Emulator, kill: () => void) => void
}

const CODEBUILD = { service: 'codebuild', 'project-name': 'integration-tests' }

const PHASES: Phase[] = [
  {
    name: 'discovery (hung read)',
    idealMs: 0,
    scenario: demoScenario,
    inputs: CODEBUILD,
    arm: (emu, kill) => {
      emu.inject('ListBuildsForProject', { hang: 1 })
      emu.onCall('ListBuildsForProject', kill)
    }
  },
  {
    name: 'retry call (hung)',
    idealMs: 0,
    scenario: demoScenario,
    inputs: CODEBUILD,
    arm: (emu, kill) => {
      emu.inject('RetryBuild', { hang: 1 })
      emu.onCall('RetryBuild', kill)
    }
  },
  {
    name: 'wait + cancel-on-abort, 2 s stop',
    idealMs: 2000,
    scenario: () => {
      const s = demoScenario()
      for (const project of s.codebuild?.projects ?? [])
        for (const build of project.builds ?? [])
          build.onRetry = { result: 'succeeded', settleAfterReads: 10_000 }
      return s
    },
    inputs: { ...CODEBUILD, wait: 'true', 'poll-interval-seconds': '1', 'cancel-on-abort': 'true' },
    arm: (emu, kill) => {
      emu.inject('StopBuild', { latencyMs: 2000 })
      emu.onCall('BatchGetBuilds', (_call, nth) => {
        if (nth === 3) kill()
      })
    }
  },
  {
    name: 'targets: 200, SIGINT at the 20th',
    idealMs: 0,
    scenario: () => ({ ...scaledScenario(200), latencyMs: 40 }),
    inputs: {
      targets: Array.from({ length: 200 }, (_, i) => `codebuild:bench-project-${i + 1}`).join('\n'),
      concurrency: '4'
    },
    arm: (emu, kill) =>
      emu.onCall('ListBuildsForProject', (_call, nth) => {
        if (nth === 20) kill()
      })
  }
]

function complete(run: ActionRun): boolean {
  return (
    run.exitCode === 1 &&
    run.outputs.results !== undefined &&
    run.resultsFile !== '' &&
    run.summary.includes('<table>') &&
    /^::error::Cancelled/m.test(run.stdout)
  )
}

async function main(): Promise<void> {
  console.log(`cancel: SIGINT in each phase, ${ROUNDS} rounds; signal -> exit in ms (bound 5000)`)
  console.log('phase                               ideal   median     max   complete')
  let ok = true
  for (const phase of PHASES) {
    const times: number[] = []
    let completeRuns = 0
    for (let round = 0; round < ROUNDS; round++) {
      const emu = await startEmulator(phase.scenario())
      let child: ChildProcess | undefined
      let at = 0
      phase.arm(emu, () => {
        if (at > 0) return
        at = Date.now()
        child?.kill('SIGINT')
      })
      const env = {
        AWS_REGION: 'us-east-1',
        AWS_ENDPOINT_URL_CODEBUILD: emu.url
      }
      const run = await runAction({ inputs: phase.inputs, env, onSpawn: c => (child = c), timeoutMs: 30_000 })
      await emu.close()
      times.push(Date.now() - at)
      if (complete(run)) completeRuns++
    }
    times.sort((a, b) => a - b)
    const median = times[Math.floor(times.length / 2)] ?? 0
    const max = times.at(-1) ?? 0
    ok &&= max < 5000 && completeRuns === ROUNDS
    console.log(
      `${phase.name.padEnd(34)} ${String(phase.idealMs).padStart(6)} ${String(median).padStart(8)} ${String(max).padStart(7)}   ${completeRuns}/${ROUNDS}`
    )
  }
  if (!ok) process.exitCode = 1
}

await main()
