// The bundle (dist/) itself: each service's SDK client is its own chunk, loaded only when that service runs.
// Proven by running a copy of dist/ from which the other services' chunks were deleted.
import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { inputEnv, parseOutputFile } from '../../tools/run-action.js'
import { DEMO_IDS } from '../../tools/emulator/index.js'
import { awsEnv, errorLines, NODE, run, useEmulator } from './helpers.js'

const DIST = join(import.meta.dirname, '..', '..', 'dist')
const jsFiles = (dir: string) => readdirSync(dir).filter(f => f.endsWith('.js'))

/** Chunk files of `dir` whose content matches `pattern`. */
const chunksMatching = (dir: string, pattern: RegExp) =>
  jsFiles(dir).filter(f => f !== 'index.js' && pattern.test(readFileSync(join(dir, f), 'utf8')))

const CODEPIPELINE_SDK = /CodePipeline_20150709/
const SAGEMAKER_SDK = /serviceTarget:\s*"SageMaker"/
const CODEBUILD_SDK = /CodeBuild_20161006/
/** The GitHub client: @octokit/core's user agent, in the chunk @actions/github's getOctokit comes with. */
const GITHUB_CLIENT = /octokit-core\.js\//

interface DistRun {
  exitCode: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
}

/**
 * `node <dir>/index.js` with the runner's environment, as emulator/run-action.ts builds it (that helper
 * always runs the repository's dist/, so this file spawns the copy itself).
 */
async function runDist(
  dir: string,
  inputs: Record<string, string>,
  extra: Record<string, string>
): Promise<DistRun> {
  const home = mkdtempSync(join(tmpdir(), 'pipeline-retry-bundle-run-'))
  const outputFile = join(home, 'output')
  writeFileSync(outputFile, '')
  writeFileSync(join(home, 'summary'), '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: join(home, 'summary'),
    GITHUB_REPOSITORY: 'octo-org/release-tools',
    GITHUB_RUN_ID: '1658821493',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'retry',
    GITHUB_ACTION: '__pipeline-retry_pipeline-retry-action',
    RUNNER_TEMP: home,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...inputEnv(inputs),
    ...extra
  }
  try {
    return await new Promise<DistRun>((resolve, reject) => {
      const child = spawn(NODE, [join(dir, 'index.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
      child.on('error', reject)
      child.on('close', exitCode => {
        clearTimeout(timer)
        resolve({ exitCode, stdout, stderr, outputs: parseOutputFile(readFileSync(outputFile, 'utf8')) })
      })
    })
  } finally {
    rmSync(home, { recursive: true, force: true })
  }
}

/** A copy of dist/ without the chunks that match any of `patterns`; returns its path and what was removed. */
function distWithout(...patterns: RegExp[]): { dir: string; removed: string[][] } {
  const dir = mkdtempSync(join(tmpdir(), 'pipeline-retry-dist-'))
  cpSync(DIST, dir, { recursive: true })
  const removed = patterns.map(pattern => chunksMatching(dir, pattern))
  for (const file of removed.flat()) rmSync(join(dir, file))
  return { dir, removed }
}

describe('bundle', () => {
  const fx = useEmulator()
  const copies: string[] = []
  /** The demo's codebuild retry, and its github-actions re-run, run from the dist/ copy in `dir`. */
  const codebuildIn = (dir: string) =>
    runDist(dir, { service: 'codebuild', 'project-name': 'integration-tests' }, awsEnv(fx.emu))
  const githubIn = (dir: string) =>
    runDist(
      dir,
      {
        service: 'github-actions',
        workflow: 'ci.yml',
        endpoint: fx.emu.url,
        'github-token': DEMO_IDS.githubToken
      },
      {}
    )
  afterAll(() => {
    for (const dir of copies) rmSync(dir, { recursive: true, force: true })
  })

  it('each SDK client is in its own chunk, not in index.js', () => {
    const index = readFileSync(join(DIST, 'index.js'), 'utf8')
    for (const pattern of [CODEPIPELINE_SDK, SAGEMAKER_SDK, CODEBUILD_SDK]) {
      expect(index).not.toMatch(pattern)
      expect(chunksMatching(DIST, pattern).length).toBeGreaterThanOrEqual(1)
    }
    // The three clients live in three different chunks.
    const [cp, sm, cb] = [CODEPIPELINE_SDK, SAGEMAKER_SDK, CODEBUILD_SDK].map(p => chunksMatching(DIST, p))
    expect(cp!.filter(f => sm!.includes(f) || cb!.includes(f))).toEqual([])
    expect(sm!.filter(f => cb!.includes(f))).toEqual([])
  })

  it('a codebuild run loads neither the CodePipeline nor the SageMaker chunk', async () => {
    const { dir, removed } = distWithout(CODEPIPELINE_SDK, SAGEMAKER_SDK)
    copies.push(dir)
    const [codepipeline, sagemaker] = removed
    expect(codepipeline!.length).toBeGreaterThanOrEqual(1)
    expect(sagemaker!.length).toBeGreaterThanOrEqual(1)
    expect(chunksMatching(dir, CODEPIPELINE_SDK)).toEqual([])
    expect(chunksMatching(dir, SAGEMAKER_SDK)).toEqual([])

    const result = await codebuildIn(dir)
    expect(errorLines(result)).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ retried: 'true', status: 'in-progress' })
    expect(fx.emu.callsTo('RetryBuild')).toHaveLength(1)
  })

  it('sanity check: the same copy without the CodeBuild chunk makes a codebuild run fail', async () => {
    const { dir, removed } = distWithout(CODEBUILD_SDK)
    copies.push(dir)
    expect(removed[0]!.length).toBeGreaterThanOrEqual(1)
    const result = await codebuildIn(dir)
    expect(result.exitCode).toBe(1)
    // The failure is the missing chunk, reported as one error line.
    expect(errorLines(result)).toEqual([expect.stringContaining(removed[0]![0]!)])
    expect(fx.emu.callsTo('RetryBuild')).toHaveLength(0)
  })

  it('the untouched dist/ runs the same codebuild retry (the copy differs only by the deleted chunks)', async () => {
    const result = await run(
      { service: 'codebuild', 'project-name': 'integration-tests' },
      { env: awsEnv(fx.emu) }
    )
    expect(result.exitCode).toBe(0)
    expect(fx.emu.callsTo('RetryBuild')).toHaveLength(1)
  })

  it('the GitHub client is a chunk of its own: in no AWS SDK chunk, and not in index.js', () => {
    const github = chunksMatching(DIST, GITHUB_CLIENT)
    expect(github.length).toBeGreaterThanOrEqual(1)
    expect(readFileSync(join(DIST, 'index.js'), 'utf8')).not.toMatch(GITHUB_CLIENT)
    const aws = [CODEPIPELINE_SDK, SAGEMAKER_SDK, CODEBUILD_SDK].flatMap(p => chunksMatching(DIST, p))
    expect(github.filter(f => aws.includes(f))).toEqual([])
  })

  it('an AWS run loads no GitHub client code: it works from a copy without the GitHub chunk', async () => {
    const { dir, removed } = distWithout(GITHUB_CLIENT)
    copies.push(dir)
    expect(removed[0]!.length).toBeGreaterThanOrEqual(1)
    const result = await codebuildIn(dir)
    expect(errorLines(result)).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(fx.emu.callsTo('RetryBuild')).toHaveLength(1)
  })

  it('a github-actions run loads no AWS SDK: it works from a copy without the three SDK chunks', async () => {
    const { dir, removed } = distWithout(CODEPIPELINE_SDK, SAGEMAKER_SDK, CODEBUILD_SDK)
    copies.push(dir)
    expect(removed.every(files => files.length >= 1)).toBe(true)
    const result = await githubIn(dir)
    expect(errorLines(result)).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({
      retried: 'true',
      'execution-id': String(DEMO_IDS.githubFailedRun)
    })
    expect(fx.emu.callsTo('github:ReRunWorkflowFailedJobs')).toHaveLength(1)
  })

  it('sanity check: the copy without the GitHub chunk cannot run github-actions', async () => {
    const { dir } = distWithout(GITHUB_CLIENT)
    copies.push(dir)
    const result = await githubIn(dir)
    expect(result.exitCode).toBe(1)
    expect(fx.emu.callsTo('github:ReRunWorkflowFailedJobs')).toHaveLength(0)
  })

  it('no dist/*.js contains webpackMissingModule (a dependency ncc could not resolve)', () => {
    const files = jsFiles(DIST)
    expect(files).toContain('index.js')
    const broken = files.filter(f => readFileSync(join(DIST, f), 'utf8').includes('webpackMissingModule'))
    expect(broken).toEqual([])
  })
})
