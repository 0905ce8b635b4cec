import assert from 'node:assert/strict'
import { test } from 'node:test'
import { buildTestApp, ORIGIN } from '../../test/app.ts'
import { openTestDatabase } from '../../test/db.ts'
import { addSnapshot, signedInMember } from '../../test/factories.ts'
import { addArticle } from '../articles/actions/add-article.ts'
import { publishArticle } from '../articles/actions/publish-article.ts'
import { importCase } from '../casefile/import-case.ts'
import { addClaim } from '../negotiations/actions/add-claim.ts'
import { fixedClock } from '../platform/time.ts'
import { cliActor } from '../staff/audit.repository.ts'
import { addQuote } from './actions/add-quote.ts'
import { insertLinkCheck } from './snapshots.repository.ts'
import { findSourceByKey } from './sources.repository.ts'

const database = await openTestDatabase()
const { db } = database
const clock = fixedClock('2026-01-20T09:00:00Z')
const app = buildTestApp(database, { clock })

const { headers: asMember } = await signedInMember(db, {
  email: 'captures@example.org',
  now: clock.now(),
})

const page = (path: string, headers: Record<string, string> = {}) =>
  app.request(`${ORIGIN}${path}`, { headers: { accept: 'text/html', ...headers } })

// One source cited by two positions, a claim and an article, captured on 1 and on 3 Jan 2026: the
// page said one thing on the first day and something else by the third.
const KEY = 'wire-2026-01-01-talks'
const URL_ = 'https://wire.example.com/talks?id=7&lang=en'
await importCase(db, cliActor, {
  format: 'parley-case/1',
  negotiation: {
    slug: 'captured-talks',
    title: 'Captured talks',
    summary: 'Talks whose sources changed.',
    startedOn: '2026-01-01',
  },
  sources: [
    { key: KEY, url: URL_, publisher: 'Example Wire', published: '2026-01-01' },
    { key: 'draft-text', url: 'https://gov.example.org/draft', publisher: 'North' },
  ],
  actors: [{ key: 'north', name: 'North', kind: 'state' }],
  parties: [
    { actor: 'north', roles: [{ role: 'principal', from: '2026-01-01', to: null, sources: [] }] },
  ],
  documents: [
    {
      key: 'draft',
      title: 'Draft',
      date: '2026-01-01',
      sources: ['draft-text'],
      provisions: [
        { number: 1, topic: 'ceasefire', text: 'Guns fall silent.', sources: ['draft-text'] },
      ],
    },
  ],
  positions: [
    { document: 'draft', point: 1, party: 'north', on: '2026-01-02', level: 2, sources: [KEY] },
    { document: 'draft', point: 1, party: 'north', on: '2026-01-04', level: 3, sources: [KEY] },
  ],
})
const source = (await findSourceByKey(db, KEY))!

const FIRST_TEXT =
  'North said on Thursday that a ceasefire <b>"could start within days"</b> & that talks would go on.'
const SECOND_TEXT = 'North now says the ceasefire is off.'
async function capture(at: string, text: string) {
  return addSnapshot(db, source, { fetchedAt: new Date(at), text, finalUrl: URL_ })
}
const first = await capture('2026-01-01T10:00:00Z', FIRST_TEXT)
const quote = await addQuote(
  db,
  cliActor,
  KEY,
  { snapshotId: first.id, exact: '<b>"could start within days"</b>' },
  clock,
)
const second = await capture('2026-01-03T10:00:00Z', SECOND_TEXT)
const firstCopy = `/sources/${KEY}/snapshots/${first.id}`
const secondCopy = `/sources/${KEY}/snapshots/${second.id}`
const quoteLink = `${firstCopy}/text?quote=${quote.id}#quote`

await addClaim(db, cliActor, {
  key: 'north-2026-01-02-ceasefire',
  text: 'A ceasefire could start within days.',
  claimant: 'North',
  statedOn: '2026-01-02',
  source: KEY,
  quoteId: String(quote.id),
  status: 'disputed',
})

/** The archived-copy links in a page, in order. */
const archiveLinks = (html: string) =>
  [...html.matchAll(/href="(\/sources\/[^"]*\/snapshots\/\d+)"/g)].map((m) => m[1])

test('a position links the capture that stood on its date, not a later one', async () => {
  const onDay2 = await (
    await page('/negotiations/captured-talks/positions?at=2026-01-02', asMember)
  ).text()
  const onDay4 = await (
    await page('/negotiations/captured-talks/positions?at=2026-01-04', asMember)
  ).text()

  assert.deepEqual(archiveLinks(onDay2), [firstCopy])
  assert.match(onDay2, /archived 1 Jan 2026/)
  assert.match(onDay2, /later captures: 1/)
  assert.deepEqual(archiveLinks(onDay4), [secondCopy])
  assert.match(onDay4, /archived 3 Jan 2026/)
  assert.doesNotMatch(onDay4, /later captures/)
})

test('a quote links the capture it was anchored in, opened at the highlighted passage', async () => {
  const claimPage = await (await page('/claims/north-2026-01-02-ceasefire', asMember)).text()
  const anonymous = await (await page('/claims/north-2026-01-02-ceasefire')).text()

  assert.ok(claimPage.includes(`href="${quoteLink.replace('&', '&amp;')}"`), 'no quote link')
  assert.ok(!anonymous.includes('/snapshots/'), 'an anonymous reader got an archive path')
  // The claim was made on 2 Jan: its source links the copy of 1 Jan, not the newer one.
  assert.ok(claimPage.includes(`href="${firstCopy}"`))
  assert.ok(!claimPage.includes(`href="${secondCopy}"`))

  const res = await app.request(`${ORIGIN}${quoteLink.replace('#quote', '')}`, {
    headers: asMember,
  })
  const body = await res.text()
  assert.equal(res.status, 200)
  assert.match(res.headers.get('content-type') ?? '', /^text\/html/)
  assert.match(res.headers.get('content-security-policy') ?? '', /^sandbox;.*default-src 'none'/)
  assert.ok(
    body.includes(
      '<mark id="quote">&lt;b&gt;&quot;could start within days&quot;&lt;/b&gt;</mark> &amp; that',
    ),
    body,
  )
  assert.ok(!body.includes('<b>'), 'the archived text was not escaped')
  assert.ok(!body.includes('<script'))
})

test('a quote is only highlighted in its own capture, and a bad quote id is refused by name', async () => {
  const elsewhere = await app.request(`${ORIGIN}${secondCopy}/text?quote=${quote.id}`, {
    headers: asMember,
  })
  const bad = await app.request(`${ORIGIN}${firstCopy}/text?quote=abc`, { headers: asMember })
  const anonymous = await app.request(`${ORIGIN}${firstCopy}/text?quote=${quote.id}`)

  assert.equal(elsewhere.status, 404)
  assert.equal(bad.status, 400)
  assert.match(await bad.text(), /quote/)
  assert.equal(anonymous.status, 403)
})

test('a statement made before the first capture says so and names the earliest', async () => {
  await importCase(db, cliActor, {
    format: 'parley-case/1',
    negotiation: {
      slug: 'early-talks',
      title: 'Early talks',
      summary: 'A position older than any capture.',
      startedOn: '2025-12-01',
    },
    sources: [
      { key: KEY, url: URL_, publisher: 'Example Wire', published: '2026-01-01' },
      { key: 'early-text', url: 'https://gov.example.org/early', publisher: 'North' },
    ],
    actors: [{ key: 'north', name: 'North', kind: 'state' }],
    parties: [
      { actor: 'north', roles: [{ role: 'principal', from: '2025-12-01', to: null, sources: [] }] },
    ],
    documents: [
      {
        key: 'early',
        title: 'Early draft',
        date: '2025-12-01',
        sources: ['early-text'],
        provisions: [
          { number: 1, topic: 'ceasefire', text: 'Talk first.', sources: ['early-text'] },
        ],
      },
    ],
    positions: [
      { document: 'early', point: 1, party: 'north', on: '2025-12-20', level: 1, sources: [KEY] },
    ],
  })

  const html = await (
    await page('/negotiations/early-talks/positions?at=2025-12-20', asMember)
  ).text()

  assert.match(html, /no capture on or before 20 Dec 2025; earliest/)
  assert.deepEqual(archiveLinks(html), [firstCopy])
})

test("an article's notes: the ledger page for everyone; for members the dated capture, quotes in place, and a dead original said plainly", async () => {
  await insertLinkCheck(db, {
    sourceId: source.id,
    checkedAt: new Date('2026-01-19T00:00:00Z'),
    status: 'dead',
    httpStatus: 404,
    finalUrl: URL_,
    error: null,
    snapshotId: null,
  })
  const article = await addArticle(
    db,
    cliActor,
    { title: 'Ceasefire talk', summary: 'What North said.', body: `North spoke [@${KEY}].` },
    { id: null, name: 'A. Writer' },
    clock.now(),
  )
  await publishArticle(db, cliActor, article.id, {
    now: new Date('2026-01-02T12:00:00Z'),
    site: { url: 'https://parley.example' },
  })

  const anonymous = await (await page(`/articles/${article.slug}`)).text()
  const asReader = await (await page(`/articles/${article.slug}`, asMember)).text()
  const api = await (
    await app.request(`${ORIGIN}/api/articles/${article.slug}`, { headers: asMember })
  ).json()

  const publicNote = anonymous.match(/<li id="note-1"[\s\S]*?<\/li>/)?.[0] ?? ''
  const hrefs = [...publicNote.matchAll(/href="([^"]*)"/g)].map((m) => m[1])
  assert.deepEqual(
    hrefs.filter((h) => !h!.startsWith('#')),
    [`/sources/${KEY}`],
  )
  assert.ok(!anonymous.includes('wire.example.com') && !anonymous.includes('/snapshots/'))

  assert.match(asReader, /original no longer available/)
  assert.ok(asReader.includes(`href="${firstCopy}">Archived copy of 1 Jan 2026</a>`), asReader)
  assert.ok(asReader.includes(`href="${quoteLink}"`))
  assert.match(asReader, /later captures: 1/)
  assert.equal(api.notes[0].originalAvailable, false)
  assert.equal(api.notes[0].quotes[0].url, quoteLink)
})

test("the source's public ledger page shows each capture's date and hashes, and no address", async () => {
  const html = await (await page(`/sources/${KEY}`)).text()

  assert.ok(html.includes(first.sha256) && html.includes(second.sha256))
  assert.ok(html.includes(first.textSha256!))
  assert.match(html, /2026-01-01/)
  assert.match(html, /id="snapshots"/)
  assert.ok(!html.includes('wire.example.com') && !html.includes('/snapshots/'))
})
