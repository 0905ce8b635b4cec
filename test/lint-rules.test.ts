import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { promisify } from 'node:util'

// The import rules of docs/ARCHITECTURE.md live in biome.json, one override per folder. Each test
// plants a file breaking (or keeping) one rule in the real tree, where the folder decides what the
// file may import, lints that file alone, and removes it again.
const ROOT = path.resolve(import.meta.dirname, '..')
const BIOME = path.join(ROOT, 'node_modules/.bin/biome')
const run = promisify(execFile)

let planted = 0

async function lintPlanted(
  relativePath: string,
  source: string,
): Promise<{ ok: boolean; output: string }> {
  // The process id and a counter keep two runs of this file from planting the same name.
  planted += 1
  const file = path.join(
    ROOT,
    relativePath.replace('__planted', `__planted-${process.pid}-${planted}`),
  )
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, source)
  try {
    const { stdout, stderr } = await run(BIOME, ['lint', '--colors=off', file], { cwd: ROOT })
    return { ok: true, output: stdout + stderr }
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string }
    return { ok: false, output: stdout + stderr }
  } finally {
    rmSync(file, { force: true })
  }
}

const RULE = 'lint/style/noRestrictedImports'

test('a domain importing a later domain fails, naming the layer order', async () => {
  const result = await lintPlanted(
    'src/sources/__planted.ts',
    "import { renderArticle } from '../articles/render.ts'\n\nexport const planted = renderArticle\n",
  )

  assert.equal(result.ok, false, result.output)
  assert.match(result.output, new RegExp(RULE))
  assert.match(result.output, /sources\/ comes before these in the layer order/)
})

test('a domain importing an earlier domain and platform passes', async () => {
  const result = await lintPlanted(
    'src/sources/__planted.ts',
    "import { roleAtLeast } from '../staff/staff.ts'\nimport { isoDay } from '../platform/time.ts'\n\nexport const planted = [roleAtLeast, isoDay]\n",
  )

  assert.equal(result.ok, true, result.output)
})

test('the rule goes by folder: a file deeper in the folder may not import a later domain either', async () => {
  const result = await lintPlanted(
    'src/staff/actions/__planted.ts',
    "import { listNegotiationSummaries } from '../../negotiations/negotiations.repository.ts'\n\nexport const planted = listNegotiationSummaries\n",
  )

  assert.equal(result.ok, false, result.output)
  assert.match(result.output, /staff\/ comes before these in the layer order/)
})

test('platform importing any domain fails', async () => {
  const result = await lintPlanted(
    'src/platform/web/__planted.ts',
    "import type { StaffUser } from '../../staff/staff.ts'\n\nexport type Planted = StaffUser\n",
  )

  assert.equal(result.ok, false, result.output)
  assert.match(result.output, new RegExp(RULE))
  assert.match(result.output, /platform\/ is the floor and imports no domain/)
})

test('a domain importing casefile or app fails', async () => {
  const result = await lintPlanted(
    'src/negotiations/__planted.routes.tsx',
    "import { createApp } from '../app/app.ts'\nimport { exportCase } from '../casefile/export-case.ts'\n\nexport const planted = [createApp, exportCase]\n",
  )

  assert.equal(result.ok, false, result.output)
  assert.match(result.output, /negotiations\/ must not import app\/ or casefile\//)
})

test('a file with no role suffix importing a repository, the database, Hono or drizzle-orm fails', async () => {
  const result = await lintPlanted(
    'src/staff/__planted.ts',
    [
      "import { sql } from 'drizzle-orm'",
      "import { Hono } from 'hono'",
      "import type { Db } from '../platform/db/client.ts'",
      "import { countStaff } from './staff.repository.ts'",
      '',
      'export const planted = [sql, Hono, countStaff] as unknown as Db',
      '',
    ].join('\n'),
  )

  assert.equal(result.ok, false, result.output)
  assert.match(result.output, /HTTP belongs in \*\.routes\.tsx/)
  assert.match(result.output, /SQL belongs in \*\.repository\.ts/)
  assert.match(result.output, /pure domain logic: no database, Hono, drizzle-orm or repository/)
})

test('a file with no role suffix still may not import a later domain', async () => {
  const result = await lintPlanted(
    'src/members/__planted.ts',
    "import { inboxMessages } from '../mail/inbox.tables.ts'\n\nexport const planted = inboxMessages\n",
  )

  assert.equal(result.ok, false, result.output)
  assert.match(result.output, /members\/ comes before these in the layer order/)
})

test('a repository, a routes file and an action may import repositories and the database', async () => {
  const source =
    "import type { Db } from '../../platform/db/client.ts'\nimport { countStaff } from '../staff.repository.ts'\n\nexport const planted = (db: Db) => countStaff(db)\n"

  const action = await lintPlanted('src/staff/actions/__planted.ts', source)
  const routes = await lintPlanted(
    'src/staff/__planted.routes.tsx',
    "import { Hono } from 'hono'\nimport { countStaff } from './staff.repository.ts'\n\nexport const planted = [Hono, countStaff]\n",
  )

  assert.equal(action.ok, true, action.output)
  assert.equal(routes.ok, true, routes.output)
})

test('test files may import anything', async () => {
  const result = await lintPlanted(
    'src/platform/__planted.test.ts',
    "import { createApp } from '../app/app.ts'\nimport { countStaff } from '../staff/staff.repository.ts'\n\nexport const planted = [createApp, countStaff]\n",
  )

  assert.equal(result.ok, true, result.output)
})
