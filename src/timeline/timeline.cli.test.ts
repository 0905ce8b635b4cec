import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { testCli } from '../../test/cli.ts'
import { sharedData } from '../../test/shared-data.ts'

// The commands as an operator runs them, against a PGlite directory (or the PostgreSQL test
// server), on the public data set read from the shared folder beside the repository.
const DAILY = sharedData('missile-attacks-ukraine', 'missile_attacks_daily.csv')
const parley = await testCli()
const dir = parley.dataDir
const cli = (argv: string[]) => parley.run(argv)

const imported = await cli(['import', 'strikes', DAILY, '--json'])

test('parley import strikes reports its counts, using the weapon table beside the file', async () => {
  const again = await cli(['import', 'strikes', DAILY])

  assert.equal(imported.status, 0, imported.stderr)
  const report = JSON.parse(imported.stdout)
  assert.deepEqual([report.rows, report.inserted, report.skipped.length], [3770, 3770, 0])
  assert.equal(again.status, 0)
  assert.match(again.stdout, /weapon table: .*missiles_and_uavs\.csv/)
  assert.match(again.stdout, /3770 rows read — 0 inserted, 0 updated, 3770 unchanged, 0 skipped/)
})

test('parley intensity --night prints the night as one line of JSON', async () => {
  const dec27 = await cli(['intensity', '--night', '2025-12-27', '--json'])
  const feb18 = await cli(['intensity', '--night', '2026-02-18', '--json'])

  assert.equal(
    dec27.stdout,
    '{"night":"2025-12-27","launched":{"drones":519,"missiles":40,"total":559},"destroyed":{"drones":474,"missiles":29,"total":503}}\n',
  )
  assert.deepEqual(JSON.parse(feb18.stdout).launched, { drones: 126, missiles: 1, total: 127 })
})

test('parley intensity --window prints the totals with rank, of and percentile', async () => {
  const week = await cli(['intensity', '--window', '7', '--ending', '2025-12-27', '--json'])

  assert.deepEqual(JSON.parse(week.stdout), {
    window: 7,
    from: '2025-12-21',
    ending: '2025-12-27',
    measure: 'launched.total',
    launched: { drones: 1683, missiles: 79, total: 1762 },
    destroyed: { drones: 1433, missiles: 63, total: 1496 },
    rank: 63,
    of: 1343,
    percentile: 95.4,
  })
})

test('usage mistakes exit 2; a bad file exits 3 naming line and column; outside the series 5', async () => {
  const bad = path.join(dir, 'bad.csv')
  writeFileSync(
    bad,
    'time_start,time_end,model,launched,destroyed\n2026-01-01,2026-01-01,Kalibr,x,0\n',
  )

  const usage = await cli(['intensity', '--night', '2025-12-27', '--window', '7'])
  const refused = await cli(['import', 'strikes', bad])
  const outside = await cli(['intensity', '--night', '2021-01-01'])

  assert.equal(usage.status, 2)
  assert.equal(refused.status, 3)
  assert.match(refused.stderr, /line 2, column launched: "x" is not a number/)
  assert.equal(outside.status, 5)
  assert.match(outside.stderr, /2022-09-28 … 2026-06-07/)
})
