import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  CsvMapping,
  GDELT2_COLUMNS,
  gdeltLayout,
  mappedLayout,
  parseDate,
  parseEventRow,
  rootCodeOf,
} from './event-file.ts'

function gdeltRow(values: Partial<Record<(typeof GDELT2_COLUMNS)[number], string>>): string[] {
  return GDELT2_COLUMNS.map((name) => values[name] ?? '')
}

test('a headerless 61-column GDELT 2.0 export is read by position', () => {
  const fields = gdeltRow({
    GLOBALEVENTID: '1187000001',
    SQLDATE: '20260203',
    Actor1Code: 'RUSMIL',
    Actor1CountryCode: 'RUS',
    Actor2Code: 'UKR',
    Actor2CountryCode: 'UKR',
    IsRootEvent: '1',
    EventCode: '195',
    EventRootCode: '19',
    QuadClass: '4',
    GoldsteinScale: '-10.0',
    NumSources: '12',
    ActionGeo_FullName: 'Kyiv, Kyyiv, Misto, Ukraine',
    SOURCEURL: 'https://example.org/a',
  })
  const layout = gdeltLayout({ line: 1, fields })
  assert.ok(layout.ok)

  const parsed = parseEventRow({ line: 1, fields }, layout.layout)

  assert.ok(parsed.ok)
  assert.equal(parsed.event.externalId, '1187000001')
  assert.equal(parsed.event.occurredOn, '2026-02-03')
  assert.equal(parsed.event.actor1Code, 'RUSMIL')
  assert.equal(parsed.event.actor1Country, 'RUS')
  assert.equal(parsed.event.goldstein, -10)
  assert.equal(parsed.event.numSources, 12)
  assert.equal(parsed.event.isRoot, true)
  assert.equal(parsed.event.location, 'Kyiv, Kyyiv, Misto, Ukraine')
})

test('a renamed GDELT header is read by name, with its swapped actor-code columns put right', () => {
  const header = [
    '',
    'Global_Event_ID',
    'Day',
    'Actor_1_Country_Code',
    'Actor_1_Country_ABBR',
    'Is_Root_Event',
    'Event_Code',
    'Event_Root_Code',
    'Goldstein_Scale',
    'Num_Sources',
  ]
  const layout = gdeltLayout({ line: 1, fields: header })
  assert.ok(layout.ok)

  const parsed = parseEventRow(
    {
      line: 2,
      fields: ['0', '954680550', '20201113', 'AFGINSTAL', 'AFG', '0', '026', '2', '4.0', '1'],
    },
    layout.layout,
  )

  assert.ok(parsed.ok)
  assert.equal(parsed.event.actor1Code, 'AFGINSTAL')
  assert.equal(parsed.event.actor1Country, 'AFG')
  assert.equal(parsed.event.rootCode, '02')
  assert.equal(parsed.event.isRoot, false)
})

test('a GDELT header missing the Goldstein column is refused, naming it', () => {
  const layout = gdeltLayout({
    line: 1,
    fields: ['GLOBALEVENTID', 'SQLDATE', 'IsRootEvent', 'NumSources'],
  })

  assert.equal(layout.ok, false)
  assert.deepEqual(!layout.ok && layout.problems.map((p) => p.column), ['goldsteinscale'])
})

test('bad values in an event row are named by line and column', () => {
  const layout = gdeltLayout({
    line: 1,
    fields: ['GLOBALEVENTID', 'SQLDATE', 'IsRootEvent', 'NumSources', 'GoldsteinScale'],
  })
  assert.ok(layout.ok)

  const parsed = parseEventRow(
    { line: 7, fields: ['9', '20260231', 'maybe', '-2', '11'] },
    layout.layout,
  )

  assert.equal(parsed.ok, false)
  assert.deepEqual(!parsed.ok && parsed.problems.map((p) => [p.line, p.column]), [
    [7, 'SQLDATE'],
    [7, 'GoldsteinScale'],
    [7, 'IsRootEvent'],
    [7, 'NumSources'],
  ])
})

test('a mapping names the columns; one the file lacks is reported against the header line', () => {
  const mapping = CsvMapping.parse({
    dataset: 'ucdp-ged',
    id: ['id'],
    dateFormat: 'DD.MM.YYYY',
    columns: { date: 'date_start', quantity: 'best', actor1Name: 'side_a' },
  })

  const good = mappedLayout(mapping, { line: 1, fields: ['id', 'date_start', 'best', 'side_a'] })
  const bad = mappedLayout(mapping, { line: 1, fields: ['id', 'date', 'best', 'side_a'] })

  assert.ok(good.ok)
  const parsed = parseEventRow({ line: 2, fields: ['17', '3.2.2026', '12', 'Russia'] }, good.layout)
  assert.ok(parsed.ok)
  assert.equal(parsed.event.occurredOn, '2026-02-03')
  assert.equal(parsed.event.quantity, 12)
  assert.equal(bad.ok, false)
  assert.deepEqual(!bad.ok && bad.problems.map((p) => [p.line, p.column]), [[1, 'date_start']])
})

test('a mapping with an unknown field or no date column is refused by the schema', () => {
  assert.equal(
    CsvMapping.safeParse({ dataset: 'x', id: 'id', columns: { when: 'd' } }).success,
    false,
  )
  assert.equal(CsvMapping.safeParse({ dataset: 'x', id: 'id', columns: {} }).success, false)
})

test('dates are read in each supported layout and impossible ones refused', () => {
  assert.deepEqual(parseDate('20260203', 'YYYYMMDD'), { ok: true, day: '2026-02-03' })
  assert.deepEqual(parseDate('02/03/2026', 'MM/DD/YYYY'), { ok: true, day: '2026-02-03' })
  assert.deepEqual(parseDate('2026-02-03 23:10', 'YYYY-MM-DD'), { ok: true, day: '2026-02-03' })
  assert.equal(parseDate('31/02/2026', 'DD/MM/YYYY').ok, false)
})

test('CAMEO roots keep their leading zero', () => {
  assert.equal(rootCodeOf('2', '026'), '02')
  assert.equal(rootCodeOf(null, '1823'), '18')
  assert.equal(rootCodeOf(null, null), null)
})
