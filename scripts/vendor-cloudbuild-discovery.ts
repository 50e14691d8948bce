// `npx tsx scripts/vendor-cloudbuild-discovery.ts DOCUMENT SOURCE`: copies, from Google's Cloud Build v1 discovery
// document (as PyPI google-api-python-client ships it, googleapiclient/discovery_cache/documents/cloudbuild.v1.json),
// the methods the action calls and every schema they reference, unchanged, into
// tools/emulator/specs/cloudbuild-v1-discovery.json (what tools/emulator/cloud-build-spec.ts checks against).
// SOURCE names where the document came from (package and version, and the wheel's SHA-256). Apache-2.0.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { referenced } from './spec-refs.js'

const METHODS: Record<string, string[]> = {
  'projects.locations.builds': ['list', 'get', 'retry', 'cancel'],
  'projects.locations.triggers': ['list'],
  'projects.locations.operations': ['get']
}

type Json = Record<string, unknown>

const [file, source] = process.argv.slice(2)
if (!file || !source) throw new Error('usage: vendor-cloudbuild-discovery.ts DOCUMENT SOURCE')
const doc = JSON.parse(readFileSync(file, 'utf8')) as Json & {
  resources: Json
  schemas: Record<string, Json>
}
const methods: Record<string, Json> = {}
for (const [path, names] of Object.entries(METHODS)) {
  let node = doc as Json
  for (const part of path.split('.')) node = (node.resources as Json)[part] as Json
  for (const name of names) methods[`${path}.${name}`] = (node.methods as Json)[name] as Json
}
const schemas = Object.fromEntries(
  referenced(methods, ref => {
    const schema = doc.schemas[ref]
    if (schema === undefined) throw new Error(`no schema ${ref}`)
    return schema
  })
)
const out = {
  _source: {
    document: 'cloudbuild.v1',
    revision: doc.revision,
    from: source,
    note: 'The methods pipeline-retry-action calls and every schema they reference, copied unchanged by scripts/vendor-cloudbuild-discovery.ts (license: Apache-2.0, as the package).'
  },
  rootUrl: doc.rootUrl,
  methods,
  schemas
}
writeFileSync(
  join(import.meta.dirname, '..', 'tools', 'emulator', 'specs', 'cloudbuild-v1-discovery.json'),
  `${JSON.stringify(out, null, 1)}\n`
)
