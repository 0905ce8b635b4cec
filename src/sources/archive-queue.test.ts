import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { after, test } from 'node:test'
import { buildTestApp, ORIGIN } from '../../test/app.ts'
import { openTestDatabase } from '../../test/db.ts'
import { importCase } from '../casefile/import-case.ts'
import { fixedClock } from '../platform/time.ts'
import { cliActor } from '../staff/audit.repository.ts'
import { importCslSources } from './actions/import-sources.ts'
import { runArchiveQueue } from './archive-queue.job.ts'
import {
  archiveProgress,
  claimArchiveQueue,
  findArchiveQueueEntry,
} from './archive-queue.repository.ts'
import { ARCHIVE_LEASE_MS } from './archive-queue.ts'
import { listSnapshotMeta } from './snapshots.repository.ts'
import { findSourceByKey, listSources } from './sources.repository.ts'
import { startPageServer } from './testing/page-server.ts'

// A real local HTTP server stands in for the sources' hosts; fetching it needs the private
// address exception the archive tests use (PARLEY_FETCH_ALLOW_PRIVATE=1).
const database = await openTestDatabase()
const { db } = database
const clock = fixedClock('2026-12-03T09:00:00Z')
const server = await startPageServer()
after(() => server.close())
const fetch = { allowPrivate: true }
const job = (extra: { limit?: number } = {}) =>
  runArchiveQueue({ db, clock, fetch, hostGapMs: 0, ...extra })
const app = buildTestApp(database, { clock, env: { PARLEY_FETCH_ALLOW_PRIVATE: '1' } })

const fixture = JSON.parse(
  readFileSync(
    new URL('../../test/fixtures/libya-ceasefire-2020.case.json', import.meta.url),
    'utf8',
  ),
) as { negotiation: { slug: string }; sources: { key: string; url: string }[] }

const page = (title: string) =>
  `<html><head><title>${title}</title></head><body><article><p>${title}: the parties agreed to a complete and permanent ceasefire across the country, effective at once.</p></article></body></html>`

/** The fixture case under a new slug, its sources at `urlOf(path)` (served when `serve`). */
function caseFile(slug: string, urlOf: (path: string) => string, serve = true) {
  let text = JSON.stringify(fixture)
  // Keys of its own, so that each case brings new sources into the shared ledger.
  for (const { key } of fixture.sources) text = text.replaceAll(`"${key}"`, `"${slug}-${key}"`)
  const file = JSON.parse(text) as typeof fixture
  file.negotiation.slug = slug
  for (const source of file.sources) {
    const path = `/${slug}/${source.key}`
    source.url = urlOf(path)
    if (serve) server.set(path, { body: page(source.key) })
  }
  return file
}

const paths = (slug: string) => fixture.sources.map((s) => `/${slug}/${slug}-${s.key}`)

test('a case import queues its new sources and the job archives every one of them', async () => {
  const file = caseFile('queue-all', (path) => `${server.origin}${path}`)

  const report = await importCase(db, cliActor, file, { now: clock.now() })
  const before = await listSources(db, { q: file.sources[0]!.key })
  const results = await job()

  assert.equal(report.sources.queued, fixture.sources.length)
  assert.equal(before[0]?.archiveState.kind, 'queued')
  assert.equal(results.filter((r) => r.outcome === 'archived').length, fixture.sources.length)
  for (const path of paths('queue-all')) assert.equal(server.hits(path), 1, path)
  for (const { key } of file.sources) {
    const source = await findSourceByKey(db, key)
    assert.equal((await listSnapshotMeta(db, source!.id)).length, 1, key)
    assert.equal((await findArchiveQueueEntry(db, source!.id))?.status, 'archived')
  }
  const [listed] = await listSources(db, { q: file.sources[0]!.key })
  assert.equal(listed?.archiveState.kind, 'archived')
  const ledger = await app.request(`${ORIGIN}/sources`, { headers: { accept: 'text/html' } })
  const html = await ledger.text()
  assert.match(html, /archived on 2026-12-03/)
  assert.doesNotMatch(html, /archived when it is\s+added/)
})

test('an import with archiving turned off queues nothing', async () => {
  const file = caseFile('queue-none', (path) => `${server.origin}${path}`)

  const report = await importCase(db, cliActor, file, { archive: 'none', now: clock.now() })
  const results = await job()

  assert.equal(report.sources.created, fixture.sources.length)
  assert.equal(report.sources.queued, 0)
  assert.deepEqual(results, [])
  for (const path of paths('queue-none')) assert.equal(server.hits(path), 0)
  const source = await findSourceByKey(db, file.sources[0]!.key)
  assert.equal(await findArchiveQueueEntry(db, source!.id), undefined)
  const [listed] = await listSources(db, { q: file.sources[0]!.key })
  assert.equal(listed?.archiveState.kind, 'none')
})

test('a queue stopped part-way finishes after a restart without fetching any source twice', async () => {
  const items = Array.from({ length: 7 }, (_, i) => ({
    id: `resume-${i}`,
    type: 'webpage',
    URL: `${server.origin}/resume/${i}`,
    title: `Resume ${i}`,
  }))
  for (let i = 0; i < items.length; i++) server.set(`/resume/${i}`, { body: page(`Resume ${i}`) })
  const report = await importCslSources(db, cliActor, items, { now: clock.now() })
  assert.equal(report.queued, 7)

  // The first process archives two sources and is stopped; a second one claims a row and dies
  // holding it (its lease has not run out yet).
  const first = await job({ limit: 2 })
  const died = await claimArchiveQueue(
    db,
    clock.now(),
    new Date(clock.now().getTime() + ARCHIVE_LEASE_MS),
    1,
  )
  const restarted = await job()
  clock.advance(ARCHIVE_LEASE_MS + 1_000)
  const afterLease = await job()

  assert.equal(first.length, 2)
  assert.equal(died.length, 1)
  assert.equal(restarted.length, 4)
  assert.deepEqual(
    afterLease.map((r) => [r.sourceKey, r.outcome]),
    [[died[0]!.key, 'archived']],
  )
  for (let i = 0; i < items.length; i++) assert.equal(server.hits(`/resume/${i}`), 1, `resume ${i}`)
  const progress = await archiveProgress(db)
  assert.equal(progress.left, 0)
})

test('an unreachable host is retried after 1, 5 and 25 minutes and then named as the reason', async () => {
  const closed = await closedPort()
  const file = caseFile('queue-refused', (path) => `http://127.0.0.1:${closed}${path}`, false)
  await importCase(db, cliActor, file, { now: clock.now() })
  const n = fixture.sources.length

  const tries = [await job()]
  const early = await job()
  for (const minutes of [1, 5, 25]) {
    clock.advance(minutes * 60_000)
    tries.push(await job())
  }
  clock.advance(24 * 3_600_000)
  const later = await job()

  assert.deepEqual(early, [])
  assert.deepEqual(later, [])
  assert.deepEqual(
    tries.map((pass) => pass.map((r) => r.outcome)),
    [
      Array(n).fill('retrying'),
      Array(n).fill('retrying'),
      Array(n).fill('retrying'),
      Array(n).fill('failed'),
    ],
  )
  const key = file.sources[0]!.key
  const [listed] = await listSources(db, { q: key })
  assert.equal(listed?.archiveState.kind, 'failed')
  const progress = await archiveProgress(db)
  const failure = progress.failures.find((f) => f.key === key)
  assert.equal(failure?.reason, 'the host refused the connection')
  assert.equal(failure?.attempts, 4)
  const res = await app.request(`${ORIGIN}/sources/${key}`, { headers: { accept: 'text/html' } })
  assert.match(
    await res.text(),
    /Not archived: the host refused the connection \(tried 4 times, last on 2026-12-03\)/,
  )
})

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as { port: number }
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return port
}

test('requests to one host are spaced by the pause and never overlap', async () => {
  const times: number[] = []
  let inFlight = 0
  let most = 0
  for (let i = 0; i < 4; i++)
    server.set(`/polite/${i}`, (_req, res) => {
      times.push(performance.now())
      inFlight++
      most = Math.max(most, inFlight)
      setTimeout(() => {
        inFlight--
        res.writeHead(200, { 'content-type': 'text/html' }).end(page(`Polite ${i}`))
      }, 20)
    })
  const items = [0, 1, 2, 3].map((i) => ({
    id: `polite-${i}`,
    type: 'webpage',
    URL: `${server.origin}/polite/${i}`,
  }))
  await importCslSources(db, cliActor, items, { now: clock.now() })

  const results = await runArchiveQueue({ db, clock, fetch, concurrency: 3, hostGapMs: 150 })

  assert.equal(results.filter((r) => r.outcome === 'archived').length, 4)
  assert.equal(most, 1)
  for (let i = 1; i < times.length; i++)
    assert.ok(times[i]! - times[i - 1]! >= 150, `gap ${times[i]! - times[i - 1]!} ms`)
})
