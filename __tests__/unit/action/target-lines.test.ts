import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../../src/model/errors.js'
import { parseTargetLines } from '../../../src/action/target-lines.js'

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
    ['codearts short id', `codebuild:p1\n\n\n\ncodearts:${CA_PROJECT}/abc`, 5],
    ['codearts extra part', `codearts:${CA_PROJECT}/${CA_PIPELINE}/x`, 1],
    ['service in upper case', 'CODEBUILD:p1', 1]
  ])('%s: reports the line number', (_, text, line) => {
    expect(errorOf(text)).toContain(`targets (line ${line})`)
  })

  it('reports the first bad line when several are bad', () => {
    expect(errorOf('codebuild:p1\nbad\nworse')).toContain('line 2')
  })
})
