/** The keys of a `results` object, in the contract's order (docs/contract.md), written out independently of src. */
export const RESULT_KEYS = [
  'service',
  'target',
  'retried',
  'executionId',
  'executionArn',
  'stageName',
  'status',
  'consoleUrl',
  'message',
  'attempts',
  'failure'
] as const
