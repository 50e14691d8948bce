import { InputError } from '../../model/errors.js'
import type { Cloud, InputLookup } from '../../model/service.js'
import { firstSet } from '../aws.js'

/** How a Huawei Cloud request is authenticated: an IAM token, or AK/SK signing (SDK-HMAC-SHA256). */
export type HuaweiAuth =
  | { kind: 'token'; token: string }
  | { kind: 'aksk'; accessKey: string; secretKey: string; securityToken?: string }

const CREDENTIAL_INPUTS = [
  'huaweicloud-ak',
  'huaweicloud-sk',
  'huaweicloud-security-token',
  'huaweicloud-auth-token'
] as const

/**
 * Huawei Cloud: the region from the `region` input, then HUAWEICLOUD_SDK_REGION / HUAWEI_CLOUD_REGION (may
 * be absent: a service with an endpoint needs none); credentials from the inputs, then the environment
 * (what Huawei's SDKs and huaweicloud/auth-action set).
 */
export const huawei: Cloud = {
  name: 'huawei',
  inputs: CREDENTIAL_INPUTS,
  secretInputs: CREDENTIAL_INPUTS,
  inputDocs: {
    'huaweicloud-ak':
      'access key for SDK-HMAC-SHA256 signing. Default: HUAWEICLOUD_SDK_AK, then HUAWEI_CLOUD_ACCESS_KEY_ID.',
    'huaweicloud-sk': 'secret key. Default: HUAWEICLOUD_SDK_SK, then HUAWEI_CLOUD_SECRET_ACCESS_KEY.',
    'huaweicloud-security-token':
      'security token of temporary credentials. Default: HUAWEICLOUD_SDK_SECURITY_TOKEN.',
    'huaweicloud-auth-token':
      'IAM token sent as X-Auth-Token instead of AK/SK. Default: HUAWEICLOUD_AUTH_TOKEN.'
  },
  secretEnv: [
    'HUAWEICLOUD_SDK_AK',
    'HUAWEICLOUD_SDK_SK',
    'HUAWEICLOUD_SDK_SECURITY_TOKEN',
    'HUAWEI_CLOUD_ACCESS_KEY_ID',
    'HUAWEI_CLOUD_SECRET_ACCESS_KEY',
    'HUAWEICLOUD_AUTH_TOKEN'
  ],
  region: { re: /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, accepted: 'a Huawei Cloud region such as cn-north-4' },
  connect(given, env) {
    const region = given('region') ?? firstSet(env, 'HUAWEICLOUD_SDK_REGION', 'HUAWEI_CLOUD_REGION')
    return { ...(region !== undefined ? { region } : {}), credentials: readAuth(given, env) }
  }
}

export function isHuaweiAuth(value: unknown): value is HuaweiAuth {
  if (typeof value !== 'object' || value === null || !('kind' in value)) return false
  if (value.kind === 'token') return 'token' in value && typeof value.token === 'string'
  return (
    value.kind === 'aksk' &&
    'accessKey' in value &&
    typeof value.accessKey === 'string' &&
    'secretKey' in value &&
    typeof value.secretKey === 'string'
  )
}

/** Inputs win over env; AK/SK wins over a token at the same level. All were masked before this runs. */
function readAuth(given: InputLookup, env: NodeJS.ProcessEnv): HuaweiAuth {
  const levels = [
    {
      ak: given('huaweicloud-ak'),
      sk: given('huaweicloud-sk'),
      st: given('huaweicloud-security-token'),
      token: given('huaweicloud-auth-token')
    },
    {
      ak: firstSet(env, 'HUAWEICLOUD_SDK_AK', 'HUAWEI_CLOUD_ACCESS_KEY_ID'),
      sk: firstSet(env, 'HUAWEICLOUD_SDK_SK', 'HUAWEI_CLOUD_SECRET_ACCESS_KEY'),
      st: firstSet(env, 'HUAWEICLOUD_SDK_SECURITY_TOKEN'),
      token: firstSet(env, 'HUAWEICLOUD_AUTH_TOKEN')
    }
  ]
  for (const { ak, sk, st, token } of levels) {
    if ((ak === undefined) !== (sk === undefined))
      throw new InputError(
        ak === undefined ? 'huaweicloud-ak' : 'huaweicloud-sk',
        'is missing while its pair is set',
        'both huaweicloud-ak and huaweicloud-sk (or HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK)'
      )
    if (ak !== undefined && sk !== undefined)
      return {
        kind: 'aksk',
        accessKey: ak,
        secretKey: sk,
        ...(st !== undefined ? { securityToken: st } : {})
      }
    if (token !== undefined) return { kind: 'token', token }
  }
  throw new InputError(
    'huaweicloud-ak',
    'no Huawei Cloud credentials are set for codearts',
    'huaweicloud-ak and huaweicloud-sk (or huaweicloud-auth-token), or HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK, HUAWEI_CLOUD_ACCESS_KEY_ID / HUAWEI_CLOUD_SECRET_ACCESS_KEY (huaweicloud/auth-action) or HUAWEICLOUD_AUTH_TOKEN'
  )
}
