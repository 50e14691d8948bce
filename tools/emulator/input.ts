import { ApiError } from './errors.js'

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Typed reads of a request body; a wrong type is the service's own validation error. */
export class Input {
  constructor(
    private readonly fields: Json,
    private readonly invalidCode: string,
    private readonly invalidStatus = 400
  ) {}

  /** Parses a JSON body; an empty body is `{}`. */
  static parse(body: string, invalidCode: string, malformedCode: string, invalidStatus = 400): Input {
    if (body.trim() === '') return new Input({}, invalidCode, invalidStatus)
    let value: unknown
    try {
      value = JSON.parse(body)
    } catch {
      throw new ApiError(malformedCode, 'The request body is not valid JSON', invalidStatus)
    }
    if (!isObject(value))
      throw new ApiError(malformedCode, 'The request body must be a JSON object', invalidStatus)
    return new Input(value, invalidCode, invalidStatus)
  }

  invalid(message: string): ApiError {
    return new ApiError(this.invalidCode, message, this.invalidStatus)
  }

  optStr(name: string): string | undefined {
    const value = this.fields[name]
    if (value === undefined || value === null) return undefined
    if (typeof value !== 'string') throw this.invalid(`${name} must be a string`)
    return value
  }

  str(name: string): string {
    const value = this.optStr(name)
    if (value === undefined || value === '') throw this.invalid(`${name} is required`)
    return value
  }

  optNum(name: string): number | undefined {
    const value = this.fields[name]
    if (value === undefined || value === null) return undefined
    if (typeof value !== 'number' || !Number.isFinite(value)) throw this.invalid(`${name} must be a number`)
    return value
  }

  /** An integer in [min, max], or the default when absent. */
  int(name: string, min: number, max: number, fallback: number): number {
    const value = this.optNum(name) ?? fallback
    if (!Number.isInteger(value) || value < min || value > max) {
      throw this.invalid(`${name} must be an integer from ${min} to ${max}`)
    }
    return value
  }

  optBool(name: string): boolean | undefined {
    const value = this.fields[name]
    if (value === undefined || value === null) return undefined
    if (typeof value !== 'boolean') throw this.invalid(`${name} must be a boolean`)
    return value
  }

  /** One of `allowed`; when absent, the default, or an error without one. */
  oneOf<T extends string>(name: string, allowed: readonly T[], fallback?: T): T {
    const value = this.optStr(name)
    if (value === undefined) {
      if (fallback === undefined) throw this.invalid(`${name} is required`)
      return fallback
    }
    const found = allowed.find(option => option === value)
    if (found === undefined) throw this.invalid(`${name} must be one of ${allowed.join(', ')}`)
    return found
  }

  optObj(name: string): Input | undefined {
    const value = this.fields[name]
    if (value === undefined || value === null) return undefined
    if (!isObject(value)) throw this.invalid(`${name} must be an object`)
    return new Input(value, this.invalidCode, this.invalidStatus)
  }

  optStrList(name: string): string[] | undefined {
    const value = this.fields[name]
    if (value === undefined || value === null) return undefined
    if (!Array.isArray(value) || !value.every(item => typeof item === 'string')) {
      throw this.invalid(`${name} must be a list of strings`)
    }
    return value
  }
}
