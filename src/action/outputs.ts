import { resultsOutput, type ResultsOutput } from '../model/results.js'
import type { TargetResult } from '../model/target.js'

/** Every output the action sets; `action.yml` declares exactly these (a test checks). */
export const OUTPUT_NAMES = [
  'retried',
  'execution-id',
  'execution-arn',
  'stage-name',
  'status',
  'console-url',
  'results',
  'results-file',
  'attempts',
  'failure-reason',
  'history-report'
] as const
export type OutputName = (typeof OUTPUT_NAMES)[number]

/** Single mode: every output, from the one target's result. */
export function singleOutputs(
  result: TargetResult,
  resultsFile: string
): Omit<Record<OutputName, string>, 'history-report'> {
  return {
    retried: String(result.retried),
    'execution-id': result.executionId,
    'execution-arn': result.executionArn,
    'stage-name': result.stageName,
    status: result.status,
    'console-url': result.consoleUrl,
    results: resultsOutput([result]).json,
    'results-file': resultsFile,
    attempts: String(result.attempts),
    'failure-reason': result.failure
  }
}

/** Targets mode: only `retried` (any target), `results` and `results-file`. */
export function targetsOutputs(
  results: readonly TargetResult[],
  resultsFile: string,
  output: ResultsOutput = resultsOutput(results)
): Partial<Record<OutputName, string>> {
  return {
    retried: String(results.some(r => r.retried)),
    results: output.json,
    'results-file': resultsFile
  }
}
