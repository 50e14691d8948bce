// Shared helpers for the end-to-end tests: they run the bundled action (dist/index.js) as GitHub's runner
// does, against the local emulator. Keep this API small: other e2e files import it.
import { afterAll, beforeAll, beforeEach, expect, it } from '@jest/globals'
import type { ChildProcess } from 'node:child_process'
import {
  DEMO_IDS,
  demoScenario,
  startEmulator,
  type Emulator,
  type Scenario
} from '../../tools/emulator/index.js'
import { runAction, type ActionRun } from '../../tools/run-action.js'

export type { ActionRun } from '../../tools/run-action.js'
export type { Emulator, Scenario } from '../../tools/emulator/index.js'

/** The node binary that runs the action: `E2E_NODE` (CI's Node 24 pass) or the one running jest. */
export const NODE = process.env.E2E_NODE ?? process.execPath

/** The emulator of a `describe` block and what its tests run the action with. */
export interface Fixture {
  /** The running emulator (from `beforeAll` on). */
  readonly emu: Emulator
  /** Environment that points the action at it (`awsEnv`, unless `useEmulator` was given another). */
  readonly env: Record<string, string>
  /** `run` with that environment (and `options.env` on top). */
  run(inputs: Record<string, string>, options?: RunOptions): Promise<ActionRun>
  /** `run`, expecting a clean success: exit 0, no error line. */
  runOk(inputs: Record<string, string>, options?: RunOptions): Promise<ActionRun>
  /** The step succeeded with nothing to retry, saying `reason`, and `retryOperation` was never called. */
  expectNothingToRetry(result: ActionRun, reason: string, retryOperation: string): void
  /**
   * One test per case: the step fails with one line naming the input, no stack trace and no API call
   * (`check` adds assertions of the caller's own).
   */
  rejectsBadInputs(
    base: Record<string, string> | ((emu: Emulator) => Record<string, string>),
    cases: readonly BadInput[],
    check?: (result: ActionRun) => void
  ): void
}

export { RESULT_KEYS } from '../support/contract.js'

/**
 * One emulator for the enclosing `describe`: started with `scenario()` before its tests, reset before each
 * test, closed after them.
 */
export function useEmulator(
  scenario: () => Scenario = demoScenario,
  env: (emu: Emulator) => Record<string, string> = awsEnv
): Fixture {
  let current: Emulator | undefined
  let currentEnv: Record<string, string> = {}
  beforeAll(async () => {
    current = await startEmulator(scenario())
    currentEnv = env(current)
  })
  afterAll(async () => {
    await current?.close()
  })
  beforeEach(() => {
    current?.reset()
  })
  const fixture: Fixture = {
    get emu(): Emulator {
      if (current === undefined) throw new Error('the emulator starts in beforeAll: use it inside a test')
      return current
    },
    get env(): Record<string, string> {
      return currentEnv
    },
    run: (inputs, options = {}) => run(inputs, { ...options, env: { ...currentEnv, ...options.env } }),
    async runOk(inputs, options) {
      const result = await fixture.run(inputs, options)
      expect(errorLines(result)).toEqual([])
      expect(result.exitCode).toBe(0)
      return result
    },
    expectNothingToRetry(result, reason, retryOperation) {
      expect(result.exitCode).toBe(0)
      expect(result.outputs).toMatchObject({ retried: 'false', status: 'nothing-to-retry' })
      expect(resultsOf(result)[0]).toMatchObject({ retried: false, status: 'nothing-to-retry' })
      expect(resultsOf(result)[0]!.message).toContain(reason)
      expect(fixture.emu.callsTo(retryOperation)).toHaveLength(0)
    },
    rejectsBadInputs(base, cases, check) {
      it.each(cases)('bad input (%s) fails with one line and no API call', async (_label, input, inputs) => {
        const result = await fixture.run({
          ...(typeof base === 'function' ? base(fixture.emu) : base),
          ...inputs
        })
        expectInputError(result, input, fixture.emu)
        check?.(result)
      })
    }
  }
  return fixture
}

/** A fresh emulator for one test (tests that run concurrently, or change the scenario); closed after `body`. */
export async function withEmulator<T>(scenario: Scenario, body: (emu: Emulator) => Promise<T>): Promise<T> {
  const emu = await startEmulator(scenario)
  try {
    return await body(emu)
  } finally {
    await emu.close()
  }
}

/** Environment that points every AWS client of the bundled action at the emulator. */
export function awsEnv(emu: Emulator): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_CODEPIPELINE: emu.url,
    AWS_ENDPOINT_URL_CODEBUILD: emu.url,
    AWS_ENDPOINT_URL_SAGEMAKER: emu.url,
    AWS_ENDPOINT_URL_SFN: emu.url
  }
}

/** Azure Pipelines inputs for the demo pipeline at the emulator, with its PAT. */
export function azureInputs(emu: Emulator): Record<string, string> {
  return {
    service: 'azure-pipelines',
    endpoint: emu.url,
    'azure-organization': DEMO_IDS.azureOrganization,
    'azure-project': DEMO_IDS.azureProject,
    'azure-pipeline': DEMO_IDS.azurePipeline,
    'azure-devops-token': DEMO_IDS.azureToken
  }
}

/** Azure DevOps pointed at the emulator by its own variable, with the demo PAT (targets mode). */
export function azureEnv(emu: Emulator): Record<string, string> {
  return { AZURE_DEVOPS_ENDPOINT_URL: emu.url, AZURE_DEVOPS_TOKEN: DEMO_IDS.azureToken }
}

/** Cloud Build inputs for the demo trigger at the emulator, with its access token. */
export function cloudBuildInputs(emu: Emulator): Record<string, string> {
  return {
    service: 'cloud-build',
    endpoint: emu.url,
    'gcp-project': DEMO_IDS.gcpProject,
    trigger: DEMO_IDS.gcpTrigger,
    'gcp-access-token': DEMO_IDS.gcpToken
  }
}

/** Cloud Build pointed at the emulator by gcloud's own override variable, with the demo token (targets mode). */
export function cloudBuildEnv(emu: Emulator): Record<string, string> {
  return { CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDBUILD: emu.url, GOOGLE_OAUTH_ACCESS_TOKEN: DEMO_IDS.gcpToken }
}

/** CodeArts inputs for the demo pipeline at the emulator, authenticated by IAM token or AK/SK. */
export function codeartsInputs(emu: Emulator, auth: 'token' | 'aksk' = 'token'): Record<string, string> {
  const credentials: Record<string, string> =
    auth === 'token'
      ? { 'huaweicloud-auth-token': DEMO_IDS.huaweiToken }
      : { 'huaweicloud-ak': DEMO_IDS.huaweiAk, 'huaweicloud-sk': DEMO_IDS.huaweiSk }
  return {
    service: 'codearts',
    endpoint: emu.url,
    'project-id': DEMO_IDS.codeartsProject,
    'pipeline-id': DEMO_IDS.codeartsPipeline,
    ...credentials
  }
}

export interface RunOptions {
  env?: Record<string, string>
  onSpawn?: (child: ChildProcess) => void
  timeoutMs?: number
}

/** Runs `node dist/index.js` with `inputs` (action.yml defaults fill the rest) under NODE. */
export function run(inputs: Record<string, string>, options: RunOptions = {}): Promise<ActionRun> {
  return runAction({
    inputs,
    node: NODE,
    ...(options.env ? { env: options.env } : {}),
    ...(options.onSpawn ? { onSpawn: options.onSpawn } : {}),
    timeoutMs: options.timeoutMs ?? 30_000
  })
}

// ---------- small assertion helpers (additive; the API above stays as it is) ----------

/** One object of the `results` output. */
export interface ResultObject {
  service: string
  target: string
  retried: boolean
  executionId: string
  executionArn: string
  stageName: string
  status: string
  consoleUrl: string
  message: string
}

/** The `results` output, parsed. */
export function resultsOf(run: Pick<ActionRun, 'outputs'>): ResultObject[] {
  return JSON.parse(run.outputs.results ?? 'null') as ResultObject[]
}

/** The `::error::` lines of the log (what `core.setFailed` writes). */
export function errorLines(run: Pick<ActionRun, 'stdout'>): string[] {
  return run.stdout.split('\n').filter(line => line.startsWith('::error::'))
}

/** A JavaScript stack frame, as a printed stack trace shows it. */
export const STACK_FRAME = /^\s+at .+[(:]\d+/m

/** The log without the `::add-mask::` commands (which necessarily name the secret). */
export function withoutMasks(text: string): string {
  return text
    .split('\n')
    .filter(line => !line.startsWith('::add-mask::'))
    .join('\n')
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

/**
 * The job summary has the target's row: the target, then its execution ID linked to an https console page,
 * then (when given) its status cell.
 */
export function expectSummaryRow(
  summary: string,
  target: string,
  executionId: string,
  status?: string
): void {
  const row =
    escapeRegExp(`<tr><td>${target}</td><td><a href="`) +
    'https://[^"<>]+' +
    escapeRegExp(`">${executionId}</a></td>${status !== undefined ? `<td>${status}</td>` : ''}`)
  expect(summary).toMatch(new RegExp(row))
}

/** Resolves once `operation` has been called `count` times (polling every 20 ms); rejects after `timeoutMs`. */
export async function waitForCalls(
  emu: Emulator,
  operation: string,
  count = 1,
  timeoutMs = 10_000
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (emu.callsTo(operation).length < count) {
    if (Date.now() > deadline) throw new Error(`no call to ${operation} within ${timeoutMs} ms`)
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

/** The step failed with one error line containing every part, and no retry was reported. */
export function expectFailedWith(result: ActionRun, ...parts: string[]): void {
  expect(result.exitCode).toBe(1)
  expect(result.outputs.status).toBe('error')
  expect(result.outputs.retried).toBe('false')
  const errors = errorLines(result)
  expect(errors).toHaveLength(1)
  for (const part of parts) expect(errors[0]).toContain(part)
  expect(resultsOf(result)[0]).toMatchObject({ status: 'error', retried: false })
}

/** Bad input: exit 1, one `::error::Input '<name>'` line, no stack trace, and no request reached the emulator. */
export function expectInputError(result: ActionRun, name: string, emu: Emulator): void {
  expect(result.exitCode).toBe(1)
  const errors = errorLines(result)
  expect(errors).toHaveLength(1)
  expect(errors[0]).toMatch(new RegExp(`^::error::Input '${name}'`))
  expect(result.stdout).not.toMatch(STACK_FRAME)
  expect(result.stderr).not.toMatch(STACK_FRAME)
  expect(emu.calls).toHaveLength(0)
}

/** Neither the log (mask commands aside), the outputs nor the summary show a secret; each one is masked. */
export function expectSecretsKept(result: ActionRun, secrets: readonly string[]): void {
  for (const secret of secrets) {
    expect(result.stdout).toContain(`::add-mask::${secret}`)
    for (const text of [
      withoutMasks(result.stdout),
      result.stderr,
      result.summary,
      JSON.stringify(result.outputs)
    ])
      expect(text).not.toContain(secret)
  }
}

/** A bad-input case: what it is, the input the error must name, and the inputs (over the base) that cause it. */
export type BadInput = [label: string, input: string, inputs: Record<string, string>]
