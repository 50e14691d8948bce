import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../../src/model/errors.js'
import { parseTargetLines as parseLines } from '../../../src/action/target-lines.js'
import type { TargetBase } from '../../../src/model/target.js'

/** The targets of plain lines (the `targets` input only). */
function parseTargetLines(text: string): TargetBase[] {
  return parseLines([{ name: 'targets', text }]).map(line => {
    if (line.kind.name !== 'target') throw new Error(`${line.text} is not a plain target`)
    return line.kind.target
  })
}

const CA_PROJECT = '0123456789abcdef0123456789abcdef'
const CA_PIPELINE = 'fedcba9876543210fedcba9876543210'

function errorOf(text: string): string {
  let caught: unknown
  try {
    parseTargetLines(text)
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(InputError)
  const message = (caught as Error).message
  expect(message).not.toMatch(/[\r\n]/)
  expect(message).toContain("Input 'targets")
  return message
}

describe('parseTargetLines', () => {
  it('parses every service form, in order', () => {
    const text = [
      'codepipeline:release-pipeline',
      'codepipeline:release-pipeline/Deploy',
      'codebuild:integration-tests',
      'codebuild-batch:nightly-matrix',
      'sagemaker:train-and-register',
      `codearts:${CA_PROJECT}/${CA_PIPELINE}`
    ].join('\n')
    expect(parseTargetLines(text)).toEqual([
      { service: 'codepipeline', label: 'codepipeline:release-pipeline', pipelineName: 'release-pipeline' },
      {
        service: 'codepipeline',
        label: 'codepipeline:release-pipeline/Deploy',
        pipelineName: 'release-pipeline',
        stageName: 'Deploy'
      },
      { service: 'codebuild', label: 'codebuild:integration-tests', projectName: 'integration-tests' },
      { service: 'codebuild-batch', label: 'codebuild-batch:nightly-matrix', projectName: 'nightly-matrix' },
      { service: 'sagemaker', label: 'sagemaker:train-and-register', pipelineName: 'train-and-register' },
      {
        service: 'codearts',
        label: `codearts:${CA_PROJECT}/${CA_PIPELINE}`,
        projectId: CA_PROJECT,
        pipelineId: CA_PIPELINE
      }
    ])
  })

  it('ignores blank lines, whole-line and trailing # comments, surrounding spaces and CRLF', () => {
    const text = [
      '# nightly recovery',
      '',
      '   ',
      '  codebuild:p1   # the integration tests',
      '\t# indented comment',
      'sagemaker:train\r',
      ''
    ].join('\n')
    expect(parseTargetLines(text).map(t => t.label)).toEqual(['codebuild:p1', 'sagemaker:train'])
  })

  it('a list of only comments is an error', () => {
    expect(errorOf('# nothing\n\n')).toContain('lists no target')
  })

  it.each([
    ['unknown service', 'codebuild:p1\njenkins:job', 2],
    ['no colon', '# c\n\ncodebuild-p1', 3],
    ['empty resource', 'codebuild:', 1],
    ['codepipeline with two slashes', 'codebuild:p1\ncodebuild:p2\ncodepipeline:a/b/c', 3],
    ['bad codepipeline name', 'codepipeline:bad name', 1],
    ['bad codepipeline stage', 'codepipeline:ok/bad stage', 1],
    ['bad codebuild project', 'codebuild:-leading-dash', 1],
    ['bad sagemaker pipeline', '\nsagemaker:under_score', 2],
    ['codearts without pipeline', `codearts:${CA_PROJECT}`, 1],
    // A short second part is a pipeline name now (contract: Targets); a short project ID is still wrong.
    ['codearts short id', `codebuild:p1\n\n\n\ncodearts:abc/${CA_PIPELINE}`, 5],
    ['codearts extra part', `codearts:${CA_PROJECT}/${CA_PIPELINE}/x`, 1],
    ['service in upper case', 'CODEBUILD:p1', 1]
  ])('%s: reports the line number', (_, text, line) => {
    expect(errorOf(text)).toContain(`targets (line ${line})`)
  })

  it('reports the first bad line when several are bad', () => {
    expect(errorOf('codebuild:p1\nbad\nworse')).toContain('line 2')
  })
})

describe('parseTargetLines: patterns, regions, exclusions and files', () => {
  const lines = (text: string, file?: string) =>
    parseLines([
      { name: 'targets', text },
      ...(file !== undefined ? [{ name: 'targets-file ci/targets.txt', text: file }] : [])
    ])

  it('reads a pattern per service as what to list, keeping a CodePipeline stage', () => {
    const parsed = lines(
      [
        'codepipeline:release-*/Deploy',
        'codebuild:team-a-*',
        'codebuild-batch:nightly-?',
        'sagemaker:train-*',
        `codearts:${CA_PROJECT}/release-*`,
        `codearts:${CA_PROJECT}/exact name`
      ].join('\n')
    )
    expect(parsed.map(l => l.kind)).toEqual([
      { name: 'pattern', pattern: { query: { glob: 'release-*', prefix: 'release-' }, suffix: '/Deploy' } },
      { name: 'pattern', pattern: { query: { glob: 'team-a-*', prefix: 'team-a-' } } },
      { name: 'pattern', pattern: { query: { glob: 'nightly-?', prefix: 'nightly-' } } },
      { name: 'pattern', pattern: { query: { glob: 'train-*', prefix: 'train-' } } },
      { name: 'pattern', pattern: { query: { glob: 'release-*', prefix: 'release-', scope: CA_PROJECT } } },
      { name: 'pattern', pattern: { query: { glob: 'exact name', prefix: 'exact name', scope: CA_PROJECT } } }
    ])
  })

  it('@REGION gives the target its region and a label that names it', () => {
    const [line] = lines('codebuild@eu-west-1:integration')
    expect(line?.region).toBe('eu-west-1')
    expect(line?.kind).toEqual({
      name: 'target',
      target: {
        service: 'codebuild',
        label: 'codebuild@eu-west-1:integration',
        projectName: 'integration',
        region: 'eu-west-1'
      }
    })
  })

  it('! lines are exclusions, plain or patterns, and do not count as targets', () => {
    const parsed = lines('codebuild:team-*\n!codebuild:team-legacy\n! codebuild@us-west-2:team-old-*')
    expect(parsed.map(l => l.kind)).toEqual([
      { name: 'pattern', pattern: { query: { glob: 'team-*', prefix: 'team-' } } },
      { name: 'exclude', glob: 'team-legacy' },
      { name: 'exclude', glob: 'team-old-*' }
    ])
    expect(parsed[2]?.region).toBe('us-west-2')
    expect(errorOf('!codebuild:team-legacy')).toContain('lists no target')
  })

  it('numbers the file lines from its own first line and names the file', () => {
    let caught: unknown
    try {
      lines('codebuild:p1', '# fleet\n\ncodebuild:p2\ncodebuild@moon:p3')
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(InputError)
    expect((caught as Error).message).toContain("Input 'targets-file ci/targets.txt (line 4)'")
    expect((caught as Error).message).toContain('an AWS region')
  })

  it.each([
    ['a pattern in a stage', 'codepipeline:release/Dep*'],
    ['a pattern that is no name', 'codebuild:-*'],
    ['an empty region', 'codebuild@:p1'],
    ['a region for the wrong cloud form', 'sagemaker@EU:p'],
    ['a pattern in a CodeArts project', `codearts:0123456789abcdef0123456789abcde*/${CA_PIPELINE}`]
  ])('%s is an input error', (_, text) => {
    expect(errorOf(text)).toContain('targets (line 1)')
  })
})
