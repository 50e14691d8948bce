import type { Service } from '../model/target.js'
import type { ErrorSpec } from '../transport/caller.js'
import type { Provider, ProviderFactory } from '../model/provider.js'

/** What a provider file exports by default: how its errors read, and how to build it. */
export interface ProviderModule<S extends Service> {
  errors: ErrorSpec
  create: ProviderFactory<S>
}

/**
 * One line per service. Each `import()` is its own bundle chunk, so a run only loads the SDK client of the
 * services it is asked for.
 */
const modules: { [S in Service]: () => Promise<ProviderModule<S>> } = {
  codepipeline: async () => (await import('./codepipeline/provider.js')).default,
  codebuild: async () => (await import('./codebuild/provider.js')).default,
  'codebuild-batch': async () => (await import('./codebuild-batch/provider.js')).default,
  sagemaker: async () => (await import('./sagemaker/provider.js')).default,
  codearts: async () => (await import('./codearts/provider.js')).default
}

export function loadProviderModule<S extends Service>(service: S): Promise<ProviderModule<S>> {
  return modules[service]()
}

export type { Provider }
