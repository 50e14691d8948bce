/**
 * Runs `work` over `items` with at most `concurrency` in flight, keeping the results in input order. `work`
 * is expected to settle every item itself (a target's failure is a result, not a rejection).
 */
export async function mapPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>
): Promise<R[]> {
  const results = new Array<R>(items.length)
  // One iterator shared by the workers: each takes the next item when it is free.
  const queue = items.entries()
  const worker = async (): Promise<void> => {
    for (const [index, item] of queue) results[index] = await work(item, index)
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
  return results
}
