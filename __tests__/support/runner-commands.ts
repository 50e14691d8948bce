// The runner's workflow-command parsing, ported from actions/runner (ActionCommand.TryParseV2 and TryParse,
// as ActionCommandManager.TryProcessCommand calls them): a line is a command when, after leading white space,
// it starts with `::NAME...::`, or else when it holds the legacy `##[NAME ...]` anywhere. Names are matched
// without regard to case (stricter than the runner's own set of registered names).

/** Commands the runner registers (ActionCommandManager and its extensions). */
export const RUNNER_COMMANDS = new Set([
  'set-output',
  'set-env',
  'add-path',
  'add-mask',
  'stop-commands',
  'warning',
  'error',
  'notice',
  'debug',
  'group',
  'endgroup',
  'echo',
  'save-state',
  'add-matcher',
  'remove-matcher',
  'internal-set-repo-path'
])

/** .NET's char.IsWhiteSpace, which String.TrimStart uses: JavaScript's \s plus NEL, less the BOM. */
const DOTNET_SPACE = /^[\s\u0085]*/

export interface ParsedCommand {
  form: '::' | '##['
  name: string
}

/** The command the runner would run for `line`, or undefined. */
export function parseRunnerCommand(line: string): ParsedCommand | undefined {
  const trimmed = line.slice((DOTNET_SPACE.exec(line)?.[0] ?? '').length)
  if (trimmed.startsWith('::')) {
    const end = trimmed.indexOf('::', 2)
    if (end >= 0) {
      const info = trimmed.slice(2, end)
      const name = (info.includes(' ') ? info.slice(0, info.indexOf(' ')) : info).toLowerCase()
      if (RUNNER_COMMANDS.has(name)) return { form: '::', name }
    }
  }
  const prefix = line.indexOf('##[')
  if (prefix < 0) return undefined
  const close = line.indexOf(']', prefix)
  if (close < 0) return undefined
  const info = line.slice(prefix + 3, close)
  const name = (info.includes(' ') ? info.slice(0, info.indexOf(' ')) : info).toLowerCase()
  return RUNNER_COMMANDS.has(name) ? { form: '##[', name } : undefined
}

/** Each line of `stdout` as the runner splits it (\n, \r\n; a lone \r too, to be safe). */
export const runnerLines = (stdout: string): string[] => stdout.split(/\r\n|\r|\n/)

/**
 * The lines of a log that the runner would run as a command other than the action's own annotations and
 * groups (`::warning::`, `::error::`, `::notice::`, `::group::`, `::endgroup::`, `::add-mask::`, `::debug::`).
 */
export function foreignCommands(stdout: string): string[] {
  const own = new Set(['warning', 'error', 'notice', 'group', 'endgroup', 'add-mask', 'debug'])
  return runnerLines(stdout).filter(line => {
    const command = parseRunnerCommand(line)
    if (command === undefined) return false
    // The action's own `::name::` commands: the runner parses them first and never looks for `##[` after.
    return !(command.form === '::' && own.has(command.name) && /^::[a-z-]+( [^:]*)?::/.test(line))
  })
}
