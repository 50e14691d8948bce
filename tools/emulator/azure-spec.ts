// Every Azure DevOps request the emulator takes, and every answer it gives, is checked against Microsoft's REST
// spec (Swagger 2.0, MicrosoftDocs/vsts-rest-api-specs, build 7.1: the operations the action calls and what they
// reference, vendored in specs/ by script/vendor-azure-spec). A request the spec rejects (an unknown or mistyped
// query parameter, a path parameter of the wrong type, a body member the schema does not have, a value outside
// an enum, a missing api-version) is answered 400: our client sent something the service does not describe. An
// answer the spec rejects is the emulator's bug (HTTP 500).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { checkValue, type Schema, type Schemas } from './schema-check.js'
import { pathParams, pathPattern } from './spec-path.js'

interface Parameter extends Schema {
  name: string
  in: 'path' | 'query' | 'body' | 'header'
  required?: boolean
  schema?: Schema
}

interface Operation {
  operationId: string
  parameters: (Parameter | { $ref: string })[]
  responses: Record<string, { schema?: Schema }>
}

interface Spec {
  paths: Record<string, Record<string, Operation>>
  parameters: Record<string, Parameter>
  definitions: Record<string, Schema>
}

const spec = JSON.parse(
  readFileSync(join(import.meta.dirname, 'specs', 'azure-devops-build-7.1.json'), 'utf8')
) as Spec

/** The api-version the 7.1 spec asks for ("This should be set to '7.1' to use this version of the api."). */
export const AZURE_API_VERSION = '7.1'

export interface SpecOperation {
  id: string
  path: Record<string, string>
  operation: Operation
}

/** The spec's path templates as patterns; `{timelineId}` is optional (`x-ms-required: false`). */
const ROUTES = Object.entries(spec.paths).flatMap(([template, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({
    method: method.toUpperCase(),
    pattern: pathPattern(template, name => (name === 'timelineId' ? '?([^/]*)' : '([^/]+)'), true),
    operation
  }))
)

/** The spec operation a request names, with its decoded path parameters. */
export function specOperation(method: string, path: string): SpecOperation | undefined {
  for (const route of ROUTES) {
    if (route.method !== method || !route.pattern.re.test(path)) continue
    const params = pathParams(route.pattern, path)
    return params && { id: route.operation.operationId, path: params, operation: route.operation }
  }
  return undefined
}

function parametersOf(operation: Operation): Parameter[] {
  return operation.parameters.map(p =>
    '$ref' in p ? (spec.parameters[p.$ref.split('/').pop() ?? ''] as Parameter) : p
  )
}

/** The schema a `$ref` names, with the members it inherits through `allOf` (BuildDefinitionReference, Timeline). */
function resolve(schema: Schema, depth = 0): Schema {
  let s = schema
  for (let i = 0; s.$ref !== undefined && i < 10; i++)
    s = spec.definitions[s.$ref.split('/').pop() ?? ''] ?? {}
  if (s.allOf === undefined || depth > 5) return s
  const inherited = s.allOf.map(part => resolve(part, depth + 1))
  const properties: Record<string, Schema> = {}
  for (const part of [...inherited, s]) Object.assign(properties, part.properties ?? {})
  return { ...s, type: 'object', properties }
}

/** The spec's schemas: `$ref`s into its definitions, with ReferenceLinks as the wire writes it. */
const SPEC_SCHEMAS: Schemas = {
  resolve,
  special: (schema, value, where) =>
    schema.$ref?.endsWith('/ReferenceLinks') ? (linksProblem(value, where) ?? null) : undefined
}

const valueProblem = (value: unknown, schema: Schema, where: string, strictMembers: boolean) =>
  checkValue(value, schema, where, strictMembers, SPEC_SCHEMAS)

/**
 * `_links`: the spec types it as ReferenceLinks `{links: {...}}`, but .NET writes that class as the dictionary
 * itself, `{"web": {"href": ...}}`, which is what every client reads (the Node client's `_links.web.href`).
 */
function linksProblem(value: unknown, where: string): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'object' || value === null) return `${where}: expected an object of links`
  for (const [name, link] of Object.entries(value))
    if (typeof (link as { href?: unknown } | null)?.href !== 'string')
      return `${where}.${name}: expected {href}`
  return undefined
}

/** A query or path value (a string on the wire) against its parameter's type. */
function scalarProblem(text: string, p: Parameter): string | undefined {
  const where = `${p.in} parameter ${p.name}`
  if (p.type === 'integer')
    return /^-?\d{1,10}$/.test(text) ? undefined : `${where}: ${JSON.stringify(text)} is not an integer`
  if (p.type === 'boolean') return /^(true|false)$/i.test(text) ? undefined : `${where}: not a boolean`
  if (p.enum !== undefined && !p.enum.includes(text))
    return `${where}: ${JSON.stringify(text)} is not one of ${p.enum.join(', ')}`
  return undefined
}

/** What the spec rejects in a request, or undefined. */
export function azureRequestProblem(
  op: SpecOperation,
  query: URLSearchParams,
  body: unknown
): string | undefined {
  const params = parametersOf(op.operation)
  for (const p of params.filter(p => p.in === 'path')) {
    const value = op.path[p.name] ?? ''
    if (value === '' && p.name !== 'timelineId') return `path parameter ${p.name} is missing`
    if (value !== '') {
      const problem = scalarProblem(value, p)
      if (problem) return problem
    }
  }
  for (const [name, value] of query) {
    const p = params.find(q => q.in === 'query' && q.name === name)
    if (p === undefined) return `query parameter ${name} is not in the spec of ${op.id}`
    const problem = scalarProblem(value, p)
    if (problem) return problem
  }
  for (const p of params.filter(p => p.in === 'query' && p.required))
    if (!query.has(p.name)) return `query parameter ${p.name} is required`
  const bodyParam = params.find(p => p.in === 'body')
  if (bodyParam === undefined) return body === undefined ? undefined : `${op.id} takes no body`
  if (body === undefined) return bodyParam.required ? `${op.id} requires a body` : undefined
  return valueProblem(body, bodyParam.schema ?? {}, 'body', true)
}

/**
 * What the spec rejects in an answer, or undefined. A list's items are checked inside the `{count, value}`
 * envelope Azure DevOps wraps arrays in on the wire (the spec describes the bare array).
 */
export function azureAnswerProblem(op: SpecOperation, body: unknown): string | undefined {
  const schema = op.operation.responses['200']?.schema
  if (schema === undefined) return body === undefined ? undefined : `${op.id} answers with no body`
  if (schema.type === 'array') {
    const envelope = body as { count?: unknown; value?: unknown }
    if (typeof envelope.count !== 'number' || !Array.isArray(envelope.value))
      return 'not a {count, value} list'
    return valueProblem(envelope.value, schema, 'value', true)
  }
  return valueProblem(body, schema, 'answer', true)
}
