/** A modelled service error; each protocol renders it in its own wire form. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400
  ) {
    super(message)
    this.name = code
  }
}
