// Every AWS request the emulator takes, and every answer it gives, is checked against botocore's service
// models (`service-2.json`, the official machine-readable models the AWS SDKs and CLI are built from): required
// members, types, lengths, patterns, enums, ranges and list sizes. A request the model rejects is answered with
// the service's validation error, as AWS does; an answer the model rejects is the emulator's bug (HTTP 500).
// The models come from the pinned PyPI package `botocore` (script/botocore-models); without them nothing is
// checked, and __tests__/emulator/models.test.ts fails.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

interface Shape {
  type: string
  members?: Record<string, { shape: string }>
  required?: string[]
  member?: { shape: string }
  key?: { shape: string }
  value?: { shape: string }
  min?: number
  max?: number
  pattern?: string
  enum?: string[]
}

interface Model {
  operations: Record<string, { input?: { shape: string }; output?: { shape: string } }>
  shapes: Record<string, Shape>
}

/** Where script/botocore-models puts the models (override with EMULATOR_MODELS). */
export const MODELS_DIR = process.env.EMULATOR_MODELS ?? join(process.cwd(), '.cache', 'botocore-models')

const models = new Map<string, Model | undefined>()

/** The service's model, or undefined when the models are not installed. */
export function modelOf(service: string): Model | undefined {
  if (!models.has(service)) {
    const file = join(MODELS_DIR, `${service}.json`)
    models.set(service, existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Model) : undefined)
  }
  return models.get(service)
}

const patterns = new Map<string, RegExp | undefined>()

/**
 * A model pattern as a whole-value match (AWS validates a request's whole value); undefined when JavaScript
 * cannot read it. In answers `.` also matches line breaks: a service's own text (a FailureReason) has them, and
 * no service validates what it sends against its input rules.
 */
function patternOf(source: string, input: boolean): RegExp | undefined {
  const key = `${input ? 'in' : 'out'}:${source}`
  if (!patterns.has(key)) {
    let re: RegExp | undefined
    for (const flags of input ? ['u', ''] : ['su', 's']) {
      try {
        re = new RegExp(`^(?:${source})$`, flags)
        break
      } catch {
        re = undefined
      }
    }
    patterns.set(key, re)
  }
  return patterns.get(key)
}

/** The first constraint `value` breaks, in AWS's wording ("Value at 'x' failed to satisfy constraint: ..."). */
function check(
  model: Model,
  shapeName: string,
  value: unknown,
  path: string,
  input: boolean
): string | undefined {
  const shape = model.shapes[shapeName]
  if (shape === undefined || value === undefined || value === null) return undefined
  const fail = (constraint: string): string =>
    `Value at '${path}' failed to satisfy constraint: Member must ${constraint}`
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) return fail('be a structure')
      const record = value as Record<string, unknown>
      for (const name of shape.required ?? [])
        if (record[name] === undefined || record[name] === null)
          return `Value at '${path ? `${path}.` : ''}${name}' failed to satisfy constraint: Member must not be null`
      for (const [name, member] of Object.entries(record)) {
        const declared = shape.members?.[name]
        if (declared === undefined) {
          if (input) return `Unknown parameter '${path ? `${path}.` : ''}${name}'`
          continue
        }
        const broken = check(model, declared.shape, member, path ? `${path}.${name}` : name, input)
        if (broken) return broken
      }
      return undefined
    }
    case 'list': {
      if (!Array.isArray(value)) return fail('be a list')
      if (shape.min !== undefined && value.length < shape.min)
        return fail(`have length greater than or equal to ${shape.min}`)
      if (shape.max !== undefined && value.length > shape.max)
        return fail(`have length less than or equal to ${shape.max}`)
      for (const [i, item] of value.entries()) {
        const broken = check(model, shape.member?.shape ?? '', item, `${path}.${i + 1}.member`, input)
        if (broken) return broken
      }
      return undefined
    }
    case 'map': {
      if (typeof value !== 'object') return fail('be a map')
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        const broken =
          check(model, shape.key?.shape ?? '', key, `${path}.key`, input) ??
          check(model, shape.value?.shape ?? '', item, `${path}.${key}`, input)
        if (broken) return broken
      }
      return undefined
    }
    case 'string': {
      if (typeof value !== 'string') return fail('be a string')
      if (shape.enum && !shape.enum.includes(value))
        return fail(`satisfy enum value set: [${shape.enum.join(', ')}]`)
      if (shape.min !== undefined && value.length < shape.min)
        return fail(`have length greater than or equal to ${shape.min}`)
      if (shape.max !== undefined && value.length > shape.max)
        return fail(`have length less than or equal to ${shape.max}`)
      const re = shape.pattern === undefined ? undefined : patternOf(shape.pattern, input)
      if (re && !re.test(value)) return fail(`satisfy regular expression pattern: ${shape.pattern ?? ''}`)
      return undefined
    }
    case 'integer':
    case 'long':
    case 'float':
    case 'double': {
      if (typeof value !== 'number') return fail('be a number')
      if ((shape.type === 'integer' || shape.type === 'long') && !Number.isInteger(value))
        return fail('be a whole number')
      if (shape.min !== undefined && value < shape.min)
        return fail(`have value greater than or equal to ${shape.min}`)
      if (shape.max !== undefined && value > shape.max)
        return fail(`have value less than or equal to ${shape.max}`)
      return undefined
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : fail('be a boolean')
    case 'timestamp':
      return typeof value === 'number' || typeof value === 'string' ? undefined : fail('be a timestamp')
    default:
      return undefined
  }
}

/** What is wrong with an operation's request (AWS's validation message), or undefined. */
export function requestProblem(service: string, operation: string, body: unknown): string | undefined {
  const model = modelOf(service)
  const shape = model?.operations[operation]?.input?.shape
  if (model === undefined || shape === undefined) return undefined
  const problem = check(model, shape, body ?? {}, '', true)
  return problem === undefined ? undefined : `1 validation error detected: ${problem}`
}

/** What is wrong with an answer the emulator is about to give, or undefined. */
export function answerProblem(service: string, operation: string, body: unknown): string | undefined {
  const model = modelOf(service)
  const shape = model?.operations[operation]?.output?.shape
  if (model === undefined || shape === undefined) return undefined
  return check(model, shape, JSON.parse(JSON.stringify(body ?? {})) as unknown, '', false)
}
