// What a service must provide to be one folder and one registry line: a light descriptor (index.ts) and a
// lazily imported provider (provider.ts), and nothing about it anywhere in the generic code.
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { parse } from 'yaml'
import { INPUT_NAMES } from '../../../src/action/inputs.js'
import { CLOUDS, SERVICE_NAMES, SERVICES, serviceNamed } from '../../../src/services/registry.js'

const root = join(import.meta.dirname, '..', '..', '..')
const servicesDir = join(root, 'src', 'services')
const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> }

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : []
  })
}

describe.each(SERVICES)('service $name', service => {
  const folder = join(servicesDir, service.name)

  it('is a folder with a descriptor (index.ts) and a provider (provider.ts)', () => {
    expect(readdirSync(folder)).toEqual(expect.arrayContaining(['index.ts', 'provider.ts']))
  })

  it('loads its provider lazily: nothing in the folder imports provider.ts or an SDK statically from index.ts', () => {
    const index = readFileSync(join(folder, 'index.ts'), 'utf8')
    expect(index).not.toMatch(/^import [^;]*from '\.\/provider\.js'/m)
    expect(index).not.toMatch(/^import (?!type )[^;]*from '@aws-sdk\//m)
    // A dynamic import, named for its chunk (`/* webpackChunkName: "SERVICE" */`) so dist/ names stay put.
    expect(index).toMatch(
      new RegExp(`import\\(/\\* webpackChunkName: "${service.name}" \\*/ '\\./provider\\.js'\\)`)
    )
  })

  it('documents each of its inputs for action.yml (inputDocs), and only those', () => {
    expect(Object.keys(service.inputDocs).sort()).toEqual(
      [...new Set([...service.targetInputs, ...(service.optionInputs ?? [])])].sort()
    )
  })

  it('names only declared inputs', () => {
    for (const name of [...service.targetInputs, ...(service.optionInputs ?? []), ...service.cloud.inputs]) {
      expect(INPUT_NAMES).toContain(name)
      expect(Object.keys(action.inputs)).toContain(name)
    }
  })

  it('parses its own targets line form back to a target of its own, labelled SERVICE:RESOURCE', () => {
    const form = service.lineForm
    expect(form.startsWith(`${service.name}:`)).toBe(true)
    expect(serviceNamed(service.name)).toBe(service)
  })

  it('maps its statuses onto the four states, with a failure among them', () => {
    const states = new Set(Object.values(service.states))
    expect([...states].every(s => ['in-progress', 'succeeded', 'failed', 'stopped'].includes(s))).toBe(true)
    expect(states.has('failed')).toBe(true)
    expect(states.has('succeeded')).toBe(true)
  })

  it('has a provider module: its error rules and a factory', async () => {
    const module = await service.load()
    expect(typeof module.create).toBe('function')
    expect(module.errors).toEqual(expect.any(Object))
  })

  it('retry modes: native names are upper case and map to failed or all; all only where allowed', () => {
    for (const [name, mode] of Object.entries(service.retryModes.native)) {
      expect(name).toBe(name.toUpperCase())
      expect(['failed', 'all']).toContain(mode)
      if (mode === 'all') expect(service.retryModes.all).toBe(true)
    }
  })
})

describe('the registry', () => {
  it('has unique names, each a service the action.yml description lists', () => {
    expect(new Set(SERVICE_NAMES).size).toBe(SERVICES.length)
    const description = JSON.stringify(action.inputs.service)
    for (const name of SERVICE_NAMES) expect(description).toContain(name)
  })

  it('every folder under src/services is a registered service (or code shared by them)', () => {
    const folders = readdirSync(servicesDir).filter(f => statSync(join(servicesDir, f)).isDirectory())
    expect(folders.sort()).toEqual([...SERVICE_NAMES].sort())
  })

  it('each cloud once, with its secrets and what action.yml says of its inputs', () => {
    const names = CLOUDS.map(c => c.name)
    expect(new Set(names).size).toBe(names.length)
    expect(new Set(SERVICES.map(s => s.cloud))).toEqual(new Set(CLOUDS))
    for (const cloud of CLOUDS) {
      expect(cloud.secretEnv.length).toBeGreaterThan(0)
      expect(Object.keys(cloud.inputDocs).sort()).toEqual(
        [...new Set([...cloud.inputs, ...cloud.secretInputs])].sort()
      )
    }
  })

  it('the generic code never names a service', () => {
    const generic = ['action', 'model', 'engine', 'transport'].flatMap(dir =>
      sourceFiles(join(root, 'src', dir))
    )
    const named = new RegExp(`['"\`](${SERVICE_NAMES.join('|')})['"\`:]`)
    const offenders = generic
      .filter(file => named.test(readFileSync(file, 'utf8')))
      .map(f => relative(root, f))
    expect(offenders).toEqual([])
  })
})
