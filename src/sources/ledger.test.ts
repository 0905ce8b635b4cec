import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { after, test } from 'node:test'
import { count, eq, sql } from 'drizzle-orm'
import { openTestDatabase } from '../../test/db.ts'
import { addSourceWithSnapshot } from '../../test/factories.ts'
import type { Database } from '../platform/db/client.ts'
import { isAppError } from '../platform/errors.ts'
import { fixedClock } from '../platform/time.ts'
import { cliActor, listAudit } from '../staff/audit.repository.ts'
import { addQuote } from './actions/add-quote.ts'
import { addSource } from './actions/add-source.ts'
import { archiveSource } from './actions/archive-source.ts'
import { verifyQuotes } from './actions/verify-quotes.ts'
import { listSnapshotMeta, purgeSnapshot } from './snapshots.repository.ts'
import { sourceSnapshots, sources } from './sources.tables.ts'
import { type PageServer, startPageServer } from './testing/page-server.ts'
import { minimalPdf } from './testing/pdf.ts'

const database: Database = await openTestDatabase()
const server: PageServer = await startPageServer()
const clock = fixedClock('2026-01-10T09:00:00Z')
const options = { clock, fetch: { allowPrivate: true, timeoutMs: 5000 } }

after(() => server.close())

const page = (paragraphs: string[]) =>
  `<!doctype html><html><head><title>Talks in Florida</title></head><body><article>
  <h1>Talks in Florida end without a deal</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
  </article></body></html>`

const FIRST = [
  'The envoy said on Sunday that the framework was ninety percent complete and that the remaining questions were few.',
  'Officials from both delegations said territory remained the hardest point, and that no map had been agreed.',
  'The next round is expected in Miami within two weeks, according to two people familiar with the schedule.',
]

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex')

async function sourceCount(db: Database['db']) {
  const [row] = await db.select({ n: count() }).from(sources)
  return row!.n
}

test('a source added from a local page is archived with the SHA-256 of the bytes served', async () => {
  const html = page(FIRST)
  server.set('/florida', { body: html })

  const { source, archive } = await addSource(
    database.db,
    cliActor,
    {
      url: `${server.origin}/florida?utm_source=feed`,
      kind: 'wire',
      publisher: 'Example Wire',
      published: '2025-11-30',
    },
    options,
  )

  assert.equal(archive?.outcome, 'new')
  assert.equal(archive?.snapshot.sha256, sha256(Buffer.from(html, 'utf8')))
  assert.equal(archive?.snapshot.httpStatus, 200)
  assert.equal(archive?.snapshot.textStatus, 'extracted')
  assert.equal(source.key, 'examplewire-2025-11-30-talks-florida')
  assert.equal(source.title, 'Talks in Florida')
  assert.equal(source.normalizedUrl, `${server.origin}/florida`)
  const [stored] = await database.db
    .select({
      raw: sourceSnapshots.raw,
      text: sourceSnapshots.text,
      textSha256: sourceSnapshots.textSha256,
    })
    .from(sourceSnapshots)
    .where(eq(sourceSnapshots.id, archive!.snapshot.id))
  assert.equal(sha256(stored!.raw), sha256(Buffer.from(html, 'utf8')))
  assert.equal(stored!.textSha256, sha256(stored!.text!))
})

test('the same address written another way is refused as a duplicate', async () => {
  server.set('/dup', {
    body: page([
      'A page that will be added twice, under two spellings of its address, to see the second refused.',
    ]),
  })
  await addSource(database.db, cliActor, { url: `${server.origin}/dup` }, options)
  const before = await sourceCount(database.db)

  await assert.rejects(
    addSource(database.db, cliActor, { url: `${server.origin}/dup/#top` }, options),
    (error) =>
      isAppError(error) && error.code === 'conflict' && /in the ledger already/.test(error.message),
  )
  assert.equal(await sourceCount(database.db), before)
})

test('a quote verifies, then is reported moved or orphaned after the page changes', async () => {
  server.set('/miami', { body: page(FIRST) })
  const { source } = await addSource(
    database.db,
    cliActor,
    { url: `${server.origin}/miami`, publisher: 'Example Wire', title: 'Miami round' },
    options,
  )
  const kept = await addQuote(
    database.db,
    cliActor,
    source.key,
    { exact: 'territory remained the hardest point' },
    clock,
  )
  const dropped = await addQuote(
    database.db,
    cliActor,
    source.key,
    { exact: 'the framework was ninety percent complete' },
    clock,
  )
  const first = await verifyQuotes(database.db, { clock, sourceKey: source.key })
  assert.deepEqual(
    first.results.map((r) => r.status),
    ['verified', 'verified'],
  )

  server.set('/miami', {
    body: page([
      'Editor’s note: this article was updated to remove a characterisation of the talks.',
      FIRST[1]!,
      FIRST[2]!,
    ]),
  })
  clock.advance(86_400_000)
  const rearchived = await archiveSource(database.db, cliActor, source.key, options)
  const second = await verifyQuotes(database.db, { clock, sourceKey: source.key })

  assert.equal(rearchived.outcome, 'changed')
  const byId = new Map(second.results.map((r) => [r.quoteId, r]))
  assert.equal(byId.get(kept.id)?.status, 'moved')
  assert.equal(byId.get(dropped.id)?.status, 'orphaned')
  assert.equal(byId.get(dropped.id)?.archived, 'intact')
  assert.deepEqual(second.counts, { verified: 0, moved: 1, orphaned: 1 })
  assert.equal((await listSnapshotMeta(database.db, source.id)).length, 2)
})

test('archiving an unchanged page stores no new snapshot', async () => {
  server.set('/same', {
    body: page([
      'Nothing about this page changes between two captures of it, so the second capture is not kept.',
    ]),
  })
  const { source } = await addSource(
    database.db,
    cliActor,
    { url: `${server.origin}/same` },
    options,
  )

  const again = await archiveSource(database.db, cliActor, source.key, options)

  assert.equal(again.outcome, 'unchanged')
  assert.equal((await listSnapshotMeta(database.db, source.id)).length, 1)
})

test('an unreachable, refused, oversized or non-text address adds nothing', async () => {
  server.set('/image', { body: new Uint8Array(64), headers: { 'content-type': 'image/png' } })
  server.set('/large', { body: page(['x'.repeat(4000)]) })
  const before = await sourceCount(database.db)

  const attempts: [string, object, RegExp][] = [
    ['http://127.0.0.1:9/closed', options, /unreachable/],
    [`${server.origin}/private`, { clock, fetch: { allowPrivate: false } }, /private, loopback/],
    [`${server.origin}/image`, options, /image\/png, which is not HTML, text or PDF/],
    [
      `${server.origin}/large`,
      { clock, fetch: { allowPrivate: true, maxBytes: 1024 } },
      /larger than/,
    ],
    [`${server.origin}/missing`, options, /answered HTTP 404/],
    ['mailto:someone@example.org', options, /expected an http/],
  ]
  for (const [url, opts, message] of attempts) {
    await assert.rejects(
      addSource(database.db, cliActor, { url }, opts as typeof options),
      (error) => {
        assert.ok(isAppError(error), String(error))
        assert.match(`${error.message} ${error.details.map((d) => d.message).join(' ')}`, message)
        return true
      },
    )
  }

  assert.equal(await sourceCount(database.db), before)
})

test('a quote that does not occur in the snapshot is refused and nothing is stored', async () => {
  server.set('/quoted', { body: page(FIRST) })
  const { source } = await addSource(
    database.db,
    cliActor,
    { url: `${server.origin}/quoted` },
    options,
  )

  await assert.rejects(
    addQuote(database.db, cliActor, source.key, { exact: 'the deal is done' }, clock),
    (error) =>
      isAppError(error) && error.code === 'invalid_input' && error.details[0]?.path === 'exact',
  )
  const report = await verifyQuotes(database.db, { clock, sourceKey: source.key })
  assert.equal(report.results.length, 0)
})

test('a PDF source is stored raw and its text extracted', async () => {
  const pdf = minimalPdf([
    'Joint statement on the energy truce.',
    'Both sides agree to pause strikes.',
  ])
  server.set('/statement.pdf', { body: pdf, headers: { 'content-type': 'application/pdf' } })

  const { archive } = await addSource(
    database.db,
    cliActor,
    { url: `${server.origin}/statement.pdf`, kind: 'official' },
    options,
  )

  assert.equal(archive?.snapshot.sha256, sha256(pdf))
  assert.equal(archive?.snapshot.extractor, 'pdf.js')
})

test('snapshots cannot be changed or deleted except by an audited purge', async () => {
  server.set('/immutable', {
    body: page([
      'This capture will be tampered with by a test, which the database must refuse to allow.',
    ]),
  })
  const { archive, source } = await addSource(
    database.db,
    cliActor,
    { url: `${server.origin}/immutable` },
    options,
  )
  const id = archive!.snapshot.id
  // A capture of another source, for the delete that must be refused again after the purge.
  await addSourceWithSnapshot(database.db, {
    snapshot: { fetchedAt: clock.now(), text: 'Another capture, which nothing here may delete.' },
  })

  await assert.rejects(
    database.db.update(sourceSnapshots).set({ sha256: 'forged' }).where(eq(sourceSnapshots.id, id)),
    (error: Error & { cause?: Error }) =>
      /immutable/.test(String(error.cause?.message ?? error.message)),
  )
  await assert.rejects(
    database.db.delete(sourceSnapshots).where(eq(sourceSnapshots.id, id)),
    (error: Error & { cause?: Error }) =>
      /immutable/.test(String(error.cause?.message ?? error.message)),
  )
  await assert.rejects(purgeSnapshot(database.db, cliActor, id, ''), /reason/)
  await purgeSnapshot(database.db, cliActor, id, 'takedown request: personal data in the page')

  assert.equal((await listSnapshotMeta(database.db, source.id)).length, 0)
  const audit = await listAudit(database.db, { entity: 'snapshot', entityId: String(id) })
  assert.deepEqual(
    audit.map((a) => a.action),
    ['purge', 'archive'],
  )
  // The purge setting was local to its transaction: the next delete is refused again.
  const [other] = await database.db
    .select({ id: sourceSnapshots.id })
    .from(sourceSnapshots)
    .limit(1)
  await assert.rejects(
    database.db.execute(sql`delete from source_snapshots where id = ${other!.id}`),
    (error: Error & { cause?: Error }) =>
      /immutable/.test(String(error.cause?.message ?? error.message)),
  )
})
