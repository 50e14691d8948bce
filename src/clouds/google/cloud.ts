import type { Cloud } from '../../model/service.js'
import { firstSet } from '../aws.js'

/** How a Google Cloud request is authenticated: an access token given, or Application Default Credentials. */
export type GoogleAuth = { kind: 'token'; token: string } | { kind: 'adc' }

/** gcloud's own override of the Cloud Build API host (api_endpoint_overrides/cloudbuild): a private endpoint, an emulator. */
export const CLOUD_BUILD_ENDPOINT_ENV = 'CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDBUILD'

/**
 * Google Cloud: the location from `gcp-location` (default `global`; a `targets` line's `@LOCATION`); an access
 * token from `gcp-access-token` or GOOGLE_OAUTH_ACCESS_TOKEN, else Application Default Credentials, read when
 * first needed (what google-github-actions/auth with Workload Identity Federation sets up).
 */
export const google: Cloud = {
  name: 'google',
  inputs: ['gcp-access-token'],
  secretInputs: ['gcp-access-token'],
  inputDocs: {
    'gcp-access-token':
      "an OAuth 2.0 access token (google-github-actions/auth with token_format: access_token). Default: GOOGLE_OAUTH_ACCESS_TOKEN, else Application Default Credentials (google-github-actions/auth's credentials file). Masked."
  },
  secretEnv: ['GOOGLE_OAUTH_ACCESS_TOKEN'],
  // Cloud Build locations: `global`, or a region such as us-central1 or europe-west4.
  region: {
    re: /^(?:global|[a-z]+-[a-z]+\d{1,2})$/,
    accepted: 'global or a Google Cloud region such as us-central1'
  },
  connect(given, env) {
    const token = given('gcp-access-token') ?? firstSet(env, 'GOOGLE_OAUTH_ACCESS_TOKEN')
    return {
      region: given('gcp-location') ?? 'global',
      credentials: token !== undefined ? { kind: 'token', token } : { kind: 'adc' }
    }
  }
}

export function isGoogleAuth(value: unknown): value is GoogleAuth {
  if (typeof value !== 'object' || value === null || !('kind' in value)) return false
  return (
    value.kind === 'adc' || (value.kind === 'token' && 'token' in value && typeof value.token === 'string')
  )
}
