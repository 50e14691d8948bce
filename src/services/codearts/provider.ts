import type { ErrorSpec } from '../../model/call.js'
import { TargetError, UnreadableAnswer } from '../../model/errors.js'
import { listAll, type Listed } from '../../model/listing.js'
import { createHuaweiClient, type HuaweiClient } from '../../clouds/huawei/client.js'
import { isHuaweiAuth } from '../../clouds/huawei/cloud.js'
import { codeartsEndpoint, ENDPOINT_ENV } from './endpoints.js'
import { encodePathSegment } from '../../clouds/huawei/signer.js'
import { isConsoleLink } from '../../model/text.js'
import {
  readNewestRun,
  readPipelinePage,
  readRun as readRunAnswer,
  readSuccess,
  type PipelineRun,
  type StageRun
} from './answers.js'
import { latest, namesTransientWord, oneLineReason, type Failure } from '../../model/failure.js'
import { STATES, type CodeArtsTarget } from './target.js'
import {
  stateOf,
  type Candidate,
  type Discovery,
  type Progress,
  type Provider,
  type Snapshot,
  type Started
} from '../../model/provider.js'
import type { ProviderContext, ProviderModule } from '../../model/service.js'

const CREDENTIALS_HINT =
  'check huaweicloud-auth-token (IAM tokens expire after 24 hours) or huaweicloud-ak / huaweicloud-sk, and that the endpoint belongs to the region the credentials are for'
const PERMISSIONS_HINT =
  'the account needs CodeArts Pipeline permissions to list, read, retry and stop runs of this pipeline (and to be a member of the CodeArts project)'
const PROJECT_HINT =
  'the CodeArts project was not found: check project-id (32 characters, from the project URL)'

/**
 * DEVPIPE.00011169 / DEVPIPE.00011170 say the pipeline's concurrency limit is reached: a busy signal, not
 * a refusal of the retry itself, so they are transient and backed off like throttling. If one of them ever
 * meant "queued" rather than "refused", sending again is still safe: CodeArts only retries a FAILED run.
 * APIGW.0308 / HTTP 429 and 5xx are transient through the shared classifier already.
 */
const errors: ErrorSpec = {
  transient: ['DEVPIPE.00011169', 'DEVPIPE.00011170'],
  // A retry of a run that is not FAILED (someone else retried it) is refused with a 4xx DEVPIPE error; the
  // code is not documented, so any DEVPIPE refusal of the retry call is checked with a fresh read.
  refusals: ['DEVPIPE.*'],
  hints: {
    'APIGW.0301': `the IAM token is expired or invalid, or the AK/SK signature was rejected: ${CREDENTIALS_HINT}`,
    HTTP401: `the request was not authenticated: ${CREDENTIALS_HINT}`,
    HTTP403: `the request was refused: ${PERMISSIONS_HINT}; also ${CREDENTIALS_HINT}`,
    'DEVPIPE.00011401': 'the pipeline was not found in this project: check pipeline-id and project-id',
    'DEVPIPE.00011412': PROJECT_HINT,
    DEV_21_100169: PROJECT_HINT
  }
}

/** CodeArts has no retry counter in its run data (list or detail), so max-attempts cannot be applied. */
const ATTEMPTS_BASIS = 'CodeArts does not report retry counts; max-attempts is not enforced for codearts'

/** Run statuses where the pipeline still works (or waits for a person); anything unknown counts too. */
const ACTIVE_STATUSES = new Set(['RUNNING', 'ASYNC_RUNNING', 'PAUSED', 'SUSPEND'])

function runsPath(target: CodeArtsTarget): string {
  return `/v5/${encodePathSegment(target.projectId)}/api/pipelines/${encodePathSegment(target.pipelineId)}/pipeline-runs`
}

function runId(run: PipelineRun): string {
  return run.pipeline_run_id ?? run.id ?? ''
}

/** "#12 (8f3c…)" or just the ID. */
function runLabel(run: PipelineRun, id = runId(run)): string {
  return run.run_number === undefined ? id : `#${run.run_number} (${id})`
}

function stagesOf(run: PipelineRun): StageRun[] {
  return run.stages ?? run.stage_status_list ?? []
}

/** "Build (jobs: unit-tests, lint); Deploy": the stages in `statuses` and their jobs in them. */
function describeStages(run: PipelineRun, statuses: ReadonlySet<string>): string {
  return stagesOf(run)
    .filter(stage => statuses.has(stage.status ?? ''))
    .map(stage => {
      const name = stage.name ?? '(unnamed stage)'
      const jobs = (stage.jobs ?? []).filter(job => statuses.has(job.status ?? '')).map(job => job.name)
      return jobs.length > 0 ? `${name} (jobs: ${jobs.join(', ')})` : name
    })
    .join('; ')
}

/** A stage or job that failed: `ASYNC_FAILED` is the failure of an asynchronous job (official SDK statuses). */
const FAILED_STATUSES = new Set(['FAILED', 'ASYNC_FAILED'])

function failureReason(run: PipelineRun): string {
  const stages = describeStages(run, FAILED_STATUSES)
  return stages ? `failed stages: ${stages}` : 'the run failed (no failed stage reported)'
}

/** Huawei Cloud's console (`devcloud.<region>.huaweicloud.com` and its other regional hosts). */
const CONSOLE_HOSTS = ['huaweicloud.com'] as const

/**
 * The run's own `detail_url` when the API gives one and it is an `https` link on the console's host
 * (anything else, say `javascript:`, is replaced by the link built here). Otherwise the console's run page in the form that
 * independent public integrations (chat notifiers, commit-status bridges) build:
 * `devcloud.<region>.huaweicloud.com/cicd/project/<project>/pipeline/detail/<pipeline>/<run>?v=1`. Not
 * documented by Huawei; with only a custom endpoint there is no region for it, and no link beats a made-up one.
 */
function consoleUrl(context: ProviderContext, target: CodeArtsTarget, run: PipelineRun, id: string): string {
  if (run.detail_url && isConsoleLink(run.detail_url, CONSOLE_HOSTS)) return run.detail_url
  if (!context.region) return ''
  const project = encodePathSegment(target.projectId)
  const pipeline = encodePathSegment(target.pipelineId)
  return `https://devcloud.${context.region}.huaweicloud.com/cicd/project/${project}/pipeline/detail/${pipeline}/${encodePathSegment(id)}?v=1`
}

function epochOf(time: number | string | undefined): string {
  if (time === undefined || time === '') return '-'
  const n = Number(time)
  return Number.isFinite(n) ? String(n) : String(time)
}

/**
 * CodeArts keeps no retry counter. A retry (anyone's) clears the run's end time and restarts its failed
 * stages, so the status, the end time and the failed stages' start times tell whether it was retried.
 */
function revisionOf(run: PipelineRun): string {
  const failed = stagesOf(run)
    .filter(stage => FAILED_STATUSES.has(stage.status ?? ''))
    .map(stage => `${stage.name ?? '?'}:${epochOf(stage.start_time)}`)
  return [run.status ?? '?', epochOf(run.end_time), ...failed].join(' ')
}

/** Epoch ms of a CodeArts time (a number, or a numeric string), if it is one. */
function timeOf(time: number | string | undefined): number | undefined {
  const n = Number(time)
  return time === undefined || time === '' || !Number.isFinite(n) ? undefined : n
}

/**
 * A run's failure (docs/contract.md): `STAGE / JOB: STATUS: MESSAGE` for each failed job, its failed steps'
 * messages after it. Transient when a failed job's or step's message names a transient word.
 */
export function runFailure(run: PipelineRun): Failure {
  const items: { text: string; transient: string | undefined; endedAt: number | undefined }[] = []
  for (const stage of stagesOf(run).filter(s => FAILED_STATUSES.has(s.status ?? ''))) {
    const jobs = (stage.jobs ?? []).filter(j => FAILED_STATUSES.has(j.status ?? ''))
    if (jobs.length === 0)
      items.push({
        text: `${stage.name ?? '?'}: ${stage.status ?? 'FAILED'}`,
        transient: undefined,
        endedAt: timeOf(stage.end_time)
      })
    for (const job of jobs) {
      const steps = (job.steps ?? []).filter(step => FAILED_STATUSES.has(step.status ?? '') && step.message)
      const messages = [
        job.message,
        ...steps.map(step => `${step.name ?? '?'}: ${step.message ?? ''}`)
      ].filter((m): m is string => Boolean(m))
      items.push({
        text: `${stage.name ?? '?'} / ${job.name ?? '?'}: ${job.status ?? 'FAILED'}${messages.length ? `: ${messages.join(' / ')}` : ''}`,
        transient: [job.message, ...steps.map(step => step.message)]
          .map(namesTransientWord)
          .find(r => r !== undefined),
        endedAt: latest([timeOf(job.end_time), ...steps.map(step => timeOf(step.end_time))])
      })
    }
  }
  return {
    reason: oneLineReason(items.length > 0 ? items.map(i => i.text) : [run.status ?? 'FAILED']),
    transient: items.map(i => i.transient).find(r => r !== undefined),
    endedAt: latest(
      items.map(i => i.endedAt),
      timeOf(run.end_time)
    )
  }
}

function progressOf(run: PipelineRun): Progress {
  const status = run.status ?? 'UNKNOWN'
  const state = stateOf(STATES, status)
  switch (state) {
    case 'succeeded':
      return { state }
    case 'failed':
      return { state, reason: failureReason(run), failure: runFailure(run) }
    case 'stopped':
      return {
        state,
        reason: status === 'IGNORED' ? 'the run was ignored (skipped by CodeArts)' : 'the run was canceled'
      }
    case 'in-progress': {
      // RUNNING, PAUSED (waiting for a manual review), SUSPEND, and any status added later: still going.
      const stages = describeStages(run, ACTIVE_STATUSES)
      if (status === 'RUNNING') return stages ? { state, phase: stages } : { state }
      return { state, phase: stages ? `${stages} (${status})` : status }
    }
  }
}

/** The largest page the pipeline list serves. */
const PIPELINE_PAGE = 100

function create(context: ProviderContext): Provider<CodeArtsTarget> {
  const endpoint = context.endpoint ?? (process.env[ENDPOINT_ENV]?.trim() || codeartsEndpoint(context.region))
  if (!endpoint)
    throw new TargetError(`no CodeArts Pipeline endpoint is known for region '${context.region}'`)
  const auth = context.credentials
  if (!isHuaweiAuth(auth)) throw new TargetError('no Huawei Cloud credentials are set for codearts')
  const client: HuaweiClient = createHuaweiClient({ endpoint, auth })

  const readRun = (target: CodeArtsTarget, id: string): Promise<PipelineRun> =>
    context.call('ShowPipelineRunDetail', signal =>
      client
        .request('GET', `${runsPath(target)}/detail`, { query: { pipeline_run_id: id }, signal })
        .then(readRunAnswer)
    )

  const latestRun = async (target: CodeArtsTarget): Promise<PipelineRun | undefined> => {
    const list = await context.call('ListPipelineRuns', signal =>
      client.request('POST', `${runsPath(target)}/list`, {
        body: { offset: 0, limit: 1, sort_key: 'start_time', sort_dir: 'desc' },
        signal
      })
    )
    return readNewestRun(list)
  }

  const candidateOf = (target: CodeArtsTarget, run: PipelineRun, id: string): Candidate => ({
    executionId: id,
    attemptsBasis: ATTEMPTS_BASIS,
    revision: revisionOf(run),
    description: `run ${runLabel(run, id)} of pipeline ${target.pipelineId} is FAILED (${failureReason(run)})`,
    consoleUrl: consoleUrl(context, target, run, id)
  })

  const api: RunApi = { context, client, readRun, latestRun, candidateOf }

  return {
    consoleHosts: CONSOLE_HOSTS,
    list: ({ scope }) => listPipelines(api, scope ?? ''),
    discover: target => discoverRun(api, target),

    async recheck(target, candidate): Promise<Snapshot> {
      const run = await api.readRun(target, candidate.executionId)
      return {
        state: progressOf(run).state,
        revision: revisionOf(run),
        current: { executionId: candidate.executionId, consoleUrl: candidate.consoleUrl },
        description: `run ${runLabel(run, candidate.executionId)} is ${run.status ?? 'of unknown status'}`
      }
    },

    async retry(target, candidate, request): Promise<Started> {
      const id = candidate.executionId
      // No idempotency token: the engine's re-read (revisionOf) guards every re-send.
      const success = await context.call(
        'RetryPipelineRun',
        async signal => {
          const reply = readSuccess(
            await client.request('PUT', `${runsPath(target)}/${encodePathSegment(id)}/retry`, { signal })
          )
          if (reply === undefined)
            throw new UnreadableAnswer(`the retry of run ${id} answered without "success"`)
          return reply
        },
        { beforeResend: request.beforeResend }
      )
      if (!success) throw new TargetError(`CodeArts did not accept the retry of run ${id} (success: false)`)
      // The same run continues: same ID, no ARN.
      return { executionId: id, consoleUrl: candidate.consoleUrl }
    },

    async status(target, started): Promise<Progress> {
      return progressOf(await api.readRun(target, started.executionId))
    },

    async stop(target, started): Promise<void> {
      const id = started.executionId
      await context.call(
        'StopPipelineRun',
        signal => client.request('POST', `${runsPath(target)}/${encodePathSegment(id)}/stop`, { signal }),
        {
          alreadyApplied: async () =>
            (await api.readRun(target, id)).status === 'CANCELED' ? true : undefined
        }
      )
    }
  }
}

/** What the discovery and listing of CodeArts runs work with. */
interface RunApi {
  context: ProviderContext
  client: HuaweiClient
  readRun: (target: CodeArtsTarget, id: string) => Promise<PipelineRun>
  latestRun: (target: CodeArtsTarget) => Promise<PipelineRun | undefined>
  candidateOf: (target: CodeArtsTarget, run: PipelineRun, id: string) => Candidate
}

/** The project's pipelines by name, 100 a page (offset paging: the answer's `total` says when it ends). */
function listPipelines(api: RunApi, projectId: string): Promise<Listed[]> {
  const { context, client } = api
  return listAll(`the CodeArts pipelines of project ${projectId}`, async token => {
    const offset = Number(token ?? 0)
    const answer = await context.call('ListPipelines', signal =>
      client
        .request('POST', `/v5/${encodePathSegment(projectId)}/api/pipelines/list`, {
          body: { offset, limit: PIPELINE_PAGE },
          signal
        })
        .then(readPipelinePage)
    )
    const next = offset + answer.pipelines.length
    return {
      items: answer.pipelines.map(p => ({ name: p.name, resource: `${projectId}/${p.id}` })),
      next: answer.pipelines.length > 0 && next < answer.total ? String(next) : undefined
    }
  })
}

async function discoverRun(api: RunApi, target: CodeArtsTarget): Promise<Discovery> {
  const { context, readRun, latestRun, candidateOf } = api
  if (target.executionId !== undefined) {
    const run = await readRun(target, target.executionId)
    // Still running: nothing to retry yet, and `wait` follows it.
    if (stateOf(STATES, run.status) === 'in-progress')
      return {
        kind: 'nothing',
        reason: `run ${runLabel(run, target.executionId)} of pipeline ${target.pipelineId} is ${run.status ?? 'running'}`,
        running: {
          executionId: target.executionId,
          consoleUrl: consoleUrl(context, target, run, target.executionId)
        }
      }
    if (run.status !== 'FAILED') {
      throw new TargetError(
        `run ${runLabel(run, target.executionId)} of pipeline ${target.pipelineId} is ${run.status ?? 'of unknown status'}: only a FAILED run is retried`
      )
    }
    const latest = await latestRun(target)
    if (latest !== undefined && runId(latest) !== target.executionId)
      return {
        kind: 'skip',
        reason: `run ${runLabel(run, target.executionId)} is superseded by the newer run ${runLabel(latest)} (${latest.status ?? 'of unknown status'}) of pipeline ${target.pipelineId}`
      }
    return {
      kind: 'found',
      candidate: { ...candidateOf(target, run, target.executionId), failure: runFailure(run) }
    }
  }
  const latest = await latestRun(target)
  if (latest === undefined) {
    return { kind: 'nothing', reason: `pipeline ${target.pipelineId} has no runs` }
  }
  if (latest.status !== 'FAILED') {
    return {
      kind: 'nothing',
      ...(stateOf(STATES, latest.status) === 'in-progress'
        ? {
            running: {
              executionId: runId(latest),
              consoleUrl: consoleUrl(context, target, latest, runId(latest))
            }
          }
        : {}),
      reason: `latest run ${runLabel(latest)} of pipeline ${target.pipelineId} is ${latest.status ?? 'of unknown status'}`
    }
  }
  // The list has no job messages: the run's detail has them (one more read).
  const detail = await readRun(target, runId(latest))
  return {
    kind: 'found',
    candidate: { ...candidateOf(target, latest, runId(latest)), failure: runFailure(detail) }
  }
}

export default { errors, create } satisfies ProviderModule<CodeArtsTarget>
