import assert from 'node:assert/strict'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { after, test } from 'node:test'
import { gzipSync } from 'node:zlib'
import { openTestDatabase } from '../../../test/db.ts'
import { silentLogger } from '../../platform/logger.ts'
import { fixedClock } from '../../platform/time.ts'
import { cliActor } from '../../staff/audit.repository.ts'
import { startLinkCheckJob } from '../check-links.job.ts'
import { listLinkChecks, listSnapshotMeta } from '../snapshots.repository.ts'
import { findSourceByKey } from '../sources.repository.ts'
import { startPageServer } from '../testing/page-server.ts'
import { addSource } from './add-source.ts'
import { checkLinks } from './check-links.ts'

const { db } = await openTestDatabase()
const server = await startPageServer()
after(() => server.close())
const clock = fixedClock('2026-02-01T06:00:00Z')
const options = { clock, fetch: { allowPrivate: true, timeoutMs: 3000 } }

const article = (text: string) =>
  `<html><head><title>Check</title></head><body><article><p>${text}</p></article></body></html>`

test('a link check records each source as live, changed or dead over time', async () => {
  server.set('/live', {
    body: article(
      'The statement was published on the ministry site and has not been edited since then.',
    ),
  })
  server.set('/edited', {
    body: article('The first version of this report said the deal was nearly complete and signed.'),
  })
  server.set('/removed', {
    body: article('This page will be taken down by its publisher before the next check runs.'),
  })
  const live = await addSource(db, cliActor, { url: `${server.origin}/live`, key: 'live' }, options)
  const edited = await addSource(
    db,
    cliActor,
    { url: `${server.origin}/edited`, key: 'edited' },
    options,
  )
  const removed = await addSource(
    db,
    cliActor,
    { url: `${server.origin}/removed`, key: 'removed' },
    options,
  )

  server.set('/edited', {
    body: article(
      'A corrected version of this report says the deal is not complete and nothing is signed.',
    ),
  })
  server.set('/removed', { status: 404, body: 'gone' })
  clock.advance(3_600_000)
  const results = await checkLinks(db, cliActor, {
    ...options,
    keys: ['live', 'edited', 'removed'],
  })

  assert.deepEqual(
    results.map((r) => [r.sourceKey, r.status, r.httpStatus]),
    [
      ['live', 'ok', 200],
      ['edited', 'changed', 200],
      ['removed', 'dead', 404],
    ],
  )
  assert.equal((await findSourceByKey(db, 'removed'))?.linkStatus, 'dead')
  assert.equal((await findSourceByKey(db, 'edited'))?.linkStatus, 'changed')
  // The changed page was archived again; the removed one keeps its archived copy.
  assert.equal((await listSnapshotMeta(db, edited.source.id)).length, 2)
  assert.equal((await listSnapshotMeta(db, removed.source.id)).length, 1)
  assert.equal((await listSnapshotMeta(db, live.source.id)).length, 1)

  server.set('/removed', {
    body: article('This page will be taken down by its publisher before the next check runs.'),
  })
  clock.advance(3_600_000)
  await checkLinks(db, cliActor, { ...options, keys: ['removed', 'edited'] })
  const history = await listLinkChecks(db, removed.source.id)
  assert.deepEqual(
    history.map((h) => h.status),
    ['ok', 'dead'],
  )
  // Still changed: the page no longer says what it said when first archived.
  assert.equal((await findSourceByKey(db, 'edited'))?.linkStatus, 'changed')
})

test('an unreachable source is recorded with the reason', async () => {
  server.set('/flaky', {
    body: article(
      'A page whose server will stop answering before the next link check runs at all.',
    ),
  })
  await addSource(db, cliActor, { url: `${server.origin}/flaky`, key: 'flaky' }, options)
  server.set('/flaky', { status: 503, body: 'busy' })

  const [result] = await checkLinks(db, cliActor, { ...options, keys: ['flaky'] })

  assert.equal(result?.status, 'unreachable')
  assert.equal(result?.error, 'HTTP 503')
})

test('the scheduled job checks only sources that are due, once each', async () => {
  server.set('/scheduled', {
    body: article(
      'A page for the scheduled check, which should be fetched once per interval only.',
    ),
  })
  await addSource(db, cliActor, { url: `${server.origin}/scheduled`, key: 'scheduled' }, options)
  const job = startLinkCheckJob({
    db,
    clock,
    logger: silentLogger,
    fetch: options.fetch,
    intervalHours: 24,
    tickMs: 3_600_000,
    batch: 100,
  })
  after(() => job.stop())
  const hitsBefore = server.hits('/scheduled')

  const first = await job.runOnce()
  const second = await job.runOnce()
  clock.advance(25 * 3_600_000)
  const third = await job.runOnce()

  assert.ok(first >= 1)
  assert.equal(second, 0)
  assert.ok(third >= 1)
  assert.equal(server.hits('/scheduled') - hitsBefore, 2)
})

// A gzip body cut short, whose server then goes quiet without closing the connection.
const stalledGzip = (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' })
  res.write(gzipSync(Buffer.from(article('never finished '.repeat(100)))).subarray(0, 20))
}

test('adding a source whose page stalls mid-body fails at the deadline and stores nothing', async () => {
  server.set('/stalled-add', stalledGzip)
  const started = Date.now()

  await assert.rejects(
    addSource(
      db,
      cliActor,
      { url: `${server.origin}/stalled-add`, key: 'stalled-add' },
      { clock, fetch: { allowPrivate: true, timeoutMs: 400 } },
    ),
    /did not finish loading within 0.4 s; nothing stored/,
  )

  assert.ok(Date.now() - started < 1400)
  assert.equal(await findSourceByKey(db, 'stalled-add'), undefined)
})

test('the scheduled job keeps running after a source whose page stalls mid-body', async () => {
  server.set('/stalls-later', {
    body: article(
      'A page that answers today and stalls halfway through its body at the next check.',
    ),
  })
  server.set('/steady', {
    body: article(
      'A page that answers every time, checked by the job after the stalling one runs.',
    ),
  })
  const fetch = { allowPrivate: true, timeoutMs: 300 }
  await addSource(db, cliActor, { url: `${server.origin}/stalls-later`, key: 'stalls' }, options)
  await addSource(db, cliActor, { url: `${server.origin}/steady`, key: 'steady' }, options)
  server.set('/stalls-later', stalledGzip)
  const jobClock = fixedClock(clock.now().toISOString())
  jobClock.advance(48 * 3_600_000)
  const job = startLinkCheckJob({
    db,
    clock: jobClock,
    logger: silentLogger,
    fetch,
    intervalHours: 24,
    tickMs: 50,
    firstTickMs: 0,
    batch: 100,
  })
  after(() => job.stop())
  const steadyHits = () => server.hits('/steady')
  const before = steadyHits()

  await waitFor(() => steadyHits() > before, 3000)
  jobClock.advance(25 * 3_600_000)
  await waitFor(() => steadyHits() > before + 1, 3000)
  await job.stop()

  const stalls = await findSourceByKey(db, 'stalls')
  assert.equal(stalls?.linkStatus, 'unreachable')
  const history = await listLinkChecks(db, stalls!.id)
  assert.match(history[0]?.error ?? '', /did not finish loading within 0.3 s/)
})

async function waitFor(condition: () => boolean, withinMs: number): Promise<void> {
  const until = Date.now() + withinMs
  while (!condition()) {
    if (Date.now() > until) assert.fail(`not reached within ${withinMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
