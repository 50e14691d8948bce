// CodePipeline: stage state, executions, RetryStageExecution and StopPipelineExecution.
import { randomUUID } from 'node:crypto'
import { ApiError } from './errors.js'
import type { Input } from './input.js'
import { beginRetry, outcomeQueue, settleIfDue, type Settleable } from './outcomes.js'
import { paginate } from './paging.js'
import type { Operations, RequestContext } from './protocol.js'
import { awsTime, parseOptionalTime, parseTime } from './time.js'
import type {
  ActionStatus,
  CodePipelineExecutionStatus,
  CodePipelineSeed,
  RetryOutcome,
  RetryTrigger,
  StageExecutionSeed,
  StageStatus
} from './types.js'

interface ActionExecutionState {
  actionExecutionId: string
  status: ActionStatus
  lastStatusChange: number
  summary?: string | undefined
  errorDetails?: { code: string; message: string } | undefined
  externalExecutionId?: string | undefined
  externalExecutionUrl?: string | undefined
}

interface StageExecutionState {
  status: StageStatus
  /** When it last failed: CodePipeline's automatic retry comes a delay after. */
  failedAt?: number | undefined
  actions: Map<string, ActionExecutionState>
  autoStageRetryAttempt: number
  manualStageRetryAttempt: number
  latestRetryTrigger?: RetryTrigger | undefined
}

interface PipelineExecutionState extends Settleable {
  id: string
  status: CodePipelineExecutionStatus
  statusSummary?: string | undefined
  startTime: number
  lastUpdateTime: number
  trigger?: { triggerType: string; triggerDetail?: string } | undefined
  stages: Map<string, StageExecutionState>
  /** The stage and actions the retry in flight restarted. */
  retried?: { stage: string; actions: string[] } | undefined
}

interface PipelineState {
  name: string
  version: number
  created: number
  stages: CodePipelineSeed['stages']
  autoRetryDelayMs: number
  stageIndex: Map<string, number>
  executions: Map<string, PipelineExecutionState>
  /** Newest first (ListPipelineExecutions order). */
  newestFirst: PipelineExecutionState[]
  /** The newest execution that reached each stage: GetPipelineState's latestExecution. */
  latestByStage: Map<string, PipelineExecutionState>
}

export interface CodePipelineState {
  pipelines: Map<string, PipelineState>
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const RETRY_MODES = ['FAILED_ACTIONS', 'ALL_ACTIONS'] as const

// An action the scenario leaves out takes its status from the stage's (a skipped stage ran no action).
const ACTION_FROM_STAGE: Record<StageStatus, ActionStatus | undefined> = {
  Cancelled: 'Abandoned',
  Failed: 'Failed',
  InProgress: 'InProgress',
  Skipped: undefined,
  Stopped: 'Abandoned',
  Stopping: 'InProgress',
  Succeeded: 'Succeeded'
}

const DEFAULT_ERROR = { code: 'JobFailed', message: 'Action failed' }

function action(
  status: ActionStatus,
  at: number,
  extra: Partial<ActionExecutionState> = {}
): ActionExecutionState {
  return {
    actionExecutionId: randomUUID(),
    status,
    lastStatusChange: at,
    ...(status === 'Failed' ? { errorDetails: DEFAULT_ERROR } : {}),
    ...extra
  }
}

function seedStage(
  seed: StageExecutionSeed,
  actionNames: string[],
  at: number,
  where: string
): StageExecutionState {
  const actions = new Map<string, ActionExecutionState>()
  for (const name of Object.keys(seed.actions ?? {})) {
    if (!actionNames.includes(name)) throw new Error(`scenario: ${where}: unknown action "${name}"`)
  }
  for (const name of actionNames) {
    const given = seed.actions?.[name]
    const status = given?.status ?? ACTION_FROM_STAGE[seed.status]
    if (status !== undefined) actions.set(name, action(status, at, given ?? {}))
  }
  return {
    status: seed.status,
    ...(seed.status === 'Failed' ? { failedAt: at } : {}),
    actions,
    autoStageRetryAttempt: seed.autoStageRetryAttempt ?? 0,
    manualStageRetryAttempt: seed.manualStageRetryAttempt ?? 0,
    ...(seed.latestRetryTrigger ? { latestRetryTrigger: seed.latestRetryTrigger } : {})
  }
}

/** The pending end of an execution seeded running: its InProgress stage settles like a retried one. */
function runningEnd(
  outcome: RetryOutcome,
  stages: ReadonlyMap<string, StageExecutionState>,
  since: number
): Pick<PipelineExecutionState, 'pending' | 'retried'> {
  const running = [...stages].find(([, stage]) => stage.status === 'InProgress')
  if (!running) return {}
  const [stage, state] = running
  return { pending: { outcome, since, reads: 0 }, retried: { stage, actions: [...state.actions.keys()] } }
}

function seedPipeline(seed: CodePipelineSeed): PipelineState {
  const stageIndex = new Map(seed.stages.map((stage, index) => [stage.name, index]))
  const executions = new Map<string, PipelineExecutionState>()
  for (const e of seed.executions) {
    const where = `codepipeline pipeline "${seed.name}" execution "${e.id}"`
    if (!UUID.test(e.id)) throw new Error(`scenario: ${where}: the ID must be a lowercase UUID`)
    const startTime = parseTime(e.startTime, where)
    const lastUpdateTime = parseOptionalTime(e.lastUpdateTime, where) ?? startTime
    const stages = new Map<string, StageExecutionState>()
    for (const [name, stageSeed] of Object.entries(e.stages)) {
      const structure = seed.stages[stageIndex.get(name) ?? -1]
      if (!structure) throw new Error(`scenario: ${where}: unknown stage "${name}"`)
      stages.set(name, seedStage(stageSeed, structure.actions, lastUpdateTime, `${where} stage "${name}"`))
    }
    executions.set(e.id, {
      id: e.id,
      status: e.status,
      startTime,
      lastUpdateTime,
      stages,
      outcomes: outcomeQueue(e.onRetry),
      // Seeded running with an end: its running stage ends as `settle` says.
      ...(e.settle && e.status === 'InProgress' ? runningEnd(e.settle, stages, startTime) : {}),
      ...(e.statusSummary ? { statusSummary: e.statusSummary } : {}),
      ...(e.trigger ? { trigger: e.trigger } : {})
    })
  }
  const oldestFirst = [...executions.values()].sort((a, b) => a.startTime - b.startTime)
  const latestByStage = new Map<string, PipelineExecutionState>()
  for (const execution of oldestFirst) {
    for (const stage of execution.stages.keys()) latestByStage.set(stage, execution)
  }
  return {
    name: seed.name,
    version: seed.version ?? 1,
    created:
      parseOptionalTime(seed.created, `codepipeline pipeline "${seed.name}"`) ??
      oldestFirst[0]?.startTime ??
      0,
    stages: seed.stages,
    autoRetryDelayMs: seed.autoRetryDelayMs ?? 1000,
    stageIndex,
    executions,
    newestFirst: oldestFirst.reverse(),
    latestByStage
  }
}

export function seedCodePipeline(seeds: CodePipelineSeed[]): CodePipelineState {
  return { pipelines: new Map(seeds.map(seed => [seed.name, seedPipeline(seed)])) }
}

// ---------- settling ----------

function settle(
  pipeline: PipelineState,
  execution: PipelineExecutionState,
  outcome: RetryOutcome,
  now: number
): void {
  const retried = execution.retried
  execution.retried = undefined
  execution.lastUpdateTime = now
  const stage = retried && execution.stages.get(retried.stage)
  if (!retried || !stage) return
  if (outcome.result === 'failed') {
    const failing = retried.actions.find(name => name === outcome.failedAction) ?? retried.actions[0]
    for (const name of retried.actions) {
      const failed = name === failing
      const details = {
        code: outcome.errorCode ?? 'JobFailed',
        message: outcome.failureReason ?? 'Action failed'
      }
      stage.actions.set(
        name,
        action(failed ? 'Failed' : 'Succeeded', now, failed ? { errorDetails: details } : {})
      )
    }
    stage.status = 'Failed'
    stage.failedAt = now
    execution.status = 'Failed'
    execution.statusSummary = outcome.failureReason ?? 'Action failed'
    return
  }
  for (const name of retried.actions) stage.actions.set(name, action('Succeeded', now))
  stage.status = 'Succeeded'
  // The rest of the pipeline runs after a successful retry, and this execution becomes their latest.
  const from = (pipeline.stageIndex.get(retried.stage) ?? 0) + 1
  for (const later of pipeline.stages.slice(from)) {
    const actions = new Map(later.actions.map(name => [name, action('Succeeded', now)]))
    execution.stages.set(later.name, {
      status: 'Succeeded',
      actions,
      autoStageRetryAttempt: 0,
      manualStageRetryAttempt: 0
    })
    const current = pipeline.latestByStage.get(later.name)
    if (!current || current.startTime <= execution.startTime)
      pipeline.latestByStage.set(later.name, execution)
  }
  execution.status = 'Succeeded'
  execution.statusSummary = undefined
}

function observe(
  pipeline: PipelineState,
  execution: PipelineExecutionState,
  now: number,
  countRead: boolean
): void {
  settleIfDue(execution, now, countRead, outcome => {
    settle(pipeline, execution, outcome, now)
  })
  autoRetryIfDue(pipeline, execution, now)
}

/**
 * CodePipeline's automatic stage retry (API reference "FailureConditions", "RetryStageMetadata"): a failed stage
 * declared `onFailure: RETRY` is retried once by the service (its failed actions), counted in
 * `autoStageRetryAttempt` with `latestRetryTrigger: AutomatedStageRetry`. Only the stage's latest execution.
 */
function autoRetryIfDue(pipeline: PipelineState, execution: PipelineExecutionState, now: number): void {
  if (execution.status !== 'Failed' || execution.pending !== undefined) return
  for (const declared of pipeline.stages) {
    const stage = execution.stages.get(declared.name)
    if (declared.onFailure !== 'RETRY' || stage?.status !== 'Failed' || stage.autoStageRetryAttempt > 0)
      continue
    if (pipeline.latestByStage.get(declared.name) !== execution) continue
    if (now - (stage.failedAt ?? execution.lastUpdateTime) < pipeline.autoRetryDelayMs) continue
    restartStage(execution, declared, stage, 'FAILED_ACTIONS', now)
    stage.autoStageRetryAttempt += 1
    stage.latestRetryTrigger = 'AutomatedStageRetry'
    return
  }
}

/** Restarts a failed stage's actions (all, or the failed ones) and starts settling its next outcome. */
function restartStage(
  execution: PipelineExecutionState,
  structure: { name: string; actions: string[] },
  stage: StageExecutionState,
  mode: (typeof RETRY_MODES)[number],
  now: number
): void {
  const actions = structure.actions.filter(
    name => mode === 'ALL_ACTIONS' || stage.actions.get(name)?.status === 'Failed'
  )
  for (const name of actions) stage.actions.set(name, action('InProgress', now))
  stage.status = 'InProgress'
  execution.status = 'InProgress'
  execution.statusSummary = undefined
  execution.lastUpdateTime = now
  execution.retried = { stage: structure.name, actions }
  beginRetry(execution, now)
}

// ---------- lookups and views ----------

function pipelineNamed(state: CodePipelineState, name: string, ctx: RequestContext): PipelineState {
  const pipeline = state.pipelines.get(name)
  if (!pipeline) {
    throw new ApiError(
      'PipelineNotFoundException',
      `Account '${ctx.accountId}' does not have a pipeline with name '${name}'`
    )
  }
  return pipeline
}

function executionIn(pipeline: PipelineState, id: string): PipelineExecutionState {
  const execution = pipeline.executions.get(id)
  if (!execution) {
    throw new ApiError(
      'PipelineExecutionNotFoundException',
      `Pipeline execution '${id}' does not exist in pipeline '${pipeline.name}'`
    )
  }
  return execution
}

const actionView = (a: ActionExecutionState) => ({
  actionExecutionId: a.actionExecutionId,
  status: a.status,
  summary: a.summary,
  lastStatusChange: awsTime(a.lastStatusChange),
  externalExecutionId: a.externalExecutionId,
  externalExecutionUrl: a.externalExecutionUrl,
  errorDetails: a.errorDetails
})

function stageView(pipeline: PipelineState, stage: { name: string; actions: string[] }) {
  const execution = pipeline.latestByStage.get(stage.name)
  const run = execution?.stages.get(stage.name)
  const latestAction = (name: string) => run?.actions.get(name)
  return {
    stageName: stage.name,
    inboundTransitionState: { enabled: true },
    actionStates: stage.actions.map(name => {
      const latest = latestAction(name)
      return { actionName: name, latestExecution: latest && actionView(latest) }
    }),
    latestExecution: execution &&
      run && { pipelineExecutionId: execution.id, status: run.status, type: 'STANDARD' },
    // Both counts have a model minimum of 1 (RetryStageMetadata): absent, not 0, before any retry.
    retryStageMetadata: run && {
      ...(run.autoStageRetryAttempt > 0 ? { autoStageRetryAttempt: run.autoStageRetryAttempt } : {}),
      ...(run.manualStageRetryAttempt > 0 ? { manualStageRetryAttempt: run.manualStageRetryAttempt } : {}),
      latestRetryTrigger: run.latestRetryTrigger
    }
  }
}

const summaryView = (e: PipelineExecutionState) => ({
  pipelineExecutionId: e.id,
  status: e.status,
  statusSummary: e.statusSummary,
  startTime: awsTime(e.startTime),
  lastUpdateTime: awsTime(e.lastUpdateTime),
  trigger: e.trigger,
  executionMode: 'SUPERSEDED',
  executionType: 'STANDARD'
})

// ---------- operations ----------

function retryStageExecution(state: CodePipelineState, input: Input, ctx: RequestContext) {
  const pipelineName = input.str('pipelineName')
  const stageName = input.str('stageName')
  const executionId = input.str('pipelineExecutionId')
  const mode = input.oneOf('retryMode', RETRY_MODES)
  if (!UUID.test(executionId)) throw input.invalid(`pipelineExecutionId '${executionId}' is not a valid UUID`)
  const pipeline = pipelineNamed(state, pipelineName, ctx)
  const structure = pipeline.stages[pipeline.stageIndex.get(stageName) ?? -1]
  if (!structure) {
    throw new ApiError(
      'StageNotFoundException',
      `Stage '${stageName}' not found in pipeline '${pipelineName}'`
    )
  }
  const execution = pipeline.latestByStage.get(stageName)
  if (execution?.id !== executionId) {
    throw new ApiError(
      'NotLatestPipelineExecutionException',
      `Execution '${executionId}' is not the latest execution of stage '${stageName}'`
    )
  }
  observe(pipeline, execution, ctx.now, false)
  const stage = execution.stages.get(stageName)
  if (stage?.status !== 'Failed') {
    throw new ApiError(
      'StageNotRetryableException',
      `Stage '${stageName}' of execution '${executionId}' is ${stage?.status ?? 'not started'}: only a failed stage can be retried`
    )
  }
  restartStage(execution, structure, stage, mode, ctx.now)
  stage.manualStageRetryAttempt += 1
  stage.latestRetryTrigger = 'ManualStageRetry'
  return { pipelineExecutionId: execution.id }
}

function stopPipelineExecution(state: CodePipelineState, input: Input, ctx: RequestContext) {
  const pipeline = pipelineNamed(state, input.str('pipelineName'), ctx)
  const execution = executionIn(pipeline, input.str('pipelineExecutionId'))
  observe(pipeline, execution, ctx.now, false)
  if (execution.status !== 'InProgress') {
    throw new ApiError(
      'PipelineExecutionNotStoppableException',
      `Pipeline execution '${execution.id}' is ${execution.status} and cannot be stopped`
    )
  }
  execution.pending = undefined
  execution.retried = undefined
  execution.status = 'Stopped'
  execution.statusSummary = input.optStr('reason')
  execution.lastUpdateTime = ctx.now
  for (const stage of execution.stages.values()) {
    if (stage.status !== 'InProgress') continue
    stage.status = 'Stopped'
    for (const [name, a] of stage.actions) {
      if (a.status === 'InProgress') stage.actions.set(name, action('Abandoned', ctx.now))
    }
  }
  return { pipelineExecutionId: execution.id }
}

/** GetPipeline's declaration: a V2 pipeline whose stages carry their `onFailure` (only what the action reads). */
function pipelineDeclaration(pipeline: PipelineState, ctx: RequestContext) {
  return {
    pipeline: {
      name: pipeline.name,
      roleArn: `arn:aws:iam::${ctx.accountId}:role/emulator-codepipeline`,
      artifactStore: { type: 'S3', location: 'emulator-artifacts' },
      stages: pipeline.stages.map(stage => ({
        name: stage.name,
        actions: stage.actions.map(name => ({
          name,
          actionTypeId: { category: 'Build', owner: 'AWS', provider: 'CodeBuild', version: '1' }
        })),
        ...(stage.onFailure
          ? {
              onFailure: {
                result: stage.onFailure,
                ...(stage.onFailure === 'RETRY'
                  ? { retryConfiguration: { retryMode: 'FAILED_ACTIONS' } }
                  : {})
              }
            }
          : {})
      })),
      version: pipeline.version,
      pipelineType: 'V2',
      executionMode: 'SUPERSEDED'
    },
    metadata: {
      pipelineArn: `arn:aws:codepipeline:${ctx.region}:${ctx.accountId}:${pipeline.name}`,
      created: awsTime(pipeline.created),
      updated: awsTime(pipeline.created)
    }
  }
}

export const codePipelineOperations: Operations<CodePipelineState> = {
  GetPipeline(state, input, ctx) {
    return pipelineDeclaration(pipelineNamed(state, input.str('name'), ctx), ctx)
  },

  GetPipelineState(state, input, ctx) {
    const pipeline = pipelineNamed(state, input.str('name'), ctx)
    for (const execution of new Set(pipeline.latestByStage.values()))
      observe(pipeline, execution, ctx.now, true)
    return {
      pipelineName: pipeline.name,
      pipelineVersion: pipeline.version,
      stageStates: pipeline.stages.map(stage => stageView(pipeline, stage)),
      created: awsTime(pipeline.created),
      updated: awsTime(pipeline.created)
    }
  },

  GetPipelineExecution(state, input, ctx) {
    const pipeline = pipelineNamed(state, input.str('pipelineName'), ctx)
    const execution = executionIn(pipeline, input.str('pipelineExecutionId'))
    observe(pipeline, execution, ctx.now, true)
    return {
      pipelineExecution: {
        pipelineName: pipeline.name,
        pipelineVersion: pipeline.version,
        pipelineExecutionId: execution.id,
        status: execution.status,
        statusSummary: execution.statusSummary,
        artifactRevisions: [],
        trigger: execution.trigger,
        executionMode: 'SUPERSEDED',
        executionType: 'STANDARD'
      }
    }
  },

  // ListPipelines (CodePipeline API reference): maxResults 1-1000, default 100; names in creation order.
  ListPipelines(state, input) {
    const size = input.int('maxResults', 1, 1000, 100)
    const page = paginate(
      [...state.pipelines.values()],
      input.optStr('nextToken'),
      size,
      () => new ApiError('InvalidNextTokenException', 'The next token is not valid')
    )
    return {
      pipelines: page.items.map(p => ({
        name: p.name,
        version: p.version,
        created: awsTime(p.created),
        updated: awsTime(p.created)
      })),
      nextToken: page.nextToken
    }
  },

  ListPipelineExecutions(state, input, ctx) {
    const pipeline = pipelineNamed(state, input.str('pipelineName'), ctx)
    const size = input.int('maxResults', 1, 100, 100)
    const page = paginate(
      pipeline.newestFirst,
      input.optStr('nextToken'),
      size,
      () => new ApiError('InvalidNextTokenException', 'The next token is not valid')
    )
    for (const execution of page.items) observe(pipeline, execution, ctx.now, false)
    return { pipelineExecutionSummaries: page.items.map(summaryView), nextToken: page.nextToken }
  },

  RetryStageExecution: retryStageExecution,
  StopPipelineExecution: stopPipelineExecution
}
