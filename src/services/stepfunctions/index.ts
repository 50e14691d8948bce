import { aws } from '../../clouds/aws.js'
import { InputError } from '../../model/errors.js'
import { hasWildcard, listQuery, wildcardsAsName } from '../../model/listing.js'
import type { ServiceDescriptor } from '../../model/service.js'
import { makeTarget } from '../../model/target.js'
import { expectPattern, shorten, type Pattern } from '../../model/validate.js'
import { machineOfExecutionArn, STATES, type StateMachineTarget } from './target.js'

/**
 * A state machine's name: 1-80 characters, no blanks, brackets, wildcards, quotes or control characters (Step
 * Functions API reference, CreateStateMachine `name`); or its ARN (botocore `Arn`, 1-256 characters).
 */
const NAME: Pattern = {
  // eslint-disable-next-line no-control-regex -- control characters are what the name may not hold
  re: /^(?:[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}|arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[^\s:]{1,80})$/,
  accepted:
    'a state machine name (1-80 characters, no blanks or any of < > { } [ ] ? * " # % \\ ^ | ~ ` $ & , ; : /) or its ARN'
}
const EXECUTION_ARN: Pattern = {
  re: /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:execution:[^\s:]{1,80}:[^\s:]{1,80}$/,
  max: 256,
  accepted: 'an execution ARN (arn:aws:states:REGION:ACCOUNT:execution:STATE_MACHINE:NAME)'
}

/** The state machine's name, from its name or ARN. */
const nameOf = (machine: string): string => machine.slice(machine.lastIndexOf(':') + 1)

/** AWS Step Functions RedriveExecution: the same execution resumes from the state that failed. */
export const stepfunctions: ServiceDescriptor<StateMachineTarget> = {
  name: 'stepfunctions',
  cloud: aws,
  targetInputs: ['state-machine'],
  inputDocs: {
    'state-machine': 'the state machine (name or ARN) whose newest execution is redriven if it failed.'
  },
  lineForm: 'stepfunctions:STATE_MACHINE',
  retryModes: { all: false, native: {} },
  // RedriveExecution clientToken: 1-64 printable ASCII characters (botocore ClientToken).
  token: { min: 1, max: 64 },
  states: STATES,

  fromInputs(given) {
    const machine = given('state-machine')
    const executionId = given('execution-id')
    if (machine !== undefined) expectPattern('state-machine', machine, NAME)
    if (executionId !== undefined) expectPattern('execution-id', executionId, EXECUTION_ARN)
    const fromArn = machineOfExecutionArn(executionId)
    if (machine === undefined && fromArn === undefined)
      throw new InputError(
        'state-machine',
        'is required for service stepfunctions when execution-id is not given',
        NAME.accepted
      )
    if (machine !== undefined && fromArn !== undefined && nameOf(machine) !== fromArn)
      throw new InputError(
        'execution-id',
        `'${shorten(executionId ?? '')}' belongs to another state machine than '${shorten(machine)}'`,
        `an execution ARN of state machine ${nameOf(machine)}`
      )
    const resolved = machine ?? fromArn ?? ''
    return makeTarget('stepfunctions', nameOf(resolved), { stateMachine: resolved }, executionId)
  },

  patternOf(resource, where) {
    if (!hasWildcard(resource)) return undefined
    expectPattern(where, wildcardsAsName(resource), NAME)
    return { query: listQuery(resource) }
  },

  fromLine: (resource, where) =>
    makeTarget('stepfunctions', resource, { stateMachine: expectPattern(where, resource, NAME) }),

  resourceKey: t => nameOf(t.stateMachine ?? machineOfExecutionArn(t.executionId) ?? ''),
  load: async () => (await import(/* webpackChunkName: "stepfunctions" */ './provider.js')).default
}
