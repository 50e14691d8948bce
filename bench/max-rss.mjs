// Preloaded into the action's process by the benchmark: records its peak resident memory (bytes) and the
// CPU time it used (ms, user + system) on exit, as JSON.
import { writeFileSync } from 'node:fs'

process.on('exit', () => {
  if (!process.env.MAX_RSS_FILE) return
  const usage = process.resourceUsage()
  writeFileSync(
    process.env.MAX_RSS_FILE,
    JSON.stringify({ maxRss: usage.maxRSS * 1024, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 })
  )
})
