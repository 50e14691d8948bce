// AWS Step Functions (awsJson 1.0, target prefix AWSStepFunctions): state machines, executions and their history,
// RedriveExecution (the SAME execution resumes from the state that failed), StopExecution. Rules from botocore's
// stepfunctions service-2.json (RedriveExecution's conditions, redriveStatusReason texts, ClientToken) and the
// Developer Guide "Restarting state machine executions with redrive" (facts in shared/spec/providers-next.md, 1.x).
import { ApiError } from './errors.js'
import type { Input } from './input.js'
import { beginRetry, outcomeQueue, settleIfDue, type Settleable } from './outcomes.js'
import { paginate } from './paging.js'
import type { Operations, RequestContext } from './protocol.js'
import { awsTime, parseOptionalTime, parseTime } from './time.js'
import type { RetryOutcome, StepFunctionsStatus, StepFunctionsMachineSeed } from './types.js'

interface ExecutionState extends Settleable {
  arn: string
  name: string
  machineArn: string
  status: StepFunctionsStatus
  startDate: number
  stopDate?: number | undefined
  error?: string | undefined
  cause?: string | undefined
  /** The state that failed, its error and cause (what GetExecutionHistory shows). */
  failedState?: { name: string; error: string; cause: string } | undefined
  redriveCount: number
  redriveDate?: number | undefined
  /** The last 10 client tokens that redrove it, and when (RedriveExecution's clientToken). */
  tokens: { token: string; at: number }[]
  /** A reason this execution cannot be redriven whatever its status (history limit, started before redrive...). */
  notRedrivable?: string | undefined
}

interface MachineState {
  name: string
  arn: string
  type: 'STANDARD' | 'EXPRESS'
  created: number
  /** Newest first (ListExecutions order). */
  executions: ExecutionState[]
}

export interface StepFunctionsState {
  machines: Map<string, MachineState>
  executions: Map<string, ExecutionState>
}

/** "The redrivable period of 14 days starts from the day a state machine completes its execution." */
const REDRIVE_PERIOD_MS = 14 * 86_400_000
/** "The API will return idempotent responses for the last 10 client tokens ... valid for up to 15 minutes." */
const TOKEN_WINDOW_MS = 15 * 60_000
const TOKENS_KEPT = 10

export function seedStepFunctions(
  seeds: StepFunctionsMachineSeed[],
  region: string,
  account: string
): StepFunctionsState {
  const state: StepFunctionsState = { machines: new Map(), executions: new Map() }
  for (const seed of seeds) {
    const arn = `arn:aws:states:${region}:${account}:stateMachine:${seed.name}`
    const executions = seed.executions
      .map((e): ExecutionState => {
        const where = `stepfunctions state machine "${seed.name}" execution "${e.name}"`
        return {
          arn: `arn:aws:states:${region}:${account}:execution:${seed.name}:${e.name}`,
          name: e.name,
          machineArn: arn,
          status: e.status,
          startDate: parseTime(e.startDate, where),
          stopDate: parseOptionalTime(e.stopDate, where),
          error: e.error,
          cause: e.cause,
          failedState: e.failedState,
          redriveCount: e.redriveCount ?? 0,
          tokens: [],
          outcomes: outcomeQueue(e.onRetry),
          ...(e.notRedrivable ? { notRedrivable: e.notRedrivable } : {}),
          ...(e.settle && e.status === 'RUNNING'
            ? { pending: { outcome: e.settle, since: parseTime(e.startDate, where), reads: 0 } }
            : {})
        }
      })
      .sort((a, b) => b.startDate - a.startDate)
    state.machines.set(seed.name, {
      name: seed.name,
      arn,
      type: seed.type ?? 'STANDARD',
      created: executions.at(-1)?.startDate ?? 0,
      executions
    })
    for (const e of executions) state.executions.set(e.arn, e)
  }
  return state
}

function observe(execution: ExecutionState, now: number, countRead: boolean): void {
  settleIfDue(execution, now, countRead, (outcome: RetryOutcome) => {
    execution.stopDate = now
    if (outcome.result === 'succeeded') {
      execution.status = 'SUCCEEDED'
      execution.error = undefined
      execution.cause = undefined
      execution.failedState = undefined
      return
    }
    execution.status = 'FAILED'
    execution.error = outcome.errorCode ?? 'States.TaskFailed'
    execution.cause = outcome.failureReason ?? 'The task failed again'
    execution.failedState = {
      name: outcome.failedStage ?? execution.failedState?.name ?? 'Task',
      error: execution.error,
      cause: execution.cause
    }
  })
}

function executionIn(state: StepFunctionsState, input: Input): ExecutionState {
  const arn = input.str('executionArn')
  if (!/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:execution:[^:]+:[^:]+$/.test(arn))
    throw new ApiError('InvalidArn', `Invalid Arn: '${arn}'`)
  const execution = state.executions.get(arn)
  if (!execution) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`)
  return execution
}

/** Why RedriveExecution refuses the execution (botocore redriveStatusReason texts), or undefined. */
function notRedrivableReason(state: StepFunctionsState, e: ExecutionState, now: number): string | undefined {
  const machine = [...state.machines.values()].find(m => m.arn === e.machineArn)
  if (machine?.type === 'EXPRESS') return 'This API action is not supported by EXPRESS state machines.'
  if (e.status === 'RUNNING') return 'Execution is RUNNING and cannot be redriven.'
  if (e.status === 'SUCCEEDED') return 'Execution is SUCCEEDED and cannot be redriven.'
  if (e.notRedrivable) return e.notRedrivable
  if (e.stopDate !== undefined && now - e.stopDate > REDRIVE_PERIOD_MS)
    return 'Execution redrivable period exceeded.'
  return undefined
}

function describe(state: StepFunctionsState, e: ExecutionState, now: number) {
  const reason = notRedrivableReason(state, e, now)
  return {
    executionArn: e.arn,
    stateMachineArn: e.machineArn,
    name: e.name,
    status: e.status,
    startDate: awsTime(e.startDate),
    stopDate: e.status === 'RUNNING' ? undefined : awsTime(e.stopDate),
    ...(e.status !== 'RUNNING' && e.status !== 'SUCCEEDED' && e.error
      ? { error: e.error, cause: e.cause ?? '' }
      : {}),
    redriveCount: e.redriveCount,
    redriveDate: awsTime(e.redriveDate),
    redriveStatus: reason === undefined ? 'REDRIVABLE' : 'NOT_REDRIVABLE',
    ...(reason !== undefined ? { redriveStatusReason: reason } : {})
  }
}

/** The history, oldest first: started, the failed state entered and failed, the execution's end; redrives after. */
function history(e: ExecutionState) {
  const at = (ms: number | undefined) => awsTime(ms ?? e.startDate)
  const events: Record<string, unknown>[] = [
    {
      type: 'ExecutionStarted',
      executionStartedEventDetails: { roleArn: 'arn:aws:iam::123456789012:role/sfn' }
    }
  ]
  if (e.failedState) {
    events.push({ type: 'TaskStateEntered', stateEnteredEventDetails: { name: e.failedState.name } })
    events.push({
      type: 'TaskFailed',
      taskFailedEventDetails: {
        resourceType: 'lambda',
        resource: 'invoke',
        error: e.failedState.error,
        cause: e.failedState.cause
      }
    })
  }
  const end = {
    FAILED: 'ExecutionFailed',
    TIMED_OUT: 'ExecutionTimedOut',
    ABORTED: 'ExecutionAborted',
    SUCCEEDED: 'ExecutionSucceeded'
  } as const
  if (e.status in end) {
    const type = end[e.status as keyof typeof end]
    const key =
      type === 'ExecutionSucceeded'
        ? 'executionSucceededEventDetails'
        : `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`
    events.push({
      type,
      [key]: type === 'ExecutionSucceeded' ? {} : { error: e.error ?? '', cause: e.cause ?? '' }
    })
  }
  return events.map((event, i) => ({
    id: i + 1,
    ...(i > 0 ? { previousEventId: i } : {}),
    timestamp: at(i === events.length - 1 ? e.stopDate : e.startDate),
    ...event
  }))
}

export const stepFunctionsOperations: Operations<StepFunctionsState> = {
  ListStateMachines(state, input) {
    const page = paginate(
      [...state.machines.values()],
      input.optStr('nextToken'),
      input.int('maxResults', 0, 1000, 100) || 100,
      () => new ApiError('InvalidToken', 'Invalid Token')
    )
    return {
      stateMachines: page.items.map(m => ({
        stateMachineArn: m.arn,
        name: m.name,
        type: m.type,
        creationDate: awsTime(m.created)
      })),
      ...(page.nextToken ? { nextToken: page.nextToken } : {})
    }
  },

  ListExecutions(state, input, ctx) {
    const arn = input.str('stateMachineArn')
    const machine = [...state.machines.values()].find(m => m.arn === arn)
    if (!machine) throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`)
    if (machine.type === 'EXPRESS')
      throw new ApiError(
        'StateMachineTypeNotSupported',
        'This operation is not supported by this type of state machine'
      )
    for (const e of machine.executions) observe(e, ctx.now, false)
    const page = paginate(
      machine.executions,
      input.optStr('nextToken'),
      input.int('maxResults', 0, 1000, 100) || 100,
      () => new ApiError('InvalidToken', 'Invalid Token')
    )
    return {
      executions: page.items.map(e => ({
        executionArn: e.arn,
        stateMachineArn: e.machineArn,
        name: e.name,
        status: e.status,
        startDate: awsTime(e.startDate),
        ...(e.status !== 'RUNNING' ? { stopDate: awsTime(e.stopDate) } : {}),
        redriveCount: e.redriveCount,
        ...(e.redriveDate !== undefined ? { redriveDate: awsTime(e.redriveDate) } : {})
      })),
      ...(page.nextToken ? { nextToken: page.nextToken } : {})
    }
  },

  DescribeExecution(state, input, ctx) {
    const e = executionIn(state, input)
    observe(e, ctx.now, true)
    return describe(state, e, ctx.now)
  },

  GetExecutionHistory(state, input, ctx) {
    const e = executionIn(state, input)
    observe(e, ctx.now, false)
    const events = history(e)
    return { events: input.optBool('reverseOrder') ? events.reverse() : events }
  },

  RedriveExecution: redrive,

  StopExecution(state, input, ctx) {
    const e = executionIn(state, input)
    observe(e, ctx.now, false)
    if (e.status === 'RUNNING') {
      e.pending = undefined
      e.status = 'ABORTED'
      e.stopDate = ctx.now
      e.error = input.optStr('error')
      e.cause = input.optStr('cause')
    }
    return { stopDate: awsTime(e.stopDate ?? ctx.now) }
  }
}

function redrive(state: StepFunctionsState, input: Input, ctx: RequestContext) {
  const e = executionIn(state, input)
  const token = input.optStr('clientToken')
  e.tokens = e.tokens.filter(t => ctx.now - t.at < TOKEN_WINDOW_MS)
  // The same token within its window: the first answer again, and no second redrive.
  if (token !== undefined && e.tokens.some(t => t.token === token))
    return { redriveDate: awsTime(e.redriveDate) }
  observe(e, ctx.now, false)
  const reason = notRedrivableReason(state, e, ctx.now)
  if (reason !== undefined)
    throw new ApiError('ExecutionNotRedrivable', `Execution ${e.arn} cannot be redriven: ${reason}`)
  e.status = 'RUNNING'
  e.stopDate = undefined
  e.error = undefined
  e.cause = undefined
  e.redriveCount += 1
  e.redriveDate = ctx.now
  if (token !== undefined) e.tokens = [...e.tokens, { token, at: ctx.now }].slice(-TOKENS_KEPT)
  beginRetry(e, ctx.now)
  return { redriveDate: awsTime(ctx.now) }
}
