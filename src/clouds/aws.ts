import { InputError } from '../model/errors.js'
import { expectPattern, type Pattern } from '../model/validate.js'
import type { Cloud, ProviderContext } from '../model/service.js'
import type { CallOptions } from '../model/call.js'

const REGION: Pattern = { re: /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, accepted: 'an AWS region such as us-east-1' }

/**
 * AWS: the region from the `region` input, then AWS_REGION / AWS_DEFAULT_REGION. Credentials are the SDK's
 * default chain (environment, OIDC via aws-actions/configure-aws-credentials, instance roles), read by the SDK.
 */
export const aws: Cloud = {
  name: 'aws',
  inputs: [],
  secretInputs: [],
  inputDocs: {},
  secretEnv: ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'],
  region: REGION,
  connect(given, env) {
    const region = given('region') ?? firstSet(env, 'AWS_REGION', 'AWS_DEFAULT_REGION')
    if (region === undefined)
      throw new InputError(
        'region',
        'no AWS region is set',
        'the region input, or AWS_REGION / AWS_DEFAULT_REGION (aws-actions/configure-aws-credentials sets it)'
      )
    return { region: expectPattern('region', region, REGION) }
  }
}

/** The first of `names` set (not blank) in `env`, trimmed. */
export function firstSet(env: NodeJS.ProcessEnv, ...names: string[]): string | undefined {
  return names.map(n => env[n]?.trim()).find(v => v)
}

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

/** What the SDK's `client.send(command, options)` takes to end a request early. */
export interface SendOptions {
  abortSignal: AbortSignal
}

/**
 * An SDK call through the service's caller (rate limit, time bound, back-off): `send` gets the options that
 * carry the attempt's abort signal, to pass on as `client.send(command, options)`.
 */
export function awsCall<T>(
  context: ProviderContext,
  operation: string,
  send: (options: SendOptions) => Promise<T>,
  callOptions?: CallOptions<T>
): Promise<T> {
  return context.call(operation, signal => send({ abortSignal: signal }), callOptions)
}
