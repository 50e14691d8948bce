import { afterAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Scenario } from '../../tools/emulator/index.js'

const root = join(import.meta.dirname, '..', '..')
const tsx = join(root, 'node_modules', '.bin', 'tsx')
const dir = mkdtempSync(join(tmpdir(), 'emulator-cli-'))
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

function writeScenario(scenario: unknown): string {
  const file = join(dir, `scenario-${Math.random().toString(36).slice(2)}.json`)
  writeFileSync(file, JSON.stringify(scenario))
  return file
}

/** Starts the CLI; resolves with the URL it prints, or rejects with its stderr when it exits first. */
function startCli(args: string[]): Promise<{ url: string; stop: () => Promise<number | null> }> {
  const child = spawn(tsx, [join(root, 'tools', 'emulator', 'cli.ts'), ...args], { cwd: root })
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)))
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1]
      if (url) {
        resolve({
          url,
          stop: () => {
            child.kill('SIGTERM')
            return exited
          }
        })
      }
    })
    void exited.then(code => {
      reject(new Error(`exit ${String(code)}: ${stderr}`))
    })
  })
}

describe('emulator/cli.ts', () => {
  it('serves a JSON scenario file and exits cleanly on SIGTERM', async () => {
    const scenario: Scenario = {
      accountId: '111122223333',
      region: 'eu-central-1',
      codebuild: {
        projects: [
          { name: 'p', builds: [{ id: 'p:1', status: 'FAILED', startTime: '2026-01-01T00:00:00Z' }] }
        ]
      }
    }
    const cli = await startCli(['--scenario', writeScenario(scenario), '--port', '0'])
    const response = await fetch(`${cli.url}/`, {
      method: 'POST',
      headers: { 'x-amz-target': 'CodeBuild_20161006.BatchGetBuilds' },
      body: JSON.stringify({ ids: ['p:1'] })
    })
    const body = (await response.json()) as { builds: { arn: string }[] }
    expect(body.builds[0]?.arn).toBe('arn:aws:codebuild:eu-central-1:111122223333:build/p:1')
    expect(await cli.stop()).toBe(0)
  })

  it('names the bad field of a scenario file and exits 2', async () => {
    const file = writeScenario({
      accountId: '111122223333',
      region: 'x',
      sagemaker: {
        pipelines: [
          { name: 'p', executions: [{ id: 'e', status: 'Failed', startTime: 'yesterday', steps: [] }] }
        ]
      }
    })
    await expect(startCli(['--scenario', file])).rejects.toThrow(/exit 2: .*invalid timestamp "yesterday"/)
  })
})
