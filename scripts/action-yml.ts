// `npm run action-yml`: writes the inputs that services and their clouds declare (`inputDocs`) into action.yml,
// keeping the action's own inputs, their order and everything else as it is. A new service's inputs come from
// its folder alone; __tests__/unit/action-yml.test.ts fails until this has run.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { isMap, isScalar, parseDocument, type Document, type YAMLMap } from 'yaml'
import { serviceInputs } from '../src/action/input-docs.js'
import { ACTION_INPUTS } from '../src/action/inputs.js'
import { orList } from '../src/action/target-lines.js'
import type { ServiceDescriptor } from '../src/model/service.js'
import { SERVICES } from '../src/services/registry.js'

const FILE = join(import.meta.dirname, '..', 'action.yml')

/** action.yml with every service input as its services declare it; the action's own left alone, dropped ones removed. */
export function withServiceInputs(text: string, services: readonly ServiceDescriptor[] = SERVICES): string {
  const doc: Document = parseDocument(text)
  const inputs = doc.get('inputs') as YAMLMap
  const declared = serviceInputs(services)
  for (const pair of [...inputs.items]) {
    const name = isScalar(pair.key) ? String(pair.key.value) : ''
    // An input that is neither the action's own nor declared by a service any more is gone.
    if (!ACTION_INPUTS.includes(name) && !declared.has(name)) inputs.delete(name)
  }
  for (const [name, input] of declared) {
    const entry = doc.createNode({
      description: input.description,
      required: false,
      ...(input.default !== undefined ? { default: input.default } : {})
    })
    const existing = inputs.get(name)
    if (isMap(existing)) {
      existing.set('description', input.description)
      if (input.default !== undefined) existing.set('default', input.default)
      else existing.delete('default')
    } else inputs.set(name, entry)
  }
  // The `service` input names every service.
  const service = inputs.get('service')
  if (isMap(service))
    service.set(
      'description',
      `${orList(services.map(s => s.name))}. Required unless targets or targets-file is set.`
    )
  return doc.toString({ lineWidth: 114 })
}

if (process.argv[1]?.endsWith('action-yml.ts')) {
  writeFileSync(FILE, withServiceInputs(readFileSync(FILE, 'utf8')))
  console.log('action.yml: service inputs written; run prettier --write action.yml')
}
