import assert from 'node:assert/strict'
import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { test } from 'node:test'
import { openTestDatabase } from '../../../test/db.ts'
import { sharedData } from '../../../test/shared-data.ts'
import type { Db } from '../../platform/db/client.ts'
import { AppError } from '../../platform/errors.ts'
import { cliActor, listAudit } from '../../staff/audit.repository.ts'
import { findNight, rankWindow } from '../intensity.ts'
import { countStrikeReports, findNightlySeries } from '../strikes.repository.ts'
import { importStrikes, readWeaponTable } from './import-strikes.ts'

// The public data set, read from the shared folder beside the repository (never committed).
const DATA = sharedData('missile-attacks-ukraine')
const DAILY = path.join(DATA, 'missile_attacks_daily.csv')
const WEAPONS = path.join(DATA, 'missiles_and_uavs.csv')

const db: Db = (await openTestDatabase()).db
const firstReport = await importStrikes(db, cliActor, createReadStream(DAILY), {
  weapons: await readWeaponTable(createReadStream(WEAPONS)),
})

test('the real data set imports every row, classified, in one go', async () => {
  assert.equal(firstReport.rows, 3770)
  assert.equal(firstReport.inserted, 3770)
  assert.deepEqual(firstReport.skipped, [])
  assert.equal(await countStrikeReports(db, 'missile-attacks-ukraine'), 3770)
})

test('the nights reported in the news come out of the real data', async () => {
  const series = await findNightlySeries(db, 'missile-attacks-ukraine')

  const dec27 = findNight(series, '2025-12-27')
  const jan9 = findNight(series, '2026-01-09')
  const feb3 = findNight(series, '2026-02-03')
  const feb18 = findNight(series, '2026-02-18')

  assert.deepEqual(dec27?.launched, { drones: 519, missiles: 40, total: 559 })
  assert.deepEqual(jan9?.launched, { drones: 242, missiles: 35, total: 277 })
  assert.deepEqual(feb3?.launched, { drones: 450, missiles: 71, total: 521 })
  assert.deepEqual(feb3?.destroyed, { drones: 412, missiles: 38, total: 450 })
  assert.deepEqual(feb18?.launched, { drones: 126, missiles: 1, total: 127 })
})

test('the week to 27 December 2025 is ranked among every week since the series began', async () => {
  const series = (await findNightlySeries(db, 'missile-attacks-ukraine'))!

  const ranked = rankWindow(series, 7, '2025-12-27')

  assert.equal(series.first, '2022-09-28')
  assert.ok(ranked.ok)
  assert.equal(ranked.window.launched.total, 1762)
  assert.equal(ranked.window.rank, 63)
  assert.equal(ranked.window.of, 1343)
  assert.equal(ranked.window.percentile, 95.4)
})

test('importing the same file again adds nothing and changes nothing', async () => {
  const again = await importStrikes(db, cliActor, createReadStream(DAILY))

  assert.deepEqual([again.inserted, again.updated, again.unchanged, again.nights], [0, 0, 3770, 0])
  assert.equal(await countStrikeReports(db, 'missile-attacks-ukraine'), 3770)
})

test('a corrected row updates its record and its night, and nothing else', async () => {
  const text = await readFile(DAILY, 'utf8')
  const row = /^2026-02-17 18:00,2026-02-18 08:30,Shahed-136\/131,.*,126\.0,100\.0,.*$/m.exec(text)
  assert.ok(row, 'the fixture row moved upstream')
  const corrected = text.replace(row[0], row[0].replace(',126.0,100.0,', ',130.0,101.0,'))

  const report = await importStrikes(db, cliActor, corrected)

  assert.deepEqual([report.inserted, report.updated, report.nights], [0, 1, 1])
  const series = await findNightlySeries(db, 'missile-attacks-ukraine')
  assert.deepEqual(findNight(series, '2026-02-18')?.launched, {
    drones: 130,
    missiles: 1,
    total: 131,
  })
  await importStrikes(db, cliActor, text)
  assert.deepEqual(
    findNight(await findNightlySeries(db, 'missile-attacks-ukraine'), '2026-02-18')?.launched,
    { drones: 126, missiles: 1, total: 127 },
  )
})

const HEADER = 'time_start,time_end,model,target,launched,destroyed,source'

test('a file with a bad row writes nothing and names the line and column', async () => {
  const file = [
    HEADER,
    '2026-03-02 18:00,2026-03-03 08:00,Shahed-136/131,Ukraine,100,90,kpszsu/posts/a',
    '2026-03-02 18:00,2026-03-03 08:00,Kalibr,Ukraine,-3,0,kpszsu/posts/a',
    '2026-03-31,2026-03-31,Orlan-10,south,1,1,PvKPivden/posts/b',
    '2026-03-02 18:00,2026-03-33 08:00,Iskander-M,Ukraine,2,0,kpszsu/posts/a',
  ].join('\n')

  const error = await importStrikes(db, cliActor, file, { dataset: 'bad-file' }).catch(
    (e: unknown) => e,
  )

  assert.ok(error instanceof AppError)
  assert.equal(error.code, 'invalid_input')
  assert.deepEqual(
    error.details.map((d) => d.path),
    ['line 3, column launched', 'line 5, column time_end'],
  )
  assert.equal(await countStrikeReports(db, 'bad-file'), 0)
})

test('a file with the wrong columns is refused before any row is read', async () => {
  const error = await importStrikes(db, cliActor, 'date,weapon,count\n2026-01-01,Kalibr,3\n', {
    dataset: 'wrong-columns',
  }).catch((e: unknown) => e)

  assert.ok(error instanceof AppError)
  assert.ok(error.details.some((d) => d.path === 'line 1, column time_start'))
  assert.equal(await countStrikeReports(db, 'wrong-columns'), 0)
})

let skipping: ReturnType<typeof importStrikes> | undefined
/**
 * The 'skipping' file imported with its two bad rows skipped: the test of skipping reads its report
 * and the audit test its log entry. Imported once, by whichever of them runs first, so each also
 * runs on its own.
 */
function skippingImport() {
  skipping ??= importStrikes(
    db,
    cliActor,
    [
      HEADER,
      '2026-03-02 18:00,2026-03-03 08:00,Shahed-136/131,Ukraine,100,90,kpszsu/posts/a',
      '2026-03-02 18:00,2026-03-03 08:00,Tomahawk,Ukraine,3,0,kpszsu/posts/a',
      '2026-03-02 18:00,2026-03-03 08:00,Kalibr,Ukraine,4,four,kpszsu/posts/a',
    ].join('\n'),
    { dataset: 'skipping', skipBadRows: true },
  )
  return skipping
}

test('skipping bad rows explicitly imports the rest and lists every skipped row', async () => {
  const report = await skippingImport()

  assert.equal(report.inserted, 1)
  assert.deepEqual(
    report.skipped.map((s) => [s.line, s.problems.map((p) => p.column)]),
    [
      [3, ['model']],
      [4, ['destroyed']],
    ],
  )
  const series = await findNightlySeries(db, 'skipping')
  assert.deepEqual(findNight(series, '2026-03-03')?.launched, {
    drones: 100,
    missiles: 0,
    total: 100,
  })
})

test('every import is written to the audit log with its counts', async () => {
  await skippingImport()

  const entries = await listAudit(db, { entity: 'strike_reports', entityId: 'skipping' })

  assert.equal(entries.length, 1)
  assert.equal(entries[0]?.actor, 'cli')
  assert.deepEqual((entries[0]?.after as { skipped?: number } | undefined)?.skipped, 2)
})

test('a night whose only national row is corrected into a regional tally loses its total', async () => {
  const national = `${HEADER}\n2026-04-01,2026-04-01,Orlan-10,south,3,3,kpszsu/posts/x\n`
  const regional = `${HEADER}\n2026-04-01,2026-04-01,Orlan-10,south,3,3,PvKPivden/posts/x\n`

  await importStrikes(db, cliActor, national, { dataset: 'relabelled' })
  const before = findNight(await findNightlySeries(db, 'relabelled'), '2026-04-01')
  const report = await importStrikes(db, cliActor, regional, { dataset: 'relabelled' })

  assert.deepEqual(before?.launched, { drones: 3, missiles: 0, total: 3 })
  assert.equal(report.updated, 1)
  assert.equal(await findNightlySeries(db, 'relabelled'), undefined)
})

test('a file whose rows repeat is counted once, with the repeats said, not multiplied', async () => {
  const text = await readFile(DAILY, 'utf8')
  const [header, ...body] = text.trimEnd().split('\n')
  const tripled = [header, ...body, ...body, ...body].join('\n')

  const report = await importStrikes(db, cliActor, tripled, { dataset: 'tripled' })

  assert.deepEqual(
    [report.rows, report.inserted, report.duplicates, report.unchanged],
    [3 * 3770, 3770, 2 * 3770, 0],
  )
  assert.deepEqual(report.skipped, [])
  assert.equal(await countStrikeReports(db, 'tripled'), 3770)
  assert.deepEqual(findNight(await findNightlySeries(db, 'tripled'), '2025-12-27')?.launched, {
    drones: 519,
    missiles: 40,
    total: 559,
  })
})

test('a row repeated with different figures refuses the file, naming both lines', async () => {
  const file = [
    HEADER,
    '2026-05-02 18:00,2026-05-03 08:00,Shahed-136/131,Ukraine,100,90,kpszsu/posts/c',
    '2026-05-02 18:00,2026-05-03 08:00,Kalibr,Ukraine,4,2,kpszsu/posts/c',
    '2026-05-02 18:00,2026-05-03 08:00,Shahed-136/131,Ukraine,120,90,kpszsu/posts/c',
  ].join('\n')

  const error = await importStrikes(db, cliActor, file, { dataset: 'conflicting' }).catch(
    (e: unknown) => e,
  )

  assert.ok(error instanceof AppError)
  assert.deepEqual(
    error.details.map((d) => d.path),
    ['line 2, column (row)', 'line 4, column (row)'],
  )
  assert.match(error.details[0]?.message ?? '', /lines 2, 4 give the same report/)
  assert.equal(await countStrikeReports(db, 'conflicting'), 0)
})
