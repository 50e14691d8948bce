/** CodeArts Pipeline API host prefixes by region (docs/service-facts.md): there is no single pattern. */
const PREFIX_BY_REGION = new Map<string, string>()
const add = (prefix: string, regions: readonly string[]): void => {
  for (const region of regions) PREFIX_BY_REGION.set(region, prefix)
}
add('cloudpipeline-ext', [
  'cn-north-1',
  'cn-north-4',
  'cn-south-1',
  'cn-south-2',
  'cn-east-2',
  'cn-east-3',
  'cn-southwest-2',
  'ap-southeast-3',
  'sa-brazil-1',
  'la-north-2'
])
add('pipeline-external', ['tr-west-1', 'la-south-2'])
add('pipeline', ['af-north-1', 'me-east-1', 'af-south-1'])

export const CODEARTS_REGIONS: readonly string[] = [...PREFIX_BY_REGION.keys()]

export function codeartsEndpoint(region: string): string | undefined {
  const prefix = PREFIX_BY_REGION.get(region)
  return prefix ? `https://${prefix}.${region}.myhuaweicloud.com` : undefined
}

/**
 * The environment variable that points CodeArts alone at another endpoint (a private deployment, an emulator),
 * like AWS_ENDPOINT_URL_<SERVICE>: a step whose targets span clouds cannot use the shared `endpoint` input.
 */
export const ENDPOINT_ENV = 'HUAWEICLOUD_ENDPOINT_URL_CODEARTS'
