// Matching stays linear (issue #21): target globs and `retry-on` expressions against hostile names and failure
// text of 256 characters, 1,000 and 10,000 of them. The ideal: 10x the names costs 10x the time.
import { globMatches } from '../src/model/listing.js'
import { readRetryOn } from '../src/action/retry-on.js'

const GLOBS = ['a*a*a*a*a*a*a*b', '*-*-*-*-*-*-prod', 'team-??-*-legacy']
const RETRY_ON = '(a+)+$\n(\\w+\\s?)+$\n.*timeout.*reset\ntransient'

/** Names of 256 characters built to make a backtracking matcher explode. */
function names(count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    i % 2 === 0
      ? `${'a'.repeat(250)}${String(i % 100000).padStart(6, '0')}`
      : `${'x-'.repeat(125)}${String(i % 1000).padStart(6, '0')}`
  )
}

function timed(work: () => void): number {
  const start = performance.now()
  work()
  return performance.now() - start
}

export function matching(): void {
  const patterns = readRetryOn(RETRY_ON).flatMap(e => (e.kind === 'pattern' ? [e.pattern] : []))
  const rows: [string, number, number][] = []
  // The first pass warms the JIT up; it is not counted.
  for (const count of [1000, 1000, 10_000]) {
    const list = names(count)
    const glob = timed(() => {
      for (const name of list) for (const g of GLOBS) globMatches(g, name)
    })
    const regex = timed(() => {
      for (const name of list) for (const p of patterns) p.test(name)
    })
    rows.push([`${count} names`, glob, regex])
  }
  rows.shift()
  console.log('\n== matching: 3 globs and 3 retry-on expressions over names of 256 characters')
  console.log('| names | globs | retry-on (RE2JS) |')
  console.log('|---|---|---|')
  for (const [what, glob, regex] of rows)
    console.log(`| ${what} | ${glob.toFixed(1)} ms | ${regex.toFixed(1)} ms |`)
  const [small, large] = rows
  if (small && large)
    console.log(
      `ideal: 10x the names, 10x the time. measured: globs ${(large[1] / small[1]).toFixed(1)}x, retry-on ${(large[2] / small[2]).toFixed(1)}x`
    )
}
