import { readFileSync, statSync } from 'node:fs'
import { InputError } from '../model/errors.js'
import { shorten } from '../model/validate.js'
import type { LineSource } from './target-lines.js'
import { workspaceFile } from './workspace-file.js'

/** Far more than any fleet's list (6,000 lines are about 300 KB); a larger file is a mistake. */
const MAX_FILE_BYTES = 16 * 1024 * 1024

const FORM =
  'a path relative to the workspace (GITHUB_WORKSPACE) of a file inside it, e.g. .github/retry-targets.txt'

/**
 * `targets-file`: target lines from a file in the workspace. The path, with symbolic links resolved, must stay
 * inside GITHUB_WORKSPACE: a workflow input cannot make the action read files elsewhere on the runner.
 */
export function readTargetsFile(path: string, env: NodeJS.ProcessEnv): LineSource {
  const file = workspaceFile('targets-file', path, env, { form: FORM, mustExist: true })
  const stat = statSync(file)
  if (stat.size > MAX_FILE_BYTES)
    throw new InputError(
      'targets-file',
      `'${shorten(path)}' is ${stat.size} bytes`,
      `${FORM}, of at most 16 MiB`
    )
  return { name: `targets-file ${shorten(path)}`, text: readFileSync(file, 'utf8') }
}
