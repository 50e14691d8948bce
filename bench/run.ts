// `npm run bench`: the numbers behind two promises, measured against the local emulator with the bundled action.
//  1. Waiting costs at most N + 2 API calls for an execution that takes N poll intervals (nothing throttled).
//  2. 500 targets at 50 ms per call and concurrency 16 take about (calls x latency / concurrency), in little memory.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
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

const RETRY_OPS = new Set([
  'RetryStageExecution',
  'RetryBuild',
  'RetryBuildBatch',
  'RetryPipelineExecution',
  'retry'
])

function awsEnv(emu: Emulator): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_CODEPIPELINE: emu.url,
    AWS_ENDPOINT_URL_CODEBUILD: emu.url,
    AWS_ENDPOINT_URL_SAGEMAKER: emu.url
  }
}

/** Every seeded execution gets this outcome when retried. */
function withOutcome(scenario: Scenario, outcome: RetryOutcome): Scenario {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit)
    else if (node && typeof node === 'object') {
      if ('status' in node && 'startTime' in node) (node as { onRetry?: RetryOutcome }).onRetry = outcome
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
  }
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
          ...(service === 'codearts' ? { endpoint: emu.url } : {})
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

/** Target lines for `perService` targets of each service, interleaved so every service's limit is shared fairly. */
function targetLines(perService: number): string {
  const lines: string[] = []
  for (let i = 1; i <= perService; i++)
    lines.push(
      `codepipeline:bench-pipeline-${i}`,
      `codebuild:bench-project-${i}`,
      `codebuild-batch:bench-project-${i}`,
      `sagemaker:bench-sm-${i}`,
      `codearts:${SCALED_CODEARTS_PROJECT}/${scaledCodeArtsPipeline(i)}`
    )
  return lines.join('\n')
}

async function manyTargets(perService: number, latencyMs: number, concurrency: number): Promise<void> {
  const targets = perService * 5
  console.log(`\n## ${targets} targets, ${latencyMs} ms per call, concurrency ${concurrency}`)
  const emu = await startEmulator(scaledScenario(perService), { latencyMs })
  const rssFile = join(mkdtempSync(join(tmpdir(), 'bench-')), 'rss')
  try {
    const run = await runAction({
      inputs: {
        targets: targetLines(perService),
        concurrency: String(concurrency),
        endpoint: emu.url,
        'huaweicloud-auth-token': DEMO_IDS.huaweiToken,
        'max-attempts': '0'
      },
      env: { ...awsEnv(emu), MAX_RSS_FILE: rssFile },
      nodeArgs: ['--import', join(import.meta.dirname, 'max-rss.mjs')],
      timeoutMs: 600_000
    })
    const results = JSON.parse(run.outputs.results ?? '[]') as { status: string }[]
    const retried = results.filter(r => r.status === 'in-progress').length
    const calls = emu.calls.length
    const ideal = (calls * latencyMs) / concurrency
    const rssMb = Number(readFileSync(rssFile, 'utf8')) / 1024 / 1024
    console.log(`exit code ${run.exitCode}; ${retried} of ${targets} targets retried; ${calls} API calls`)
    console.log(`elapsed ${(run.durationMs / 1000).toFixed(2)} s (process start to exit)`)
    console.log(`ideal   ${(ideal / 1000).toFixed(2)} s (calls x latency / concurrency)`)
    console.log(`ratio   ${(run.durationMs / ideal).toFixed(2)} x ideal (aim: <= 1.3)`)
    console.log(`peak memory ${rssMb.toFixed(1)} MB RSS (aim: < 150)`)
  } finally {
    await emu.close()
  }
}

const quick = process.argv.includes('--quick')
await waitCalls(quick ? 2 : 4, 'succeeded')
await waitCalls(quick ? 2 : 4, 'failed')
await manyTargets(quick ? 20 : 100, 50, 16)
