// End to end, AWS Step Functions (RedriveExecution): the bundled action against the emulator, whose every request
// and answer is checked against botocore's stepfunctions model.
import { describe, expect, it } from '@jest/globals'
import { DEMO_IDS, demoScenario, type Scenario } from '../../tools/emulator/index.js'
import { awsEnv, errorLines, expectInputError, resultsOf, run, withEmulator } from './helpers.js'

const SFN = { service: 'stepfunctions', 'state-machine': DEMO_IDS.stepfunctionsMachine }
const OLDER = DEMO_IDS.stepfunctionsExecution.replace('nightly-0115', 'nightly-0114')

/** The demo with its failed execution changed by `change`. */
function failedExecution(
  change: (e: NonNullable<Scenario['stepfunctions']>['stateMachines'][number]['executions'][number]) => void
): Scenario {
  const scenario = demoScenario()
  const machine = scenario.stepfunctions!.stateMachines[0]!
  // The failed execution alone, so it stays the newest whatever its dates.
  machine.executions = machine.executions.filter(e => e.status === 'FAILED')
  change(machine.executions[0]!)
  return scenario
}

describe('stepfunctions', () => {
  it.concurrent(
    'redrives the newest execution that failed: the same execution ARN, redriveCount up by one',
    async () => {
      await withEmulator(demoScenario(), async emu => {
        const result = await run(SFN, { env: awsEnv(emu) })
        expect(errorLines(result)).toEqual([])
        expect(result.outputs).toMatchObject({
          retried: 'true',
          status: 'in-progress',
          'execution-id': DEMO_IDS.stepfunctionsExecution,
          'execution-arn': DEMO_IDS.stepfunctionsExecution
        })
        expect(result.outputs['console-url']).toMatch(
          /^https:\/\/us-east-1\.console\.aws\.amazon\.com\/states\/home/
        )
        expect(emu.state.stepfunctions.executions.get(DEMO_IDS.stepfunctionsExecution)?.redriveCount).toBe(1)
        // The failure reason: the execution's error and the state that failed, from the history.
        expect(result.outputs['failure-reason']).toContain('ChargeCard: Lambda.ServiceException')
        const [call] = emu.callsTo('RedriveExecution')
        expect((call?.body as { clientToken: string }).clientToken).toMatch(/^[0-9a-f]{64}$/)
      })
    }
  )

  it.concurrent(
    'retry-on: transient retries a Lambda.ServiceException (its documented transient error)',
    async () => {
      await withEmulator(demoScenario(), async emu => {
        const result = await run({ ...SFN, 'retry-on': 'transient', 'dry-run': 'true' }, { env: awsEnv(emu) })
        expect(result.outputs.status).toBe('dry-run')
        expect(result.stdout).toContain('retry-on: transient (error Lambda.ServiceException)')
      })
    }
  )

  it.concurrent(
    'an explicit execution ARN that a newer execution superseded is skipped, naming it',
    async () => {
      const scenario = demoScenario()
      const machine = scenario.stepfunctions!.stateMachines[0]!
      machine.executions = machine.executions.map(e =>
        e.name === 'nightly-0114' ? { ...e, status: 'FAILED', error: 'States.TaskFailed', cause: 'x' } : e
      )
      await withEmulator(scenario, async emu => {
        const result = await run({ service: 'stepfunctions', 'execution-id': OLDER }, { env: awsEnv(emu) })
        expect(result.outputs.status).toBe('skipped')
        expect(resultsOf(result)[0]?.message).toContain(
          `superseded by the newer execution ${DEMO_IDS.stepfunctionsExecution}`
        )
        expect(emu.callsTo('RedriveExecution')).toHaveLength(0)
      })
    }
  )

  it.concurrent.each([
    [
      'ended 15 days ago',
      (e: { stopDate?: string; startDate: string }) => {
        e.startDate = new Date(Date.now() - 16 * 86_400_000).toISOString()
        e.stopDate = new Date(Date.now() - 15 * 86_400_000).toISOString()
      },
      'Execution redrivable period exceeded.'
    ],
    [
      'past its history limit',
      (e: { notRedrivable?: string }) => (e.notRedrivable = 'Execution history event limit exceeded.'),
      'Execution history event limit exceeded.'
    ]
  ] as const)(
    'an execution %s is skipped with the reason before any redrive call',
    async (_what, change, reason) => {
      await withEmulator(failedExecution(change as never), async emu => {
        const result = await run(SFN, { env: awsEnv(emu) })
        expect(result.exitCode).toBe(0)
        expect(result.outputs.status).toBe('skipped')
        expect(resultsOf(result)[0]?.message).toContain(reason)
        expect(emu.callsTo('RedriveExecution')).toHaveLength(0)
      })
    }
  )

  it.concurrent('max-attempts counts redriveCount', async () => {
    await withEmulator(
      failedExecution(e => (e.redriveCount = 3)),
      async emu => {
        const result = await run(SFN, { env: awsEnv(emu) })
        expect(result.outputs.status).toBe('skipped')
        expect(resultsOf(result)[0]?.message).toContain('already retried 3 time(s), max-attempts is 3')
      }
    )
  })

  it.concurrent(
    'an Express state machine is an error that says Step Functions redrives only Standard workflows',
    async () => {
      await withEmulator(demoScenario(), async emu => {
        const result = await run(
          { service: 'stepfunctions', 'state-machine': 'report-express' },
          { env: awsEnv(emu) }
        )
        expect(result.exitCode).toBe(1)
        expect(errorLines(result)[0]).toContain(
          'Express workflow: Step Functions redrives only Standard workflows'
        )
      })
    }
  )

  it.concurrent(
    'a lost redrive answer: the fresh read decides, and the execution is redriven once',
    async () => {
      await withEmulator(demoScenario(), async emu => {
        emu.inject('RedriveExecution', { loseResponse: 1 })
        const result = await run(SFN, { env: awsEnv(emu) })
        expect(result.outputs.status).toBe('in-progress')
        expect(emu.retriesApplied('stepfunctions')).toBe(1)
      })
    }
  )

  it.concurrent('a pattern lists the state machines and redrives the failed one', async () => {
    await withEmulator(demoScenario(), async emu => {
      const result = await run(
        { targets: 'stepfunctions:order-*\nstepfunctions@us-east-1:order-pipeline' },
        { env: awsEnv(emu) }
      )
      expect(resultsOf(result).map(r => [r.target, r.status])).toEqual([
        ['stepfunctions:order-pipeline', 'in-progress']
      ])
      expect(emu.retriesApplied('stepfunctions')).toBe(1)
    })
  })

  it.concurrent.each([
    ['a state machine name with a blank', 'state-machine', { ...SFN, 'state-machine': 'order pipeline' }],
    [
      'an execution-id that is not an execution ARN',
      'execution-id',
      { service: 'stepfunctions', 'execution-id': 'nightly-0115' }
    ],
    ['retry-mode all (redrive resumes only what failed)', 'retry-mode', { ...SFN, 'retry-mode': 'all' }],
    [
      'an execution of another state machine',
      'execution-id',
      { ...SFN, 'execution-id': DEMO_IDS.stepfunctionsExecution.replace('order-pipeline', 'billing') }
    ]
  ])('bad input (%s) is an input error before any call', async (_what, input, inputs) => {
    await withEmulator(demoScenario(), async emu => {
      expectInputError(await run(inputs, { env: awsEnv(emu) }), input, emu)
    })
  })
})
