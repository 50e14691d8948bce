import { InputError } from '../model/errors.js'
import { SERVICES, type Service, type Target } from '../model/target.js'
import { expectPattern } from '../model/validate.js'

const FORMS =
  'SERVICE:RESOURCE: codepipeline:NAME[/STAGE], codebuild:PROJECT, codebuild-batch:PROJECT, sagemaker:PIPELINE or codearts:PROJECT_ID/PIPELINE_ID'

/**
 * Parses the `targets` input: one `SERVICE:RESOURCE` a line, blank lines and `#` comments ignored. Every
 * line is checked before anything runs; the first bad one is an input error naming its line number.
 */
export function parseTargetList(text: string): Target[] {
  const targets: Target[] = []
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim()
    if (line === '') return
    targets.push(parseLine(line, index + 1))
  })
  if (targets.length === 0) throw new InputError('targets', 'lists no target', `one target a line, ${FORMS}`)
  return targets
}

function parseLine(line: string, lineNo: number): Target {
  const where = `targets (line ${lineNo})`
  const colon = line.indexOf(':')
  const service = line.slice(0, colon).trim() as Service
  const resource = line.slice(colon + 1).trim()
  if (colon < 0 || !SERVICES.includes(service) || resource === '')
    throw new InputError(where, `'${line}' is not a target`, FORMS)
  const label = `${service}:${resource}`
  // Each resource is checked with the same pattern as the single-mode input it stands for.
  const check = (part: string, pattern: Parameters<typeof expectPattern>[2]): string =>
    expectPattern(where, part, pattern)
  switch (service) {
    case 'codepipeline': {
      const [pipelineName = '', stageName, extra] = resource.split('/')
      if (extra !== undefined)
        throw new InputError(
          where,
          `'${line}' has too many '/'`,
          'codepipeline:NAME or codepipeline:NAME/STAGE'
        )
      check(pipelineName, 'codepipelineName')
      if (stageName !== undefined) check(stageName, 'codepipelineName')
      return { service, label, pipelineName, ...(stageName !== undefined ? { stageName } : {}) }
    }
    case 'codebuild':
    case 'codebuild-batch':
      return { service, label, projectName: check(resource, 'codebuildProject') }
    case 'sagemaker':
      return { service, label, pipelineName: check(resource, 'sagemakerPipeline') }
    case 'codearts': {
      const [projectId = '', pipelineId = '', extra] = resource.split('/')
      if (extra !== undefined || pipelineId === '')
        throw new InputError(
          where,
          `'${line}' is not PROJECT_ID/PIPELINE_ID`,
          'codearts:PROJECT_ID/PIPELINE_ID (32 characters each)'
        )
      return {
        service,
        label,
        projectId: check(projectId, 'codeartsId'),
        pipelineId: check(pipelineId, 'codeartsId')
      }
    }
  }
}
