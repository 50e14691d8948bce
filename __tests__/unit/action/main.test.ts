// The action shell in-process: `run()` with @actions/core mocked and the CodeBuild SDK mocked, so the
// wiring of inputs, engine, outputs, results file, summary and failure line is covered inside Jest.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { mockClient } from 'aws-sdk-client-mock'
import {
  BatchGetBuildsCommand,
  CodeBuildClient,
  ListBuildsForProjectCommand,
  RetryBuildCommand
} from '@aws-sdk/client-codebuild'
import { fakeClock } from '../../support/context.js'

interface Recorded {
  inputs: Record<string, string>
  outputs: Record<string, string>
  failed: string[]
  warnings: string[]
  info: string[]
  secrets: string[]
  summary: string[]
  summaryFails: boolean
}

const rec: Recorded = {
  inputs: {},
  outputs: {},
  failed: [],
  warnings: [],
  info: [],
  secrets: [],
  summary: [],
  summaryFails: false
}

const summary = {
  buffer: '',
  addRaw(text: string) {
    summary.buffer += text
    return summary
  },
  write() {
    if (rec.summaryFails) return Promise.reject(new Error('EACCES: permission denied'))
    rec.summary.push(summary.buffer)
    summary.buffer = ''
    return Promise.resolve(summary)
  },
  emptyBuffer() {
    summary.buffer = ''
    return summary
  }
}

jest.unstable_mockModule('@actions/core', () => ({
  getInput: (name: string) => rec.inputs[name] ?? '',
  setOutput: (name: string, value: string) => {
    rec.outputs[name] = value
  },
  setFailed: (message: string) => rec.failed.push(message),
  warning: (message: string) => rec.warnings.push(message),
  notice: (message: string) => rec.info.push(`notice: ${message}`),
  info: (message: string) => rec.info.push(message),
  startGroup: (title: string) => rec.info.push(`group: ${title}`),
  endGroup: () => rec.info.push('endgroup'),
  debug: () => undefined,
  setSecret: (secret: string) => rec.secrets.push(secret),
  summary
}))

const { run } = await import('../../../src/action/main.js')

const cb = mockClient(CodeBuildClient)
const FAILED = 'tests:0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b'
const NEW = 'tests:9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'
let runnerTemp: string

beforeEach(() => {
  Object.assign(rec, {
    inputs: {},
    outputs: {},
    failed: [],
    warnings: [],
    info: [],
    secrets: [],
    summary: [],
    summaryFails: false
  })
  cb.reset()
  cb.on(ListBuildsForProjectCommand).resolves({ ids: [FAILED] })
  cb.on(BatchGetBuildsCommand).resolves({
    builds: [{ id: FAILED, buildStatus: 'FAILED', resolvedSourceVersion: 'abc', sourceVersion: 'main' }]
  })
  cb.on(RetryBuildCommand).resolves({
    build: { id: NEW, arn: `arn:aws:codebuild:us-east-1:123456789012:build/${NEW}` }
  })
  runnerTemp = mkdtempSync(join(tmpdir(), 'main-test-'))
  process.env.GITHUB_STEP_SUMMARY = join(runnerTemp, 'summary')
})

afterEach(() => {
  delete process.env.GITHUB_STEP_SUMMARY
  rmSync(runnerTemp, { recursive: true, force: true })
})

const env = (): NodeJS.ProcessEnv => ({
  AWS_REGION: 'us-east-1',
  RUNNER_TEMP: runnerTemp,
  AWS_SECRET_ACCESS_KEY: 'in-process-secret'
})
const options = () => ({
  env: env(),
  clock: fakeClock(0),
  random: () => 0.5,
  signal: new AbortController().signal
})

describe('run (in-process)', () => {
  it('retries, sets every output, writes results-file and the summary, and does not fail', async () => {
    rec.inputs = { service: 'codebuild', 'project-name': 'tests' }
    await run(options())
    expect(rec.failed).toEqual([])
    expect(rec.outputs).toMatchObject({ retried: 'true', status: 'in-progress', 'execution-id': NEW })
    expect(rec.outputs['results-file']?.startsWith(runnerTemp)).toBe(true)
    const file = JSON.parse(readFileSync(rec.outputs['results-file'] ?? '', 'utf8')) as unknown[]
    expect(file).toEqual(JSON.parse(rec.outputs.results ?? ''))
    expect(rec.summary).toHaveLength(1)
    expect(rec.summary[0]).toContain(`>${NEW}</a></td>`)
    expect(rec.secrets).toContain('in-process-secret')
    expect(cb.commandCalls(RetryBuildCommand)).toHaveLength(1)
  })

  it('bad input: one failure line naming the input, no API call, no outputs', async () => {
    rec.inputs = { service: 'codebuild', 'project-name': 'bad name!' }
    await run(options())
    expect(rec.failed).toHaveLength(1)
    expect(rec.failed[0]).toMatch(/^Input 'project-name': /)
    expect(cb.calls()).toHaveLength(0)
    expect(rec.outputs).toEqual({})
  })

  it('a cancelled step reports every target cancelled, sends nothing, and fails saying so', async () => {
    rec.inputs = { targets: 'codebuild:tests\ncodebuild:other' }
    await run({ ...options(), signal: AbortSignal.abort('SIGTERM') })
    expect(cb.calls()).toHaveLength(0)
    const results = JSON.parse(rec.outputs.results ?? '') as { status: string }[]
    expect(results.map(r => r.status)).toEqual(['cancelled', 'cancelled'])
    expect(rec.failed).toEqual([expect.stringMatching(/^Cancelled \(SIGTERM\): 2 targets: 2 cancelled/)])
    expect(existsSync(rec.outputs['results-file'] ?? '')).toBe(true)
  })

  it('a summary that cannot be written is a warning; the step still succeeds', async () => {
    rec.inputs = { service: 'codebuild', 'project-name': 'tests' }
    rec.summaryFails = true
    await run(options())
    expect(rec.failed).toEqual([])
    expect(rec.warnings).toEqual([expect.stringContaining('the job summary could not be written: EACCES')])
  })

  it('a service error fails the step with the service reason, and the result is an error', async () => {
    rec.inputs = { service: 'codebuild', 'project-name': 'tests' }
    cb.on(ListBuildsForProjectCommand).rejects(
      Object.assign(new Error('User is not authorized'), {
        name: 'AccessDeniedException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 }
      })
    )
    await run(options())
    expect(rec.outputs.status).toBe('error')
    expect(rec.failed).toEqual([expect.stringContaining('AccessDeniedException: User is not authorized')])
  })
})
