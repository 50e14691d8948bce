// Scenario format (plain data: TS objects or JSON) and the shapes shared by the emulator's modules.
// Timestamps in a scenario are ISO 8601 strings; the wire formats convert them (AWS: epoch seconds,
// CodeArts: epoch milliseconds).
import type { HuaweiErrorForm } from './errors.js'

export type ServiceName = 'codepipeline' | 'codebuild' | 'sagemaker' | 'codearts'

/** What a retried execution ends as, and when. */
export interface RetryOutcome {
  result: 'succeeded' | 'failed'
  /** Emulator-clock milliseconds after the retry before the outcome may show. Default 0. */
  settleAfterMs?: number
  /** How many status reads still report the execution in progress. Default 0. */
  settleAfterReads?: number
  /** With result 'failed': the message (errorDetails.message, phase context, FailureReason, job message). */
  failureReason?: string
  /** CodePipeline: errorDetails.code of the failed action (default 'JobFailed'); CodeBuild: phase context statusCode. */
  errorCode?: string
  /** CodePipeline: the action that fails (default: the first retried action). */
  failedAction?: string
  /** CodeBuild build: the phase that fails (default BUILD). */
  failedPhase?: BuildPhaseType
  /** CodeBuild batch: the build group that fails (default: the first retried group). */
  failedGroup?: string
  /** SageMaker: the step that fails (default: the first retried step). */
  failedStep?: string
  /** CodeArts: the stage that fails (default: the first retried stage). */
  failedStage?: string
}

/** One outcome, or one per successive retry (the last one repeats). Default: succeeded. */
export type OnRetry = RetryOutcome | RetryOutcome[]

// ---------- CodePipeline ----------

export type CodePipelineExecutionStatus =
  'Cancelled' | 'Failed' | 'InProgress' | 'Stopped' | 'Stopping' | 'Succeeded' | 'Superseded'
export type StageStatus =
  'Cancelled' | 'Failed' | 'InProgress' | 'Skipped' | 'Stopped' | 'Stopping' | 'Succeeded'
export type ActionStatus = 'Abandoned' | 'Failed' | 'InProgress' | 'Succeeded'
export type RetryTrigger = 'AutomatedStageRetry' | 'ManualStageRetry'

export interface CodePipelineSeed {
  name: string
  version?: number
  created?: string
  /** Pipeline structure, in order. */
  stages: { name: string; actions: string[] }[]
  executions: CodePipelineExecutionSeed[]
}

export interface CodePipelineExecutionSeed {
  /** A UUID, as CodePipeline's RetryStageExecution requires. */
  id: string
  status: CodePipelineExecutionStatus
  startTime: string
  lastUpdateTime?: string
  statusSummary?: string
  trigger?: { triggerType: string; triggerDetail?: string }
  /** The stages this execution reached, by name. */
  stages: Record<string, StageExecutionSeed>
  onRetry?: OnRetry
}

export interface StageExecutionSeed {
  status: StageStatus
  /** Per action; an action left out takes a status derived from the stage's. */
  actions?: Record<string, ActionExecutionSeed>
  autoStageRetryAttempt?: number
  manualStageRetryAttempt?: number
  latestRetryTrigger?: RetryTrigger
}

export interface ActionExecutionSeed {
  status: ActionStatus
  summary?: string
  errorDetails?: { code: string; message: string }
  externalExecutionId?: string
  externalExecutionUrl?: string
}

// ---------- CodeBuild ----------

export type BuildStatus = 'SUCCEEDED' | 'FAILED' | 'FAULT' | 'TIMED_OUT' | 'IN_PROGRESS' | 'STOPPED'
export type BuildPhaseType =
  | 'SUBMITTED'
  | 'QUEUED'
  | 'PROVISIONING'
  | 'DOWNLOAD_SOURCE'
  | 'INSTALL'
  | 'PRE_BUILD'
  | 'BUILD'
  | 'POST_BUILD'
  | 'UPLOAD_ARTIFACTS'
  | 'FINALIZING'
  | 'COMPLETED'

export interface CodeBuildProjectSeed {
  name: string
  builds?: BuildSeed[]
  batches?: BuildBatchSeed[]
}

export interface BuildSeed {
  /** `project:uuid`; the project part must be the project's name. */
  id: string
  /** Default: one more than the previous build (builds are ordered by startTime). */
  buildNumber?: number
  status: BuildStatus
  startTime: string
  endTime?: string
  sourceVersion?: string
  resolvedSourceVersion?: string
  /** For a failed build: the phase that failed (default BUILD) and its context. */
  failedPhase?: BuildPhaseType
  failureMessage?: string
  failureCode?: string
  autoRetryConfig?: {
    autoRetryLimit?: number
    autoRetryNumber?: number
    nextAutoRetry?: string
    previousAutoRetry?: string
  }
  onRetry?: OnRetry
}

export interface BuildBatchSeed {
  /** `project:uuid`. */
  id: string
  buildBatchNumber?: number
  status: BuildStatus
  startTime: string
  endTime?: string
  sourceVersion?: string
  resolvedSourceVersion?: string
  /** Default: one group `build1` with the batch's status. */
  groups?: { identifier: string; status: BuildStatus }[]
  failureMessage?: string
  onRetry?: OnRetry
}

// ---------- SageMaker ----------

export type SageMakerExecutionStatus = 'Executing' | 'Stopping' | 'Stopped' | 'Failed' | 'Succeeded'
export type SageMakerStepStatus = 'Starting' | 'Executing' | 'Stopping' | 'Stopped' | 'Failed' | 'Succeeded'

export interface SageMakerPipelineSeed {
  name: string
  executions: SageMakerExecutionSeed[]
}

export interface SageMakerExecutionSeed {
  /** The last ARN segment: `arn:aws:sagemaker:<region>:<account>:pipeline/<name>/execution/<id>`. */
  id: string
  status: SageMakerExecutionStatus
  startTime: string
  lastModifiedTime?: string
  displayName?: string
  failureReason?: string
  /** In execution order. */
  steps: SageMakerStepSeed[]
  onRetry?: OnRetry
}

export interface SageMakerStepSeed {
  name: string
  status: SageMakerStepStatus
  attemptCount?: number
  failureReason?: string
  startTime: string
  endTime?: string
}

// ---------- CodeArts ----------

export type CodeArtsRunStatus =
  'COMPLETED' | 'RUNNING' | 'FAILED' | 'CANCELED' | 'PAUSED' | 'SUSPEND' | 'IGNORED'
/**
 * Stages and jobs that have not started yet are INIT; an asynchronous job that failed is ASYNC_FAILED
 * (statuses of the official SDK's stage and job models).
 */
export type CodeArtsStageStatus = CodeArtsRunStatus | 'INIT' | 'ASYNC_FAILED'

export interface HuaweiCredential {
  ak: string
  sk: string
  /** Set for temporary credentials: requests must carry it as X-Security-Token. */
  securityToken?: string
}

export interface CodeArtsSeed {
  /** Accepted `X-Auth-Token` values. */
  tokens?: string[]
  /** Accepted AK/SK pairs for SDK-HMAC-SHA256 signing. */
  credentials?: HuaweiCredential[]
  projects: CodeArtsProjectSeed[]
}

export interface CodeArtsProjectSeed {
  /** 32 characters. */
  id: string
  pipelines: CodeArtsPipelineSeed[]
}

export interface CodeArtsPipelineSeed {
  /** 32 characters. */
  id: string
  name?: string
  runs: CodeArtsRunSeed[]
}

export interface CodeArtsRunSeed {
  /** 32 characters. */
  id: string
  runNumber?: number
  status: CodeArtsRunStatus
  triggerType?: string
  startTime: string
  endTime?: string
  /** `detail_url` exactly as the API answers it (default: the run's console page), e.g. a hostile one. */
  detailUrl?: string
  /** In order. */
  stages: {
    name: string
    status: CodeArtsStageStatus
    jobs?: { name: string; status: CodeArtsStageStatus }[]
  }[]
  onRetry?: OnRetry
}

// ---------- Faults ----------

/**
 * Fault injection for one operation. Counted faults apply to the next N matching calls, in this order:
 * drop, throttle, serverError, error, loseResponse. Latency applies to every matching call.
 */
export interface FaultSpec {
  latencyMs?: number
  /** AWS: HTTP 400 ThrottlingException; CodeArts: HTTP 429 APIGW.0308. Nothing applied. */
  throttle?: number
  /** AWS: InternalFailure (500) or ServiceUnavailable (503); CodeArts: 500. Nothing applied. */
  serverError?: number
  serverErrorStatus?: 500 | 503
  /** Any modelled error (e.g. CodePipeline ConflictException) for the next `times` calls (default 1). */
  error?: { code: string; message?: string; status?: number; times?: number; form?: HuaweiErrorForm }
  /** The socket is destroyed without an answer; the change is NOT applied. */
  drop?: number
  /** The change IS applied, then the socket is destroyed before the answer is written. */
  loseResponse?: number
  /**
   * The change IS applied, then the answer is unreadable: HTTP 200 with a truncated JSON body, an HTML page
   * or an empty body, or the body is cut off after its headers (`cut`: the socket closes mid-body).
   */
  garble?: number
  garbleForm?: 'truncated' | 'html' | 'empty' | 'cut'
  /**
   * The request is read and then never answered, the connection left open (a stuck proxy or server):
   * nothing is applied. Only the client's own time-out or cancellation ends it.
   */
  hang?: number
}

// ---------- Scenario ----------

export interface Scenario {
  name?: string
  /** 12 digits. */
  accountId: string
  region: string
  /** Added to every call (benchmarks). */
  latencyMs?: number
  /** By operation: `RetryBuild`, `codepipeline:StopPipelineExecution`, `codearts:retry`, or `*`. */
  faults?: Record<string, FaultSpec>
  codepipeline?: { pipelines: CodePipelineSeed[] }
  codebuild?: { projects: CodeBuildProjectSeed[] }
  sagemaker?: { pipelines: SageMakerPipelineSeed[] }
  codearts?: CodeArtsSeed
}

// ---------- Handle ----------

export interface CallRecord {
  service: ServiceName
  /** AWS: the operation (`RetryBuild`); CodeArts: `list`, `detail`, `retry` or `stop`. */
  operation: string
  method: string
  path: string
  /** Parsed JSON body (undefined when empty or not JSON). */
  body: unknown
  headers: Record<string, string | string[] | undefined>
  /** Emulator clock, epoch ms. */
  at: number
  /** The injected fault that answered this call, if any. */
  fault?: 'drop' | 'throttle' | 'serverError' | 'error' | 'loseResponse' | 'garble' | 'hang'
}

export interface StartOptions {
  /** Default 0: a random free port. */
  port?: number
  /** Default '127.0.0.1'. */
  host?: string
  /** Emulator clock, epoch ms (timestamps, settling, idempotency window, Huawei date check). */
  now?: () => number
  /** Added to every call, on top of the scenario's latencyMs. */
  latencyMs?: number
}
