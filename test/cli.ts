import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after } from 'node:test'
import { runCli } from '../src/app/run-cli.ts'
import { createScratchDatabase } from './db.ts'

export interface CliResult {
  status: number
  stdout: string
  stderr: string
}

export interface TestCli {
  /** Runs one `parley …` invocation in this process, as an operator would type it. */
  run(
    argv: string[],
    options?: { stdin?: string; env?: Record<string, string> },
  ): Promise<CliResult>
  /** The CLI's environment: its own data directory, or its own scratch database on PostgreSQL. */
  env: Record<string, string>
  dataDir: string
}

/**
 * The CLI against a database of its own for one test file: a fresh PGlite directory, or — with
 * TEST_DATABASE_URL set — a scratch database on that server. Both are removed after the file.
 * Call it at the top of the file, before the first test.
 */
export async function testCli(env: Record<string, string> = {}): Promise<TestCli> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'parley-cli-'))
  after(() => rmSync(dataDir, { recursive: true, force: true }))
  const scratch = process.env.TEST_DATABASE_URL
    ? await createScratchDatabase(process.env.TEST_DATABASE_URL)
    : undefined
  if (scratch) after(() => scratch.drop())
  const base = { PARLEY_DATA_DIR: dataDir, DATABASE_URL: scratch?.url ?? '', ...env }
  return {
    env: base,
    dataDir,
    async run(argv, options = {}) {
      let stdout = ''
      let stderr = ''
      const status = await runCli(argv, {
        env: { ...base, ...options.env },
        stdout: (text) => {
          stdout += text
        },
        stderr: (text) => {
          stderr += text
        },
        readStdin: async () => options.stdin ?? '',
      })
      return { status, stdout, stderr }
    },
  }
}
