// Path templates of the vendored API descriptions (Swagger's `{buildId}`, discovery's `{+name}`) as patterns.

export interface PathPattern {
  re: RegExp
  /** The parameters' names, in the order of the pattern's groups. */
  names: string[]
}

/**
 * `template` as a whole-path pattern: `capture(name)` is each parameter's group, everything else is literal;
 * `trailingSlash` also takes the path with a `/` at its end.
 */
export function pathPattern(
  template: string,
  capture: (name: string) => string,
  trailingSlash = false
): PathPattern {
  const names: string[] = []
  const source = template
    .replace(/^\/?/, '/')
    .split(/(\{\+?\w+\})/)
    .map(part => {
      const m = /^\{\+?(\w+)\}$/.exec(part)
      if (!m) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      names.push(m[1] ?? '')
      return capture(m[1] ?? '')
    })
    .join('')
  return { re: new RegExp(`^${source}${trailingSlash ? '/?' : ''}$`), names }
}

/** The decoded parameters `path` gives `pattern`; undefined when it does not match or a value is badly encoded. */
export function pathParams(pattern: PathPattern, path: string): Record<string, string> | undefined {
  const m = pattern.re.exec(path)
  if (!m) return undefined
  try {
    return Object.fromEntries(pattern.names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? '')]))
  } catch {
    return undefined
  }
}
