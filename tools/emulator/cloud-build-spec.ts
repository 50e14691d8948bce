// Every Cloud Build request the emulator takes, and every answer it gives, is checked against Google's Cloud Build
// v1 discovery document (the methods the action calls and their schemas, vendored in specs/ by
// scripts/vendor-cloudbuild-discovery.ts from PyPI google-api-python-client): the path's resource name against its
// pattern, query parameters (known, typed), the body's members, types and formats. A request the document rejects
// is answered 400 INVALID_ARGUMENT; an answer it rejects is the emulator's bug (HTTP 500).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { checkValue, type Schema, type Schemas } from './schema-check.js'
import { pathParams, pathPattern } from './spec-path.js'

interface Parameter extends Schema {
  location: 'path' | 'query'
  required?: boolean
}

interface Method {
  id: string
  httpMethod: string
  path: string
  flatPath: string
  parameters: Record<string, Parameter>
  request?: { $ref: string }
  response?: { $ref: string }
}

interface Discovery {
  methods: Record<string, Method>
  schemas: Record<string, Schema>
}

const doc = JSON.parse(
  readFileSync(join(import.meta.dirname, 'specs', 'cloudbuild-v1-discovery.json'), 'utf8')
) as Discovery

const SCHEMAS: Schemas = {
  resolve: schema => (schema.$ref !== undefined ? (doc.schemas[schema.$ref] ?? {}) : schema)
}

export interface CloudBuildCall {
  /** The discovery method id, e.g. `cloudbuild.projects.locations.builds.retry`. */
  id: string
  /** Its last part, the operation as the emulator records it: `RetryBuild`, `ListBuilds`... */
  operation: string
  /** The path parameters by flatPath name (projectsId, locationsId, buildsId, ...). */
  params: Record<string, string>
  method: Method
}

const OPERATION: Record<string, string> = {
  'projects.locations.builds.list': 'ListBuilds',
  'projects.locations.builds.get': 'GetBuild',
  'projects.locations.builds.retry': 'RetryBuild',
  'projects.locations.builds.cancel': 'CancelBuild',
  'projects.locations.triggers.list': 'ListBuildTriggers',
  'projects.locations.operations.get': 'GetOperation'
}

const ROUTES = Object.entries(doc.methods).map(([key, method]) => ({
  key,
  method,
  pattern: pathPattern(method.flatPath, () => '([^/:]+)')
}))

/** The discovery method a request names, or undefined (Google's 404). */
export function cloudBuildCall(httpMethod: string, path: string): CloudBuildCall | undefined {
  for (const route of ROUTES) {
    if (route.method.httpMethod !== httpMethod || !route.pattern.re.test(path)) continue
    const params = pathParams(route.pattern, path)
    return (
      params && {
        id: route.method.id,
        operation: OPERATION[route.key] ?? route.key,
        params,
        method: route.method
      }
    )
  }
  return undefined
}

/** What the discovery document rejects in a request, or undefined. */
export function cloudBuildRequestProblem(
  call: CloudBuildCall,
  path: string,
  query: URLSearchParams,
  body: unknown
): string | undefined {
  const { method } = call
  // `v1/{+name}:retry`: the resource name the path carries, checked against the parameter's pattern.
  const named: Record<string, string | undefined> =
    pathParams(
      pathPattern(method.path, () => '(.+?)'),
      path
    ) ?? {}
  for (const [name, p] of Object.entries(method.parameters)) {
    if (p.location !== 'path') continue
    const value = named[name]
    if (value === undefined) {
      if (p.required) return `path parameter ${name} is missing`
      continue
    }
    if (p.pattern !== undefined && !new RegExp(p.pattern).test(value))
      return `${name} '${value}' does not match ${p.pattern}`
  }
  for (const [name, value] of query) {
    const p = method.parameters[name]
    if (p?.location !== 'query') return `query parameter ${name} is not a parameter of ${method.id}`
    if (p.type === 'integer' && !/^-?\d{1,10}$/.test(value)) return `query parameter ${name}: not an integer`
  }
  if (method.request === undefined) return body === undefined ? undefined : `${method.id} takes no body`
  return checkValue(body ?? {}, method.request, 'body', true, SCHEMAS)
}

/** What the discovery document rejects in an answer, or undefined. */
export function cloudBuildAnswerProblem(call: CloudBuildCall, body: unknown): string | undefined {
  return call.method.response === undefined
    ? undefined
    : checkValue(body, call.method.response, 'answer', true, SCHEMAS)
}
