import { createHash } from 'node:crypto'

/**
 * The default idempotency token: 64 lowercase hex characters, SHA-256 over the service, the execution
 * identifier exactly as it is sent to the API (ID or ARN) and its count of earlier retries as read at
 * discovery. Two runs that see the same failure at once (a scheduled scan and a person's retry) send the same
 * token, so the service starts one retry; once that retry has failed again, the count has grown and the next
 * retry gets a new token. Nothing of the workflow run goes in: that is what made racing runs retry twice.
 */
export function deriveToken(
  service: string,
  executionId: string,
  previousAttempts: number | undefined
): string {
  const parts = [service, executionId, previousAttempts ?? null]
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex')
}
