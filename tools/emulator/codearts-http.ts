// How CodeArts requests arrive: API Gateway routes, authentication and the {error_code, error_msg} bodies.
import {
  CODEARTS_ERRORS,
  type CodeArtsOperation,
  type CodeArtsRequest,
  type CodeArtsRoute,
  type CodeArtsState
} from './codearts.js'
import { ApiError } from './errors.js'
import { verifyHuaweiSignature } from './huawei-verify.js'
import { sendJson, type Wire } from './protocol.js'

const ROUTE =
  /^\/v5\/([^/]+)\/api\/pipelines\/([^/]+)\/pipeline-runs\/(?:(list|detail)|([^/]+)\/(retry|stop))\/?$/
// "Querying pipelines": POST /v5/{project_id}/api/pipelines/list (CodeArts Pipeline API reference).
const PIPELINES = /^\/v5\/([^/]+)\/api\/pipelines\/list\/?$/
const METHODS: Record<CodeArtsOperation, string> = {
  list: 'POST',
  detail: 'GET',
  retry: 'PUT',
  stop: 'POST',
  pipelines: 'POST'
}

/** The CodeArts operation for a request, or undefined when no API matches (APIGW.0101). */
export function matchCodeArts(method: string, path: string): CodeArtsRoute | undefined {
  const listing = PIPELINES.exec(path)
  if (listing) {
    if (method !== 'POST') return undefined
    try {
      return { operation: 'pipelines', projectId: decodeURIComponent(listing[1] ?? ''), pipelineId: '' }
    } catch {
      return undefined
    }
  }
  const m = ROUTE.exec(path)
  if (!m) return undefined
  const [, project = '', pipeline = '', listOrDetail, runId, action] = m
  const operation = (listOrDetail ?? action) as CodeArtsOperation
  if (METHODS[operation] !== method) return undefined
  try {
    const ids = { projectId: decodeURIComponent(project), pipelineId: decodeURIComponent(pipeline) }
    return { operation, ...ids, ...(runId ? { runId: decodeURIComponent(runId) } : {}) }
  } catch {
    return undefined
  }
}

export const noSuchApi = () =>
  new ApiError(
    CODEARTS_ERRORS.noSuchApi,
    'The API does not exist or has not been published in the environment',
    404
  )

const authError = (why: string) =>
  new ApiError(CODEARTS_ERRORS.badAuth, `Incorrect IAM authentication information: ${why}`, 401)

/** X-Auth-Token when present, else an AK/SK signature; throws APIGW.0301 otherwise. */
export function authenticate(state: CodeArtsState, request: CodeArtsRequest, now: number): void {
  const token = request.headers['x-auth-token']
  if (token !== undefined) {
    if (typeof token === 'string' && state.tokens.has(token)) return
    throw authError('the X-Auth-Token is invalid or expired')
  }
  if (request.headers.authorization === undefined)
    throw authError('no X-Auth-Token and no Authorization header')
  const verdict = verifyHuaweiSignature(request, ak => state.credentials.get(ak), now)
  if (!verdict.ok) throw authError(verdict.reason)
}

const headers = (requestId: string) => ({
  'content-type': 'application/json;charset=UTF-8',
  'x-request-id': requestId
})

function errorBody(error: ApiError): unknown {
  switch (error.form) {
    case 'errorCode':
      return { errorCode: error.code, errorMsg: error.message }
    case 'code':
      return { code: error.code, message: error.message }
    case 'nested':
      return { error: { code: error.code, message: error.message } }
    default:
      return { error_code: error.code, error_msg: error.message }
  }
}

export const codeArtsWire: Wire = {
  ok(res, body, requestId) {
    sendJson(res, 200, body, headers(requestId))
  },
  error(res, error, requestId) {
    sendJson(res, error.status, errorBody(error), headers(requestId))
  },
  throttled: () =>
    new ApiError(
      CODEARTS_ERRORS.throttled,
      'The throttling threshold has been reached: policy user over ratelimit',
      429
    ),
  serverError: status => new ApiError(CODEARTS_ERRORS.internal, 'Internal server error', status)
}
