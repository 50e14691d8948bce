import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'

const root = join(import.meta.dirname, '..')

export interface ActionRun {
  exitCode: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** The content of the file the `results-file` output names ('' when unset or missing). */
  resultsFile: string
  durationMs: number
}

export interface RunActionOptions {
  /** Inputs by their action.yml names; action.yml defaults fill the rest, as the runner does. */
  inputs: Record<string, string>
  /** Extra environment (e.g. AWS_ENDPOINT_URL_CODEBUILD); the parent's is NOT inherited beyond PATH. */
  env?: Record<string, string>
  /** The node binary: `process.execPath` by default (tests on Node 24 pass another). */
  node?: string
  /** Node flags before the script, e.g. `--import` of a probe (benchmarks). */
  nodeArgs?: string[]
  /** Called once the process is running, e.g. to send SIGINT later. */
  onSpawn?: (child: ChildProcess) => void
  timeoutMs?: number
}

const actionYml = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>
  runs: { main: string }
}

/** The expressions action.yml defaults use, as the runner evaluates them from the job's environment. */
const EXPRESSIONS: Readonly<Record<string, (env: Record<string, string>) => string>> = {
  '${{ github.token }}': env => env.GITHUB_TOKEN ?? ''
}

/**
 * GitHub's runner: `INPUT_<NAME>` upper-cased with hyphens kept, defaults applied (an expression default is
 * evaluated from `env`, as `${{ github.token }}` is the job's token).
 */
export function inputEnv(
  inputs: Record<string, string>,
  env: Record<string, string> = {}
): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [name, spec] of Object.entries(actionYml.inputs)) {
    if (spec.default === undefined) continue
    const expression = EXPRESSIONS[spec.default]
    if (spec.default.includes('${{') && expression === undefined)
      throw new Error(`action.yml default of ${name} is an expression run-action cannot evaluate`)
    result[`INPUT_${name.toUpperCase()}`] = expression ? expression(env) : spec.default
  }
  for (const [name, value] of Object.entries(inputs)) {
    if (!(name in actionYml.inputs)) throw new Error(`action.yml declares no input '${name}'`)
    result[`INPUT_${name.toUpperCase()}`] = value
  }
  return result
}

/** Reads a `$GITHUB_OUTPUT` file: `name<<DELIM` heredocs (what @actions/core writes) or `name=value` lines. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name = '', delimiter] = heredoc
      const value: string[] = []
      while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i] ?? '')
      outputs[name] = value.join('\n')
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return outputs
}

/** Runs the bundled action (`dist/index.js`) in a child process with a fresh HOME and runner files. */
export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'pipeline-retry-run-'))
  const outputFile = join(dir, 'output')
  const summaryFile = join(dir, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_REPOSITORY: 'octo-org/release-tools',
    GITHUB_RUN_ID: '1658821493',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'retry',
    GITHUB_ACTION: '__pipeline-retry_pipeline-retry-action',
    RUNNER_TEMP: dir,
    // Dummy credentials: the emulator does not check SigV4, and nothing may reach a real account.
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...inputEnv(options.inputs, options.env),
    ...options.env
  }
  const started = Date.now()
  try {
    return await new Promise<ActionRun>((resolve, reject) => {
      const child = spawn(
        options.node ?? process.execPath,
        [...(options.nodeArgs ?? []), join(root, actionYml.runs.main)],
        {
          env,
          stdio: ['ignore', 'pipe', 'pipe']
        }
      )
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
      child.on('error', reject)
      child.on('close', (exitCode, signal) => {
        clearTimeout(timer)
        const outputs = parseOutputFile(readFileSync(outputFile, 'utf8'))
        const resultsFile = outputs['results-file'] ?? ''
        resolve({
          exitCode,
          signal,
          stdout,
          stderr,
          outputs,
          summary: readFileSync(summaryFile, 'utf8'),
          resultsFile: resultsFile && existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '',
          durationMs: Date.now() - started
        })
      })
      options.onSpawn?.(child)
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
