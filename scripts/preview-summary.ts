// `npm run preview-summary`: what a scheduled recovery's job summary looks like on GitHub. Runs the bundled
// action over the demo scenario (targets of all six services, a mix of outcomes), renders the summary it wrote
// with cmark-gfm (GitHub's Markdown renderer; Debian package cmark-gfm) and takes a screenshot of it with
// headless Chromium (Debian package chromium): docs/images/summary-preview.png, shown in the README.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEMO_IDS, demoScenario, startEmulator } from '../tools/emulator/index.js'
import { runAction } from '../tools/run-action.js'

const root = join(import.meta.dirname, '..')
const out = join(root, 'docs', 'images', 'summary-preview.png')

/** GitHub's summary page, roughly: its font, table and details styles, so the picture reads like the real one. */
const PAGE = (body: string): string => `<!doctype html><html><head><meta charset="utf-8"><style>
body{font-family:-apple-system,BlinkMacSystemFont,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif;font-size:14px;
line-height:1.5;color:#1f2328;margin:0;padding:24px 32px;background:#fff;max-width:1440px}
h2{font-size:1.5em;border-bottom:1px solid #d1d9e0;padding-bottom:.3em;margin:0 0 16px}
h3{font-size:1.25em;margin:24px 0 12px}
table{border-collapse:collapse;display:block;width:max-content;max-width:100%;overflow:auto;margin-bottom:16px}
th,td{border:1px solid #d1d9e0;padding:6px 13px;vertical-align:top}th{font-weight:600}
tr:nth-child(2n){background:#f6f8fa}a{color:#0969da;text-decoration:none}sub{color:#59636e}
details summary{cursor:pointer;font-weight:600;margin:16px 0 8px}
</style></head><body>${body}</body></html>`

const emu = await startEmulator(demoScenario())
/** Two weeks of earlier nights: the integration tests flake and a retry rescues them; the matrix is broken. */
function earlierNights(): string {
  const night = (n: number) => Date.now() - n * 86_400_000
  const entry = (n: number, status: string, attempts: number, rescued?: boolean, failure = '') => ({
    at: night(n),
    runId: String(8_000_000 + n),
    status,
    failureClass: failure === '' ? 'unknown' : rescued ? 'transient' : 'deterministic',
    failure,
    attempts,
    ...(rescued !== undefined ? { rescued } : {}),
    durationMs: 540_000
  })
  const flaky = [6, 5, 4, 3, 2, 1].map(n =>
    n % 2 === 0
      ? entry(n, 'succeeded', 1, true, 'phase PROVISIONING FAILED: InsufficientCapacity')
      : entry(n, 'nothing-to-retry', 0)
  )
  const broken = [4, 3, 2, 1].map(n => entry(n, 'in-progress', 1, false, 'Build group linux_arm failed'))
  return JSON.stringify({
    version: 1,
    targets: { 'codebuild:integration-tests': flaky, 'codebuild-batch:nightly-matrix': broken }
  })
}

const workspace = mkdtempSync(join(tmpdir(), 'summary-preview-workspace-'))
writeFileSync(join(workspace, 'history.json'), earlierNights())

try {
  const run = await runAction({
    inputs: {
      targets: [
        'codepipeline:release-pipeline',
        'codebuild:integration-tests',
        'codebuild:retired-project',
        'codebuild-batch:nightly-matrix',
        'sagemaker:train-and-register',
        `codearts:${DEMO_IDS.codeartsProject}/web-*`,
        'github-actions:ci.yml',
        'github-actions:nightly.yml',
        `azure-pipelines:${DEMO_IDS.azureOrganization}/${DEMO_IDS.azureProject}/*`,
        `cloud-build:${DEMO_IDS.gcpProject}/*`
      ].join('\n'),
      'retry-on': 'transient\nJobFailed\nBuild group',
      wait: 'true',
      'poll-interval-seconds': '1',
      'huaweicloud-auth-token': DEMO_IDS.huaweiToken,
      'history-file': 'history.json',
      'give-up-after': '5'
    },
    // Lines on five clouds: each cloud's own endpoint variable, never one `endpoint` for all.
    env: {
      GITHUB_TOKEN: DEMO_IDS.githubToken,
      GITHUB_WORKSPACE: workspace,
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: emu.url,
      HUAWEICLOUD_ENDPOINT_URL_CODEARTS: emu.url,
      GITHUB_API_URL: emu.url,
      AZURE_DEVOPS_ENDPOINT_URL: emu.url,
      AZURE_DEVOPS_TOKEN: DEMO_IDS.azureToken,
      CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDBUILD: emu.url,
      GOOGLE_OAUTH_ACCESS_TOKEN: DEMO_IDS.gcpToken
    }
  })
  if (!run.summary.includes('<h2>')) throw new Error(`the action wrote no summary:\n${run.stdout}`)
  const html = execFileSync('cmark-gfm', ['--unsafe', '--extension', 'table'], {
    input: run.summary
  }).toString()
  const dir = mkdtempSync(join(tmpdir(), 'summary-preview-'))
  const page = join(dir, 'summary.html')
  // The picture shows the History section opened, as a reader who clicks it sees it.
  writeFileSync(page, PAGE(html.replace('<details><summary>History', '<details open><summary>History')))
  execFileSync(
    'chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      '--force-device-scale-factor=1',
      '--window-size=1500,1300',
      `--screenshot=${out}`,
      `file://${page}`
    ],
    { stdio: 'ignore' }
  )
  console.log(`rendered ${run.summary.length} characters of summary (exit code ${run.exitCode}) to ${out}`)
} finally {
  await emu.close()
}
