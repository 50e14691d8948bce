import { existsSync, realpathSync, statSync } from 'node:fs'
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path'
import { InputError } from '../model/errors.js'
import { shorten } from '../model/validate.js'

/**
 * A file an input names, as a path relative to GITHUB_WORKSPACE that stays inside it with symbolic links resolved:
 * a workflow input cannot make the action read or write files elsewhere on the runner. `mustExist: false` accepts a
 * file not written yet (the links of the part that exists decide where it would be). The resolved path, or an
 * InputError naming `input` and what `form` it accepts.
 */
export function workspaceFile(
  input: string,
  path: string,
  env: NodeJS.ProcessEnv,
  options: { form: string; mustExist: boolean }
): string {
  const fail = (problem: string): InputError =>
    new InputError(input, `'${shorten(path)}' ${problem}`, options.form)
  if (isAbsolute(path) || path.includes('\0')) throw fail('is not relative to the workspace')
  let workspace: string
  let file: string
  try {
    workspace = realpathSync(env.GITHUB_WORKSPACE?.trim() || process.cwd())
    const wanted = resolve(workspace, path)
    let existing = wanted
    if (!options.mustExist)
      while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing)
    file = resolve(realpathSync(existing), relative(existing, wanted))
  } catch (error) {
    throw fail(`cannot be read (${codeOf(error)})`)
  }
  const inside = relative(workspace, file)
  if (inside === '') throw fail('is the workspace folder itself, not a file')
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside))
    throw fail('is outside the workspace')
  if (existsSync(file) && !statSync(file).isFile()) throw fail('is not a file')
  return file
}

function codeOf(error: unknown): string {
  // Not `instanceof Error`: errors from node:fs may come from another realm (a test VM).
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : 'unreadable'
}
