import { setSecret } from '@actions/core'
import { TargetError } from '../../model/errors.js'
import { isRecord } from '../../model/json.js'
import { createHttpJsonClient, type HttpJsonClient } from '../../transport/http-json.js'
import type { GoogleAuth } from './cloud.js'

/**
 * Google REST over the shared HTTP JSON transport, with `google-auth-library` for Application Default
 * Credentials. Not `@googleapis/cloudbuild` (REST) nor `@google-cloud/cloudbuild` (gRPC): every call here is one
 * plain REST request, and both packages bring a transport of their own (gaxios, google-gax) that follows
 * redirects and retries some requests by itself, beside our bound, back-off and never-redirect rule; and both
 * are larger: bundled with ncc, @googleapis/cloudbuild is 1.31 MB where google-auth-library alone is 0.93 MB.
 */

const SCOPE = 'https://www.googleapis.com/auth/cloud-platform'

export interface GoogleClientOptions {
  endpoint: string
  auth: GoogleAuth
  fetch?: typeof fetch
}

function bearer(auth: GoogleAuth): () => Promise<string> {
  if (auth.kind === 'token') return () => Promise.resolve(auth.token)
  let client: Promise<{ getAccessToken(): Promise<{ token?: string | null }> }> | undefined
  return async () => {
    client ??= import(/* webpackChunkName: "google-auth" */ 'google-auth-library').then(({ GoogleAuth }) =>
      new GoogleAuth({ scopes: [SCOPE] }).getClient()
    )
    // The library caches the token and renews it before it expires.
    const got = await client
      .then(c => c.getAccessToken())
      .catch((error: unknown) => {
        client = undefined
        throw new TargetError(
          `no Google Cloud credentials: gcp-access-token and GOOGLE_OAUTH_ACCESS_TOKEN are not set, and Application Default Credentials gave no token (${error instanceof Error ? error.message : String(error)}); run google-github-actions/auth first or set gcp-access-token`
        )
      })
    if (!got.token) throw new TargetError('Application Default Credentials gave an empty access token')
    setSecret(got.token)
    return got.token
  }
}

export function createGoogleClient(options: GoogleClientOptions): HttpJsonClient {
  const token = bearer(options.auth)
  return createHttpJsonClient({
    baseUrl: options.endpoint,
    headers: async () => ({ Authorization: `Bearer ${await token()}` }),
    errorOf: (data, ok) => (ok ? undefined : googleError(data)),
    ...(options.fetch ? { fetch: options.fetch } : {})
  })
}

/** `{"error": {"code": 404, "message": ..., "status": "NOT_FOUND"}}`: Google's error model; the status is the name. */
function googleError(data: unknown): { code: string; message?: string } | undefined {
  const error = isRecord(data) && isRecord(data.error) ? data.error : undefined
  if (error === undefined || typeof error.status !== 'string' || error.status === '') return undefined
  return { code: error.status, ...(typeof error.message === 'string' ? { message: error.message } : {}) }
}
