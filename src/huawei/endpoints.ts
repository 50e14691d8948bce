/** CodeArts Pipeline API hosts by region (providers.md): there is no single pattern. */
const HOSTS: Readonly<Record<string, string>> = Object.fromEntries([
  ...[
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
  ].map(r => [r, `cloudpipeline-ext.${r}`]),
  ...['tr-west-1', 'la-south-2'].map(r => [r, `pipeline-external.${r}`]),
  ...['af-north-1', 'me-east-1', 'af-south-1'].map(r => [r, `pipeline.${r}`])
])

export const CODEARTS_REGIONS = Object.keys(HOSTS)

export function codeartsEndpoint(region: string): string | undefined {
  const host = HOSTS[region]
  return host ? `https://${host}.myhuaweicloud.com` : undefined
}
