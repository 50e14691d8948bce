// `npx tsx scripts/vendor-azure-spec.ts CHECKOUT COMMIT`: copies, from a checkout of MicrosoftDocs/vsts-rest-api-specs
// at COMMIT, the Azure DevOps build 7.1 operations the action calls and every definition and parameter they
// reference, unchanged, into tools/emulator/specs/azure-devops-build-7.1.json (what tools/emulator/azure-spec.ts
// checks requests and answers against). The spec repository is MIT-licensed.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { referenced } from './spec-refs.js'

const OPERATIONS = new Set([
  'Stages_Update',
  'Builds_List',
  'Builds_Get',
  'Timeline_Get',
  'Definitions_List',
  'Builds_Update Build'
])
const SOURCE = 'specification/build/7.1/build.json'

type Json = Record<string, unknown>

const [checkout, commit] = process.argv.slice(2)
if (!checkout || !commit || !/^[0-9a-f]{40}$/.test(commit))
  throw new Error('usage: vendor-azure-spec.ts CHECKOUT COMMIT (40 hex digits)')
const spec = JSON.parse(readFileSync(join(checkout, SOURCE), 'utf8').replace(/^\uFEFF/, '')) as Json & {
  paths: Record<string, Record<string, Json>>
}
const paths: Record<string, Record<string, Json>> = {}
for (const [path, methods] of Object.entries(spec.paths))
  for (const [method, op] of Object.entries(methods))
    if (OPERATIONS.has(String(op.operationId))) (paths[path] ??= {})[method] = op

const picked: Record<'definitions' | 'parameters', Json> = { definitions: {}, parameters: {} }
const named = (ref: string) => ref.split('/') as [string, 'definitions' | 'parameters', string]
for (const [ref, value] of referenced(paths, ref => (spec[named(ref)[1]] as Json)[named(ref)[2]])) {
  const [, kind, name] = named(ref)
  picked[kind][name] = value
}
const out = {
  _source: {
    repository: 'MicrosoftDocs/vsts-rest-api-specs',
    commit,
    path: SOURCE,
    note: 'The operations pipeline-retry-action calls and every definition they reference, copied unchanged by scripts/vendor-azure-spec.ts (license: MIT, as the repository).'
  },
  swagger: spec.swagger,
  host: spec.host,
  basePath: spec.basePath,
  paths,
  parameters: picked.parameters,
  definitions: picked.definitions,
  securityDefinitions: spec.securityDefinitions
}
writeFileSync(
  join(import.meta.dirname, '..', 'tools', 'emulator', 'specs', 'azure-devops-build-7.1.json'),
  `${JSON.stringify(out, null, 1)}\n`
)
