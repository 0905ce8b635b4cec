import assert from 'node:assert/strict'
import { test } from 'node:test'
import { testCli } from '../../test/cli.ts'
import { DEMO_CASE_PATH } from '../app/load-demo.ts'
import { DEMO_ARTICLE_PATH } from '../app/load-demo-article.ts'
import { openDatabase } from '../platform/db/client.ts'
import { type AuditRow, listAudit } from '../staff/audit.repository.ts'

// `parley forecast add` and `forecast resolve` against a real database of their own, loaded
// with the demo case through the CLI as an operator would.
const parley = await testCli()
const DEMO = 'ru-ua-signed-agreement-by-2026-06-30'
const SOURCE = 'newsaz-2026-02-18-no-breakthrough'
const imported = await parley.run(['import', 'case', DEMO_CASE_PATH])
assert.equal(imported.status, 0, imported.stderr)

const show = async () => {
  const res = await parley.run(['forecast', 'show', DEMO, '--json'])
  assert.equal(res.status, 0, res.stderr)
  return JSON.parse(res.stdout)
}

/** The audit log, read once the CLI has closed the database (a PGlite directory has one user). */
async function auditOf(entity: string): Promise<AuditRow[]> {
  const database = await openDatabase({
    databaseUrl: parley.env.DATABASE_URL ?? '',
    dataDir: parley.dataDir,
    poolSize: 1,
  })
  try {
    return await listAudit(database.db, { entity })
  } finally {
    await database.close()
  }
}

const add = (...extra: string[]) =>
  parley.run([
    'forecast',
    'add',
    DEMO,
    '--forecaster',
    'Cli Analyst',
    '--rationale',
    'Typed at the terminal.',
    ...extra,
  ])

test('forecast add records a forecast in per cent, with its sources, audited as the CLI', async () => {
  const res = await add('--percent', '21', '--on', '2026-03-02', '--source', SOURCE)

  assert.equal(res.status, 0, res.stderr)
  assert.match(res.stdout, /recorded Cli Analyst 21% on ru-ua-signed-agreement-by-2026-06-30/)
  const mine = (await show()).forecasts.filter(
    (f: { forecaster: string }) => f.forecaster === 'Cli Analyst',
  )
  assert.deepEqual(
    mine.map((f: { probability: number; madeOn: string; sources: { key: string }[] }) => [
      f.probability,
      f.madeOn,
      f.sources.map((s) => s.key),
    ]),
    [[0.21, '2026-03-02', [SOURCE]]],
  )
  const [entry] = await auditOf('forecast')
  assert.equal(entry!.actor, 'cli')
  assert.equal(entry!.action, 'create')
  assert.equal((entry!.after as { forecaster: string }).forecaster, 'Cli Analyst')
})

test('forecast add names the option at fault, exits non-zero and writes nothing', async () => {
  const before = await show()

  const outOfRange = await add('--percent', '120', '--on', '2026-03-03')
  const notANumber = await add('--percent', 'lots', '--on', '2026-03-03')
  const badDate = await add('--percent', '20', '--on', '2026-02-30')
  const ghost = await add('--percent', '20', '--on', '2026-03-03', '--source', 'no-such-source')
  const missing = await parley.run([
    'forecast',
    'add',
    DEMO,
    '--percent',
    '20',
    '--on',
    '2026-03-03',
  ])

  assert.equal(outOfRange.status, 3)
  assert.match(
    outOfRange.stderr,
    /--percent: expected a chance strictly between 0 and 100 per cent/,
  )
  assert.equal(notANumber.status, 3)
  assert.match(notANumber.stderr, /--percent:/)
  assert.equal(badDate.status, 3)
  assert.match(badDate.stderr, /--on: not a calendar date/)
  assert.equal(ghost.status, 3)
  assert.match(ghost.stderr, /--source: unknown source "no-such-source"/)
  assert.equal(missing.status, 2)
  assert.match(missing.stderr, /--forecaster is required/)
  assert.deepEqual(await show(), before)
})

test('forecast resolve names the option at fault, then resolves and scores the question', async () => {
  const badOutcome = await parley.run([
    'forecast',
    'resolve',
    DEMO,
    '--outcome',
    'maybe',
    '--on',
    '2026-07-01',
  ])
  const unsourced = await parley.run([
    'forecast',
    'resolve',
    DEMO,
    '--outcome',
    'no',
    '--on',
    '2026-07-01',
  ])
  const unchanged = await show()
  const res = await parley.run([
    'forecast',
    'resolve',
    DEMO,
    '--outcome',
    'no',
    '--on',
    '2026-07-01',
    '--source',
    SOURCE,
    '--note',
    'No signed text by 30 June.',
  ])
  const twice = await parley.run([
    'forecast',
    'resolve',
    DEMO,
    '--outcome',
    'yes',
    '--on',
    '2026-07-02',
    '--source',
    SOURCE,
  ])

  assert.equal(badOutcome.status, 3)
  assert.match(badOutcome.stderr, /--outcome: expected one of yes, no, annulled/)
  assert.equal(unsourced.status, 3)
  assert.match(unsourced.stderr, /--source: a yes or no resolution cites the source/)
  assert.equal(unchanged.resolution, null, 'a refused resolution writes nothing')
  assert.equal(res.status, 0, res.stderr)
  assert.equal(twice.status, 6, 'a question resolves once')
  const body = await show()
  assert.equal(body.status, 'no')
  assert.equal(body.resolutionNote, 'No signed text by 30 June.')
  assert.ok(body.scores.forecasters.length > 0)
  const [entry] = await auditOf('forecast_question')
  assert.equal(entry!.actor, 'cli')
  assert.equal(entry!.action, 'resolve')
})

test('a forecast added at the terminal reaches the articles that embed it at once', async () => {
  const published = await parley.run(['articles', 'publish', DEMO_ARTICLE_PATH])
  assert.equal(published.status, 0, published.stderr)

  const res = await add('--percent', '12', '--on', '2026-03-05')

  assert.equal(res.status, 0, res.stderr)
  assert.match(res.stderr, /articles rendered again: ninety-per-cent-of-what/)
})
