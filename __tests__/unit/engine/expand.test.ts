import { describe, expect, it, jest } from '@jest/globals'
import { parseTargetLines } from '../../../src/action/target-lines.js'
import { expandTargets, shardIndex, type ExpandDeps } from '../../../src/engine/expand.js'
import type { Listed, ListQuery } from '../../../src/model/listing.js'
import type { Provider } from '../../../src/model/provider.js'
import type { TargetBase } from '../../../src/model/target.js'
import { serviceOf } from '../../../src/services/registry.js'

const PROJECT = '0123456789abcdef0123456789abcdef'
const id = (n: number) => `${'p'.repeat(30)}${String(n).padStart(2, '0')}`

/** Providers that list `names` per service (CodeArts pipelines as PROJECT/ID, named by `names`). */
function deps(names: Record<string, string[]>, failing: string[] = []) {
  const list = jest.fn(
    (service: string, _region: string | undefined, query: ListQuery): Promise<Listed[]> => {
      if (failing.includes(service))
        return Promise.reject(new Error(`AccessDeniedException: not allowed to list ${service}`))
      return Promise.resolve(
        (names[service] ?? []).map((name, i) => ({
          name,
          resource: query.scope !== undefined ? `${query.scope}/${id(i)}` : name
        }))
      )
    }
  )
  const warnings: string[] = []
  const d: ExpandDeps = {
    providerFor: (t: Pick<TargetBase, 'service' | 'region'>) =>
      Promise.resolve({ list: (q: ListQuery) => list(t.service, t.region, q) } as unknown as Provider),
    serviceOf,
    regionOf: service => (service === 'codebuild' ? 'us-east-1' : undefined),
    concurrency: 4,
    log: () => undefined,
    warn: m => warnings.push(m)
  }
  return { d, list, warnings }
}

const lines = (text: string) => parseTargetLines([{ name: 'targets', text }])

describe('expandTargets', () => {
  it('expands each pattern by its listing, in line order, with the line it came from', async () => {
    const { d, list } = deps({
      codebuild: ['team-a-api', 'team-b-web', 'team-a-web'],
      codepipeline: ['release-eu', 'release-us', 'nightly'],
      codearts: ['release-1', 'hotfix']
    })
    const { targets } = await expandTargets(
      lines(
        [
          'codebuild:team-a-*',
          'codepipeline:release-??/Deploy',
          `codearts:${PROJECT}/release-*`,
          'codebuild:team-?-web'
        ].join('\n')
      ),
      undefined,
      d
    )
    expect(targets.map(t => t.label)).toEqual([
      'codebuild:team-a-api',
      'codebuild:team-a-web',
      'codepipeline:release-eu/Deploy',
      'codepipeline:release-us/Deploy',
      `codearts:${PROJECT}/${id(0)}`,
      'codebuild:team-b-web'
    ])
    expect(targets[0]?.origin).toBe('targets (line 1): codebuild:team-a-*')
    expect(targets[2]).toMatchObject({ pipelineName: 'release-eu', stageName: 'Deploy' })
    // codebuild listed once for two lines.
    expect(list.mock.calls.map(([service]) => service).sort()).toEqual([
      'codearts',
      'codebuild',
      'codepipeline'
    ])
  })

  it('patterns of one service and region share one listing, with the prefix they all share', async () => {
    const { d, list } = deps({ sagemaker: ['train-a', 'trial-1', 'other', 'trial-22'] })
    const { targets } = await expandTargets(lines('sagemaker:train-*\nsagemaker:trial-?'), undefined, d)
    expect(targets.map(t => t.label)).toEqual(['sagemaker:train-a', 'sagemaker:trial-1'])
    expect(list.mock.calls.map(([, , query]) => query)).toEqual([{ glob: 'train-*', prefix: 'tr' }])
  })

  it('keeps the same target once, whether written twice or matched twice', async () => {
    const { d } = deps({ codebuild: ['api', 'web'] })
    const { targets } = await expandTargets(lines('codebuild:api\ncodebuild:*\ncodebuild:api'), undefined, d)
    expect(targets.map(t => t.label)).toEqual(['codebuild:api', 'codebuild:web'])
    expect(targets[0]?.origin).toBeUndefined()
  })

  it('a region per line: listed and labelled in that region, one listing per region', async () => {
    const { d, list } = deps({ codebuild: ['api'] })
    const { targets } = await expandTargets(
      lines('codebuild@eu-west-1:*\ncodebuild@us-west-2:*\ncodebuild:api'),
      undefined,
      d
    )
    expect(targets.map(t => [t.label, t.region])).toEqual([
      ['codebuild@eu-west-1:api', 'eu-west-1'],
      ['codebuild@us-west-2:api', 'us-west-2'],
      ['codebuild:api', undefined]
    ])
    expect(list.mock.calls.map(([, region]) => region)).toEqual(['eu-west-1', 'us-west-2'])
  })

  it('! lines remove what they match: by resource or listed name, in their region only when they name one', async () => {
    const { d } = deps({ codebuild: ['team-a', 'team-legacy', 'team-old-1'], codearts: ['legacy', 'main'] })
    const { targets, notes } = await expandTargets(
      lines(
        [
          'codebuild:team-*',
          'codebuild@eu-west-1:team-old-1',
          'codebuild@us-west-2:team-old-1',
          `codearts:${PROJECT}/*`,
          '!codebuild:team-legacy',
          '!codebuild@eu-west-1:team-old-*',
          `!codearts:${PROJECT}/legacy`
        ].join('\n')
      ),
      undefined,
      d
    )
    expect(targets.map(t => t.label)).toEqual([
      'codebuild:team-a',
      'codebuild:team-old-1',
      'codebuild@us-west-2:team-old-1',
      `codearts:${PROJECT}/${id(1)}`
    ])
    expect(notes).toEqual(['! lines left out 3 of 7 targets'])
  })

  it('a pattern that matches nothing is a warning; a listing that fails is an error row, the rest run', async () => {
    const { d, warnings } = deps({ codebuild: ['api'] }, ['sagemaker'])
    const { targets, settled: failed } = await expandTargets(
      lines('codebuild:nothing-*\nsagemaker:train-*\ncodebuild:api'),
      undefined,
      d
    )
    expect(targets.map(t => t.label)).toEqual(['codebuild:api'])
    expect(warnings).toContain('targets (line 1): codebuild:nothing-* matches nothing')
    expect(failed).toHaveLength(1)
    expect(failed[0]).toMatchObject({ service: 'sagemaker', target: 'sagemaker:train-*', status: 'error' })
    expect(failed[0]?.message).toContain('AccessDeniedException')
  })

  it('N shards take every target exactly once, each the same way every time', async () => {
    const names = Array.from({ length: 300 }, (_, i) => `project-${i}`)
    const { d } = deps({ codebuild: names })
    const shards = await Promise.all(
      [1, 2, 3].map(
        async index => (await expandTargets(lines('codebuild:*'), { index, count: 3 }, d)).targets
      )
    )
    const labels = shards.flatMap(s => s.map(t => t.label))
    expect(labels.sort()).toEqual(names.map(n => `codebuild:${n}`).sort())
    for (const shard of shards) expect(shard.length).toBeGreaterThan(60)
    expect(shardIndex('codebuild:project-1', 3)).toBe(shardIndex('codebuild:project-1', 3))
  })

  it('the same resource with and without the step region is one target; ! lines match both spellings', async () => {
    const { d } = deps({ codebuild: ['api', 'legacy', 'web'] })
    const merged = await expandTargets(
      lines('codebuild:proj\ncodebuild@us-east-1:proj\ncodebuild@eu-west-1:proj'),
      undefined,
      d
    )
    expect(merged.targets.map(t => t.label)).toEqual(['codebuild:proj', 'codebuild@eu-west-1:proj'])
    const excluded = await expandTargets(
      lines('codebuild:*\n!codebuild@us-east-1:legacy\ncodebuild@us-east-1:extra\n!codebuild:extra'),
      undefined,
      d
    )
    expect(excluded.targets.map(t => t.label)).toEqual(['codebuild:api', 'codebuild:web'])
    const elsewhere = await expandTargets(lines('codebuild:*\n!codebuild@eu-west-1:legacy'), undefined, d)
    expect(elsewhere.targets.map(t => t.label)).toContain('codebuild:legacy')
  })

  it('a listed name the service cannot take as a target is a skipped row; the others go on', async () => {
    const { d, warnings } = deps({ codebuild: ['api', 'bad name', '-x'] })
    const { targets, settled } = await expandTargets(lines('codebuild:*\ncodebuild:web'), undefined, d)
    expect(targets.map(t => t.label)).toEqual(['codebuild:api', 'codebuild:web'])
    expect(settled.map(r => [r.target, r.status])).toEqual([
      ['codebuild:bad name', 'skipped'],
      ['codebuild:-x', 'skipped']
    ])
    expect(settled[0]?.message).toContain("lists 'bad name', which cannot be named as a codebuild target")
    expect(warnings.filter(w => w.includes('cannot be named'))).toHaveLength(2)
  })
})
