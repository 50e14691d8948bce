import {
  CodePipelineClient,
  GetPipelineCommand,
  GetPipelineExecutionCommand,
  GetPipelineStateCommand,
  ListPipelineExecutionsCommand,
  ListPipelinesCommand,
  RetryStageExecutionCommand,
  StopPipelineExecutionCommand,
  type PipelineExecutionSummary,
  type StageState
} from '@aws-sdk/client-codepipeline'
import type { CodeBuildClient } from '@aws-sdk/client-codebuild'
import {
  everyItemTransient,
  latest,
  namesTransientWord,
  oneLineReason,
  type Failure
} from '../../model/failure.js'
import { Cancelled } from '../../transport/cancellation.js'
import { buildFailure } from '../codebuild/failure.js'
import { errorMessage } from '../../transport/classify.js'
import type { ErrorSpec } from '../../model/call.js'
import { TargetError, UnreadableAnswer } from '../../model/errors.js'
import { listAll, type Listed } from '../../model/listing.js'
import { STATES, type CodePipelineTarget } from './target.js'
import { AWS_CONSOLE_HOSTS, awsClientConfig, consoleBase, awsCall } from '../../clouds/aws.js'
import {
  type Candidate,
  type Discovery,
  type Progress,
  type Provider,
  type Snapshot,
  type RetryRequest,
  type Started,
  stateOf
} from '../../model/provider.js'
import type { ProviderContext, ProviderModule } from '../../model/service.js'

const IAM_ACTIONS =
  'codepipeline:GetPipelineState, codepipeline:ListPipelineExecutions and codepipeline:RetryStageExecution ' +
  '(for a targets pattern codepipeline:ListPipelines; with wait also codepipeline:GetPipelineExecution, ' +
  'with cancel-on-abort codepipeline:StopPipelineExecution; recommended: codepipeline:GetPipeline)'

/**
 * A V2 stage declared `onFailure: {result: RETRY}` gets one automatic retry from CodePipeline ("One attempt is
 * allowed for automatic stage retry"; API reference, FailureConditions): until it has used it
 * (`autoStageRetryAttempt` absent or 0), CodePipeline is about to retry the stage itself.
 */
function awaitsAutomaticRetry(stage: StageState, autoRetried: ReadonlySet<string> | undefined): boolean {
  return (
    autoRetried?.has(stage.stageName ?? '') === true &&
    (stage.retryStageMetadata?.autoStageRetryAttempt ?? 0) === 0
  )
}

export const errors: ErrorSpec = {
  // The pipeline is busy with another change: the documented remedy is to try again later.
  transient: ['ConflictException'],
  // What a retry of a stage that runs again (someone else retried it first) is refused with.
  refusals: ['StageNotRetryableException'],
  hints: {
    NotLatestPipelineExecutionException:
      'the stage failed again in a later execution; omit execution-id to retry the latest',
    StageNotRetryableException:
      'the stage has no failed actions, actions are still in progress, or the pipeline structure changed ' +
      'since that execution ran',
    PipelineNotFoundException:
      'check pipeline-name and region: no such pipeline there for these credentials (another account?)',
    StageNotFoundException: 'check stage-name: it must name a stage of the pipeline (case-sensitive)',
    ConcurrentPipelineExecutionsLimitExceededException:
      'the pipeline is at its limit of concurrent executions; retry once running executions end',
    ValidationException:
      'a parameter was rejected: check pipeline-name, stage-name and execution-id (a UUID of this pipeline)',
    PipelineExecutionNotFoundException: 'execution-id is not an execution of this pipeline',
    DuplicatedStopRequestException: 'the execution is already stopping',
    PipelineExecutionNotStoppableException: 'the execution has already ended',
    AccessDeniedException: `the credentials lack IAM permissions: allow ${IAM_ACTIONS} on the pipeline`,
    UnrecognizedClientException:
      'the credentials are not valid in this region or partition; once they are, they need ' + IAM_ACTIONS
  }
}

/** StopPipelineExecution accepts a reason of at most 200 characters. */
const STOP_REASON_MAX = 200
/** Error details from actions can be long (stack traces, logs): keep log lines readable. */
const DETAIL_MAX = 300

export function consoleUrl(region: string, pipelineName: string, executionId: string): string {
  return (
    `${consoleBase(region)}/codesuite/codepipeline/pipelines/${pipelineName}` +
    `/executions/${executionId}/timeline?region=${region}`
  )
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

/** The stage's latest execution is this one (a stage an execution has not reached shows an older one). */
function runsIn(stage: StageState, executionId: string): boolean {
  return stage.latestExecution?.pipelineExecutionId === executionId
}

function stageStatus(stage: StageState): string {
  return stage.latestExecution?.status ?? 'unknown'
}

/** The first stage in pipeline order that failed in this execution, limited to `stageName` when given. */
function failedStageOf(
  stages: StageState[],
  executionId: string,
  stageName?: string
): StageState | undefined {
  return stages.find(
    s =>
      runsIn(s, executionId) &&
      stageStatus(s) === 'Failed' &&
      (stageName === undefined || s.stageName === stageName)
  )
}

/** "action DeployApp: JobFailed: message" for each failed action of the stage. */
function failedActions(stage: StageState): string[] {
  return (stage.actionStates ?? [])
    .filter(a => a.latestExecution?.status === 'Failed')
    .map(a => {
      const { code, message } = a.latestExecution?.errorDetails ?? {}
      const detail = [code, message].filter(Boolean).join(': ')
      return oneLine(`action ${a.actionName ?? '?'}${detail ? `: ${detail}` : ''}`, DETAIL_MAX)
    })
}

/** A CodeBuild build ID (`project:uuid`): what a CodeBuild action's `externalExecutionId` is. */
const BUILD_ID =
  /^[A-Za-z0-9][A-Za-z0-9\-_]{1,254}:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** The failed actions of a stage, with the build behind each CodeBuild action (when it looks like one). */
function failedActionStates(stage: StageState) {
  return (stage.actionStates ?? []).filter(a => a.latestExecution?.status === 'Failed')
}

/** The build IDs behind the stage's failed CodeBuild actions. */
export function buildIdsOf(stage: StageState): string[] {
  return failedActionStates(stage).flatMap(a => {
    const id = a.latestExecution?.externalExecutionId
    return id !== undefined && BUILD_ID.test(id) ? [id] : []
  })
}

/**
 * A stage's failure (docs/contract.md): `ACTION: CODE: MESSAGE` for each failed action. Transient when every
 * failed action is: its error names a transient word, or it is a CodeBuild action whose build (in `builds`,
 * read with BatchGetBuilds) is transient by the CodeBuild rule.
 */
export function stageFailure(stage: StageState, builds: ReadonlyMap<string, Failure> = new Map()): Failure {
  const actions = failedActionStates(stage).map(a => {
    const { code, message } = a.latestExecution?.errorDetails ?? {}
    const text = [a.actionName ?? '?', code, message].filter(Boolean).join(': ')
    const buildId = a.latestExecution?.externalExecutionId
    const build = buildId === undefined ? undefined : builds.get(buildId)
    const transient =
      namesTransientWord([code, message].filter(Boolean).join(' ')) ??
      (build?.transient !== undefined ? `its CodeBuild build ${build.transient}` : undefined)
    return { text, transient, endedAt: a.latestExecution?.lastStatusChange?.getTime() }
  })
  return {
    reason: oneLineReason(
      actions.length > 0 ? actions.map(a => a.text) : [`stage ${stage.stageName ?? '?'} Failed`]
    ),
    transient: everyItemTransient(actions.map(a => a.transient)),
    endedAt: latest(actions.map(a => a.endedAt))
  }
}

/** Retries of the stage's latest execution so far, as CodePipeline counts them. */
function attemptsOf(stage: StageState): Pick<Candidate, 'previousAttempts' | 'attemptsBasis'> {
  const meta = stage.retryStageMetadata
  if (!meta) return { previousAttempts: 0, attemptsBasis: 'no retryStageMetadata: not retried yet' }
  const manual = meta.manualStageRetryAttempt ?? 0
  const automatic = meta.autoStageRetryAttempt ?? 0
  const latest = meta.latestRetryTrigger ? ` (latest: ${meta.latestRetryTrigger})` : ''
  return {
    previousAttempts: manual + automatic,
    attemptsBasis: `retryStageMetadata: ${manual} manual + ${automatic} automatic${latest}`
  }
}

/** The stage's execution, status and retry counters: any retry of it changes one of them. */
function stageRevision(stage: StageState | undefined): string {
  if (!stage) return 'absent'
  const meta = stage.retryStageMetadata
  return [
    stage.latestExecution?.pipelineExecutionId ?? '-',
    stageStatus(stage),
    meta?.manualStageRetryAttempt ?? 0,
    meta?.autoStageRetryAttempt ?? 0
  ].join(' ')
}

const STAGE_STATES: Readonly<Record<string, Progress['state']>> = {
  Failed: 'failed',
  InProgress: 'in-progress',
  Stopping: 'in-progress',
  Succeeded: 'succeeded',
  Stopped: 'stopped',
  Cancelled: 'stopped',
  Skipped: 'stopped'
}

/** "Deploy Succeeded (execution <other id>)": what a stage shows, for messages. */
function stageSummary(stage: StageState, executionId: string): string {
  const id = stage.latestExecution?.pipelineExecutionId
  const whose = id === undefined ? 'no execution' : id === executionId ? 'this execution' : `execution ${id}`
  return `${stage.stageName ?? '?'} ${stageStatus(stage)} (${whose})`
}

/** Failed stages whose latest execution is another one: seen, but never retried behind a newer execution. */
function otherFailures(stages: StageState[], executionId: string): string {
  const others = stages.filter(s => stageStatus(s) === 'Failed' && !runsIn(s, executionId))
  if (others.length === 0) return ''
  const list = others
    .map(s => `stage ${s.stageName ?? '?'} of execution ${s.latestExecution?.pipelineExecutionId ?? '?'}`)
    .join(', ')
  return `; ${list} failed earlier and is not retried`
}

function nothingReason(
  target: CodePipelineTarget,
  newest: { id: string; status: string | undefined },
  stages: StageState[]
): string {
  const { id, status } = newest
  let reason = `latest execution ${id} of pipeline ${target.pipelineName} is ${status ?? 'of unknown status'}`
  if (target.stageName !== undefined) reason += `; stage ${target.stageName} did not fail in it`
  else if (status === 'Failed') reason += ' but GetPipelineState shows no failed stage of it'
  return reason + otherFailures(stages, id)
}

function candidateFor(
  context: ProviderContext,
  target: CodePipelineTarget,
  executionId: string,
  stage: StageState
): Candidate {
  const stageName = stage.stageName ?? ''
  const actions = failedActions(stage)
  return {
    executionId,
    stageName,
    ...attemptsOf(stage),
    revision: stageRevision(stage),
    description:
      `stage ${stageName} of execution ${executionId} Failed` +
      (actions.length ? ` (${actions.join('; ')})` : ''),
    consoleUrl: consoleUrl(context.region, target.pipelineName, executionId)
  }
}

/**
 * A stage named by the user for an explicit execution goes to RetryStageExecution even when GetPipelineState
 * does not show it failed: the service's own refusal (StageNotRetryable, NotLatestPipelineExecution) is the
 * reason the user should see.
 */
function namedStageCandidate(
  context: ProviderContext,
  target: CodePipelineTarget & { stageName: string },
  executionId: string,
  stages: StageState[]
): Candidate {
  const stage = stages.find(s => s.stageName === target.stageName)
  if (stage && runsIn(stage, executionId) && stageStatus(stage) === 'Failed') {
    return candidateFor(context, target, executionId, stage)
  }
  const seen = stage ? stageSummary(stage, executionId) : `${target.stageName} not in GetPipelineState`
  return {
    executionId,
    stageName: target.stageName,
    ...(stage && runsIn(stage, executionId)
      ? attemptsOf(stage)
      : { attemptsBasis: "unknown: the stage's latest execution is another one" }),
    revision: stageRevision(stage),
    description:
      `stage ${target.stageName} of execution ${executionId} (GetPipelineState: ${seen}); ` +
      'the retry call decides',
    consoleUrl: consoleUrl(context.region, target.pipelineName, executionId)
  }
}

function noFailedStage(target: CodePipelineTarget, executionId: string, stages: StageState[]): TargetError {
  const own = stages.filter(s => runsIn(s, executionId)).map(s => `${s.stageName ?? '?'} ${stageStatus(s)}`)
  const seen = own.length
    ? `its stages: ${own.join(', ')}`
    : 'no stage shows it as its latest execution (a later execution ran since, or it is not of this pipeline)'
  return new TargetError(
    `Execution ${executionId} of pipeline ${target.pipelineName} has no failed stage in GetPipelineState ` +
      `(${seen}${otherFailures(stages, executionId)}); only a failed stage can be retried`
  )
}

/** "stage Deploy, action DeployApp: JobFailed: Deployment failed" from the stage that failed. */
function failureReason(stages: StageState[], executionId: string): string | undefined {
  const stage = failedStageOf(stages, executionId)
  if (!stage) return undefined
  const actions = failedActions(stage)
  return [`stage ${stage.stageName ?? '?'}`, ...actions].join(', ')
}

export function createCodePipeline(context: ProviderContext): Provider<CodePipelineTarget> {
  return new PipelineStages(context)
}

/** A pipeline's stages: discovery by GetPipelineState, RetryStageExecution, status, stop and listing. */
class PipelineStages implements Provider<CodePipelineTarget> {
  readonly consoleHosts = AWS_CONSOLE_HOSTS
  private readonly client: CodePipelineClient
  /** Reads the builds behind CodeBuild actions; created on first need (its SDK is its own chunk). */
  private codebuild: CodeBuildClient | undefined
  /** Per pipeline, its stages that declare `onFailure: RETRY` (GetPipeline), read once a step. */
  private readonly declared = new Map<string, Promise<ReadonlySet<string> | undefined>>()
  private deniedNoted = false

  constructor(private readonly context: ProviderContext) {
    this.client = new CodePipelineClient(awsClientConfig(context))
  }

  /**
   * The stages CodePipeline retries itself. GetPipeline is recommended, not required: when it cannot be read,
   * undefined (the action decides as without it) and, once a step, a note that names the permission.
   */
  private autoRetryStages(pipelineName: string): Promise<ReadonlySet<string> | undefined> {
    let stages = this.declared.get(pipelineName)
    if (stages === undefined) {
      stages = awsCall(this.context, 'GetPipeline', options =>
        this.client.send(new GetPipelineCommand({ name: pipelineName }), options)
      ).then(
        out =>
          new Set(
            ((out as typeof out | undefined)?.pipeline?.stages ?? []).flatMap(s =>
              s.onFailure?.result === 'RETRY' && s.name !== undefined ? [s.name] : []
            )
          ),
        (error: unknown) => {
          if (error instanceof Cancelled) throw error
          return undefined
        }
      )
      this.declared.set(pipelineName, stages)
    }
    return stages
  }

  /** The note for the first target whose pipeline's declaration could not be read. */
  private deniedNote(autoRetried: ReadonlySet<string> | undefined): string | undefined {
    if (autoRetried !== undefined || this.deniedNoted) return undefined
    this.deniedNoted = true
    return (
      "could not read the pipeline's declaration (codepipeline:GetPipeline, recommended): a stage that " +
      'CodePipeline retries itself (onFailure: RETRY) cannot be told apart, so the action decides without it'
    )
  }

  /** Discovery of a failed stage: CodePipeline's own retry first, else a candidate. */
  private async foundStage(
    target: CodePipelineTarget,
    executionId: string,
    stage: StageState
  ): Promise<Discovery> {
    const autoRetried = await this.autoRetryStages(target.pipelineName)
    const url = consoleUrl(this.context.region, target.pipelineName, executionId)
    if (awaitsAutomaticRetry(stage, autoRetried))
      return {
        kind: 'nothing',
        reason: `stage ${stage.stageName ?? '?'} of execution ${executionId} Failed: CodePipeline retries it itself (onFailure: RETRY)`,
        running: { executionId, consoleUrl: url }
      }
    const candidate = await this.withBuilds(candidateFor(this.context, target, executionId, stage), stage)
    const note = this.deniedNote(autoRetried)
    return {
      kind: 'found',
      candidate:
        note && candidate.failure ? { ...candidate, failure: { ...candidate.failure, note } } : candidate
    }
  }

  private async stagesOf(pipelineName: string): Promise<StageState[]> {
    const state = await awsCall(this.context, 'GetPipelineState', options =>
      this.client.send(new GetPipelineStateCommand({ name: pipelineName }), options)
    )
    return state.stageStates ?? []
  }

  private async newestExecution(pipelineName: string): Promise<PipelineExecutionSummary | undefined> {
    const page = await awsCall(this.context, 'ListPipelineExecutions', options =>
      this.client.send(new ListPipelineExecutionsCommand({ pipelineName, maxResults: 1 }), options)
    )
    return page.pipelineExecutionSummaries?.[0]
  }

  /**
   * The failures of the builds behind the stage's failed CodeBuild actions (one BatchGetBuilds call), to
   * classify those actions by the CodeBuild rule. Without permission (or any other failure to read them) the
   * actions' text alone decides, and the failure's note says so.
   */
  private async withBuilds(candidate: Candidate, stage: StageState): Promise<Candidate> {
    const ids = buildIdsOf(stage)
    if (ids.length === 0) return { ...candidate, failure: stageFailure(stage) }
    try {
      const { BatchGetBuildsCommand, CodeBuildClient } = await import('@aws-sdk/client-codebuild')
      this.codebuild ??= new CodeBuildClient(awsClientConfig(this.context))
      const client = this.codebuild
      const out = await awsCall(this.context, 'BatchGetBuilds', options =>
        client.send(new BatchGetBuildsCommand({ ids }), options)
      )
      const builds = new Map(
        (out.builds ?? []).flatMap(b => (b.id === undefined ? [] : [[b.id, buildFailure(b)] as const]))
      )
      return { ...candidate, failure: stageFailure(stage, builds) }
    } catch (error) {
      if (error instanceof Cancelled) throw error
      const failure = stageFailure(stage)
      return {
        ...candidate,
        failure: {
          ...failure,
          note: `could not read the CodeBuild builds behind the failed actions (${errorMessage(error)}): their text alone decides`
        }
      }
    }
  }

  private async discoverLatest(target: CodePipelineTarget): Promise<Discovery> {
    const newest = await this.newestExecution(target.pipelineName)
    const id = newest?.pipelineExecutionId
    if (newest === undefined || id === undefined) {
      return { kind: 'nothing', reason: `pipeline ${target.pipelineName} has no executions` }
    }
    const stages = await this.stagesOf(target.pipelineName)
    const stage = failedStageOf(stages, id, target.stageName)
    if (stage) return this.foundStage(target, id, stage)
    // Listed as Failed, its stage already running again: someone retried it between the two reads.
    const rerunning =
      newest.status === 'Failed'
        ? stages.find(s => runsIn(s, id) && stageStatus(s) === 'InProgress')
        : undefined
    const running = stateOf(STATES, newest.status) === 'in-progress' || rerunning !== undefined
    return {
      kind: 'nothing',
      reason: rerunning
        ? `latest execution ${id} of pipeline ${target.pipelineName} is being retried: stage ${rerunning.stageName ?? '?'} is InProgress`
        : nothingReason(target, { id, status: newest.status }, stages),
      // Still running: `wait` follows the whole execution before deciding.
      ...(running
        ? {
            running: { executionId: id, consoleUrl: consoleUrl(this.context.region, target.pipelineName, id) }
          }
        : {})
    }
  }

  private async discoverNamed(target: CodePipelineTarget, executionId: string): Promise<Discovery> {
    const stages = await this.stagesOf(target.pipelineName)
    const { stageName } = target
    if (stageName !== undefined) {
      return {
        kind: 'found',
        candidate: namedStageCandidate(this.context, { ...target, stageName }, executionId, stages)
      }
    }
    const stage = failedStageOf(stages, executionId)
    if (!stage) throw noFailedStage(target, executionId, stages)
    return this.foundStage(target, executionId, stage)
  }

  /**
   * RetryStageExecution has no idempotency token: the stage's status and retry counters (manual +
   * automatic) tell whether anyone retried it since discovery, the lost answer of our own call included.
   */
  async recheck(target: CodePipelineTarget, candidate: Candidate): Promise<Snapshot> {
    const stageName = candidate.stageName ?? target.stageName ?? ''
    const stage = (await this.stagesOf(target.pipelineName)).find(s => s.stageName === stageName)
    const ours = stage !== undefined && runsIn(stage, candidate.executionId)
    return {
      // A stage that now shows a newer execution has moved on: nothing of ours runs there.
      state: ours ? (STAGE_STATES[stageStatus(stage)] ?? 'in-progress') : 'stopped',
      revision: stageRevision(stage),
      ...(ours ? attemptsOf(stage) : {}),
      current: {
        executionId: candidate.executionId,
        stageName,
        consoleUrl: consoleUrl(this.context.region, target.pipelineName, candidate.executionId)
      },
      description: stage
        ? `stage ${stageSummary(stage, candidate.executionId)}`
        : `stage ${stageName} not found`
    }
  }

  list(): Promise<Listed[]> {
    return listAll('CodePipeline pipelines', async nextToken => {
      const out = await awsCall(this.context, 'ListPipelines', options =>
        this.client.send(new ListPipelinesCommand({ maxResults: 1000, nextToken }), options)
      )
      const names = (out.pipelines ?? []).flatMap(p => (p.name ? [p.name] : []))
      return { items: names.map(name => ({ name, resource: name })), next: out.nextToken }
    })
  }

  discover(target: CodePipelineTarget): Promise<Discovery> {
    return target.executionId === undefined
      ? this.discoverLatest(target)
      : this.discoverNamed(target, target.executionId)
  }

  async retry(target: CodePipelineTarget, candidate: Candidate, request: RetryRequest): Promise<Started> {
    const { stageName } = candidate
    if (stageName === undefined) throw new TargetError('No stage to retry: discovery named none')
    const started = (executionId: string): Started => ({
      executionId,
      stageName,
      consoleUrl: consoleUrl(this.context.region, target.pipelineName, executionId)
    })
    const input = {
      pipelineName: target.pipelineName,
      stageName,
      pipelineExecutionId: candidate.executionId,
      retryMode: request.mode === 'all' ? 'ALL_ACTIONS' : 'FAILED_ACTIONS'
    } as const
    const answer = await awsCall(
      this.context,
      'RetryStageExecution',
      options => this.client.send(new RetryStageExecutionCommand(input), options),
      { beforeResend: request.beforeResend }
    )
    if (answer.pipelineExecutionId === undefined)
      throw new UnreadableAnswer(`the retry of stage ${stageName} answered without an execution ID`)
    return started(answer.pipelineExecutionId)
  }

  async status(target: CodePipelineTarget, started: Started): Promise<Progress> {
    const id = started.executionId
    const { pipelineExecution } = await awsCall(this.context, 'GetPipelineExecution', options =>
      this.client.send(
        new GetPipelineExecutionCommand({ pipelineName: target.pipelineName, pipelineExecutionId: id }),
        options
      )
    )
    const status = pipelineExecution?.status
    const state = status !== undefined && Object.hasOwn(STATES, status) ? stateOf(STATES, status) : undefined
    const summary = pipelineExecution?.statusSummary
    switch (state) {
      case 'succeeded':
        return { state }
      case 'stopped':
        return {
          state,
          reason:
            status === 'Superseded'
              ? `execution ${id} was superseded by a newer execution`
              : `execution ${id} ${status ?? ''}${summary ? `: ${oneLine(summary, DETAIL_MAX)}` : ''}`
        }
      case 'failed': {
        const stages = await this.stagesOf(target.pipelineName)
        const failed = failedStageOf(stages, id)
        // CodePipeline's automatic stage retry is still to come: the execution is not done failing.
        if (failed && awaitsAutomaticRetry(failed, await this.autoRetryStages(target.pipelineName)))
          return {
            state: 'in-progress',
            phase: `stage ${failed.stageName ?? '?'}: CodePipeline's automatic retry`
          }
        const reason = failureReason(stages, id)
        return { state, reason: reason ?? oneLine(summary ?? `execution ${id} Failed`, DETAIL_MAX) }
      }
      case 'in-progress':
        // One call per poll while running (the wait's API budget); stage state is read only for a failure.
        return { state, phase: status ?? 'InProgress' }
      default:
        // A status newer than this SDK: keep waiting (the wait's timeout bounds it) and show what it is.
        return { state: 'in-progress', phase: `status ${status ?? 'missing'}` }
    }
  }

  async stop(target: CodePipelineTarget, started: Started, reason: string): Promise<void> {
    await awsCall(this.context, 'StopPipelineExecution', options =>
      this.client.send(
        new StopPipelineExecutionCommand({
          pipelineName: target.pipelineName,
          pipelineExecutionId: started.executionId,
          abandon: false,
          reason: oneLine(reason, STOP_REASON_MAX)
        }),
        options
      )
    )
  }
}

export default { errors, create: createCodePipeline } satisfies ProviderModule<CodePipelineTarget>
