import assert from 'node:assert/strict'
import { createReadStream } from 'node:fs'
import { test } from 'node:test'
import { openTestDatabase } from '../../../test/db.ts'
import { sharedData } from '../../../test/shared-data.ts'
import { AppError } from '../../platform/errors.ts'
import { cliActor } from '../../staff/audit.repository.ts'
import { weeklyCooperationConflict } from '../dyad.ts'
import {
  countExternalEvents,
  listDailyEventTotals,
  listDyadEvents,
} from '../external-events.repository.ts'
import { importEvents } from './import-events.ts'

type ImportedEvents = Awaited<ReturnType<typeof importEvents>>

const GDELT = sharedData('gdelt-sample', 'gdelt_events_20201113.csv')

const { db } = await openTestDatabase()

const MAPPING = {
  dataset: 'casualties',
  title: 'A hand-made casualty table',
  id: ['region', 'date'],
  dateFormat: 'DD.MM.YYYY',
  columns: { date: 'date', quantity: 'killed', actor1Country: 'side', location: 'region' },
}

let gdelt: Promise<{ first: ImportedEvents; second: ImportedEvents }> | undefined
/**
 * The GDELT sample imported twice (the second time unchanged): the first test reads both reports,
 * the dyad test the events. Imported once, by whichever of them runs first, so each also runs on
 * its own.
 */
function gdeltImports() {
  gdelt ??= (async () => {
    const first = await importEvents(db, cliActor, createReadStream(GDELT), { format: 'gdelt' })
    const second = await importEvents(db, cliActor, createReadStream(GDELT), { format: 'gdelt' })
    return { first, second }
  })()
  return gdelt
}

test('the real GDELT sample imports with its renamed header, and re-imports as unchanged', async () => {
  const { first, second } = await gdeltImports()

  assert.deepEqual([first.rows, first.inserted, first.skipped.length], [2824, 2824, 0])
  assert.deepEqual([second.inserted, second.updated, second.unchanged], [0, 0, 2824])
  assert.equal(await countExternalEvents(db, 'gdelt'), 2824)
})

test('the dyad index keeps only root events or events with two or more sources', async () => {
  await gdeltImports()

  const events = await listDyadEvents(db, { a: 'USA', b: 'CHN', dataset: 'gdelt' })

  const [week] = weeklyCooperationConflict(events)

  assert.equal(events.length, 88)
  const kept = events.filter((e) => e.isRoot || e.numSources >= 2)
  assert.equal(week?.events, kept.length)
  assert.ok(week!.events < events.length)
})

test('a mapped CSV imports by its own identifier; a corrected row updates its record', async () => {
  const file = 'region,date,killed,side\nKharkiv,03.02.2026,4,RUS\nOdesa,03.02.2026,2,RUS\n'
  const corrected = 'region,date,killed,side\nKharkiv,03.02.2026,5,RUS\nOdesa,03.02.2026,2,RUS\n'

  const first = await importEvents(db, cliActor, file, { format: 'csv', mapping: MAPPING })
  const second = await importEvents(db, cliActor, corrected, { format: 'csv', mapping: MAPPING })

  assert.equal(first.inserted, 2)
  assert.deepEqual([second.inserted, second.updated, second.unchanged], [0, 1, 1])
  assert.deepEqual(await listDailyEventTotals(db, 'casualties'), [
    { day: '2026-02-03', events: 2, quantity: 7 },
  ])
})

test('a repeated identifier, a bad date and a missing mapped column are named; nothing is written', async () => {
  const file =
    'region,date,killed,side\nLviv,04.02.2026,1,RUS\nLviv,04.02.2026,2,RUS\nSumy,31.02.2026,1,RUS\n'
  const before = await countExternalEvents(db, 'casualties')

  const bad = await importEvents(db, cliActor, file, { format: 'csv', mapping: MAPPING }).catch(
    (e: unknown) => e,
  )
  const wrong = await importEvents(db, cliActor, 'region,day,killed,side\n', {
    format: 'csv',
    mapping: MAPPING,
  }).catch((e: unknown) => e)
  const unknownField = await importEvents(db, cliActor, file, {
    format: 'csv',
    mapping: { ...MAPPING, columns: { ...MAPPING.columns, deaths: 'killed' } },
  }).catch((e: unknown) => e)

  assert.ok(bad instanceof AppError)
  assert.deepEqual(
    bad.details.map((d) => d.path),
    ['line 3, column region+date', 'line 4, column date'],
  )
  assert.ok(wrong instanceof AppError)
  assert.deepEqual(
    wrong.details.map((d) => [d.path, /the mapping's (\S+)/.exec(d.message)?.[1]]),
    [
      ['line 1, column date', 'columns.date'],
      ['line 1, column date', 'id'],
    ],
  )
  assert.ok(unknownField instanceof AppError)
  assert.match(unknownField.message, /mapping/)
  assert.equal(await countExternalEvents(db, 'casualties'), before)
})

test('a corrected date moves an event between days in the kept day totals', async () => {
  const mapping = { dataset: 'moving', id: 'id', columns: { date: 'date', quantity: 'n' } }
  const file = 'id,date,n\na,2026-03-01,4\nb,2026-03-01,1\n'
  const moved = 'id,date,n\na,2026-03-02,4\nb,2026-03-01,1\n'

  await importEvents(db, cliActor, file, { format: 'csv', mapping })
  const report = await importEvents(db, cliActor, moved, { format: 'csv', mapping })

  assert.equal(report.updated, 1)
  assert.deepEqual(await listDailyEventTotals(db, 'moving'), [
    { day: '2026-03-01', events: 1, quantity: 1 },
    { day: '2026-03-02', events: 1, quantity: 4 },
  ])
})

test('skipping bad rows keeps the first line of a repeated identifier', async () => {
  const mapping = { dataset: 'repeats', id: 'id', columns: { date: 'date', quantity: 'n' } }
  const file = 'id,date,n\na,2026-03-01,4\na,2026-03-01,9\n'

  const report = await importEvents(db, cliActor, file, {
    format: 'csv',
    mapping,
    skipBadRows: true,
  })

  assert.deepEqual([report.inserted, report.skipped.map((s) => s.line)], [1, [3]])
  assert.deepEqual(await listDailyEventTotals(db, 'repeats'), [
    { day: '2026-03-01', events: 1, quantity: 4 },
  ])
})
