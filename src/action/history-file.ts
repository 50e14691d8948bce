import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { emptyHistory, historyOf, MAX_HISTORY_BYTES, type History } from '../model/history.js'
import { workspaceFile } from './workspace-file.js'

/**
 * `history-file`: what earlier runs saw, kept by the workflow between runs (actions/cache or an artifact). The
 * path stays inside GITHUB_WORKSPACE, links resolved, like `targets-file`'s. Its content is input: a missing file
 * starts an empty history (a notice), an unreadable, corrupt or oversized one is a warning and is replaced.
 */

const FORM = 'a path relative to the workspace (GITHUB_WORKSPACE) inside it, e.g. .retry-history/history.json'

/** The file's absolute path, checked to stay inside the workspace (the file itself may not exist yet). */
export function historyPath(path: string, env: NodeJS.ProcessEnv): string {
  return workspaceFile('history-file', path, env, { form: FORM, mustExist: false })
}

/** The history the file holds, and what to say about it: never a failure. */
export function readHistory(file: string): { history: History; notice?: string; warning?: string } {
  if (!existsSync(file))
    return { history: emptyHistory(), notice: 'history-file does not exist yet: starting an empty history' }
  try {
    const size = statSync(file).size
    if (size > MAX_HISTORY_BYTES)
      return {
        history: emptyHistory(),
        warning: `history-file is ${size} bytes, over its 5 MB cap: starting a new history`
      }
    const { history, dropped } = historyOf(JSON.parse(readFileSync(file, 'utf8')) as unknown)
    return dropped > 0
      ? { history, warning: `history-file: ${dropped} malformed entr${dropped === 1 ? 'y' : 'ies'} left out` }
      : { history }
  } catch {
    return {
      history: emptyHistory(),
      warning: 'history-file is not a readable history (not JSON): starting a new history'
    }
  }
}

/** Writes the history in one step (a temporary file, then a rename), so a cut-off step leaves the old one. */
export function writeHistory(file: string, history: History): void {
  mkdirSync(dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, `${JSON.stringify(history)}\n`)
  renameSync(temporary, file)
}
