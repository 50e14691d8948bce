import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { INPUT_NAMES, readRequest, type InputName } from '../../src/action/inputs.js'
import { OUTPUT_NAMES } from '../../src/action/outputs.js'
import { serviceInputs } from '../../src/action/input-docs.js'
import type { ServiceDescriptor } from '../../src/model/service.js'
import { SERVICES } from '../../src/services/registry.js'
import { withServiceInputs } from '../../scripts/action-yml.js'

interface ActionYml {
  name: string
  description: string
  inputs: Record<string, { description?: string; required?: boolean; default?: string }>
  outputs: Record<string, { description?: string }>
  runs: { using: string; main: string }
}

const root = join(import.meta.dirname, '..', '..')
const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as ActionYml

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : []
  })
}

describe('action.yml', () => {
  it('is the Pipeline Retry action on node24 running dist/index.js', () => {
    expect(action.name).toBe('Pipeline Retry')
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  it('declares exactly INPUT_NAMES', () => {
    expect(Object.keys(action.inputs).sort()).toEqual([...INPUT_NAMES].sort())
  })

  it('says of every service input what its services declare (npm run action-yml writes it)', () => {
    const declared = serviceInputs(SERVICES)
    expect(declared.size).toBeGreaterThan(0)
    for (const [name, input] of declared) {
      expect([name, action.inputs[name]?.description?.replace(/\s+/g, ' ')]).toEqual([
        name,
        input.description
      ])
      expect([name, action.inputs[name]?.default]).toEqual([name, input.default])
    }
  })

  it('writes a service input from its declaration alone: a new one appears, a changed one is rewritten', () => {
    const text = readFileSync(join(root, 'action.yml'), 'utf8')
    const toy = { ...SERVICES[0]!, name: 'toy', inputDocs: { 'toy-name': 'the toy.' } } as ServiceDescriptor
    const written = parse(withServiceInputs(text, [...SERVICES, toy])) as ActionYml
    expect(written.inputs['toy-name']).toEqual({ description: 'toy: the toy.', required: false })
    expect(written.inputs['pipeline-name']?.description).toBe(action.inputs['pipeline-name']?.description)
  })

  it('declares exactly OUTPUT_NAMES', () => {
    expect(Object.keys(action.outputs).sort()).toEqual([...OUTPUT_NAMES].sort())
  })

  it('describes every input and output, and requires none (service or targets is checked in code)', () => {
    for (const [name, input] of Object.entries(action.inputs)) {
      expect([name, typeof input.description]).toEqual([name, 'string'])
      expect([name, input.required]).toEqual([name, false])
    }
    for (const [name, output] of Object.entries(action.outputs))
      expect([name, typeof output.description]).toEqual([name, 'string'])
  })

  it('declares the contract defaults, and they mean the same as an unset input', () => {
    const defaults = Object.fromEntries(
      Object.entries(action.inputs).flatMap(([name, i]) =>
        i.default === undefined ? [] : [[name, i.default]]
      )
    )
    expect(defaults).toEqual({
      'retry-mode': 'failed',
      'retry-on': 'any',
      retries: '1',
      'retry-delay-seconds': '60',
      wait: 'false',
      'timeout-minutes': '60',
      'poll-interval-seconds': '15',
      'cancel-on-abort': 'false',
      'dry-run': 'false',
      'max-attempts': '3',
      concurrency: '4',
      'give-up-after': '0',
      'max-retries-per-day': '0',
      'max-retries': '0',
      // Evaluated by the runner to the job's token; masked, and no error for the other services.
      'github-token': '${{ github.token }}'
    })
    const base: Partial<Record<InputName, string>> = { service: 'codepipeline', 'pipeline-name': 'release' }
    const env = { AWS_REGION: 'us-east-1' }
    const unset = readRequest(
      name => base[name] ?? '',
      env,
      () => undefined
    )
    const asGitHubPasses = readRequest(
      name => base[name] ?? defaults[name] ?? '',
      env,
      () => undefined
    )
    expect(asGitHubPasses).toEqual(unset)
    const waiting: Partial<Record<InputName, string>> = { ...base, wait: 'true' }
    expect(
      readRequest(
        name => waiting[name] ?? defaults[name] ?? '',
        env,
        () => undefined
      ).wait
    ).toEqual(
      readRequest(
        name => waiting[name] ?? '',
        env,
        () => undefined
      ).wait
    )
  })

  it('every input readRequest reads is declared', () => {
    const read = new Set<string>()
    const cases: Partial<Record<InputName, string>>[] = [
      { service: 'codepipeline', 'pipeline-name': 'release' },
      { service: 'codearts', 'project-id': 'a'.repeat(32), 'pipeline-id': 'b'.repeat(32) },
      { targets: 'codebuild:p1\nsagemaker:train' }
    ]
    const env = { AWS_REGION: 'us-east-1', HUAWEICLOUD_SDK_REGION: 'cn-north-4', HUAWEICLOUD_AUTH_TOKEN: 't' }
    for (const inputs of cases)
      readRequest(
        name => {
          read.add(name)
          return inputs[name] ?? ''
        },
        env,
        () => undefined
      )
    expect(read.size).toBeGreaterThan(10)
    for (const name of read) expect(Object.keys(action.inputs)).toContain(name)
  })

  it('every core.getInput call in src/ reads a declared input', () => {
    const calls = /\bget(?:Boolean|Multiline)?Input\(\s*([^),]*)/g
    const found: string[] = []
    for (const file of sourceFiles(join(root, 'src'))) {
      const text = readFileSync(file, 'utf8')
      for (const match of text.matchAll(calls)) {
        const arg = (match[1] ?? '').trim()
        const literal = /^['"`]([^'"`]+)['"`]$/.exec(arg)
        if (literal) expect(Object.keys(action.inputs)).toContain(literal[1])
        // A non-literal name must be typed as InputName, which only src/action/main.ts does via readRequest.
        else expect([file.replace(root, ''), arg]).toEqual([join('/src', 'action', 'main.ts'), 'name'])
        found.push(arg)
      }
    }
    expect(found.length).toBeGreaterThan(0)
  })
})
