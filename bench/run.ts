// `npm run bench`: the numbers behind the action's promises, measured against the local emulator with the bundled
// action, each printed next to its ideal.
//  1. Waiting costs at most N + 2 API calls for an execution that takes N poll intervals (nothing throttled).
//  2. A fleet from a targets file (patterns and lines) takes about the larger of its latency ideal and its own CPU.
//  3. Under a service quota, a scan takes about the quota's minimum, with few requests throttled.
//  4. Waiting does not hold a worker place: 1,000 waiting targets take about discovery + one run; reads batch.
//  5. Matching is linear: globs and retry-on over 1,000 and 10,000 hostile names of 256 characters.
//  6. Retry memory: a history of 5,000 targets x 90 runs read, updated, trimmed and written.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  clientEnv,
  DEMO_IDS,
  SCALED_CODEARTS_PROJECT,
  demoScenario,
  scaledCodeArtsPipeline,
  scaledScenario,
  startEmulator,
  type Emulator,
  type RetryOutcome,
  type Scenario
} from '../tools/emulator/index.js'
import { runAction } from '../tools/run-action.js'
import { historyBench } from './history.js'
import { matching } from './matching.js'

const RETRY_OPS = new Set([
  'RetryStageExecution',
  'RetryBuild',
  'RetryBuildBatch',
  'RetryPipelineExecution',
  'retry',
  'ReRunWorkflowFailedJobs',
  'RedriveExecution',
  'Stages_Update',
  'RetryBuild'
])

const awsEnv = (emu: Emulator): Record<string, string> => clientEnv(emu.url)

/** Every seeded execution gets this outcome when retried. */
function withOutcome(scenario: Scenario, outcome: RetryOutcome): Scenario {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit)
    else if (node && typeof node === 'object') {
      // Executions have a status and a start (GitHub runs: a creation) time.
      if ('status' in node && ('startTime' in node || 'createdAt' in node))
        (node as { onRetry?: RetryOutcome }).onRetry = outcome
      Object.values(node).forEach(visit)
    }
  }
  visit(scenario)
  return scenario
}

const singleInputs: Record<string, Record<string, string>> = {
  codepipeline: { service: 'codepipeline', 'pipeline-name': 'release-pipeline' },
  codebuild: { service: 'codebuild', 'project-name': 'integration-tests' },
  'codebuild-batch': { service: 'codebuild-batch', 'project-name': 'nightly-matrix' },
  sagemaker: { service: 'sagemaker', 'pipeline-name': 'train-and-register' },
  codearts: {
    service: 'codearts',
    'project-id': DEMO_IDS.codeartsProject,
    'pipeline-id': DEMO_IDS.codeartsPipeline,
    'huaweicloud-auth-token': DEMO_IDS.huaweiToken
  },
  'github-actions': {
    service: 'github-actions',
    workflow: DEMO_IDS.githubWorkflow,
    'github-token': DEMO_IDS.githubToken
  },
  stepfunctions: { service: 'stepfunctions', 'state-machine': DEMO_IDS.stepfunctionsMachine },
  'azure-pipelines': {
    service: 'azure-pipelines',
    'azure-organization': DEMO_IDS.azureOrganization,
    'azure-project': DEMO_IDS.azureProject,
    'azure-pipeline': DEMO_IDS.azurePipeline
  },
  'cloud-build': { service: 'cloud-build', 'gcp-project': DEMO_IDS.gcpProject, trigger: DEMO_IDS.gcpTrigger }
}

async function waitCalls(intervals: number, result: 'succeeded' | 'failed'): Promise<void> {
  console.log(
    `\n## API calls while waiting for an execution that takes N = ${intervals} poll intervals (${result})`
  )
  console.log('service          calls after the retry   budget N + 2   status')
  const emu = await startEmulator(
    withOutcome(demoScenario(), { result, settleAfterReads: intervals - 1, failureReason: 'flaky' })
  )
  try {
    for (const [service, inputs] of Object.entries(singleInputs)) {
      emu.reset()
      const run = await runAction({
        inputs: {
          ...inputs,
          wait: 'true',
          'poll-interval-seconds': '1',
          ...(service === 'codearts' || service === 'github-actions' ? { endpoint: emu.url } : {})
        },
        env: awsEnv(emu)
      })
      const retryAt = emu.calls.findIndex(c => RETRY_OPS.has(c.operation))
      const after = emu.calls.length - retryAt - 1
      const ok = after <= intervals + 2 ? 'ok' : 'OVER BUDGET'
      console.log(
        `${service.padEnd(17)}${String(after).padEnd(24)}${String(intervals + 2).padEnd(15)}${run.outputs.status ?? '?'} (${ok})`
      )
    }
  } finally {
    await emu.close()
  }
}

interface Measured {
  run: Awaited<ReturnType<typeof runAction>>
  rssMb: number
  cpuMs: number
}

/** Runs the bundled action with the probe that records its peak memory and CPU time. */
async function measured(
  emu: Emulator,
  inputs: Record<string, string>,
  env: Record<string, string> = {}
): Promise<Measured> {
  const probeFile = join(mkdtempSync(join(tmpdir(), 'bench-')), 'usage')
  const run = await runAction({
    inputs,
    env: { ...awsEnv(emu), ...env, MAX_RSS_FILE: probeFile },
    nodeArgs: ['--import', join(import.meta.dirname, 'max-rss.mjs')],
    timeoutMs: 900_000
  })
  const usage = JSON.parse(readFileSync(probeFile, 'utf8')) as { maxRss: number; cpuMs: number }
  return { run, rssMb: usage.maxRss / 1024 / 1024, cpuMs: usage.cpuMs }
}

const ratio = (value: number, ideal: number, aim: number): string =>
  `${(value / ideal).toFixed(2)} x (aim: <= ${aim}) ${value / ideal <= aim ? 'ok' : 'OVER'}`

/**
 * A fleet from a targets file: `perService` targets of each service, three services written as patterns
 * (listed, paged) and two as plain lines; every one retried, `latencyMs` per call, concurrency 64.
 */
async function fleetFromFile(perService: number, latencyMs: number): Promise<void> {
  const targets = perService * 5
  console.log(`\n## ${targets} targets from a targets file, ${latencyMs} ms per call, concurrency 64`)
  const emu = await startEmulator(scaledScenario(perService), { latencyMs })
  const workspace = mkdtempSync(join(tmpdir(), 'bench-workspace-'))
  const lines = [
    '# nightly recovery: patterns for three services, one line a target for two',
    'codepipeline:bench-pipeline-*',
    'codebuild:bench-project-*',
    'sagemaker:bench-sm-*',
    ...Array.from({ length: perService }, (_, k) => `codebuild-batch:bench-project-${k + 1}`),
    ...Array.from(
      { length: perService },
      (_, k) => `codearts:${SCALED_CODEARTS_PROJECT}/${scaledCodeArtsPipeline(k + 1)}`
    )
  ]
  writeFileSync(join(workspace, 'targets.txt'), lines.join('\n'))
  try {
    const { run, rssMb, cpuMs } = await measured(
      emu,
      {
        'targets-file': 'targets.txt',
        concurrency: '64',
        'huaweicloud-auth-token': DEMO_IDS.huaweiToken,
        'max-attempts': '0'
      },
      { GITHUB_WORKSPACE: workspace, HUAWEICLOUD_ENDPOINT_URL_CODEARTS: emu.url }
    )
    const results = JSON.parse(run.resultsFile || '[]') as { status: string }[]
    const retried = results.filter(r => r.status === 'in-progress').length
    const calls = emu.calls.length
    const latencyIdeal = (calls * latencyMs) / 64
    const floor = Math.max(latencyIdeal, cpuMs)
    console.log(`exit code ${run.exitCode}; ${retried} of ${targets} targets retried; ${calls} API calls`)
    console.log(`elapsed      ${(run.durationMs / 1000).toFixed(2)} s (process start to exit)`)
    console.log(`latency ideal ${(latencyIdeal / 1000).toFixed(2)} s (calls x latency / concurrency)`)
    console.log(
      `action CPU   ${(cpuMs / 1000).toFixed(2)} s (user + system; ${(cpuMs / calls).toFixed(2)} ms a call)`
    )
    console.log(`ratio        ${ratio(run.durationMs, floor, 1.3)} of the larger of the two`)
    console.log(`peak memory  ${rssMb.toFixed(1)} MB RSS (aim: <= 300) ${rssMb <= 300 ? 'ok' : 'OVER'}`)
  } finally {
    await emu.close()
  }
}

/** `targets` CodeBuild targets under a quota of `quota` requests a second on the read every target makes. */
async function throttledFleet(targets: number, quota: number): Promise<void> {
  console.log(
    `\n## ${targets} targets, ListBuildsForProject limited to ${quota} requests a second, concurrency 16`
  )
  const emu = await startEmulator(scaledScenario(targets), {
    quotas: { 'codebuild:ListBuildsForProject': quota }
  })
  try {
    const { run } = await measured(emu, {
      targets: Array.from({ length: targets }, (_, k) => `codebuild:bench-project-${k + 1}`).join('\n'),
      concurrency: '16',
      'max-attempts': '0'
    })
    const results = JSON.parse(run.resultsFile || '[]') as { status: string }[]
    const errors = results.filter(r => r.status === 'error').length
    const bottleneck = emu.callsTo('codebuild:ListBuildsForProject')
    const throttled = emu.calls.filter(c => c.fault === 'throttle').length
    const minimum = (targets / quota) * 1000
    console.log(`exit code ${run.exitCode}; ${errors} targets in error; ${emu.calls.length} API calls`)
    console.log(`elapsed   ${(run.durationMs / 1000).toFixed(2)} s`)
    console.log(`minimum   ${(minimum / 1000).toFixed(2)} s (${targets} reads at ${quota} a second)`)
    console.log(`ratio     ${ratio(run.durationMs, minimum, 1.1)}`)
    console.log(
      `throttled ${throttled} of ${emu.calls.length} requests (${((100 * throttled) / emu.calls.length).toFixed(2)}%, aim: < 3%); ` +
        `${bottleneck.length} bottleneck reads for ${targets} targets`
    )
  } finally {
    await emu.close()
  }
}

/** `targets` CodeBuild targets with `wait`, each retried build running `runMs`, at concurrency 4. */
async function waitingFleet(targets: number, runMs: number): Promise<void> {
  console.log(
    `\n## ${targets} targets with wait, each retried build running ${runMs / 1000} s, concurrency 4`
  )
  const emu = await startEmulator(
    withOutcome(scaledScenario(targets), { result: 'succeeded', settleAfterMs: runMs })
  )
  try {
    const { run } = await measured(emu, {
      targets: Array.from({ length: targets }, (_, k) => `codebuild:bench-project-${k + 1}`).join('\n'),
      concurrency: '4',
      wait: 'true',
      'poll-interval-seconds': '1',
      'max-attempts': '0'
    })
    const results = JSON.parse(run.resultsFile || '[]') as { status: string }[]
    const succeeded = results.filter(r => r.status === 'succeeded').length
    const retries = emu.callsTo('RetryBuild')
    const started = emu.calls[0]?.at ?? 0
    const discoveryMs = Math.max(...retries.map(c => c.at)) - started
    const retried = new Set(
      [...emu.state.codebuild.builds.values()].filter(b => b.retryOf !== undefined).map(b => b.id)
    )
    const statusReads = emu
      .callsTo('BatchGetBuilds')
      .filter(c => ((c.body as { ids?: string[] }).ids ?? []).every(id => retried.has(id)))
    const polls = new Set(statusReads.map(c => Math.round(c.at / 1000))).size
    const bound = polls * Math.ceil(targets / 100)
    const ideal = discoveryMs + runMs
    console.log(`exit code ${run.exitCode}; ${succeeded} of ${targets} succeeded`)
    console.log(`elapsed   ${(run.durationMs / 1000).toFixed(2)} s`)
    console.log(
      `ideal     ${(ideal / 1000).toFixed(2)} s (discovery and retries ${(discoveryMs / 1000).toFixed(2)} s + one run)`
    )
    console.log(`ratio     ${ratio(run.durationMs, ideal, 1.3)}`)
    console.log(
      `status reads ${statusReads.length} calls over ${polls} polls (bound: polls x ceil(${targets} / 100) = ${bound}) ` +
        (statusReads.length <= bound ? 'ok' : 'OVER')
    )
  } finally {
    await emu.close()
  }
}

// `npm run bench -- [--quick] [wait|fleet|throttled|waiting|matching|history ...]`: all sections, or the ones named.
const quick = process.argv.includes('--quick')
const named = process.argv.slice(2).filter(a => !a.startsWith('--'))
const run = (section: string): boolean => named.length === 0 || named.includes(section)
if (run('wait')) {
  await waitCalls(quick ? 2 : 4, 'succeeded')
  await waitCalls(quick ? 2 : 4, 'failed')
}
if (run('fleet')) await fleetFromFile(quick ? 100 : 1000, 50)
if (run('throttled')) await throttledFleet(quick ? 100 : 1000, 10)
if (run('waiting')) await waitingFleet(quick ? 100 : 1000, quick ? 3000 : 10_000)
if (run('matching')) matching()
if (run('history')) historyBench()
