import type { Cloud } from '../../model/service.js'
import { firstSet } from '../aws.js'

/**
 * How an Azure DevOps request is authenticated: a personal access token (HTTP Basic, any user name, the token
 * as password: the REST spec's `accessToken` security definition), a bearer token (`System.AccessToken`, an
 * Entra ID token someone else obtained), or an Entra ID token the provider gets from the Azure SDK's default
 * credential (what azure/login with OIDC sets up).
 */
export type AzureAuth = { kind: 'pat'; token: string } | { kind: 'bearer'; token: string } | { kind: 'entra' }

/** The variable that points Azure DevOps alone at another host (Azure DevOps Server, an emulator). */
export const AZURE_ENDPOINT_ENV = 'AZURE_DEVOPS_ENDPOINT_URL'

/**
 * A JSON Web Token (three base64url parts, the first a JSON header: `eyJ`): `System.AccessToken` and Entra ID
 * tokens are sent as bearer tokens; anything else is a PAT.
 */
const JWT = /^eyJ[\w-]+\.[\w-]+\.[\w-]*$/

export function azureAuthOf(token: string): AzureAuth {
  return JWT.test(token) ? { kind: 'bearer', token } : { kind: 'pat', token }
}

/**
 * Azure DevOps: no region (`dev.azure.com` serves every organization); a token from `azure-devops-token`, then
 * AZURE_DEVOPS_TOKEN, else an Entra ID token from the Azure SDK's default credential, read when first needed.
 */
export const azureDevOps: Cloud = {
  name: 'azure-devops',
  inputs: ['azure-devops-token'],
  secretInputs: ['azure-devops-token'],
  inputDocs: {
    'azure-devops-token':
      'a personal access token (scopes Build: read & execute) or System.AccessToken. Default: AZURE_DEVOPS_TOKEN, else an Entra ID token from the Azure SDK default credential (azure/login with OIDC). Masked.'
  },
  secretEnv: ['AZURE_DEVOPS_TOKEN'],
  region: { re: /^(?!)$/, accepted: 'no @REGION: Azure DevOps takes none' },
  connect(given, env) {
    const token = given('azure-devops-token') ?? firstSet(env, 'AZURE_DEVOPS_TOKEN')
    return { credentials: token !== undefined ? azureAuthOf(token) : { kind: 'entra' } }
  }
}

export function isAzureAuth(value: unknown): value is AzureAuth {
  if (typeof value !== 'object' || value === null || !('kind' in value)) return false
  if (value.kind === 'entra') return true
  return (
    (value.kind === 'pat' || value.kind === 'bearer') && 'token' in value && typeof value.token === 'string'
  )
}
