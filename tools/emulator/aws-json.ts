// AWS JSON 1.1: `POST /` with `x-amz-target: <prefix>.<Operation>`; errors as {"__type", "message"} plus the
// x-amzn-errortype header. Signatures are not checked (any Authorization is accepted), only recorded.
import { codeBuildOperations } from './codebuild.js'
import { codePipelineOperations } from './codepipeline.js'
import { ApiError } from './errors.js'
import { Input } from './input.js'
import { answerProblem, requestProblem } from './model-check.js'
import { sendJson, type Operations, type RequestContext, type Wire } from './protocol.js'
import { sageMakerOperations } from './sagemaker.js'
import { stepFunctionsOperations } from './stepfunctions.js'
import type { EmulatorState } from './state.js'
import type { ServiceName } from './types.js'

interface AwsService {
  service: ServiceName
  run: (operation: string, state: EmulatorState, body: string, ctx: RequestContext) => unknown
}

function awsService<S>(
  service: ServiceName,
  invalidCode: string,
  operations: Operations<S>,
  select: (state: EmulatorState) => S
): AwsService {
  return {
    service,
    run: (operation, state, body, ctx) => {
      const handler = operations[operation]
      if (!handler) throw new ApiError('UnknownOperationException', `Unknown operation ${operation}`)
      const input = Input.parse(body, invalidCode, 'SerializationException')
      // As strict as the service's model (botocore): a request it rejects is refused as AWS refuses it.
      const problem = requestProblem(service, operation, body.trim() === '' ? {} : JSON.parse(body))
      if (problem !== undefined) throw new ApiError(invalidCode, problem)
      const answer = handler(select(state), input, ctx)
      const broken = answerProblem(service, operation, answer)
      if (broken !== undefined)
        throw new ApiError('InternalFailure', `emulator answer breaks the model: ${broken}`, 500)
      return answer
    }
  }
}

const BY_PREFIX: ReadonlyMap<string, AwsService> = new Map([
  [
    'CodePipeline_20150709',
    awsService('codepipeline', 'ValidationException', codePipelineOperations, s => s.codepipeline)
  ],
  [
    'CodeBuild_20161006',
    awsService('codebuild', 'InvalidInputException', codeBuildOperations, s => s.codebuild)
  ],
  ['SageMaker', awsService('sagemaker', 'ValidationException', sageMakerOperations, s => s.sagemaker)],
  [
    'AWSStepFunctions',
    awsService('stepfunctions', 'ValidationException', stepFunctionsOperations, s => s.stepfunctions)
  ]
])

export interface AwsTarget {
  service: ServiceName
  operation: string
  run: AwsService['run']
}

/** The service and operation an `x-amz-target` names, or undefined for an unknown service prefix. */
export function awsTarget(target: string | undefined): AwsTarget | undefined {
  const dot = target?.lastIndexOf('.') ?? -1
  const found = target === undefined || dot < 0 ? undefined : BY_PREFIX.get(target.slice(0, dot))
  if (target === undefined || !found) return undefined
  return { service: found.service, operation: target.slice(dot + 1), run: found.run }
}

const JSON_11 = 'application/x-amz-json-1.1'

export const awsWire: Wire = {
  ok(res, body, requestId) {
    sendJson(res, 200, body, { 'content-type': JSON_11, 'x-amzn-requestid': requestId })
  },
  error(res, error, requestId) {
    sendJson(
      res,
      error.status,
      { __type: error.code, message: error.message },
      { 'content-type': JSON_11, 'x-amzn-requestid': requestId, 'x-amzn-errortype': error.code }
    )
  },
  throttled: () => new ApiError('ThrottlingException', 'Rate exceeded', 400),
  serverError: status =>
    status === 503
      ? new ApiError('ServiceUnavailable', 'Service is unavailable, try again later', 503)
      : new ApiError(
          'InternalFailure',
          'The request processing has failed because of an unknown error',
          status
        )
}
