import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { openTestDatabase } from '../../../test/db.ts'
import { isAppError } from '../../platform/errors.ts'
import { fixedClock } from '../../platform/time.ts'
import { cliActor } from '../../staff/audit.repository.ts'
import { findSourceByKey } from '../sources.repository.ts'
import { startPageServer } from '../testing/page-server.ts'
import { addSource } from './add-source.ts'
import { exportCslItems, exportSources, exportWarc } from './export-sources.ts'
import { importCslSources } from './import-sources.ts'

const { db } = await openTestDatabase()
const server = await startPageServer()
after(() => server.close())
const clock = fixedClock('2026-01-02T12:00:00Z')
const options = { clock, fetch: { allowPrivate: true } }

// The source every test here exports or finds, added before the first test so each runs on its own.
server.set('/csl', {
  body: '<html><head><title>Envoys in Moscow</title></head><body><p>The envoys met the president for five hours.</p></body></html>',
})
await addSource(
  db,
  cliActor,
  {
    url: `${server.origin}/csl`,
    key: 'wire-2025-12-02-envoys-moscow',
    kind: 'wire',
    reliability: 'B',
    publisher: 'Example Wire',
    author: 'Jane Doe',
    published: '2025-12-02',
  },
  options,
)

test('the ledger exports as CSL-JSON and imports back into another ledger unchanged', async () => {
  const exported = JSON.parse(
    await exportSources(db, {
      format: 'csl-json',
      keys: ['wire-2025-12-02-envoys-moscow'],
      includeUrls: true,
    }),
  )
  const other = await openTestDatabase()

  const report = await importCslSources(other.db, cliActor, exported)
  const again = await exportCslItems(other.db, {
    includeUrls: true,
    keys: ['wire-2025-12-02-envoys-moscow'],
  })

  assert.deepEqual(report.created, ['wire-2025-12-02-envoys-moscow'])
  assert.equal(exported[0].accessed['date-parts'][0].join('-'), '2026-1-2')
  const { accessed: _a, ...withoutAccess } = exported[0]
  assert.deepEqual(again[0], withoutAccess)
  const source = await findSourceByKey(other.db, 'wire-2025-12-02-envoys-moscow')
  assert.equal(source?.kind, 'wire')
  assert.equal(source?.reliability, 'B')
})

test('importing an address already in the ledger reports it and creates nothing', async () => {
  const items = [{ id: 'dup', type: 'webpage', URL: `${server.origin}/csl#section`, title: 'x' }]

  const report = await importCslSources(db, cliActor, items)

  assert.deepEqual(report, {
    created: [],
    existing: [{ id: 'dup', key: 'wire-2025-12-02-envoys-moscow' }],
    queued: 0,
  })
})

test('a CSL-JSON file with a bad item imports nothing and names the item', async () => {
  const items = [
    { id: 'good-one', type: 'webpage', URL: 'https://example.org/good' },
    { id: 'bad-one', type: 'webpage', URL: 'gopher://example.org/bad' },
  ]

  await assert.rejects(importCslSources(db, cliActor, items), (error) => {
    assert.ok(isAppError(error))
    assert.equal(error.details[0]?.path, '$[1].URL')
    return true
  })
  assert.equal(await findSourceByKey(db, 'good-one'), undefined)
})

test('APA and Chicago bibliographies come from the same items', async () => {
  const apa = await exportSources(db, {
    format: 'apa',
    keys: ['wire-2025-12-02-envoys-moscow'],
    includeUrls: false,
  })
  const chicago = await exportSources(db, {
    format: 'chicago',
    keys: ['wire-2025-12-02-envoys-moscow'],
    includeUrls: false,
  })

  assert.match(apa, /^Doe, J\. \(2025, December 2\)\. Envoys in Moscow\. Example Wire\./)
  assert.match(chicago, /^Doe, Jane\. 2025\. “Envoys in Moscow\.” Example Wire, December 2, 2025\./)
})

test('snapshots export as a WARC file', async () => {
  const { warc, records } = await exportWarc(db, {
    keys: ['wire-2025-12-02-envoys-moscow'],
    filename: 'x.warc',
  })

  assert.equal(records, 1)
  assert.match(
    new TextDecoder().decode(warc),
    /WARC-Type: response[\s\S]*The envoys met the president/,
  )
})
