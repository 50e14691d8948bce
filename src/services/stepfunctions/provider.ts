import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  RedriveExecutionCommand,
  SFNClient,
  StopExecutionCommand,
  type DescribeExecutionOutput,
  type ExecutionListItem,
  type HistoryEvent
} from '@aws-sdk/client-sfn'
import { AWS_CONSOLE_HOSTS, awsCall, awsClientConfig, consoleBase } from '../../clouds/aws.js'
import type { ErrorSpec } from '../../model/call.js'
import { TargetError, UnreadableAnswer } from '../../model/errors.js'
import { namesTransientWord, oneLineReason, type Failure } from '../../model/failure.js'
import { listAll, type Listed } from '../../model/listing.js'
import {
  stateOf,
  type Candidate,
  type Discovery,
  type Progress,
  type Provider,
  type RetryRequest,
  type Snapshot,
  type Started
} from '../../model/provider.js'
import type { ProviderContext, ProviderModule } from '../../model/service.js'
import { STATES, type StateMachineTarget } from './target.js'

const IAM_ACTIONS =
  'states:ListExecutions, states:DescribeExecution, states:GetExecutionHistory and states:RedriveExecution on the ' +
  'state machine and its executions (states:ListStateMachines to name it by name or by a targets pattern; ' +
  'states:StopExecution for cancel-on-abort)'

const errors: ErrorSpec = {
  // "The maximum number of running executions has been reached": capacity, worth trying again later.
  transient: ['ExecutionLimitExceeded', 'Throttling'],
  // What a redrive of an execution that runs again (someone else redrove it first) is refused with.
  refusals: ['ExecutionNotRedrivable'],
  hints: {
    ExecutionNotRedrivable:
      'the execution cannot be redriven: it is running or succeeded, older than the 14-day redrive period, of an Express state machine, or past its history or open-time limits',
    ExecutionDoesNotExist: 'execution-id is not an execution of this account and region',
    StateMachineDoesNotExist:
      'no such state machine in this account and region: check state-machine and region',
    InvalidArn: 'execution-id or state-machine is not a valid Step Functions ARN',
    AccessDeniedException: `the credentials need ${IAM_ACTIONS}`
  }
}

/** "The redrivable period of 14 days starts from the day a state machine completes its execution" (RedriveExecution). */
const REDRIVE_WITHIN_MS = 14 * 86_400_000

/**
 * Execution errors that are the service's or a dependency's, not the workflow's (Step Functions developer guide,
 * "Handle transient Lambda service exceptions"; `States.Timeout` / `States.HeartbeatTimeout` are a policy choice:
 * a slow dependency more often than a bug).
 */
const TRANSIENT_ERRORS = new Set([
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.ClientExecutionTimeoutException',
  'Lambda.TooManyRequestsException',
  'States.Timeout',
  'States.HeartbeatTimeout'
])

/** History events that carry a state's or the execution's error and cause. */
const FAILURE_EVENTS: readonly (keyof HistoryEvent)[] = [
  'taskFailedEventDetails',
  'taskTimedOutEventDetails',
  'taskStartFailedEventDetails',
  'taskSubmitFailedEventDetails',
  'lambdaFunctionFailedEventDetails',
  'lambdaFunctionTimedOutEventDetails',
  'lambdaFunctionStartFailedEventDetails',
  'lambdaFunctionScheduleFailedEventDetails',
  'activityFailedEventDetails',
  'activityTimedOutEventDetails',
  'activityScheduleFailedEventDetails',
  'mapRunFailedEventDetails'
]

/**
 * The console page of an execution. A community convention, not an AWS contract (UNCONFIRMED in
 * providers-next.md 1.9); it is only ever a link on an AWS console host.
 */
function consoleUrl(region: string, arn: string): string {
  return `${consoleBase(region)}/states/home?region=${region}#/v2/executions/details/${encodeURIComponent(arn)}`
}

const statusOf = (e: Pick<DescribeExecutionOutput, 'status'>): string => e.status ?? 'of unknown status'
const revisionOf = (e: DescribeExecutionOutput): string =>
  `${statusOf(e)}:${e.redriveCount ?? 0}:${e.redriveDate?.getTime() ?? '-'}:${e.stopDate?.getTime() ?? '-'}`

function create(context: ProviderContext): Provider<StateMachineTarget> {
  return new StateMachineExecutions(context)
}

/** A state machine's executions: discovery, RedriveExecution, status, stop and state machine listing. */
class StateMachineExecutions implements Provider<StateMachineTarget> {
  readonly consoleHosts = AWS_CONSOLE_HOSTS
  private readonly client: SFNClient
  /** State machine ARNs by name, read once a step (a name needs the account, which only a listing tells). */
  private machines: Promise<Map<string, { arn: string; type: string }>> | undefined

  constructor(private readonly context: ProviderContext) {
    this.client = new SFNClient(awsClientConfig(context))
  }

  private describe(arn: string): Promise<DescribeExecutionOutput> {
    return awsCall(this.context, 'DescribeExecution', options =>
      this.client.send(
        new DescribeExecutionCommand({ executionArn: arn, includedData: 'METADATA_ONLY' }),
        options
      )
    )
  }

  private allMachines(): Promise<Map<string, { arn: string; type: string }>> {
    this.machines ??= listAll('Step Functions state machines', async nextToken => {
      const out = await awsCall(this.context, 'ListStateMachines', options =>
        this.client.send(new ListStateMachinesCommand({ maxResults: 1000, nextToken }), options)
      )
      const items = (out.stateMachines ?? []).flatMap(m =>
        m.name && m.stateMachineArn
          ? [{ name: m.name, arn: m.stateMachineArn, type: m.type ?? 'STANDARD' }]
          : []
      )
      return { items, next: out.nextToken }
    }).then(items => new Map(items.map(m => [m.name, { arn: m.arn, type: m.type }])))
    return this.machines
  }

  /** The state machine's ARN: as given, or found by name. Express state machines cannot be redriven. */
  private async machineArn(target: StateMachineTarget): Promise<string> {
    const machine = target.stateMachine ?? ''
    if (machine.startsWith('arn:')) return machine
    const found = (await this.allMachines()).get(machine)
    if (found === undefined)
      throw new TargetError(
        `no state machine named ${machine} in ${this.context.region}: check state-machine and region`
      )
    if (found.type === 'EXPRESS')
      throw new TargetError(
        `state machine ${machine} is an Express workflow: Step Functions redrives only Standard workflows`
      )
    return found.arn
  }

  private async newest(machineArn: string): Promise<ExecutionListItem | undefined> {
    const out = await awsCall(this.context, 'ListExecutions', options =>
      this.client.send(new ListExecutionsCommand({ stateMachineArn: machineArn, maxResults: 1 }), options)
    )
    return out.executions?.[0]
  }

  /** The failed state's error and cause from the execution history (newest events first), with the execution's. */
  private async failureOf(execution: DescribeExecutionOutput): Promise<Failure> {
    const arn = execution.executionArn ?? ''
    const out = await awsCall(this.context, 'GetExecutionHistory', options =>
      this.client.send(
        new GetExecutionHistoryCommand({
          executionArn: arn,
          reverseOrder: true,
          maxResults: 100,
          includeExecutionData: false
        }),
        options
      )
    )
    const events = out.events ?? []
    const failedAt = events.findIndex(e => FAILURE_EVENTS.some(key => e[key] !== undefined))
    const failed = failedAt < 0 ? undefined : events[failedAt]
    const details =
      failed &&
      FAILURE_EVENTS.map(key => failed[key] as { error?: string; cause?: string } | undefined).find(Boolean)
    const state = events.slice(failedAt + 1).find(e => e.stateEnteredEventDetails?.name)
      ?.stateEnteredEventDetails?.name
    const items = [
      `${statusOf(execution)}${execution.error ? `: ${execution.error}` : ''}${execution.cause ? `: ${execution.cause}` : ''}`,
      ...(details
        ? [`${state ?? 'state'}: ${[details.error, details.cause].filter(Boolean).join(': ')}`]
        : [])
    ]
    const errorName = details?.error ?? execution.error ?? ''
    const transient = TRANSIENT_ERRORS.has(errorName)
      ? `error ${errorName}`
      : namesTransientWord([details?.cause, execution.cause].filter(Boolean).join(' '))
    return {
      reason: oneLineReason(items),
      transient,
      ...(execution.stopDate ? { endedAt: execution.stopDate.getTime() } : {})
    }
  }

  /** Why the service would refuse to redrive it (checked before sending), or undefined. */
  private notRedrivable(execution: DescribeExecutionOutput): string | undefined {
    const arn = execution.executionArn ?? ''
    if (execution.redriveStatus === 'NOT_REDRIVABLE')
      return `execution ${arn} cannot be redriven: ${execution.redriveStatusReason ?? 'Step Functions says it is not redrivable'}`
    const stopped = execution.stopDate?.getTime()
    if (stopped !== undefined && Date.now() - stopped > REDRIVE_WITHIN_MS)
      return `execution ${arn} ended more than 14 days ago; Step Functions redrives only within 14 days of the end`
    return undefined
  }

  private async candidateOf(execution: DescribeExecutionOutput, latest: boolean): Promise<Discovery> {
    const arnRead = execution.executionArn ?? ''
    // Listed as failed, read as running: someone redrove it meanwhile (its redriveStatus then says RUNNING too).
    const state = stateOf(STATES, execution.status)
    if (state !== 'failed')
      return {
        kind: 'nothing',
        reason: `execution ${arnRead} is ${statusOf(execution)}`,
        ...(state === 'in-progress' ? { running: this.running(arnRead) } : {})
      }
    const why = this.notRedrivable(execution)
    if (why) return { kind: 'skip', reason: why }
    const arn = execution.executionArn ?? ''
    const count = execution.redriveCount ?? 0
    const candidate: Candidate = {
      executionId: arn,
      previousAttempts: count,
      attemptsBasis: `redriveCount ${count}`,
      revision: revisionOf(execution),
      description: `${latest ? 'latest ' : ''}execution ${arn} ${statusOf(execution)}`,
      consoleUrl: consoleUrl(this.context.region, arn),
      failure: await this.failureOf(execution)
    }
    return { kind: 'found', candidate }
  }

  private running(arn: string): Started {
    return { executionId: arn, executionArn: arn, consoleUrl: consoleUrl(this.context.region, arn) }
  }

  async discover(target: StateMachineTarget): Promise<Discovery> {
    if (target.executionId !== undefined) return this.discoverNamed(target, target.executionId)
    const newest = await this.newest(await this.machineArn(target))
    if (newest?.executionArn === undefined)
      return { kind: 'nothing', reason: `state machine ${target.label} has no executions` }
    const state = stateOf(STATES, newest.status)
    if (state !== 'failed')
      return {
        kind: 'nothing',
        reason: `latest execution ${newest.executionArn} is ${newest.status ?? 'of unknown status'}`,
        ...(state === 'in-progress' ? { running: this.running(newest.executionArn) } : {})
      }
    return this.candidateOf(await this.describe(newest.executionArn), true)
  }

  private async discoverNamed(target: StateMachineTarget, arn: string): Promise<Discovery> {
    const execution = await this.describe(arn)
    const state = stateOf(STATES, execution.status)
    if (state === 'in-progress')
      return {
        kind: 'nothing',
        reason: `execution ${arn} is ${statusOf(execution)}`,
        running: this.running(arn)
      }
    if (state !== 'failed')
      throw new TargetError(
        `execution ${arn} is ${statusOf(execution)}; only a FAILED, TIMED_OUT or ABORTED execution is redriven`
      )
    const newest = execution.stateMachineArn ? await this.newest(execution.stateMachineArn) : undefined
    if (newest?.executionArn !== undefined && newest.executionArn !== arn)
      return {
        kind: 'skip',
        reason: `execution ${arn} is superseded by the newer execution ${newest.executionArn} (${newest.status ?? '?'}) of ${target.label}`
      }
    return this.candidateOf(execution, false)
  }

  async recheck(_target: StateMachineTarget, candidate: Candidate): Promise<Snapshot> {
    const execution = await this.describe(candidate.executionId)
    return {
      state: stateOf(STATES, execution.status),
      revision: revisionOf(execution),
      previousAttempts: execution.redriveCount ?? 0,
      current: this.running(candidate.executionId),
      description: `execution ${candidate.executionId} is ${statusOf(execution)} (redriveCount ${execution.redriveCount ?? 0})`
    }
  }

  /** The same execution resumes; its clientToken makes a re-send after a lost answer the same redrive. */
  async retry(_target: StateMachineTarget, candidate: Candidate, request: RetryRequest): Promise<Started> {
    if (request.mode === 'all')
      throw new TargetError(
        'Step Functions redrives only from the state that failed: retry-mode all is not supported'
      )
    const out = await awsCall(
      this.context,
      'RedriveExecution',
      options =>
        this.client.send(
          new RedriveExecutionCommand({
            executionArn: candidate.executionId,
            clientToken: request.token.slice(0, 64)
          }),
          options
        ),
      { beforeResend: request.beforeResend }
    )
    if (out.redriveDate === undefined)
      throw new UnreadableAnswer(`the redrive of ${candidate.executionId} answered without redriveDate`)
    return this.running(candidate.executionId)
  }

  async status(_target: StateMachineTarget, started: Started): Promise<Progress> {
    const execution = await this.describe(started.executionId)
    const state = stateOf(STATES, execution.status)
    if (state !== 'failed')
      return { state, ...(state === 'in-progress' ? { phase: statusOf(execution) } : {}) }
    const failure = await this.failureOf(execution)
    return { state, reason: failure.reason, failure }
  }

  async stop(_target: StateMachineTarget, started: Started, reason: string): Promise<void> {
    await awsCall(this.context, 'StopExecution', options =>
      this.client.send(
        new StopExecutionCommand({
          executionArn: started.executionId,
          error: 'pipeline-retry-action',
          cause: reason.slice(0, 32768)
        }),
        options
      )
    )
  }

  async list(): Promise<Listed[]> {
    return [...(await this.allMachines()).keys()].map(name => ({ name, resource: name }))
  }
}

export default { errors, create } satisfies ProviderModule<StateMachineTarget>
