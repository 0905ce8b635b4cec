import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import path from 'node:path'

/**
 * Finds the test files and hands them to `node --test` (Node 20's runner takes no glob patterns).
 * `node --import tsx test/run.ts` runs the suite; `… test/run.ts e2e` runs the browser tests.
 */
const ROOT = path.resolve(import.meta.dirname, '..')
const e2e = process.argv[2] === 'e2e'

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(full)
    return [full]
  })
}

const files = (
  e2e
    ? walk(path.join(ROOT, 'test/e2e'))
    : [...walk(path.join(ROOT, 'src')), ...walk(path.join(ROOT, 'test'))]
)
  .filter((file) => (e2e ? /\.e2e\.tsx?$/.test(file) : /\.test\.tsx?$/.test(file)))
  .map((file) => path.relative(ROOT, file))
  .sort()

const extra = process.argv.slice(e2e ? 3 : 2)
const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${e2e ? 1 : 2}`, ...extra, ...files],
  { cwd: ROOT, stdio: 'inherit' },
)
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0)
})
