import { InputError } from '../model/errors.js'
import type { TargetBase } from '../model/target.js'
import { shorten } from '../model/validate.js'
import { SERVICES, serviceNamed } from '../services/registry.js'

const FORMS = `SERVICE:RESOURCE: ${listed(SERVICES.map(s => s.lineForm))}`

/** `a, b or c`. */
export function listed(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`
}

/**
 * Parses the `targets` input: one `SERVICE:RESOURCE` a line, blank lines and `#` comments ignored. Every
 * line is checked before anything runs; the first bad one is an input error naming its line number.
 */
export function parseTargetLines(text: string): TargetBase[] {
  const targets: TargetBase[] = []
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim()
    if (line === '') return
    targets.push(parseLine(line, index + 1))
  })
  if (targets.length === 0) throw new InputError('targets', 'lists no target', `one target a line, ${FORMS}`)
  return targets
}

/** Each resource is checked by its service with the same pattern as the single-mode input it stands for. */
function parseLine(line: string, lineNo: number): TargetBase {
  const where = `targets (line ${lineNo})`
  const colon = line.indexOf(':')
  const service = colon < 0 ? undefined : serviceNamed(line.slice(0, colon).trim())
  const resource = line.slice(colon + 1).trim()
  if (service === undefined || resource === '')
    throw new InputError(where, `'${shorten(line)}' is not a target`, FORMS)
  return service.fromLine(resource, where)
}
