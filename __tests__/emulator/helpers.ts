// Small raw-HTTP clients for the emulator tests (no SDK, so the wire format itself is under test).
import type { Emulator } from '../../tools/emulator/index.js'

export interface Answer {
  status: number
  headers: Headers
  body: any
}

const PREFIX = {
  codepipeline: 'CodePipeline_20150709',
  codebuild: 'CodeBuild_20161006',
  sagemaker: 'SageMaker'
}

/** One AWS JSON 1.1 call: `aws(emu, 'codebuild', 'RetryBuild', {...})`. */
export async function aws(
  emu: Emulator,
  service: keyof typeof PREFIX,
  operation: string,
  body: unknown = {}
): Promise<Answer> {
  const response = await fetch(`${emu.url}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `${PREFIX[service]}.${operation}`,
      authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260115/us-east-1/x/aws4_request, Signature=0'
    },
    body: JSON.stringify(body)
  })
  return { status: response.status, headers: response.headers, body: await response.json() }
}

/** Throws unless the call answered 200. */
export async function awsOk(
  emu: Emulator,
  service: keyof typeof PREFIX,
  operation: string,
  body: unknown = {}
): Promise<any> {
  const answer = await aws(emu, service, operation, body)
  if (answer.status !== 200)
    throw new Error(`${operation}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`)
  return answer.body
}

/** One CodeArts call authenticated with an IAM token. */
export async function codeArts(
  emu: Emulator,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {}
): Promise<Answer> {
  const response = await fetch(`${emu.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-auth-token': options.token ?? 'demo-iam-token' },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) })
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined }
}

/** A hand-driven emulator clock. */
export class Clock {
  constructor(public ms = Date.parse('2026-01-15T13:00:00Z')) {}
  readonly now = (): number => this.ms
  advance(ms: number): void {
    this.ms += ms
  }
}
