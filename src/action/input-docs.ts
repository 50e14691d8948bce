import type { InputDoc, ServiceDescriptor } from '../model/service.js'
import { orList } from './target-lines.js'

/** An input of `action.yml` as a service or cloud declares it: what it says, its default if any. */
export interface ServiceInput {
  description: string
  default?: string
}

const textOf = (doc: InputDoc): string => (typeof doc === 'string' ? doc : doc.description)

/**
 * Every input that services and their clouds own, with the description `action.yml` gives it: each meaning
 * once, led by the services it applies to ("codepipeline or sagemaker: the pipeline."). `npm run action-yml`
 * writes these into action.yml; a test checks that it did.
 */
export function serviceInputs(services: readonly ServiceDescriptor[]): Map<string, ServiceInput> {
  const owners = new Map<string, { services: string[]; doc: InputDoc }[]>()
  const add = (service: string, name: string, doc: InputDoc): void => {
    const meanings = owners.get(name) ?? []
    const same = meanings.find(m => textOf(m.doc) === textOf(doc))
    if (same) same.services.push(service)
    else meanings.push({ services: [service], doc })
    owners.set(name, meanings)
  }
  for (const service of services) {
    for (const [name, doc] of Object.entries(service.inputDocs)) add(service.name, name, doc)
    for (const [name, doc] of Object.entries(service.cloud.inputDocs)) add(service.name, name, doc)
  }
  const inputs = new Map<string, ServiceInput>()
  for (const [name, meanings] of owners) {
    const description = meanings.map(m => `${orList([...new Set(m.services)])}: ${textOf(m.doc)}`).join(' ')
    const withDefault = meanings.map(m => m.doc).find(d => typeof d !== 'string')
    inputs.set(name, { description, ...(withDefault ? { default: withDefault.default } : {}) })
  }
  return inputs
}
