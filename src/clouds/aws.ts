import type { ProviderContext } from '../model/provider.js'

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

/** The AWS consoles' hosts, per partition: links elsewhere are never shown. */
export const AWS_CONSOLE_HOSTS = [
  'console.aws.amazon.com',
  'console.amazonaws.cn',
  'console.amazonaws-us-gov.com'
] as const

/** Console base URL for a region: the China and GovCloud partitions have their own hosts. */
export function consoleBase(region: string): string {
  if (region.startsWith('cn-')) return `https://${region}.console.amazonaws.cn`
  if (region.startsWith('us-gov-')) return `https://console.amazonaws-us-gov.com`
  return `https://${region}.console.aws.amazon.com`
}
