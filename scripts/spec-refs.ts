// What the vendoring scripts share: the `$ref`s an excerpt of an API description needs, however deep.

/** Every `$ref` string in `value`, at any depth. */
function refsIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) refsIn(v, out)
  else if (value !== null && typeof value === 'object')
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string') out.add(v)
      else refsIn(v, out)
    }
  return out
}

/** Each `$ref` that `roots` reach, directly or through what they name (`lookup`), with what it names. */
export function referenced(roots: unknown, lookup: (ref: string) => unknown): Map<string, unknown> {
  const found = new Map<string, unknown>()
  const todo = [...refsIn(roots)]
  for (let ref = todo.pop(); ref !== undefined; ref = todo.pop()) {
    if (found.has(ref)) continue
    const value = lookup(ref)
    found.set(ref, value)
    todo.push(...refsIn(value))
  }
  return found
}
