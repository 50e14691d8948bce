import { InputError } from '../model/errors.js'
import { inRegion, type TargetLine } from '../model/target.js'
import { expectPattern, shorten } from '../model/validate.js'
import { SERVICES, serviceNamed } from '../services/registry.js'

const FORMS = `[!]SERVICE[@REGION]:RESOURCE: ${orList(SERVICES.map(s => s.lineForm))}`

/** `a, b or c`. */
export function orList(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`
}

/** Where target lines come from: the `targets` input, or the file `targets-file` names. */
export interface LineSource {
  /** `targets`, or `targets-file PATH`. */
  name: string
  text: string
}

/**
 * Parses target lines: `[!]SERVICE[@REGION]:RESOURCE` one a line, blank lines and `#` comments ignored. Every
 * line is checked before anything runs; the first bad one is an input error naming its source and line
 * number (counting every line, blank and comment lines too).
 */
export function parseTargetLines(sources: readonly LineSource[]): TargetLine[] {
  const lines: TargetLine[] = []
  for (const source of sources)
    source.text.split(/\r?\n/).forEach((raw, index) => {
      const text = raw.replace(/(^|\s)#.*$/, '').trim()
      if (text !== '') lines.push(parseLine(text, `${source.name} (line ${index + 1})`))
    })
  if (!lines.some(l => l.kind.name !== 'exclude'))
    throw new InputError(sources[0]?.name ?? 'targets', 'lists no target', `one target a line, ${FORMS}`)
  return lines
}

/** Each resource is checked by its service with the same pattern as the single-mode input it stands for. */
function parseLine(text: string, where: string): TargetLine {
  const exclude = text.startsWith('!')
  const line = exclude ? text.slice(1).trim() : text
  const colon = line.indexOf(':')
  const [serviceName = '', region, ...more] = (colon < 0 ? '' : line.slice(0, colon).trim()).split('@')
  if (more.length > 0)
    throw new InputError(where, `'${shorten(text)}' has more than one @ before its colon`, FORMS)
  const service = serviceNamed(serviceName)
  const resource = line.slice(colon + 1).trim()
  if (service === undefined || resource === '' || region === '')
    throw new InputError(where, `'${shorten(text)}' is not a target`, FORMS)
  if (region !== undefined) expectPattern(where, region, service.cloud.region)
  const at = region !== undefined ? { region } : {}
  if (exclude) {
    // Checked as the target or pattern it would remove; it lists nothing itself.
    if (service.patternOf?.(resource, where) === undefined) service.fromLine(resource, where)
    return { where, text, service: service.name, ...at, kind: { name: 'exclude', glob: resource } }
  }
  const pattern = service.patternOf?.(resource, where)
  if (pattern !== undefined)
    return { where, text, service: service.name, ...at, kind: { name: 'pattern', pattern } }
  if (/[*?]/.test(resource))
    throw new InputError(where, `${service.name} takes no pattern in '${shorten(text)}'`, service.lineForm)
  const target = service.fromLine(resource, where)
  return {
    where,
    text,
    service: service.name,
    ...at,
    kind: { name: 'target', target: inRegion(target, region) }
  }
}
