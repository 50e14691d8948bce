// Jest global setup of the e2e project: the end-to-end tests run dist/index.js, so dist/ is built from the
// source first. A test of the bundle can then never pass on code that is not the source's.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

export default function buildDist(): void {
  if (process.env.E2E_SKIP_BUILD === 'true') return
  const root = join(import.meta.dirname, '..', '..')
  const started = Date.now()
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
  process.stderr.write(`e2e: dist/ built from src/ in ${Date.now() - started} ms\n`)
}
