import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import path from 'node:path'

/**
 * Runs every bench/*.bench.ts, one after the other (they measure throughput: never two at once),
 * each in a process of its own. `npm run bench` runs all; `npm run bench -- article` those whose
 * name contains "article". Exits non-zero when a benchmark fails to run.
 */
const here = import.meta.dirname
const filter = process.argv[2]
const files = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts') && (!filter || name.includes(filter)))
  .sort()

let failed = 0
for (const name of files) {
  process.stdout.write(`\n== ${name}\n`)
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, name)], {
    stdio: 'inherit',
  })
  if (run.status !== 0) {
    failed++
    process.stdout.write(`${name} failed (exit ${run.status ?? run.signal})\n`)
  }
}
if (files.length === 0) process.stdout.write('no benchmarks match\n')
process.exitCode = failed > 0 ? 1 : 0
