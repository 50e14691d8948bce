/**
 * The error-body forms Huawei Cloud APIs answer with, all read by Huawei's own SDKs: `{error_code, error_msg}`
 * (CodeArts' usual form), `{errorCode, errorMsg}`, `{code, message}`, and `{error: {code, message}}`.
 */
export type HuaweiErrorForm = 'error_code' | 'errorCode' | 'code' | 'nested'

/** A modelled service error; each protocol renders it in its own wire form. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** CodeArts only: which error-body form to answer with (default `error_code`). */
    readonly form: HuaweiErrorForm = 'error_code'
  ) {
    super(message)
    this.name = code
  }
}
