import assert from 'node:assert/strict'
import { test } from 'node:test'
import { buildTestApp, formPost, ORIGIN } from '../../test/app.ts'
import { openTestDatabase } from '../../test/db.ts'
import { signedInStaff } from '../../test/factories.ts'
import { loadDemoIfEmpty } from '../app/load-demo.ts'
import { fixedClock } from '../platform/time.ts'
import { listAudit } from '../staff/audit.repository.ts'
import { archiveProgress, countQueueStatus } from './archive-queue.repository.ts'
import { countSources } from './sources.repository.ts'

// The bundled demo is the one import whose sources are not fetched unasked. Nothing here
// fetches: the tests look at the queue, never run the job (the demo's sources are on the web).
const database = await openTestDatabase()
const { db } = database
const clock = fixedClock('2026-12-03T09:00:00Z')
const app = buildTestApp(database, { clock })

const { cookie: owner } = await signedInStaff(db, 'owner', {
  email: 'owner@example.org',
  name: 'owner',
})
const { cookie: analyst } = await signedInStaff(db, 'analyst', {
  email: 'analyst@example.org',
  name: 'analyst',
})

test('the demo load holds its sources without queueing any of them', async () => {
  const report = await loadDemoIfEmpty(db)

  const sources = await countSources(db)
  assert.ok(report && report.sources.created > 100)
  assert.equal(report.sources.queued, 0)
  assert.equal(report.sources.held, sources)
  assert.equal(await countQueueStatus(db, 'queued'), 0)
  const progress = await archiveProgress(db)
  assert.equal(progress.held, sources)
  assert.equal(progress.left, 0)
})

test("the owner's desk offers the demo's sources, an analyst's does not, and only the owner may queue them", async () => {
  const held = await countQueueStatus(db, 'held')

  const ownerDesk = await app.request(`${ORIGIN}/staff/sources`, {
    headers: { cookie: owner, accept: 'text/html' },
  })
  const analystDesk = await app.request(`${ORIGIN}/staff/sources`, {
    headers: { cookie: analyst, accept: 'text/html' },
  })
  const refused = await app.request(formPost('/staff/archive/demo', {}, { cookie: analyst }))

  assert.match(await ownerDesk.text(), new RegExp(`Archive the demo(&#39;|')s ${held} sources now`))
  assert.doesNotMatch(await analystDesk.text(), /Archive the demo/)
  assert.equal(refused.status, 403)
  assert.equal(await countQueueStatus(db, 'queued'), 0)
})

test("the owner's button queues the demo's sources, audited, and the desk shows them as left", async () => {
  const held = await countQueueStatus(db, 'held')

  const res = await app.request(formPost('/staff/archive/demo', {}, { cookie: owner }))
  const desk = await app.request(`${ORIGIN}/staff/sources`, {
    headers: { cookie: owner, accept: 'text/html' },
  })

  assert.equal(res.status, 303)
  assert.equal(await countQueueStatus(db, 'queued'), held)
  assert.equal(await countQueueStatus(db, 'held'), 0)
  const html = await desk.text()
  assert.match(html, new RegExp(`0 archived · 0 failed · ${held} left`))
  assert.doesNotMatch(html, /Archive the demo/)
  const audit = await listAudit(db, { limit: 5 })
  const entry = audit.find((a) => a.action === 'archive-queue')
  assert.equal(entry?.actor, 'owner@example.org')
  assert.deepEqual(entry?.after, { queued: held, of: 'demo' })
})
