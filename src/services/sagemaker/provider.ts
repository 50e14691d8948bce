import { createHash, randomUUID } from 'node:crypto'
import {
  DescribePipelineExecutionCommand,
  ListPipelineExecutionStepsCommand,
  ListPipelineExecutionsCommand,
  ListPipelinesCommand,
  RetryPipelineExecutionCommand,
  SageMakerClient,
  StopPipelineExecutionCommand,
  type DescribePipelineExecutionResponse,
  type PipelineExecutionStep
} from '@aws-sdk/client-sagemaker'
import type { ErrorSpec } from '../../model/call.js'
import { TargetError, UnreadableAnswer } from '../../model/errors.js'
import { listAll, type Listed, type ListQuery } from '../../model/listing.js'
import {
  everyItemTransient,
  latest,
  namesTransientWord,
  oneLineReason,
  type Failure
} from '../../model/failure.js'
import { pipelineOfExecutionArn, STATES, type SageMakerTarget } from './target.js'
import { AWS_CONSOLE_HOSTS, awsClientConfig, consoleBase, awsCall } from '../../clouds/aws.js'
import {
  type Candidate,
  type Discovery,
  type Progress,
  type Provider,
  type RetryRequest,
  type Snapshot,
  type Started,
  stateOf
} from '../../model/provider.js'
import type { ProviderContext, ProviderModule } from '../../model/service.js'

const IAM_ACTIONS = [
  'sagemaker:ListPipelineExecutions',
  'sagemaker:ListPipelineExecutionSteps',
  'sagemaker:DescribePipelineExecution',
  'sagemaker:RetryPipelineExecution'
]

/** SageMaker's ConflictException means a wrong state or a reused token, not a busy service: it stays permanent. */
const errors: ErrorSpec = {
  // What SageMaker answers a retry of an execution that is no longer Failed (someone else retried it).
  refusals: ['ConflictException'],
  hints: {
    ResourceNotFound:
      'the pipeline or execution does not exist in this account and region: check pipeline-name, execution-id and region',
    ResourceLimitExceeded:
      'a SageMaker resource limit was reached (e.g. concurrent pipeline executions or training jobs): let running work finish or raise the quota in Service Quotas',
    ConflictException:
      'the execution is not in a retryable state (it may be running again already), or the same idempotency-token was used with other parameters',
    ValidationException:
      'SageMaker rejected a parameter: check execution-id (a pipeline execution ARN), max-parallel-steps and idempotency-token (32-128 characters)',
    AccessDeniedException: `the credentials need ${IAM_ACTIONS.join(', ')} (sagemaker:ListPipelines for a targets pattern, sagemaker:StopPipelineExecution for cancel-on-abort)`
  }
}

/** Steps are listed 100 a page (the API's maximum); 10 pages bound the reads for any real pipeline. */
const STEP_PAGE_SIZE = 100
const MAX_STEP_PAGES = 10

/** There is no stable console link to one execution, so this is the pipelines list of the region. */
function consoleUrl(region: string): string {
  return `${consoleBase(region)}/sagemaker/home?region=${region}#/pipelines`
}

function failedSteps(steps: readonly PipelineExecutionStep[]): PipelineExecutionStep[] {
  return steps.filter(step => step.StepStatus === 'Failed')
}

function stepName(step: PipelineExecutionStep): string {
  return step.StepName ?? step.StepDisplayName ?? '(unnamed step)'
}

/** "Train (AlgorithmError: ...), Evaluate": the failed steps and why each failed. */
function describeSteps(steps: readonly PipelineExecutionStep[]): string {
  return steps.map(s => (s.FailureReason ? `${stepName(s)} (${s.FailureReason})` : stepName(s))).join(', ')
}

/**
 * An execution's failure (docs/contract.md): its FailureReason, then `STEP: FailureReason` for each failed
 * step. Transient when every failed step's FailureReason names a transient word (AWS's own retryable step
 * errors: capacity, internal errors, throttling, resource limits); without failed steps, the execution's own.
 */
export function executionFailure(
  executionReason: string | undefined,
  failed: readonly PipelineExecutionStep[],
  lastModified?: Date
): Failure {
  const items = [
    ...(executionReason ? [executionReason] : []),
    ...failed.map(s => `${stepName(s)}: ${s.FailureReason ?? 'Failed'}`)
  ]
  const transient =
    failed.length > 0
      ? everyItemTransient(failed.map(s => namesTransientWord(s.FailureReason)))
      : namesTransientWord(executionReason)
  return {
    reason: oneLineReason(items.length > 0 ? items : ['Failed']),
    transient,
    endedAt: latest(
      failed.map(s => s.EndTime?.getTime()),
      lastModified?.getTime()
    )
  }
}

/** The execution's own FailureReason, then its failed steps with theirs. */
function failureReason(
  executionReason: string | undefined,
  failed: readonly PipelineExecutionStep[]
): string {
  const parts = [
    ...(executionReason ? [executionReason] : []),
    ...(failed.length > 0 ? [`failed steps: ${describeSteps(failed)}`] : [])
  ]
  return parts.length > 0 ? parts.join('; ') : 'no failure reason given'
}

/**
 * AttemptCount counts a step's first run, its own RetryPolicy retries and earlier RetryPipelineExecution
 * calls alike, so the worst failed step bounds how often the execution has been retried.
 */
function countAttempts(
  failed: readonly PipelineExecutionStep[]
): Pick<Candidate, 'previousAttempts' | 'attemptsBasis'> {
  let worst: { step: PipelineExecutionStep; count: number } | undefined
  for (const step of failed) {
    const count = step.AttemptCount
    if (count !== undefined && (worst === undefined || count > worst.count)) worst = { step, count }
  }
  if (worst === undefined)
    return {
      attemptsBasis:
        failed.length > 0
          ? 'SageMaker reported no AttemptCount for the failed steps'
          : 'no failed step listed'
    }
  return {
    previousAttempts: Math.max(0, worst.count - 1),
    attemptsBasis: `step ${stepName(worst.step)} failed on attempt ${worst.count} (AttemptCount also counts the step's own RetryPolicy retries)`
  }
}

/** Each failed step's attempt count and start time: a retry (anyone's) changes them. */
function revisionOf(status: string | undefined, failed: readonly PipelineExecutionStep[]): string {
  const steps = failed.map(s => `${stepName(s)}:${s.AttemptCount ?? '?'}:${s.StartTime?.getTime() ?? '?'}`)
  return [status ?? '?', ...steps].join(' ')
}

/** The execution's status, for messages. */
function statusOf(execution: { PipelineExecutionStatus?: string | undefined }): string {
  return execution.PipelineExecutionStatus ?? 'in an unknown state'
}

function pipelineOf(target: SageMakerTarget): string {
  if (target.pipelineName === undefined)
    throw new TargetError(`${target.label}: a SageMaker target needs a pipeline name or an execution ARN`)
  return target.pipelineName
}

/**
 * The stop token is stable within one provider (a re-sent or repeated stop is one stop) but new in every
 * run, so a later run's stop of the same execution is never mistaken for an old one's replay.
 */
function stopToken(nonce: string, executionArn: string): string {
  return createHash('sha256').update(`pipeline-retry-action:stop:${nonce}:${executionArn}`).digest('hex')
}

function create(context: ProviderContext): Provider<SageMakerTarget> {
  return new PipelineExecutions(context)
}

/** A SageMaker pipeline's executions: discovery, RetryPipelineExecution, status, stop and pipeline listing. */
class PipelineExecutions implements Provider<SageMakerTarget> {
  readonly consoleHosts = AWS_CONSOLE_HOSTS
  private readonly client: SageMakerClient
  private readonly url: string
  /** Stop tokens of this step: a re-sent stop is the same request; another step's stop is another. */
  private readonly stopNonce = randomUUID()

  constructor(private readonly context: ProviderContext) {
    this.client = new SageMakerClient(awsClientConfig(context))
    this.url = consoleUrl(context.region)
  }

  private describe(arn: string): Promise<DescribePipelineExecutionResponse> {
    return awsCall(this.context, 'DescribePipelineExecution', options =>
      this.client.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn }), options)
    )
  }

  /** Newest steps first; one call per page, at most `pages` pages. */
  private async listSteps(arn: string, pages: number): Promise<PipelineExecutionStep[]> {
    const steps: PipelineExecutionStep[] = []
    let nextToken: string | undefined
    for (let page = 0; page < pages; page++) {
      const out = await awsCall(this.context, 'ListPipelineExecutionSteps', options =>
        this.client.send(
          new ListPipelineExecutionStepsCommand({
            PipelineExecutionArn: arn,
            SortOrder: 'Descending',
            MaxResults: STEP_PAGE_SIZE,
            ...(nextToken !== undefined ? { NextToken: nextToken } : {})
          }),
          options
        )
      )
      steps.push(...(out.PipelineExecutionSteps ?? []))
      nextToken = out.NextToken
      if (nextToken === undefined) break
    }
    return steps
  }

  /** `subject` names the execution in the description, e.g. "latest execution ARN of pipeline NAME". */
  private async candidate(
    arn: string,
    subject: string,
    executionReason: string | undefined
  ): Promise<Candidate> {
    const failed = failedSteps(await this.listSteps(arn, MAX_STEP_PAGES))
    return {
      executionId: arn,
      ...countAttempts(failed),
      revision: revisionOf('Failed', failed),
      description: `${subject} failed: ${failureReason(executionReason, failed)}`,
      consoleUrl: this.url,
      failure: executionFailure(executionReason, failed)
    }
  }

  private async newestExecution(pipeline: string) {
    const out = await awsCall(this.context, 'ListPipelineExecutions', options =>
      this.client.send(
        new ListPipelineExecutionsCommand({
          PipelineName: pipeline,
          SortBy: 'CreationTime',
          SortOrder: 'Descending',
          MaxResults: 1
        }),
        options
      )
    )
    return out.PipelineExecutionSummaries?.[0]
  }

  private async discoverNamed(arn: string): Promise<Discovery> {
    const execution = await this.describe(arn)
    // Still running: nothing to retry yet, and `wait` follows it.
    if (stateOf(STATES, execution.PipelineExecutionStatus) === 'in-progress')
      return {
        kind: 'nothing',
        reason: `execution ${arn} is ${statusOf(execution)}`,
        running: { executionId: arn, executionArn: arn, consoleUrl: this.url }
      }
    if (execution.PipelineExecutionStatus !== 'Failed')
      throw new TargetError(
        `execution ${arn} is ${statusOf(execution)}, not Failed: only a Failed SageMaker pipeline execution ` +
          'is retried (RetryPipelineExecution resumes its failed steps)'
      )
    const pipeline = pipelineOfExecutionArn(arn)
    const newest = pipeline === undefined ? undefined : await this.newestExecution(pipeline)
    if (newest?.PipelineExecutionArn !== undefined && newest.PipelineExecutionArn !== arn)
      return {
        kind: 'skip',
        reason: `execution ${arn} is superseded by the newer execution ${newest.PipelineExecutionArn} (${statusOf(newest)}) of pipeline ${pipeline ?? '?'}`
      }
    return {
      kind: 'found',
      candidate: await this.candidate(arn, `execution ${arn}`, execution.FailureReason)
    }
  }

  private async discoverLatest(pipeline: string): Promise<Discovery> {
    const latest = await this.newestExecution(pipeline)
    const arn = latest?.PipelineExecutionArn
    if (latest === undefined || arn === undefined)
      return { kind: 'nothing', reason: `pipeline ${pipeline} has no executions` }
    if (latest.PipelineExecutionStatus !== 'Failed')
      return {
        kind: 'nothing',
        ...(stateOf(STATES, latest.PipelineExecutionStatus) === 'in-progress'
          ? { running: { executionId: arn, executionArn: arn, consoleUrl: this.url } }
          : {}),
        reason: `latest execution ${arn} of pipeline ${pipeline} is ${statusOf(latest)}`
      }
    return {
      kind: 'found',
      candidate: await this.candidate(
        arn,
        `latest execution ${arn} of pipeline ${pipeline}`,
        latest.PipelineExecutionFailureReason
      )
    }
  }

  private async progressOfArn(arn: string): Promise<Progress> {
    const execution = await this.describe(arn)
    const state = execution.PipelineExecutionStatus
    switch (state) {
      case 'Succeeded':
        return { state: 'succeeded' }
      case 'Failed': {
        const failed = failedSteps(await this.listSteps(arn, 1))
        return {
          state: 'failed',
          reason: failureReason(execution.FailureReason, failed),
          failure: executionFailure(execution.FailureReason, failed, execution.LastModifiedTime)
        }
      }
      case 'Stopped':
        return { state: 'stopped', ...(execution.FailureReason ? { reason: execution.FailureReason } : {}) }
      case 'Stopping':
        return { state: 'in-progress', phase: 'Stopping' }
      case 'Executing':
        // One call per poll while running (the wait's API budget); the steps are read only for a failure.
        return { state: 'in-progress', phase: 'Executing' }
      default:
        // A status this code does not know yet: keep waiting (bounded by timeout-minutes) and show it.
        return { state: 'in-progress', phase: statusOf(execution) }
    }
  }

  private async recheckArn(arn: string): Promise<Snapshot> {
    const execution = await this.describe(arn)
    const status = execution.PipelineExecutionStatus
    const failed = status === 'Failed' ? failedSteps(await this.listSteps(arn, MAX_STEP_PAGES)) : []
    return {
      state: stateOf(STATES, status),
      revision: revisionOf(status, failed),
      ...(status === 'Failed' ? countAttempts(failed) : {}),
      current: { executionId: arn, executionArn: arn, consoleUrl: this.url },
      description: `execution ${arn} is ${statusOf(execution)}`
    }
  }

  /** SageMaker filters by name prefix itself: only pipelines that can match are listed. */
  list({ prefix }: ListQuery): Promise<Listed[]> {
    return listAll('SageMaker pipelines', async NextToken => {
      const out = await awsCall(this.context, 'ListPipelines', options =>
        this.client.send(
          new ListPipelinesCommand({
            MaxResults: 100,
            SortBy: 'Name',
            SortOrder: 'Ascending',
            ...(modelPrefix(prefix) !== '' ? { PipelineNamePrefix: modelPrefix(prefix) } : {}),
            ...(NextToken !== undefined ? { NextToken } : {})
          }),
          options
        )
      )
      const names = (out.PipelineSummaries ?? []).flatMap(p => (p.PipelineName ? [p.PipelineName] : []))
      return { items: names.map(name => ({ name, resource: name })), next: out.NextToken }
    })
  }

  recheck(_target: SageMakerTarget, candidate: Candidate): Promise<Snapshot> {
    return this.recheckArn(candidate.executionId)
  }

  discover(target: SageMakerTarget): Promise<Discovery> {
    return target.executionId !== undefined
      ? this.discoverNamed(target.executionId)
      : this.discoverLatest(pipelineOf(target))
  }

  async retry(_target: SageMakerTarget, candidate: Candidate, request: RetryRequest): Promise<Started> {
    if (request.mode === 'all')
      throw new TargetError(
        'SageMaker retries only the failed steps of an execution: retry-mode all is not supported'
      )
    // The token makes SageMaker answer a re-send after a lost answer with the same result, not a second retry.
    const out = await awsCall(
      this.context,
      'RetryPipelineExecution',
      options =>
        this.client.send(
          new RetryPipelineExecutionCommand({
            PipelineExecutionArn: candidate.executionId,
            ClientRequestToken: request.token,
            ...(request.maxParallelSteps !== undefined
              ? { ParallelismConfiguration: { MaxParallelExecutionSteps: request.maxParallelSteps } }
              : {})
          }),
          options
        ),
      { beforeResend: request.beforeResend }
    )
    if (out.PipelineExecutionArn === undefined)
      throw new UnreadableAnswer(`the retry of ${candidate.executionId} answered without an execution ARN`)
    // The same execution resumes: its ARN is both outputs.
    const arn = out.PipelineExecutionArn
    return { executionId: arn, executionArn: arn, consoleUrl: this.url }
  }

  status(_target: SageMakerTarget, started: Started): Promise<Progress> {
    return this.progressOfArn(started.executionArn ?? started.executionId)
  }

  async stop(_target: SageMakerTarget, started: Started): Promise<void> {
    const arn = started.executionArn ?? started.executionId
    const token = stopToken(this.stopNonce, arn)
    await awsCall(this.context, 'StopPipelineExecution', options =>
      this.client.send(
        new StopPipelineExecutionCommand({ PipelineExecutionArn: arn, ClientRequestToken: token }),
        options
      )
    )
  }
}

export default { errors, create } satisfies ProviderModule<SageMakerTarget>

/**
 * The longest part of a name prefix that ListPipelines' model accepts as `PipelineNamePrefix`
 * (`[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}`, botocore service-2.json: no trailing hyphen); '' for none. The action
 * matches the rest of the pattern itself.
 */
export function modelPrefix(prefix: string): string {
  return /^[a-zA-Z0-9](?:-*[a-zA-Z0-9])*/.exec(prefix.slice(0, 256))?.[0] ?? ''
}
