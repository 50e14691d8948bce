import { readFileSync, realpathSync, statSync } from 'node:fs'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { InputError } from '../model/errors.js'
import { shorten } from '../model/validate.js'
import type { LineSource } from './target-lines.js'

/** Far more than any fleet's list (6,000 lines are about 300 KB); a larger file is a mistake. */
const MAX_FILE_BYTES = 16 * 1024 * 1024

const FORM =
  'a path relative to the workspace (GITHUB_WORKSPACE) of a file inside it, e.g. .github/retry-targets.txt'

/**
 * `targets-file`: target lines from a file in the workspace. The path, with symbolic links resolved, must stay
 * inside GITHUB_WORKSPACE: a workflow input cannot make the action read files elsewhere on the runner.
 */
export function readTargetsFile(path: string, env: NodeJS.ProcessEnv): LineSource {
  const workspaceDir = env.GITHUB_WORKSPACE?.trim() || process.cwd()
  if (isAbsolute(path) || path.includes('\0'))
    throw new InputError('targets-file', `'${shorten(path)}' is not relative to the workspace`, FORM)
  let workspace: string
  let file: string
  try {
    workspace = realpathSync(workspaceDir)
    file = realpathSync(resolve(workspace, path))
  } catch (error) {
    throw new InputError('targets-file', `'${shorten(path)}' cannot be read (${codeOf(error)})`, FORM)
  }
  const inside = relative(workspace, file)
  if (inside === '')
    throw new InputError(
      'targets-file',
      `'${shorten(path)}' is the workspace folder itself, not a file`,
      FORM
    )
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside))
    throw new InputError('targets-file', `'${shorten(path)}' is outside the workspace`, FORM)
  const stat = statSync(file)
  if (!stat.isFile()) throw new InputError('targets-file', `'${shorten(path)}' is not a file`, FORM)
  if (stat.size > MAX_FILE_BYTES)
    throw new InputError(
      'targets-file',
      `'${shorten(path)}' is ${stat.size} bytes`,
      `${FORM}, of at most 16 MiB`
    )
  return { name: `targets-file ${shorten(path)}`, text: readFileSync(file, 'utf8') }
}

function codeOf(error: unknown): string {
  // Not `instanceof Error`: errors from node:fs may come from another realm (a test VM).
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : 'unreadable'
}
