import { spawnSync } from 'node:child_process'
import path from 'node:path'

/**
 * Runs every top-level test of each file given on its own (`--test-name-pattern="^name$"`) and
 * reports those that fail alone: a test that passes only after an earlier one has arranged its
 * data. `node --import tsx test/each-alone.ts src/a.test.ts …`; exits 1 when any test fails alone.
 * Slow (one process per test, each opening its own database): give it a few files at a time.
 */
const ROOT = path.resolve(import.meta.dirname, '..')

interface Run {
  status: number
  /** Top-level tests as TAP reports them, with whether each passed. */
  tests: { name: string; ok: boolean; skipped: boolean }[]
}

function runFile(file: string, pattern: string): Run {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=tap', `--test-name-pattern=${pattern}`, file],
    { cwd: ROOT, encoding: 'utf8', env: process.env, maxBuffer: 64 * 1024 * 1024 },
  )
  const tests = [...result.stdout.matchAll(/^(not ok|ok) \d+ - (.*)$/gm)].map((match) => {
    const rest = match[2]!
    const skipped = / # SKIP\b/.test(rest)
    return {
      name: tapUnescape(rest.replace(/ # (SKIP|TODO)\b.*$/, '')),
      ok: match[1] === 'ok',
      skipped,
    }
  })
  return { status: result.status ?? 1, tests }
}

// Node's TAP reporter escapes these in a test's name.
function tapUnescape(name: string): string {
  return name.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c))
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

const files = process.argv.slice(2)
if (files.length === 0) {
  process.stderr.write('usage: node --import tsx test/each-alone.ts FILE.test.ts …\n')
  process.exit(2)
}

const failures: string[] = []
for (const file of files) {
  // A pattern nothing matches lists the file's tests (all skipped) without running them.
  const listed = runFile(file, '^(?!)').tests.map((t) => t.name)
  if (listed.length === 0) {
    failures.push(`${file}: no tests listed (does the file load?)`)
    continue
  }
  for (const name of listed) {
    const run = runFile(file, `^${escapeRegExp(name)}$`)
    const ran = run.tests.filter((t) => !t.skipped)
    const passed = run.status === 0 && ran.length === 1 && ran[0]!.ok
    process.stdout.write(`${passed ? 'ok  ' : 'FAIL'} ${file} :: ${name}\n`)
    if (!passed) failures.push(`${file} :: ${name}`)
  }
}

process.stdout.write(
  failures.length === 0
    ? '\nevery test passed alone\n'
    : `\n${failures.length} failed alone:\n${failures.map((f) => `  ${f}`).join('\n')}\n`,
)
process.exitCode = failures.length === 0 ? 0 : 1
