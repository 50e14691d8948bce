// SageMaker Pipelines: executions, steps, RetryPipelineExecution (the SAME execution resumes) and Stop.
import { ApiError } from './errors.js'
import { IdempotencyCache } from './idempotency.js'
import type { Input } from './input.js'
import { beginRetry, outcomeQueue, settleIfDue, type Settleable } from './outcomes.js'
import { ordered, paginate } from './paging.js'
import type { Operations, RequestContext } from './protocol.js'
import { awsTime, parseOptionalTime, parseTime } from './time.js'
import type {
  RetryOutcome,
  SageMakerExecutionStatus,
  SageMakerPipelineSeed,
  SageMakerStepStatus
} from './types.js'

interface StepState {
  name: string
  status: SageMakerStepStatus
  attemptCount: number
  failureReason?: string | undefined
  startTime: number
  endTime?: number | undefined
}

interface SageMakerExecutionState extends Settleable {
  arn: string
  pipelineName: string
  pipelineArn: string
  status: SageMakerExecutionStatus
  displayName: string
  failureReason?: string | undefined
  creationTime: number
  lastModifiedTime: number
  /** In execution order. */
  steps: StepState[]
  maxParallelExecutionSteps?: number | undefined
  /** Steps restarted by the retry in flight. */
  retriedSteps: string[]
}

interface SageMakerPipelineState {
  name: string
  arn: string
  /** Oldest first. */
  executions: SageMakerExecutionState[]
}

export interface SageMakerState {
  pipelines: Map<string, SageMakerPipelineState>
  executions: Map<string, SageMakerExecutionState>
  tokens: IdempotencyCache<string>
}

const EXECUTION_ARN = /^arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:pipeline\/.*\/execution\/.*$/

export function seedSageMaker(
  seeds: SageMakerPipelineSeed[],
  region: string,
  account: string
): SageMakerState {
  const state: SageMakerState = {
    pipelines: new Map(),
    executions: new Map(),
    tokens: new IdempotencyCache()
  }
  for (const seed of seeds) {
    const pipelineArn = `arn:aws:sagemaker:${region}:${account}:pipeline/${seed.name}`
    const executions = seed.executions.map((e): SageMakerExecutionState => {
      const where = `sagemaker pipeline "${seed.name}" execution "${e.id}"`
      const creationTime = parseTime(e.startTime, where)
      return {
        arn: `${pipelineArn}/execution/${e.id}`,
        pipelineName: seed.name,
        pipelineArn,
        status: e.status,
        displayName: e.displayName ?? `execution-${e.id}`,
        failureReason: e.failureReason,
        creationTime,
        lastModifiedTime: parseOptionalTime(e.lastModifiedTime, where) ?? creationTime,
        steps: e.steps.map(step => ({
          name: step.name,
          status: step.status,
          attemptCount: step.attemptCount ?? 1,
          failureReason: step.failureReason,
          startTime: parseTime(step.startTime, `${where} step "${step.name}"`),
          endTime: parseOptionalTime(step.endTime, `${where} step "${step.name}"`)
        })),
        outcomes: outcomeQueue(e.onRetry),
        // Seeded running with an end: its running steps end as `settle` says.
        ...(e.settle && e.status === 'Executing'
          ? { pending: { outcome: e.settle, since: creationTime, reads: 0 } }
          : {}),
        retriedSteps:
          e.settle && e.status === 'Executing'
            ? e.steps.filter(s => s.status === 'Executing').map(s => s.name)
            : []
      }
    })
    executions.sort((a, b) => a.creationTime - b.creationTime)
    state.pipelines.set(seed.name, { name: seed.name, arn: pipelineArn, executions })
    for (const execution of executions) state.executions.set(execution.arn, execution)
  }
  return state
}

// ---------- settling ----------

function settle(execution: SageMakerExecutionState, outcome: RetryOutcome, now: number): void {
  const retried = execution.steps.filter(step => execution.retriedSteps.includes(step.name))
  const failing =
    outcome.result === 'failed' ? (retried.find(s => s.name === outcome.failedStep) ?? retried[0]) : undefined
  const reason = outcome.failureReason ?? `Step ${failing?.name ?? 'unknown'} failed`
  for (const step of retried) {
    step.status = step === failing ? 'Failed' : 'Succeeded'
    step.failureReason = step === failing ? reason : undefined
    step.endTime = now
  }
  execution.retriedSteps = []
  execution.lastModifiedTime = now
  execution.status = outcome.result === 'failed' ? 'Failed' : 'Succeeded'
  execution.failureReason = outcome.result === 'failed' ? reason : undefined
}

function observe(execution: SageMakerExecutionState, now: number, countRead: boolean): void {
  settleIfDue(execution, now, countRead, outcome => {
    settle(execution, outcome, now)
  })
}

// ---------- lookups ----------

function pipelineNamed(state: SageMakerState, name: string, ctx: RequestContext): SageMakerPipelineState {
  const pipeline = state.pipelines.get(name)
  if (!pipeline) {
    throw new ApiError(
      'ResourceNotFound',
      `Pipeline 'arn:aws:sagemaker:${ctx.region}:${ctx.accountId}:pipeline/${name}' does not exist.`
    )
  }
  return pipeline
}

function executionFor(state: SageMakerState, input: Input): SageMakerExecutionState {
  const arn = input.str('PipelineExecutionArn')
  if (arn.length > 2048 || !EXECUTION_ARN.test(arn)) {
    throw input.invalid(
      `1 validation error detected: Value '${arn}' at 'pipelineExecutionArn' is not a valid ARN`
    )
  }
  const execution = state.executions.get(arn)
  if (!execution) throw new ApiError('ResourceNotFound', `Pipeline execution '${arn}' does not exist.`)
  return execution
}

const badToken = (input: Input) => () => input.invalid('Invalid pagination token')

// ---------- operations ----------

function retryPipelineExecution(state: SageMakerState, input: Input, ctx: RequestContext) {
  const token = input.optStr('ClientRequestToken') ?? ''
  if (token.length < 32 || token.length > 128) {
    throw input.invalid(
      `1 validation error detected: Value '${token}' at 'clientRequestToken' failed to satisfy constraint: ` +
        'Member must have length between 32 and 128'
    )
  }
  const parallel = input.optObj('ParallelismConfiguration')?.int('MaxParallelExecutionSteps', 1, 1000, 0)
  const execution = executionFor(state, input)
  const previous = state.tokens.lookup(token, execution.arn, ctx.now)
  // Same token, same execution: the first answer again, and no second retry.
  if (previous.kind === 'replay') return { PipelineExecutionArn: execution.arn }
  if (previous.kind === 'mismatch') {
    throw input.invalid(`ClientRequestToken ${token} was already used for another pipeline execution`)
  }
  observe(execution, ctx.now, false)
  if (execution.status !== 'Failed') {
    throw new ApiError(
      'ConflictException',
      `Pipeline execution '${execution.arn}' is ${execution.status}; only a Failed execution can be retried.`
    )
  }
  const failed = execution.steps.filter(step => step.status === 'Failed')
  for (const step of failed) {
    step.status = 'Executing'
    step.attemptCount += 1
    step.failureReason = undefined
    step.startTime = ctx.now
    step.endTime = undefined
  }
  execution.retriedSteps = failed.map(step => step.name)
  execution.status = 'Executing'
  execution.failureReason = undefined
  execution.lastModifiedTime = ctx.now
  if (parallel !== undefined) execution.maxParallelExecutionSteps = parallel
  beginRetry(execution, ctx.now)
  state.tokens.remember(token, execution.arn, execution.arn, ctx.now)
  return { PipelineExecutionArn: execution.arn }
}

export const sageMakerOperations: Operations<SageMakerState> = {
  // ListPipelines (SageMaker API reference): PipelineNamePrefix, SortBy Name|CreationTime, MaxResults 1-100.
  ListPipelines(state, input) {
    const prefix = input.optStr('PipelineNamePrefix') ?? ''
    const sortBy = input.oneOf('SortBy', ['Name', 'CreationTime'], 'CreationTime')
    const descending = input.oneOf('SortOrder', ['Ascending', 'Descending'], 'Descending') === 'Descending'
    const size = input.int('MaxResults', 1, 100, 10)
    const matching = [...state.pipelines.values()].filter(p => p.name.startsWith(prefix))
    if (sortBy === 'Name') matching.sort((a, b) => a.name.localeCompare(b.name))
    const page = paginate(ordered(matching, descending), input.optStr('NextToken'), size, badToken(input))
    return {
      PipelineSummaries: page.items.map(p => ({ PipelineName: p.name, PipelineArn: p.arn })),
      NextToken: page.nextToken
    }
  },

  ListPipelineExecutions(state, input, ctx) {
    const pipeline = pipelineNamed(state, input.str('PipelineName'), ctx)
    const sortBy = input.oneOf('SortBy', ['CreationTime', 'PipelineExecutionArn'], 'CreationTime')
    const descending = input.oneOf('SortOrder', ['Ascending', 'Descending'], 'Descending') === 'Descending'
    const size = input.int('MaxResults', 1, 100, 10)
    const after = (input.optNum('CreatedAfter') ?? -Infinity) * 1000
    const before = (input.optNum('CreatedBefore') ?? Infinity) * 1000
    const inRange = pipeline.executions.filter(e => e.creationTime > after && e.creationTime < before)
    const sorted =
      sortBy === 'CreationTime' ? inRange : [...inRange].sort((a, b) => a.arn.localeCompare(b.arn))
    const page = paginate(ordered(sorted, descending), input.optStr('NextToken'), size, badToken(input))
    for (const execution of page.items) observe(execution, ctx.now, false)
    return {
      PipelineExecutionSummaries: page.items.map(e => ({
        PipelineExecutionArn: e.arn,
        StartTime: awsTime(e.creationTime),
        PipelineExecutionStatus: e.status,
        PipelineExecutionDisplayName: e.displayName,
        PipelineExecutionFailureReason: e.failureReason
      })),
      NextToken: page.nextToken
    }
  },

  DescribePipelineExecution(state, input, ctx) {
    const execution = executionFor(state, input)
    observe(execution, ctx.now, true)
    return {
      PipelineArn: execution.pipelineArn,
      PipelineExecutionArn: execution.arn,
      PipelineExecutionDisplayName: execution.displayName,
      PipelineExecutionStatus: execution.status,
      FailureReason: execution.failureReason,
      CreationTime: awsTime(execution.creationTime),
      LastModifiedTime: awsTime(execution.lastModifiedTime),
      ParallelismConfiguration:
        execution.maxParallelExecutionSteps === undefined
          ? undefined
          : { MaxParallelExecutionSteps: execution.maxParallelExecutionSteps }
    }
  },

  ListPipelineExecutionSteps(state, input, ctx) {
    const execution = executionFor(state, input)
    const descending = input.oneOf('SortOrder', ['Ascending', 'Descending'], 'Descending') === 'Descending'
    const size = input.int('MaxResults', 1, 100, 50)
    observe(execution, ctx.now, true)
    const page = paginate(
      ordered(execution.steps, descending),
      input.optStr('NextToken'),
      size,
      badToken(input)
    )
    return {
      PipelineExecutionSteps: page.items.map(step => ({
        StepName: step.name,
        StartTime: awsTime(step.startTime),
        EndTime: awsTime(step.endTime),
        StepStatus: step.status,
        FailureReason: step.failureReason,
        AttemptCount: step.attemptCount,
        Metadata: {}
      })),
      NextToken: page.nextToken
    }
  },

  RetryPipelineExecution: retryPipelineExecution,

  StopPipelineExecution(state, input, ctx) {
    const execution = executionFor(state, input)
    observe(execution, ctx.now, false)
    if (execution.status !== 'Executing') {
      throw new ApiError(
        'ConflictException',
        `Pipeline execution '${execution.arn}' is ${execution.status} and cannot be stopped.`
      )
    }
    execution.pending = undefined
    execution.retriedSteps = []
    execution.status = 'Stopped'
    execution.lastModifiedTime = ctx.now
    for (const step of execution.steps) {
      if (step.status === 'Executing' || step.status === 'Starting') {
        step.status = 'Stopped'
        step.endTime = ctx.now
      }
    }
    return { PipelineExecutionArn: execution.arn }
  }
}
