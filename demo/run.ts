// `npm run demo`: the bundled action retrying one failed execution of each of the nine services against the
// local emulator, exactly as GitHub's runner would run it. No credentials, no network.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { clientEnv, DEMO_IDS, demoScenario, startEmulator, type CallRecord } from '../tools/emulator/index.js'
import { runAction } from '../tools/run-action.js'

const bold = (text: string): string => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text)

interface DemoCase {
  title: string
  inputs: Record<string, string>
}

const cases: DemoCase[] = [
  {
    title: 'CodePipeline: release-pipeline failed at Deploy',
    inputs: { service: 'codepipeline', 'pipeline-name': 'release-pipeline' }
  },
  {
    title: 'CodeBuild: the newest build of integration-tests failed',
    inputs: { service: 'codebuild', 'project-name': 'integration-tests' }
  },
  {
    title: 'CodeBuild batch: the newest batch of nightly-matrix failed',
    inputs: { service: 'codebuild-batch', 'project-name': 'nightly-matrix' }
  },
  {
    title: 'SageMaker: the newest execution of train-and-register failed',
    inputs: { service: 'sagemaker', 'pipeline-name': 'train-and-register' }
  },
  {
    title: 'Huawei Cloud CodeArts: the newest run failed (AK/SK signed requests)',
    inputs: {
      service: 'codearts',
      'project-id': DEMO_IDS.codeartsProject,
      'pipeline-id': DEMO_IDS.codeartsPipeline,
      'huaweicloud-ak': DEMO_IDS.huaweiAk,
      'huaweicloud-sk': DEMO_IDS.huaweiSk
    }
  },
  {
    title: 'GitHub Actions: the newest run of ci.yml failed when its runner was lost',
    inputs: { service: 'github-actions', workflow: 'ci.yml', 'retry-on': 'transient' }
  },
  {
    title: 'Step Functions: the newest execution of order-pipeline failed (Lambda.ServiceException)',
    inputs: {
      service: 'stepfunctions',
      'state-machine': DEMO_IDS.stepfunctionsMachine,
      'retry-on': 'transient'
    }
  },
  {
    title: 'Azure Pipelines: stage Deploy of the newest web-release run failed when its agent was lost',
    inputs: {
      service: 'azure-pipelines',
      'azure-organization': DEMO_IDS.azureOrganization,
      'azure-project': DEMO_IDS.azureProject,
      'azure-pipeline': DEMO_IDS.azurePipeline,
      'retry-on': 'transient'
    }
  },
  {
    title: 'Cloud Build: the newest build of trigger deploy-web failed to push its image',
    inputs: {
      service: 'cloud-build',
      'gcp-project': DEMO_IDS.gcpProject,
      trigger: DEMO_IDS.gcpTrigger,
      'retry-on': 'transient'
    }
  }
]

/** The job summary is HTML (a heading and a table); show it as aligned text. */
function summaryAsText(html: string): string {
  const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row = '']) =>
    [...row.matchAll(/<t[hd]>([\s\S]*?)<\/t[hd]>/g)].map(([, cell = '']) =>
      cell
        .replace(/<a href="([^"]*)">[^<]*<\/a>/g, '$1')
        .replace(/<[^>]+>/g, '')
        .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    )
  )
  const lines = rows.flatMap(cells => {
    const [header] = rows
    return (header ?? []).map(
      (name, i) => `    ${(rows[0] === cells ? '' : name).padEnd(10)}${cells[i] ?? ''}`
    )
  })
  const after = html
    .replace(/[\s\S]*<\/table>/, '')
    .replace(/<[^>]+>/g, '')
    .trim()
  return [...lines.slice(rows[0]?.length ?? 0), after ? `    ${after}` : ''].join('\n')
}

function describeCall(call: CallRecord): string {
  const body =
    call.body && typeof call.body === 'object' && Object.keys(call.body).length > 0
      ? ` ${JSON.stringify(call.body)}`
      : ''
  return `    ${call.service.padEnd(12)} ${call.method} ${call.operation}${body.length > 140 ? `${body.slice(0, 137)}...` : body}`
}

const emu = await startEmulator(demoScenario())
// What the runner puts in ${{ github.token }} (the github-token default), and every client pointed at the emulator.
const env = { GITHUB_TOKEN: DEMO_IDS.githubToken, ...clientEnv(emu.url) }
console.log(
  `Emulator of CodePipeline, CodeBuild, SageMaker, Step Functions, CodeArts, GitHub, Azure DevOps and Cloud Build listening at ${emu.url}\n`
)

let failures = 0
try {
  for (const { title, inputs } of cases) {
    const before = emu.calls.length
    const withWait = { ...inputs, wait: 'true', 'poll-interval-seconds': '1' }
    // CodeArts and GitHub take the emulator as their endpoint (AWS reads AWS_ENDPOINT_URL_* from env).
    const endpoint: Record<string, string> =
      inputs.service === 'codearts' || inputs.service === 'github-actions' ? { endpoint: emu.url } : {}
    const run = await runAction({ inputs: { ...withWait, ...endpoint }, env })
    console.log(bold(`▶ ${title}`))
    console.log(
      `  inputs: ${Object.entries(inputs)
        .map(([k, v]) => `${k}=${k.includes('-sk') ? '***' : v}`)
        .join(' ')} wait=true`
    )
    console.log('  API calls made:')
    for (const call of emu.calls.slice(before)) console.log(describeCall(call))
    console.log('  outputs:')
    for (const [name, value] of Object.entries(run.outputs).filter(([name]) => name !== 'results'))
      console.log(`    ${name.padEnd(16)}${value}`)
    console.log('  job summary:')
    console.log(summaryAsText(run.summary))
    console.log(`  exit code ${run.exitCode} in ${run.durationMs} ms\n`)
    if (run.exitCode !== 0 || run.outputs.status !== 'succeeded') {
      failures++
      console.log(run.stdout, run.stderr)
    }
  }
} finally {
  await emu.close()
}

// The retry policy: a fresh scenario with the same two failures, one transient (SageMaker could not get
// capacity: ResourceLimitExceeded) and one deterministic (a CodeBuild test command exited 1).
const policyEmu = await startEmulator(demoScenario())
try {
  const policyEnv = {
    ...env,
    AWS_ENDPOINT_URL_CODEBUILD: policyEmu.url,
    AWS_ENDPOINT_URL_SAGEMAKER: policyEmu.url,
    AWS_ENDPOINT_URL_CODEPIPELINE: policyEmu.url
  }
  const inputs = {
    'retry-on': 'transient',
    targets: 'sagemaker:train-and-register\ncodebuild:integration-tests'
  }
  const run = await runAction({ inputs, env: policyEnv })
  console.log(bold('▶ Retry policy: retry-on: transient over two failures'))
  console.log(
    '  inputs: retry-on=transient targets=sagemaker:train-and-register, codebuild:integration-tests'
  )
  const results = JSON.parse(run.outputs.results ?? '[]') as {
    target: string
    status: string
    failure: string
  }[]
  for (const r of results) console.log(`    ${r.target.padEnd(30)}${r.status.padEnd(14)}${r.failure}`)
  const retried = policyEmu.calls.filter(c => c.operation.startsWith('Retry')).map(c => c.operation)
  console.log(`  retry calls: ${retried.join(', ') || 'none'}\n`)
  const expected = results.map(r => r.status).join(',') === 'in-progress,skipped'
  if (!expected || retried.join(',') !== 'RetryPipelineExecution') {
    failures++
    console.log(run.stdout, run.stderr)
  }
} finally {
  await policyEmu.close()
}
// Retry memory: three scheduled runs with one history file. The CodeBuild project is broken (every retry fails
// again): the third run gives up on it. The SageMaker pipeline flakes: its retry rescues it.
const memoryScenario = demoScenario()
const brokenBuild = memoryScenario.codebuild?.projects
  .find(p => p.name === 'integration-tests')
  ?.builds?.find(b => b.status === 'FAILED')
if (brokenBuild) brokenBuild.onRetry = { result: 'failed', failureReason: 'demo: the tests still fail' }
const memoryEmu = await startEmulator(memoryScenario)
try {
  const workspace = mkdtempSync(join(tmpdir(), 'demo-history-'))
  const memoryEnv = {
    ...env,
    GITHUB_WORKSPACE: workspace,
    AWS_ENDPOINT_URL_CODEBUILD: memoryEmu.url,
    AWS_ENDPOINT_URL_SAGEMAKER: memoryEmu.url
  }
  const inputs = {
    targets: 'codebuild:integration-tests\nsagemaker:train-and-register',
    'history-file': 'history.json',
    'give-up-after': '2',
    'max-attempts': '0'
  }
  console.log(bold('▶ Retry memory: three scheduled runs, one history file, give-up-after 2'))
  let last: Awaited<ReturnType<typeof runAction>> | undefined
  for (const night of [1, 2, 3]) {
    last = await runAction({ inputs, env: { ...memoryEnv, GITHUB_RUN_ID: String(7000 + night) } })
    const results = JSON.parse(last.outputs.results ?? '[]') as {
      target: string
      status: string
      message: string
    }[]
    console.log(`  run ${night}: ${results.map(r => `${r.target} ${r.status}`).join(', ')}`)
  }
  const report = JSON.parse(last?.outputs['history-report'] ?? '[]') as {
    target: string
    retries: number
    rescued: number
    lastStatuses: string[]
    brokenSince?: string
  }[]
  console.log('  history-report:')
  for (const r of report)
    console.log(
      `    ${r.target.padEnd(30)}runs ${r.lastStatuses.join(' > ')}; rescued ${r.rescued} of ${r.retries}${r.brokenSince ? '; broken' : ''}`
    )
  const gaveUp = (JSON.parse(last?.outputs.results ?? '[]') as { status: string }[])[0]?.status === 'skipped'
  if (!gaveUp || memoryEmu.callsTo('RetryBuild').length !== 2) {
    failures++
    console.log(last?.stdout, last?.stderr)
  }
  console.log('')
} finally {
  await memoryEmu.close()
}

console.log(
  failures === 0
    ? 'All nine services retried and succeeded; the transient failure was retried and the deterministic one left alone; the broken project was given up on after two unrescued retries.'
    : `${failures} demo case(s) did not go as expected.`
)
process.exitCode = failures === 0 ? 0 : 1
