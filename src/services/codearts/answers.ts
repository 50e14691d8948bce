/**
 * CodeArts answers, read field by field: JSON from the API is `unknown` until each field this provider uses
 * has been checked; a field of the wrong type reads as absent.
 */
import { isRecord, records, type Json } from '../../model/json.js'

/** A stage, job or step: what each has in common. */
interface Item {
  name?: string
  status?: string
  message?: string
  /** Epoch ms; a string in some models (the run list's stages), so both are read. */
  start_time?: number | string
  end_time?: number | string
}

interface JobRun extends Item {
  steps?: Item[]
}

export interface StageRun extends Item {
  jobs?: JobRun[]
}

/** The fields read from a run, from the list (`pipeline_run_id`, `stage_status_list`) or the detail (`id`, `stages`). */
export interface PipelineRun {
  pipeline_run_id?: string
  id?: string
  status?: string
  run_number?: number
  end_time?: number | string
  detail_url?: string
  stages?: StageRun[]
  stage_status_list?: StageRun[]
}

/** Copies `keys` of `from` that have the type `is` accepts. */
function pick<T>(from: Json, keys: readonly string[], is: (value: unknown) => value is T): Record<string, T> {
  const out: Record<string, T> = {}
  for (const key of keys) {
    const value = from[key]
    if (is(value)) out[key] = value
  }
  return out
}

const isString = (v: unknown): v is string => typeof v === 'string'
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const isTime = (v: unknown): v is number | string => isNumber(v) || isString(v)
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean'

function itemOf(value: Json): Item {
  return {
    ...pick(value, ['name', 'status', 'message'], isString),
    ...pick(value, ['start_time', 'end_time'], isTime)
  }
}

function jobOf(value: Json): JobRun {
  return {
    ...itemOf(value),
    ...(Array.isArray(value.steps) ? { steps: records(value.steps).map(itemOf) } : {})
  }
}

function stageOf(value: Json): StageRun {
  return { ...itemOf(value), ...(Array.isArray(value.jobs) ? { jobs: records(value.jobs).map(jobOf) } : {}) }
}

/** A run from the list or the detail answer. */
export function readRun(value: unknown): PipelineRun {
  if (!isRecord(value)) return {}
  const stages = (key: 'stages' | 'stage_status_list'): Partial<Record<typeof key, StageRun[]>> =>
    Array.isArray(value[key]) ? { [key]: records(value[key]).map(stageOf) } : {}
  return {
    ...pick(value, ['pipeline_run_id', 'id', 'status', 'detail_url'], isString),
    ...pick(value, ['run_number'], isNumber),
    ...pick(value, ['end_time'], isTime),
    ...stages('stages'),
    ...stages('stage_status_list')
  }
}

/** The newest run of a list answer (`pipeline_runs`, newest first as asked). */
export function readNewestRun(value: unknown): PipelineRun | undefined {
  const [first] = isRecord(value) ? records(value.pipeline_runs) : []
  return first === undefined ? undefined : readRun(first)
}

/** `{"success": true}` of the retry and stop answers; undefined when the answer has no such field. */
export function readSuccess(value: unknown): boolean | undefined {
  return isRecord(value) && isBoolean(value.success) ? value.success : undefined
}

/** One page of the project's pipelines (`POST /v5/{project_id}/api/pipelines/list`): IDs, names and the total. */
export function readPipelinePage(answer: unknown): {
  pipelines: { id: string; name: string }[]
  total: number
} {
  const body = isRecord(answer) ? answer : {}
  const pipelines = records(body.pipelines).flatMap(p => {
    const { pipeline_id: id, name } = pick(p, ['pipeline_id', 'name'], isString)
    return id !== undefined && name !== undefined ? [{ id, name }] : []
  })
  return { pipelines, total: isNumber(body.total) ? body.total : 0 }
}
