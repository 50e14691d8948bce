import type { ProviderContext } from './provider.js'

/**
 * Client settings shared by the AWS providers. Credentials come from the SDK's default chain (so OIDC via
 * aws-actions/configure-aws-credentials works); the SDK's own retries are off because our caller owns
 * back-off, bounds and the lost-answer check. Without `endpoint` the SDK still honours
 * AWS_ENDPOINT_URL_<SERVICE> / AWS_ENDPOINT_URL itself.
 */
export function awsClientConfig(context: ProviderContext): {
  region: string
  endpoint?: string
  maxAttempts: number
} {
  return {
    region: context.region,
    maxAttempts: 1,
    ...(context.endpoint ? { endpoint: context.endpoint } : {})
  }
}

/** Console host for a region: the China partition has its own. */
export function consoleBase(region: string): string {
  return region.startsWith('cn-')
    ? `https://${region}.console.amazonaws.cn`
    : `https://${region}.console.aws.amazon.com`
}
