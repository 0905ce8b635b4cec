import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { after, test } from 'node:test'
import { buildTestApp, formPost, ORIGIN } from '../../test/app.ts'
import { openTestDatabase } from '../../test/db.ts'
import { signedInStaff } from '../../test/factories.ts'
import { addClaim } from '../negotiations/actions/add-claim.ts'
import { fixedClock } from '../platform/time.ts'
import { cliActor, listAudit } from '../staff/audit.repository.ts'
import { addQuote } from './actions/add-quote.ts'
import { addSource } from './actions/add-source.ts'
import { countSources } from './sources.repository.ts'
import { startPageServer } from './testing/page-server.ts'

const database = await openTestDatabase()
const { db } = database
const clock = fixedClock('2026-01-15T08:00:00Z')
const app = buildTestApp(database, { clock, env: { PARLEY_FETCH_ALLOW_PRIVATE: '1' } })
const server = await startPageServer()
after(() => server.close())

const { cookie: staffCookie } = await signedInStaff(db, 'owner', {
  email: 'owner@example.org',
  name: 'O. Wner',
})

const html = `<html><head><title>Envoy: 90% done</title><script>alert(1)</script></head><body><article>
<p>The envoy said on Friday that the framework was ninety percent complete, with one issue left.</p>
<p>Officials said the remaining issue was territory, and that it decides whether there is a deal.</p>
</article></body></html>`
server.set('/envoy', { body: html })
const { source, archive } = await addSource(
  db,
  cliActor,
  {
    url: `${server.origin}/envoy`,
    key: 'wire-2026-01-14-envoy',
    kind: 'wire',
    publisher: 'Example Wire',
    published: '2026-01-14',
  },
  { clock, fetch: { allowPrivate: true } },
)
const snapshotId = archive!.snapshot.id
const quote = await addQuote(
  db,
  cliActor,
  source.key,
  { exact: 'the framework was ninety percent complete' },
  clock,
)
await addClaim(db, cliActor, {
  key: 'envoy-2026-01-14-ninety',
  text: 'The framework is ninety percent complete.',
  claimant: 'The Envoy',
  statedOn: '2026-01-14',
  source: source.key,
  quoteId: String(quote.id),
  status: 'misleading',
  credibility: '3',
  statedShare: '0.9',
  verdict: 'The open issue is the one that decides the deal.',
  reviewedOn: '2026-01-15',
})

async function get(path: string, cookie?: string, accept = 'application/json') {
  const res = await app.request(`${ORIGIN}${path}`, {
    headers: { accept, ...(cookie ? { cookie } : {}) },
  })
  return { res, text: await res.text() }
}

function postJson(path: string, body: unknown, cookie = staffCookie, method = 'POST') {
  return app.request(`${ORIGIN}${path}`, {
    method,
    headers: { origin: ORIGIN, cookie, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

test('GET /api/sources/KEY gives each snapshot its hashes, time and status — and no URL to anonymous readers', async () => {
  const { res, text } = await get(`/api/sources/${source.key}`)
  const body = JSON.parse(text)

  assert.equal(res.status, 200)
  assert.deepEqual(
    Object.keys(body.snapshots[0])
      .filter((k) => ['sha256', 'textSha256', 'fetchedAt', 'status'].includes(k))
      .sort(),
    ['fetchedAt', 'sha256', 'status', 'textSha256'],
  )
  assert.equal(body.snapshots[0].sha256, createHash('sha256').update(html).digest('hex'))
  assert.equal(body.snapshots[0].status, 200)
  assert.equal(body.quotes[0].selectors[0].type, 'TextQuoteSelector')
  assert.equal(text.includes(server.origin), false)
  assert.equal(text.includes('/snapshots/'), false)
  assert.equal('url' in body, false)
})

test('staff get the original URL and the archived-copy address', async () => {
  const { text } = await get(`/api/sources/${source.key}`, staffCookie)
  const body = JSON.parse(text)

  assert.equal(body.url, `${server.origin}/envoy`)
  assert.equal(body.snapshots[0].archiveUrl, `/sources/${source.key}/snapshots/${snapshotId}`)
})

test('the source page shows hashes and quotes to everyone, the links only to staff', async () => {
  const anonymous = await get(`/sources/${source.key}`, undefined, 'text/html')
  const staff = await get(`/sources/${source.key}`, staffCookie, 'text/html')

  assert.equal(anonymous.res.status, 200)
  assert.ok(anonymous.text.includes(archive!.snapshot.sha256))
  assert.ok(anonymous.text.includes('the framework was ninety percent complete'))
  assert.equal(anonymous.text.includes(server.origin), false)
  assert.equal(anonymous.text.includes('/snapshots/'), false)
  assert.match(anonymous.text, /Subscribe free/)
  assert.ok(staff.text.includes(`${server.origin}/envoy`))
  assert.ok(staff.text.includes(`/sources/${source.key}/snapshots/${snapshotId}`))
})

test('the archived copy is served as stored, sandboxed, and only to readers who may see it', async () => {
  const anonymous = await get(
    `/sources/${source.key}/snapshots/${snapshotId}`,
    undefined,
    'text/html',
  )
  const staff = await app.request(`${ORIGIN}/sources/${source.key}/snapshots/${snapshotId}`, {
    headers: { cookie: staffCookie },
  })
  const bytes = new Uint8Array(await staff.arrayBuffer())

  assert.equal(anonymous.res.status, 403)
  assert.equal(anonymous.text.includes(server.origin), false)
  assert.equal(staff.status, 200)
  assert.equal(createHash('sha256').update(bytes).digest('hex'), archive!.snapshot.sha256)
  assert.match(staff.headers.get('content-security-policy') ?? '', /^sandbox; default-src 'none'/)
  assert.equal(staff.headers.get('x-parley-archived-copy'), null)
})

test('a snapshot of another source is not served under this one', async () => {
  const { res } = await get(`/sources/some-other-key/snapshots/${snapshotId}`, staffCookie)

  assert.equal(res.status, 404)
})

test('adding a source through the API archives it; a bad URL is refused naming the field, adding nothing', async () => {
  server.set('/api-added', {
    body: '<html><body><p>Added through the JSON API, with an archive made at once.</p></body></html>',
  })
  const before = await countSources(db)

  const created = await postJson('/api/sources', {
    url: `${server.origin}/api-added`,
    kind: 'official',
  })
  const refused = await postJson('/api/sources', { url: 'javascript:alert(1)' })
  const anonymous = await postJson('/api/sources', { url: `${server.origin}/api-added-2` }, '')

  assert.equal(created.status, 201)
  const body = await created.json()
  assert.equal(body.archive.outcome, 'new')
  assert.equal(refused.status, 400)
  assert.equal((await refused.json()).error.details[0].path, 'url')
  assert.equal(anonymous.status, 401)
  assert.equal(await countSources(db), before + 1)
})

test('the desk form adds a source, and shows a fetch failure beside the form', async () => {
  const res = await app.request(
    formPost(
      '/staff/sources',
      { url: 'http://127.0.0.1:9/nothing', kind: 'wire' },
      { cookie: staffCookie },
    ),
  )
  const text = await res.text()

  assert.equal(res.status, 503)
  assert.match(text, /unreachable/)
  assert.match(text, /value="http:\/\/127.0.0.1:9\/nothing"/)
})

test('a bibliography comes as CSL-JSON, APA or Chicago', async () => {
  const csl = JSON.parse((await get(`/api/bibliography?format=csl-json&keys=${source.key}`)).text)
  const chicago = await get(`/api/bibliography?format=chicago&keys=${source.key}`)
  const bad = await get('/api/bibliography?format=mla')

  assert.equal(csl[0].id, source.key)
  assert.equal('URL' in csl[0], false)
  assert.match(chicago.text, /Example Wire/)
  assert.equal(bad.res.status, 400)
})

test('a quote through the API that does not occur is refused; one that does is stored', async () => {
  const missing = await postJson(`/api/sources/${source.key}/quotes`, {
    exact: 'a deal was signed',
  })
  const found = await postJson(`/api/sources/${source.key}/quotes`, {
    exact: 'the remaining issue was territory',
  })

  assert.equal(missing.status, 400)
  assert.equal((await missing.json()).error.details[0].path, 'exact')
  assert.equal(found.status, 201)
})

test('purging a snapshot needs the owner role and a reason, and is audited', async () => {
  server.set('/to-purge', {
    body: '<html><body><p>This capture is going to be purged through the JSON API by the owner.</p></body></html>',
  })
  const added = await postJson('/api/sources', { url: `${server.origin}/to-purge` })
  const id = (await added.json()).archive.snapshot.id

  const noReason = await postJson(`/api/snapshots/${id}`, {}, staffCookie, 'DELETE')
  const purged = await postJson(
    `/api/snapshots/${id}`,
    { reason: 'a takedown request' },
    staffCookie,
    'DELETE',
  )

  assert.equal(noReason.status, 400)
  assert.equal(purged.status, 200)
  const audit = await listAudit(db, { entity: 'snapshot', entityId: String(id) })
  assert.equal(audit[0]?.action, 'purge')
  assert.equal(audit[0]?.actor, 'owner@example.org')
})

test('a quote can be deleted (audited) unless a claim rests on it, and a quoted snapshot cannot be purged', async () => {
  server.set('/quoted-then-purged', {
    body: '<html><body><p>A sentence that will be quoted, then unquoted, then purged for good.</p></body></html>',
  })
  const added = await (
    await postJson('/api/sources', { url: `${server.origin}/quoted-then-purged` })
  ).json()
  const snapshot = added.archive.snapshot.id
  const kept = await (
    await postJson(`/api/sources/${added.source.key}/quotes`, { exact: 'will be quoted' })
  ).json()
  const dropped = await (
    await postJson(`/api/sources/${added.source.key}/quotes`, { exact: 'purged for good' })
  ).json()
  const evidence = await postJson('/api/claims/envoy-2026-01-14-ninety/evidence', {
    stance: 'supports',
    source: added.source.key,
    quoteId: kept.id,
  })

  const blockedPurge = await postJson(
    `/api/snapshots/${snapshot}`,
    { reason: 'takedown request' },
    staffCookie,
    'DELETE',
  )
  const blockedDelete = await postJson(`/api/quotes/${kept.id}`, {}, staffCookie, 'DELETE')
  const deleted = await postJson(`/api/quotes/${dropped.id}`, {}, staffCookie, 'DELETE')

  assert.equal(evidence.status, 201)
  assert.equal(blockedPurge.status, 409)
  assert.match((await blockedPurge.json()).error.message, /quote\(s\) anchored in it/)
  assert.equal(blockedDelete.status, 409)
  assert.equal(deleted.status, 204)
  const audit = await listAudit(db, { entity: 'quote', entityId: String(dropped.id) })
  assert.deepEqual(
    audit.map((a) => a.action),
    ['delete', 'create'],
  )
})

test('an anonymous reader sees each quoted passage with its context, but no way to the original or the copy', async () => {
  server.set('/moved-statement', {
    status: 301,
    headers: { location: '/statement-final' },
    body: '',
  })
  server.set('/statement-final', {
    body: '<html><body><article><p>The ministry said the ceasefire line would be monitored from the air and from the ground, by both sides.</p></article></body></html>',
  })
  const redirected = await addSource(
    db,
    cliActor,
    { url: `${server.origin}/moved-statement`, key: 'ministry-statement', kind: 'official' },
    { clock, fetch: { allowPrivate: true } },
  )
  const passage = await addQuote(
    db,
    cliActor,
    redirected.source.key,
    { exact: 'would be monitored from the air' },
    clock,
  )

  const { res, text } = await get('/sources/ministry-statement', undefined, 'text/html')

  assert.equal(res.status, 200)
  assert.ok(text.includes('would be monitored from the air'))
  assert.ok(text.includes(passage.prefix))
  assert.ok(text.includes(`quote-${passage.id}`))
  assert.equal(text.includes('/moved-statement'), false)
  assert.equal(text.includes('/statement-final'), false)
  assert.equal(text.includes(server.origin), false)
  assert.equal(text.includes('/snapshots/'), false)
})
