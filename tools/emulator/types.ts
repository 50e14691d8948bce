// Scenario format (plain data: TS objects or JSON) and the shapes shared by the emulator's modules.
// Timestamps in a scenario are ISO 8601 strings; the wire formats convert them (AWS: epoch seconds,
// CodeArts: epoch milliseconds).
import type { HuaweiErrorForm } from './errors.js'

export type ServiceName =
  | 'codepipeline'
  | 'codebuild'
  | 'sagemaker'
  | 'codearts'
  | 'github'
  | 'stepfunctions'
  | 'azure'
  | 'cloudbuild'

/** What a retried execution ends as, and when. */
export interface RetryOutcome {
  result: 'succeeded' | 'failed'
  /** Emulator-clock milliseconds after the retry before the outcome may show. Default 0. */
  settleAfterMs?: number | undefined
  /** How many status reads still report the execution in progress. Default 0. */
  settleAfterReads?: number | undefined
  /** With result 'failed': the message (errorDetails.message, phase context, FailureReason, job message). */
  failureReason?: string | undefined
  /** CodePipeline: errorDetails.code of the failed action (default 'JobFailed'); CodeBuild: phase context statusCode. */
  errorCode?: string | undefined
  /** CodePipeline: the action that fails (default: the first retried action). */
  failedAction?: string | undefined
  /** CodeBuild build: the phase that fails (default BUILD). */
  failedPhase?: BuildPhaseType | undefined
  /** CodeBuild batch: the build group that fails (default: the first retried group). */
  failedGroup?: string | undefined
  /** SageMaker: the step that fails (default: the first retried step). */
  failedStep?: string | undefined
  /** CodeArts: the stage that fails (default: the first retried stage). */
  failedStage?: string | undefined
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
  version?: number | undefined
  created?: string | undefined
  /**
   * Pipeline structure, in order. `onFailure: 'RETRY'` declares CodePipeline's automatic stage retry (V2): a
   * failed stage is retried once by the service, `autoRetryDelayMs` (default 1000) after it failed.
   */
  stages: {
    name: string
    actions: string[]
    onFailure?: 'ROLLBACK' | 'FAIL' | 'RETRY' | 'SKIP' | undefined
  }[]
  executions: CodePipelineExecutionSeed[]
  autoRetryDelayMs?: number | undefined
}

interface CodePipelineExecutionSeed {
  /** A UUID, as CodePipeline's RetryStageExecution requires. */
  id: string
  status: CodePipelineExecutionStatus
  startTime: string
  lastUpdateTime?: string | undefined
  statusSummary?: string | undefined
  trigger?: { triggerType: string; triggerDetail?: string } | undefined
  /** The stages this execution reached, by name. */
  stages: Record<string, StageExecutionSeed>
  onRetry?: OnRetry | undefined
  /** Seeded running: how it ends (after its reads or time), as a retry's outcome would. */
  settle?: RetryOutcome | undefined
}

export interface StageExecutionSeed {
  status: StageStatus
  /** Per action; an action left out takes a status derived from the stage's. */
  actions?: Record<string, ActionExecutionSeed> | undefined
  autoStageRetryAttempt?: number | undefined
  manualStageRetryAttempt?: number | undefined
  latestRetryTrigger?: RetryTrigger | undefined
}

interface ActionExecutionSeed {
  status: ActionStatus
  summary?: string | undefined
  errorDetails?: { code: string; message: string } | undefined
  externalExecutionId?: string | undefined
  externalExecutionUrl?: string | undefined
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
  builds?: BuildSeed[] | undefined
  batches?: BuildBatchSeed[] | undefined
}

export interface BuildSeed {
  /** `project:uuid`; the project part must be the project's name. */
  id: string
  /** Default: one more than the previous build (builds are ordered by startTime). */
  buildNumber?: number | undefined
  status: BuildStatus
  startTime: string
  endTime?: string | undefined
  sourceVersion?: string | undefined
  resolvedSourceVersion?: string | undefined
  /** For a failed build: the phase that failed (default BUILD) and its context. */
  failedPhase?: BuildPhaseType | undefined
  failureMessage?: string | undefined
  failureCode?: string | undefined
  autoRetryConfig?: {
    autoRetryLimit?: number | undefined
    autoRetryNumber?: number | undefined
    nextAutoRetry?: string | undefined
    previousAutoRetry?: string | undefined
  }
  /** Who started it; default `codepipeline/emulator`, or `emulator-user` when it has an autoRetryConfig. */
  initiator?: string | undefined
  /** How long after its failure CodeBuild auto-retries it (default 1000 ms). */
  autoRetryDelayMs?: number | undefined
  onRetry?: OnRetry | undefined
  /** For a build seeded IN_PROGRESS: how it ends (after its reads or time), as a retry's outcome would. */
  settle?: RetryOutcome | undefined
}

export interface BuildBatchSeed {
  /** `project:uuid`. */
  id: string
  buildBatchNumber?: number | undefined
  status: BuildStatus
  startTime: string
  endTime?: string | undefined
  sourceVersion?: string | undefined
  resolvedSourceVersion?: string | undefined
  /** Default: one group `build1` with the batch's status. */
  groups?: { identifier: string; status: BuildStatus }[] | undefined
  failureMessage?: string | undefined
  onRetry?: OnRetry | undefined
  /** Seeded running: how it ends (after its reads or time), as a retry's outcome would. */
  settle?: RetryOutcome | undefined
}

// ---------- SageMaker ----------

export type SageMakerExecutionStatus = 'Executing' | 'Stopping' | 'Stopped' | 'Failed' | 'Succeeded'
export type SageMakerStepStatus = 'Starting' | 'Executing' | 'Stopping' | 'Stopped' | 'Failed' | 'Succeeded'

export interface SageMakerPipelineSeed {
  name: string
  executions: SageMakerExecutionSeed[]
}

interface SageMakerExecutionSeed {
  /** The last ARN segment: `arn:aws:sagemaker:<region>:<account>:pipeline/<name>/execution/<id>`. */
  id: string
  status: SageMakerExecutionStatus
  startTime: string
  lastModifiedTime?: string | undefined
  displayName?: string | undefined
  failureReason?: string | undefined
  /** In execution order. */
  steps: SageMakerStepSeed[]
  onRetry?: OnRetry | undefined
  /** Seeded running: how it ends (after its reads or time), as a retry's outcome would. */
  settle?: RetryOutcome | undefined
}

interface SageMakerStepSeed {
  name: string
  status: SageMakerStepStatus
  attemptCount?: number | undefined
  failureReason?: string | undefined
  startTime: string
  endTime?: string | undefined
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
  securityToken?: string | undefined
}

export interface CodeArtsSeed {
  /** Accepted `X-Auth-Token` values. */
  tokens?: string[] | undefined
  /** Accepted AK/SK pairs for SDK-HMAC-SHA256 signing. */
  credentials?: HuaweiCredential[] | undefined
  projects: CodeArtsProjectSeed[]
}

interface CodeArtsProjectSeed {
  /** 32 characters. */
  id: string
  pipelines: CodeArtsPipelineSeed[]
}

interface CodeArtsPipelineSeed {
  /** 32 characters. */
  id: string
  name?: string | undefined
  runs: CodeArtsRunSeed[]
}

interface CodeArtsRunSeed {
  /** 32 characters. */
  id: string
  runNumber?: number | undefined
  status: CodeArtsRunStatus
  triggerType?: string | undefined
  startTime: string
  endTime?: string | undefined
  /** `detail_url` exactly as the API answers it (default: the run's console page), e.g. a hostile one. */
  detailUrl?: string | undefined
  /** In order. */
  stages: {
    name: string
    status: CodeArtsStageStatus
    /** A failed job's `message` is what the run detail reports for it (the failure reason). */
    jobs?: { name: string; status: CodeArtsStageStatus; message?: string | undefined }[] | undefined
  }[]
  onRetry?: OnRetry | undefined
  /** Seeded running: how it ends (after its reads or time), as a retry's outcome would. */
  settle?: RetryOutcome | undefined
}

// ---------- Faults ----------

/**
 * Fault injection for one operation. Counted faults apply to the next N matching calls, in this order:
 * drop, throttle, serverError, error, loseResponse. Latency applies to every matching call.
 */
export interface FaultSpec {
  latencyMs?: number | undefined
  /** AWS: HTTP 400 ThrottlingException; CodeArts: HTTP 429 APIGW.0308. Nothing applied. */
  throttle?: number | undefined
  /** AWS: InternalFailure (500) or ServiceUnavailable (503); CodeArts: 500. Nothing applied. */
  serverError?: number | undefined
  serverErrorStatus?: 500 | 503 | undefined
  /** Any modelled error (e.g. CodePipeline ConflictException) for the next `times` calls (default 1). */
  error?:
    { code: string; message?: string; status?: number; times?: number; form?: HuaweiErrorForm } | undefined
  /** The socket is destroyed without an answer; the change is NOT applied. */
  drop?: number | undefined
  /** The change IS applied, then the socket is destroyed before the answer is written. */
  loseResponse?: number | undefined
  /**
   * The change IS applied, then the answer is unreadable: HTTP 200 with a truncated JSON body, an HTML page
   * or an empty body, or the body is cut off after its headers (`cut`: the socket closes mid-body).
   */
  garble?: number | undefined
  garbleForm?: 'truncated' | 'html' | 'empty' | 'cut' | undefined
  /**
   * The request is read and then never answered, the connection left open (a stuck proxy or server):
   * nothing is applied. Only the client's own time-out or cancellation ends it.
   */
  hang?: number | undefined
}

// ---------- Scenario ----------

export interface Scenario {
  name?: string | undefined
  /** 12 digits. */
  accountId: string
  region: string
  /** Added to every call (benchmarks). */
  latencyMs?: number | undefined
  /** By operation: `RetryBuild`, `codepipeline:StopPipelineExecution`, `codearts:retry`, or `*`. */
  faults?: Record<string, FaultSpec> | undefined
  codepipeline?: { pipelines: CodePipelineSeed[] } | undefined
  codebuild?: { projects: CodeBuildProjectSeed[] } | undefined
  sagemaker?: { pipelines: SageMakerPipelineSeed[] } | undefined
  codearts?: CodeArtsSeed | undefined
  github?: GitHubSeed | undefined
  stepfunctions?: { stateMachines: StepFunctionsMachineSeed[] } | undefined
  azure?: AzureSeed | undefined
  cloudbuild?: CloudBuildSeed | undefined
}

// ---------- Cloud Build ----------

export type CloudBuildStatus =
  | 'STATUS_UNKNOWN'
  | 'PENDING'
  | 'QUEUED'
  | 'WORKING'
  | 'SUCCESS'
  | 'FAILURE'
  | 'INTERNAL_ERROR'
  | 'TIMEOUT'
  | 'CANCELLED'
  | 'EXPIRED'

export interface CloudBuildSeed {
  /** OAuth access tokens it accepts; `read` ones cannot retry or cancel. */
  tokens: { token: string; permission?: 'read' | 'write' | undefined }[]
  projects: { id: string; triggers: CloudBuildTriggerSeed[] }[]
}

interface CloudBuildTriggerSeed {
  id: string
  name: string
  /** Default `global`. */
  location?: string | undefined
  builds: CloudBuildBuildSeed[]
}

interface CloudBuildBuildSeed {
  id: string
  status: CloudBuildStatus
  createTime: string
  finishTime?: string | undefined
  commit?: string | undefined
  branch?: string | undefined
  failureInfo?: { type: string; detail: string } | undefined
  failedStep?: string | undefined
  onRetry?: OnRetry | undefined
  settle?: RetryOutcome | undefined
}

// ---------- Azure Pipelines ----------

/** TaskResult (REST 7.1 spec): a stage's, job's or task's result. */
export type AzureTaskResult =
  'succeeded' | 'succeededWithIssues' | 'failed' | 'canceled' | 'skipped' | 'abandoned'

export interface AzureSeed {
  /** Tokens it accepts, as a PAT (Basic) or a bearer token; `read` ones cannot retry or cancel. */
  tokens: { token: string; permission?: 'read' | 'execute' | undefined }[]
  organizations: { name: string; projects: AzureProjectSeed[] }[]
}

interface AzureProjectSeed {
  name: string
  id: string
  definitions: AzureDefinitionSeed[]
}

interface AzureDefinitionSeed {
  id: number
  name: string
  /** Its folder, `\\` (the root) by default. */
  path?: string | undefined
  builds: AzureBuildSeed[]
}

export interface AzureBuildSeed {
  id: number
  buildNumber?: string | undefined
  status: 'notStarted' | 'inProgress' | 'completed' | 'cancelling' | 'postponed'
  result?: 'succeeded' | 'partiallySucceeded' | 'failed' | 'canceled' | undefined
  queueTime: string
  finishTime?: string | undefined
  sourceBranch?: string | undefined
  /** In order; a stage after a failed one was skipped. */
  stages: AzureStageSeed[]
  onRetry?: OnRetry | undefined
  /** A running build that ends this way. */
  settle?: RetryOutcome | undefined
}

interface AzureStageSeed {
  name: string
  state?: 'pending' | 'inProgress' | 'completed' | undefined
  result?: AzureTaskResult | undefined
  attempt?: number | undefined
  jobs?: { name: string; result?: AzureTaskResult | undefined; issues?: string[] | undefined }[] | undefined
}

// ---------- Step Functions ----------

export type StepFunctionsStatus =
  'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE'

export interface StepFunctionsMachineSeed {
  name: string
  /** Default STANDARD; EXPRESS executions cannot be redriven (or listed). */
  type?: 'STANDARD' | 'EXPRESS' | undefined
  executions: StepFunctionsExecutionSeed[]
}

interface StepFunctionsExecutionSeed {
  name: string
  status: StepFunctionsStatus
  startDate: string
  stopDate?: string | undefined
  /** The execution's error and cause, and the state that failed (its history's TaskFailed). */
  error?: string | undefined
  cause?: string | undefined
  failedState?: { name: string; error: string; cause: string } | undefined
  redriveCount?: number | undefined
  /** A redriveStatusReason that makes it not redrivable whatever its status. */
  notRedrivable?: string | undefined
  onRetry?: OnRetry | undefined
  settle?: RetryOutcome | undefined
}

// ---------- GitHub Actions ----------

export interface GitHubSeed {
  /** Accepted tokens (`Authorization: Bearer ...`); `read` tokens are refused re-runs and cancels (403). */
  tokens: { token: string; permission?: 'read' | 'write' | undefined; repos?: string[] | undefined }[]
  repos: GitHubRepoSeed[]
  /** After a re-run, this many reads of the run still show the attempt before it (default 0). */
  staleReadsAfterRerun?: number | undefined
}

interface GitHubRepoSeed {
  owner: string
  name: string
  workflows: GitHubWorkflowSeed[]
}

interface GitHubWorkflowSeed {
  id: number
  name: string
  /** The file under .github/workflows/. */
  file: string
  /** The whole path, when it is not `.github/workflows/FILE` (GitHub Pages: `dynamic/pages/pages-build-deployment`). */
  path?: string | undefined
  runs: GitHubRunSeed[]
}

type GitHubConclusion =
  | 'success'
  | 'failure'
  | 'neutral'
  | 'cancelled'
  | 'skipped'
  | 'timed_out'
  | 'action_required'
  | 'startup_failure'
  | 'stale'

export interface GitHubRunSeed {
  id: number
  runNumber?: number | undefined
  /** Default 1. */
  runAttempt?: number | undefined
  /** Default main. */
  branch?: string | undefined
  sha?: string | undefined
  event?: string | undefined
  status: 'queued' | 'in_progress' | 'completed'
  conclusion?: GitHubConclusion | undefined
  createdAt: string
  updatedAt?: string | undefined
  /** The latest attempt's jobs (default: one job `build` with the run's conclusion). */
  jobs?: GitHubJobSeed[] | undefined
  onRetry?: OnRetry | undefined
  /** For a run seeded in progress: how it ends, as a re-run's outcome would. */
  settle?: RetryOutcome | undefined
}

export interface GitHubJobSeed {
  name: string
  conclusion?: GitHubConclusion | undefined
  completedAt?: string | undefined
  /** Default: one step `Run tests` with the job's conclusion; none: the job failed before any step ran. */
  steps?: { name: string; conclusion?: GitHubConclusion | undefined }[] | undefined
  /** Annotation messages, e.g. `The runner has received a shutdown signal.` */
  annotations?: string[] | undefined
}

// ---------- Handle ----------

export interface CallRecord {
  service: ServiceName
  /** AWS: the operation (`RetryBuild`); CodeArts: `list`, `detail`, `retry` or `stop`. */
  operation: string
  method: string
  path: string
  /** The query string after `?` ('' when none): Azure DevOps names its api-version there. */
  query: string
  /** Parsed JSON body (undefined when empty or not JSON). */
  body: unknown
  headers: Record<string, string | string[] | undefined>
  /** Emulator clock, epoch ms. */
  at: number
  /** AWS: the region the request was signed for (SigV4 credential scope); absent when unsigned. */
  region?: string | undefined
  /** The injected fault that answered this call, if any (`throttle` also when a quota refused it). */
  fault?: 'drop' | 'throttle' | 'serverError' | 'error' | 'loseResponse' | 'garble' | 'hang' | undefined
}

export interface StartOptions {
  /** Default 0: a random free port. */
  port?: number | undefined
  /** Default '127.0.0.1'. */
  host?: string | undefined
  /** Emulator clock, epoch ms (timestamps, settling, idempotency window, Huawei date check). */
  now?: (() => number) | undefined
  /** Added to every call, on top of the scenario's latencyMs. */
  latencyMs?: number | undefined
  /** Requests a second per operation (`service:operation`, operation or `*`); above it the call is throttled. */
  quotas?: Record<string, number> | undefined
}
