/**
 * Azure DevOps answers (REST 7.1 spec: Build, Timeline, TimelineRecord, Issue, BuildDefinitionReference), read
 * field by field: a field of the wrong type reads as absent. Lists come as `{count, value}` on the wire.
 */
import { defined, isRecord, optStr as str, records, type Json } from '../../model/json.js'

export interface Build {
  id: number
  buildNumber?: string
  status?: string
  result?: string
  queueTime?: string
  finishTime?: string
  sourceBranch?: string
  definitionId?: number
  definitionName?: string
  webUrl?: string
}

export interface TimelineRecord {
  id: string
  parentId?: string
  type?: string
  name?: string
  identifier?: string
  attempt: number
  state?: string
  result?: string
  finishTime?: string
  issues: { type?: string; message: string }[]
}

const int = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) ? value : undefined

/** A Build; undefined without a numeric `id`. */
export function readBuild(value: unknown): Build | undefined {
  if (!isRecord(value)) return undefined
  const id = int(value.id)
  if (id === undefined) return undefined
  const definition = isRecord(value.definition) ? value.definition : {}
  const links = isRecord(value._links) ? value._links : {}
  const web = isRecord(links.web) ? links.web : {}
  return {
    id,
    ...defined({
      buildNumber: str(value.buildNumber),
      status: str(value.status),
      result: str(value.result),
      queueTime: str(value.queueTime),
      finishTime: str(value.finishTime),
      sourceBranch: str(value.sourceBranch),
      definitionId: int(definition.id),
      definitionName: str(definition.name),
      webUrl: str(web.href)
    })
  }
}

/** The `value` items of a `{count, value}` list answer. */
export function listValue(answer: unknown): Json[] {
  return isRecord(answer) ? records(answer.value) : []
}

export function readTimeline(answer: unknown): TimelineRecord[] {
  const items = isRecord(answer) ? records(answer.records) : []
  return items.flatMap(r => {
    const id = str(r.id)
    if (id === undefined) return []
    const issues = records(r.issues).flatMap(i => {
      const message = str(i.message)
      return message === undefined ? [] : [{ message, ...defined({ type: str(i.type) }) }]
    })
    return [
      {
        id,
        attempt: int(r.attempt) ?? 1,
        issues,
        ...defined({
          parentId: str(r.parentId),
          type: str(r.type),
          name: str(r.name),
          identifier: str(r.identifier),
          state: str(r.state),
          result: str(r.result),
          finishTime: str(r.finishTime)
        })
      }
    ]
  })
}

/** Pipeline definitions of a list answer: ID, name and folder path. */
export function readDefinitions(answer: unknown): { id: number; name: string; path: string }[] {
  return listValue(answer).flatMap(d => {
    const id = int(d.id)
    const name = str(d.name)
    return id === undefined || name === undefined ? [] : [{ id, name, path: str(d.path) ?? '\\' }]
  })
}
