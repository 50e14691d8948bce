import { setSecret } from '@actions/core'
import { TargetError } from '../../model/errors.js'
import { isRecord } from '../../model/json.js'
import { createHttpJsonClient, type HttpJsonClient } from '../../transport/http-json.js'
import type { AzureAuth } from './cloud.js'

/**
 * Azure DevOps REST over the shared HTTP JSON transport, not the `azure-devops-node-api` client: that client
 * pins 7.2-preview api-versions the 7.1 spec does not describe, answers with numeric enums, drops the list
 * continuation header, follows redirects with the credential (typed-rest-client), and takes no AbortSignal,
 * so neither the 30-second bound nor a cancel could end its requests.
 */

/** Microsoft Entra ID resource of Azure DevOps; `.default` asks for what the app was granted. */
const AZURE_DEVOPS_SCOPE = '499b84ac-1321-427f-aa17-267ca6975798/.default'
/** A token is renewed this long before it expires, so no request carries one that expires on the way. */
const RENEW_BEFORE_MS = 5 * 60_000

export interface AzureClientOptions {
  /** `https://dev.azure.com`, or an Azure DevOps Server collection host. */
  endpoint: string
  auth: AzureAuth
  fetch?: typeof fetch
}

/** The Authorization header for one request; an Entra ID token is fetched once and renewed before it expires. */
function authorization(auth: AzureAuth): (signal: AbortSignal) => Promise<string> {
  if (auth.kind === 'pat') {
    // The spec's `accessToken` scheme: HTTP Basic, any user name, the PAT as password.
    const basic = Buffer.from(`:${auth.token}`).toString('base64')
    setSecret(basic)
    return () => Promise.resolve(`Basic ${basic}`)
  }
  if (auth.kind === 'bearer') return () => Promise.resolve(`Bearer ${auth.token}`)
  let cached: { token: string; expiresAt: number } | undefined
  return async signal => {
    if (cached === undefined || cached.expiresAt - RENEW_BEFORE_MS <= Date.now()) {
      const { DefaultAzureCredential } = await import(
        /* webpackChunkName: "azure-identity" */ '@azure/identity'
      )
      const got = await new DefaultAzureCredential()
        .getToken(AZURE_DEVOPS_SCOPE, { abortSignal: signal })
        .catch((error: unknown) => {
          throw new TargetError(
            `no Azure DevOps credentials: azure-devops-token and AZURE_DEVOPS_TOKEN are not set, and the Azure SDK's default credential gave no Entra ID token (${error instanceof Error ? error.message : String(error)}); run azure/login first or set azure-devops-token`
          )
        })
      setSecret(got.token)
      cached = { token: got.token, expiresAt: got.expiresOnTimestamp }
    }
    return `Bearer ${cached.token}`
  }
}

export function createAzureClient(options: AzureClientOptions): HttpJsonClient {
  const header = authorization(options.auth)
  return createHttpJsonClient({
    baseUrl: options.endpoint,
    headers: async ({ signal }) => ({ Authorization: await header(signal), Accept: 'application/json' }),
    // An invalid or expired credential on a read may be answered 203 with an HTML sign-in page, not 401.
    statusError: status =>
      status === 203
        ? {
            code: 'HTTP401',
            message: 'Azure DevOps answered with a sign-in page (HTTP 203): the credential was not accepted'
          }
        : undefined,
    errorOf: (data, ok) => (ok ? undefined : azureError(data)),
    requestIdHeader: 'activityid',
    ...(options.fetch ? { fetch: options.fetch } : {})
  })
}

/**
 * `{"message": ..., "typeKey": "InvalidPipelineOperationException", "typeName": ..., "errorCode": 0}`: the
 * form Azure DevOps error answers take; the type key is the error's name.
 */
function azureError(data: unknown): { code: string; message?: string } | undefined {
  if (!isRecord(data)) return undefined
  const code = typeof data.typeKey === 'string' && data.typeKey !== '' ? data.typeKey : undefined
  const message = typeof data.message === 'string' && data.message !== '' ? data.message : undefined
  if (code === undefined) return undefined
  return { code, ...(message !== undefined ? { message } : {}) }
}
