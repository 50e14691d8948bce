// Starts the emulator from the command line: `npx tsx tools/emulator/cli.ts --scenario demo --port 4566`.
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { SCENARIOS, scaledScenario, startEmulator, type Scenario } from './index.js'

const USAGE = `Usage: tsx tools/emulator/cli.ts [--scenario demo|scaled|<file.json>] [--count N] [--port 4566]
                           [--host 127.0.0.1] [--latency-ms N]
  --scenario  a built-in scenario (${Object.keys(SCENARIOS).join(', ')}) or a JSON file in the Scenario format
  --count     with --scenario scaled: failed targets per service (default 125)`

function integer(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback
  if (!/^\d+$/.test(value)) throw new Error(`--${name} must be a non-negative integer, got "${value}"`)
  return Number(value)
}

function loadScenario(name: string, count: string | undefined): Scenario {
  if (name === 'scaled') return scaledScenario(integer(count, 'count', 125))
  const builtIn = SCENARIOS[name]
  if (builtIn) return builtIn()
  const parsed: unknown = JSON.parse(readFileSync(name, 'utf8'))
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${name}: a scenario file holds one JSON object`)
  }
  // Field-level checks happen when the state is built: createState names the bad field.
  return parsed as Scenario
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string', default: 'demo' },
      count: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      'latency-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h' }
    }
  })
  if (values.help) {
    console.log(USAGE)
    return
  }
  const scenario = loadScenario(values.scenario, values.count)
  const emulator = await startEmulator(scenario, {
    port: integer(values.port, 'port', 0),
    host: values.host,
    latencyMs: integer(values['latency-ms'], 'latency-ms', 0)
  })
  console.log(`Emulator (scenario ${scenario.name ?? values.scenario}) listening on ${emulator.url}`)
  console.log(`  AWS:      AWS_ENDPOINT_URL=${emulator.url} AWS_REGION=${scenario.region}`)
  console.log(`  CodeArts: endpoint input ${emulator.url}`)
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(`emulator: ${error instanceof Error ? error.message : String(error)}`)
  console.error(USAGE)
  process.exit(2)
})
