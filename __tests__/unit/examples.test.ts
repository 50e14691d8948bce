import { describe, it, expect } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'

const root = join(import.meta.dirname, '..', '..')
const examplesDir = join(root, 'examples')
const examples = readdirSync(examplesDir).filter(f => f.endsWith('.yml'))

const actionInputs = Object.keys(
  (parse(readFileSync(join(root, 'action.yml'), 'utf8')) as { inputs: object }).inputs
)

interface Step {
  uses?: string
  with?: Record<string, unknown>
}
interface Workflow {
  on: unknown
  concurrency?: unknown
  jobs: Record<string, { steps: Step[] }>
}

/** The steps of a workflow that use this action. */
function ourSteps(workflow: Workflow): Step[] {
  return Object.values(workflow.jobs)
    .flatMap(job => job.steps)
    .filter(step => step.uses?.startsWith('pipeline-retry/pipeline-retry-action@'))
}

describe('example workflows', () => {
  it('ships the ten documented examples', () => {
    expect(examples.sort()).toEqual([
      'fleet-matrix.yml',
      'nightly-transient-scan.yml',
      'retry-after-deploy.yml',
      'retry-azure-pipelines.yml',
      'retry-cloud-build.yml',
      'retry-form.yml',
      'retry-memory-artifact.yml',
      'retry-memory-cache.yml',
      'retry-workflow-run.yml',
      'scheduled-recovery.yml'
    ])
  })

  it('the retry-memory examples keep history-file between runs: the cache keyed per shard, or an artifact', () => {
    const cached = readFileSync(join(examplesDir, 'retry-memory-cache.yml'), 'utf8')
    expect(cached).toContain('actions/cache/restore@')
    expect(cached).toContain('actions/cache/save@')
    expect(cached).toContain('restore-keys: retry-history-${{ matrix.shard }}-')
    expect(cached).toContain('history-file: .retry-history/shard-${{ matrix.shard }}.json')
    const artifact = readFileSync(join(examplesDir, 'retry-memory-artifact.yml'), 'utf8')
    expect(artifact).toContain('actions/upload-artifact@')
    expect(artifact).toContain('history-file: .retry-history/history.json')
  })

  it('the Cloud Build example serialises retries with a concurrency group, and both new engines sign in by OIDC', () => {
    const cloudBuild = parse(readFileSync(join(examplesDir, 'retry-cloud-build.yml'), 'utf8')) as {
      concurrency?: { group?: string; 'cancel-in-progress'?: boolean }
      permissions?: Record<string, string>
    }
    expect(cloudBuild.concurrency).toEqual({ group: 'retry-cloud-build', 'cancel-in-progress': false })
    for (const file of ['retry-cloud-build.yml', 'retry-azure-pipelines.yml']) {
      const text = readFileSync(join(examplesDir, file), 'utf8')
      expect((parse(text) as { permissions?: Record<string, string> }).permissions?.['id-token']).toBe(
        'write'
      )
      expect(text).not.toMatch(/token: \$\{\{ secrets\./)
    }
  })

  it.each(examples)('%s uses the action with inputs that action.yml declares', file => {
    const workflow = parse(readFileSync(join(examplesDir, file), 'utf8')) as Workflow
    const steps = ourSteps(workflow)
    expect(steps.length).toBeGreaterThan(0)
    for (const step of steps) {
      const unknown = Object.keys(step.with ?? {}).filter(key => !actionInputs.includes(key))
      expect(unknown).toEqual([])
    }
  })

  it('the key check does catch mistakes (actionlint runs over the examples in repository.test)', () => {
    expect(actionInputs).not.toContain('pipeline_name')
  })

  it('the scheduled recovery never overlaps and the form offers a service choice', () => {
    const cron = parse(readFileSync(join(examplesDir, 'scheduled-recovery.yml'), 'utf8')) as Workflow
    expect(cron.concurrency).toMatchObject({ group: expect.any(String), 'cancel-in-progress': false })
    expect(ourSteps(cron)[0]?.with?.targets).toEqual(expect.stringContaining('codebuild:'))
    const form = parse(readFileSync(join(examplesDir, 'retry-form.yml'), 'utf8')) as {
      on: { workflow_dispatch: { inputs: { service: { type: string; options: string[] } } } }
    }
    expect(form.on.workflow_dispatch.inputs.service.type).toBe('choice')
    expect(form.on.workflow_dispatch.inputs.service.options).toContain('codebuild')
  })

  it('the deploy example lets the action follow and retry (no shell loop); the nightly scan retries only recent transient failures', () => {
    const deployText = readFileSync(join(examplesDir, 'retry-after-deploy.yml'), 'utf8')
    expect(deployText).not.toMatch(/while .*get-pipeline-execution/)
    const [deploy] = ourSteps(parse(deployText) as Workflow)
    expect(deploy?.with).toMatchObject({ wait: true, retries: 2, 'retry-on': 'transient' })
    expect(deploy?.with?.['execution-id']).toContain('steps.start.outputs.execution-id')
    const [nightly] = ourSteps(
      parse(readFileSync(join(examplesDir, 'nightly-transient-scan.yml'), 'utf8')) as Workflow
    )
    expect(nightly?.with).toMatchObject({ 'retry-on': 'transient', 'failed-within': '24h' })
  })

  it('the fleet example splits one list over a 4-job matrix, each job taking its shard', () => {
    const fleet = parse(readFileSync(join(examplesDir, 'fleet-matrix.yml'), 'utf8')) as Workflow & {
      jobs: Record<string, { strategy?: { 'fail-fast'?: boolean; matrix?: { shard?: number[] } } }>
    }
    const job = Object.values(fleet.jobs)[0]
    expect(job?.strategy?.matrix?.shard).toEqual([1, 2, 3, 4])
    expect(job?.strategy?.['fail-fast']).toBe(false)
    const [step] = ourSteps(fleet)
    expect(step?.with).toMatchObject({ shard: '${{ matrix.shard }}/4', 'targets-file': expect.any(String) })
  })

  it('the workflow_run example re-runs the completed run once, on runner failures only, with actions: write', () => {
    const text = readFileSync(join(examplesDir, 'retry-workflow-run.yml'), 'utf8')
    const workflow = parse(text) as Workflow & { permissions?: Record<string, string> }
    expect(workflow.on).toMatchObject({ workflow_run: { types: ['completed'] } })
    expect(workflow.permissions).toMatchObject({ actions: 'write', checks: 'read' })
    expect(ourSteps(workflow)[0]?.with).toMatchObject({
      service: 'github-actions',
      'execution-id': '${{ github.event.workflow_run.id }}',
      'retry-on': 'transient',
      'max-attempts': 1
    })
  })
})
