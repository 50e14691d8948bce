import { InputError } from '../model/errors.js'
import type { TargetBase } from '../model/target.js'
import { azurePipelines } from './azure-pipelines/index.js'
import { cloudBuild } from './cloud-build/index.js'
import { codearts } from './codearts/index.js'
import { codebuildBatch } from './codebuild-batch/index.js'
import { codebuild } from './codebuild/index.js'
import { codepipeline } from './codepipeline/index.js'
import { githubActions } from './github-actions/index.js'
import { sagemaker } from './sagemaker/index.js'
import { stepfunctions } from './stepfunctions/index.js'
import type { Cloud, ServiceDescriptor } from '../model/service.js'

/** Every service, one line each. Adding a service is a folder with an index.ts and a provider.ts, and a line. */
export const SERVICES: readonly ServiceDescriptor[] = [
  codepipeline,
  codebuild,
  codebuildBatch,
  sagemaker,
  codearts,
  githubActions,
  stepfunctions,
  azurePipelines,
  cloudBuild
]

export const SERVICE_NAMES: readonly string[] = SERVICES.map(s => s.name)

/** The clouds the services run on, each once. */
export const CLOUDS: readonly Cloud[] = [...new Set(SERVICES.map(s => s.cloud))]

export function serviceNamed(name: string): ServiceDescriptor | undefined {
  return SERVICES.find(s => s.name === name)
}

/** The descriptor of a target's service; a target is only ever built by one, so this always finds it. */
export function serviceOf(target: Pick<TargetBase, 'service'>): ServiceDescriptor {
  const service = serviceNamed(target.service)
  if (service === undefined)
    throw new InputError('service', `'${target.service}' is not a known service`, SERVICE_NAMES.join(', '))
  return service
}
