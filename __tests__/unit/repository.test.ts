// The repository around the action: workflows that pass actionlint, the files users and contributors look
// for, one Node version everywhere, and only permissive licences among the dependencies that can be bundled.
import { describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { actionlint } from '../support/actionlint.js'
import { parse } from 'yaml'

const root = join(import.meta.dirname, '..', '..')
const read = (path: string): string => readFileSync(join(root, path), 'utf8')
const workflowsDir = join(root, '.github', 'workflows')
const workflows = readdirSync(workflowsDir).filter(f => f.endsWith('.yml'))

interface PackageJson {
  license: string
  engines: { node: string }
  repository: { url: string }
  bugs: { url: string }
  homepage: string
  devDependencies: Record<string, string>
  scripts: Record<string, string>
}
const pkg = JSON.parse(read('package.json')) as PackageJson

const examplesDir = join(root, 'examples')
const examples = readdirSync(examplesDir).filter(f => f.endsWith('.yml'))
/** A workflow actionlint must refuse: the check can fail. */
const BROKEN =
  'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ nope.x }}\n'

/** Every workflow and example, and the broken one, linted in one actionlint run (it takes seconds to start). */
let lintedOnce: Record<string, string[]> | undefined
const linted = (): Record<string, string[]> =>
  (lintedOnce ??= actionlint({
    ...Object.fromEntries(workflows.map(f => [f, readFileSync(join(workflowsDir, f), 'utf8')])),
    ...Object.fromEntries(examples.map(f => [`example-${f}`, readFileSync(join(examplesDir, f), 'utf8')])),
    'broken-on-purpose.yml': BROKEN
  }))

describe('workflows', () => {
  it('has CI, the dist check, CodeQL and the release', () => {
    expect(workflows.sort()).toEqual(['check-dist.yml', 'ci.yml', 'codeql.yml', 'release.yml'])
  })

  it('the release runs on vX.Y.Z tags or by hand, never on pull requests, with least privilege per job', () => {
    const release = parse(read('.github/workflows/release.yml')) as {
      on: Record<string, { tags?: string[] } | undefined>
      permissions: Record<string, string>
      jobs: Record<string, { permissions: Record<string, string>; steps: { run?: string; uses?: string }[] }>
    }
    expect(Object.keys(release.on).sort()).toEqual(['push', 'workflow_dispatch'])
    expect(release.on.push?.tags).toEqual(['v[0-9]+.[0-9]+.[0-9]+'])
    expect(release.permissions).toEqual({})
    const perms = Object.fromEntries(
      Object.entries(release.jobs).map(([name, job]) => [name, job.permissions])
    )
    expect(perms).toEqual({
      check: { contents: 'read' },
      attest: { contents: 'read', 'id-token': 'write', attestations: 'write' },
      publish: { contents: 'write' }
    })
    const steps = Object.values(release.jobs).flatMap(job => job.steps)
    expect(steps.some(s => s.run?.includes('script/release-check'))).toBe(true)
    expect(steps.some(s => s.uses?.startsWith('actions/attest-build-provenance@'))).toBe(true)
    expect(steps.some(s => s.run?.includes('--draft') && s.run.includes('--draft=false'))).toBe(true)
  })

  it('script/release-check passes the version checks for package.json, and refuses another version', () => {
    const env = { ...process.env, RELEASE_CHECK_SKIP_BUILD: '1' }
    expect(
      spawnSync(join(root, 'script', 'release-check'), [`v${(pkg as { version?: string }).version ?? ''}`], {
        cwd: root,
        env
      }).status
    ).toBe(0)
    const other = spawnSync(join(root, 'script', 'release-check'), ['v99.0.0'], {
      cwd: root,
      env,
      encoding: 'utf8'
    })
    expect(other.status).toBe(1)
    expect(other.stderr).toContain("package.json's version is not 99.0.0")
  })

  it.each(workflows)('%s passes actionlint', file => {
    expect(linted()[file]).toEqual([])
  })

  it.each(examples)('examples/%s passes actionlint', file => {
    expect(linted()[`example-${file}`]).toEqual([])
  })

  it('actionlint does catch mistakes', () => {
    expect(linted()['broken-on-purpose.yml']).toHaveLength(1)
  })

  it('CI runs the action itself with uses: ./ against the emulator, dry run and a real retry', () => {
    const ci = parse(read('.github/workflows/ci.yml')) as {
      jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }>
    }
    const own = Object.values(ci.jobs).flatMap(job => job.steps.filter(step => step.uses === './'))
    expect(own.some(step => step.with?.['dry-run'] === true)).toBe(true)
    expect(own.some(step => step.with?.['dry-run'] === undefined && step.with?.targets !== undefined)).toBe(
      true
    )
    const targets = own
      .map(step => step.with?.targets)
      .filter(t => typeof t === 'string')
      .join('\n')
    for (const service of ['codepipeline', 'codebuild', 'codebuild-batch', 'sagemaker', 'codearts'])
      expect(targets).toMatch(new RegExp(`^${service}:`, 'm'))
  })

  it('dependabot updates npm (grouped) and the workflow actions', () => {
    const config = parse(read('.github/dependabot.yml')) as {
      updates: { 'package-ecosystem': string; groups?: object }[]
    }
    expect(config.updates.map(u => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm'])
    expect(config.updates.find(u => u['package-ecosystem'] === 'npm')?.groups).toBeDefined()
  })
})

describe('the files a user or contributor looks for', () => {
  it.each(['LICENSE', 'SECURITY.md', 'CONTRIBUTING.md', 'CHANGELOG.md', 'README.md', 'script/release'])(
    '%s exists',
    file => {
      expect(existsSync(join(root, file))).toBe(true)
    }
  )

  it('LICENSE is the MIT licence that package.json names', () => {
    expect(pkg.license).toBe('MIT')
    expect(read('LICENSE')).toMatch(/^MIT License\n/)
  })

  it('script/release is executable and is npm run release', () => {
    expect(statSync(join(root, 'script', 'release')).mode & 0o111).not.toBe(0)
    expect(pkg.scripts.release).toBe('script/release')
  })

  it('CHANGELOG follows Keep a Changelog, with an Unreleased section', () => {
    const changelog = read('CHANGELOG.md')
    expect(changelog).toContain('https://keepachangelog.com/')
    expect(changelog).toMatch(/^## \[Unreleased\]$/m)
  })

  it('package.json names the repository, the issue tracker and the home page', () => {
    expect(pkg.repository.url).toContain('github.com/pipeline-retry/pipeline-retry-action')
    expect(pkg.bugs.url).toMatch(/\/issues$/)
    expect(pkg.homepage).toContain('github.com/pipeline-retry/pipeline-retry-action')
  })
})

describe('one Node version', () => {
  it('action.yml, .node-version, engines and @types/node all say Node 24', () => {
    const action = parse(read('action.yml')) as { runs: { using: string } }
    expect(action.runs.using).toBe('node24')
    expect(read('.node-version').trim()).toBe('24')
    expect(pkg.engines.node).toBe('>=24')
    expect(pkg.devDependencies['@types/node']).toMatch(/^\^24\./)
  })
})

/** Licences whose terms allow bundling into an MIT action without more than a notice (dist/licenses.txt). */
const ALLOWED = new Set(['MIT', 'Apache-2.0', 'ISC', 'BSD-2-Clause', 'BSD-3-Clause', '0BSD'])

/** Every licence an SPDX expression names: `(MIT OR Apache-2.0)` names two. */
function licencesOf(expression: string): string[] {
  return expression
    .replace(/[()]/g, ' ')
    .split(/\s+(?:OR|AND)\s+|\s+/)
    .filter(Boolean)
}

describe('licences of what can be bundled', () => {
  interface LockEntry {
    license?: string
    dev?: boolean
    devOptional?: boolean
  }
  const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, LockEntry> }
  const production = Object.entries(lock.packages).filter(
    ([path, entry]) => path.startsWith('node_modules/') && !entry.dev && !entry.devOptional
  )

  it('every production dependency (all that ncc can bundle) has an allowed licence', () => {
    expect(production.length).toBeGreaterThan(10)
    const offenders = production
      .filter(([, entry]) => {
        const names = licencesOf(entry.license ?? 'UNKNOWN')
        // An OR expression needs one allowed licence; AND needs all: accept only when all named are allowed,
        // unless the expression is an OR of alternatives.
        return (entry.license ?? '').includes(' OR ')
          ? !names.some(n => ALLOWED.has(n))
          : !names.every(n => ALLOWED.has(n))
      })
      .map(([path, entry]) => `${path}: ${entry.license ?? 'no licence'}`)
    expect(offenders).toEqual([])
  })

  it('dist/licenses.txt names only allowed licences', () => {
    const text = read('dist/licenses.txt')
    const entries = [...text.matchAll(/(?:^|\n\n)(@?[a-z0-9][\w.\-/@]*)\n([A-Za-z0-9.\-+() ]+)\n/g)]
    expect(entries.length).toBeGreaterThan(5)
    const offenders = entries
      .filter(([, , licence]) => !licencesOf(licence ?? '').every(n => ALLOWED.has(n)))
      .map(([, name, licence]) => `${name}: ${licence}`)
    expect(offenders).toEqual([])
  })
})
