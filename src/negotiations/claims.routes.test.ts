import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { buildTestApp, ORIGIN } from '../../test/app.ts'
import { openTestDatabase } from '../../test/db.ts'
import { randomToken } from '../platform/ids.ts'
import { fixedClock } from '../platform/time.ts'
import { STAFF_COOKIE } from '../platform/web/auth.ts'
import { addQuote } from '../sources/actions/add-quote.ts'
import { addSource } from '../sources/actions/add-source.ts'
import { startPageServer } from '../sources/testing/page-server.ts'
import { addStaff } from '../staff/actions/add-staff.ts'
import { cliActor } from '../staff/audit.repository.ts'
import { insertSession } from '../staff/staff.repository.ts'
import { addClaim } from './actions/add-claim.ts'

const database = await openTestDatabase()
const { db } = database
const clock = fixedClock('2026-01-15T08:00:00Z')
const app = buildTestApp(database, { clock, env: { PARLEY_FETCH_ALLOW_PRIVATE: '1' } })
const server = await startPageServer()
after(() => server.close())

const owner = await addStaff(db, cliActor, {
  email: 'owner@example.org',
  name: 'O. Wner',
  role: 'owner',
  password: 'a long enough password',
})
const token = randomToken()
await insertSession(db, token, owner.id, new Date('2030-01-01T00:00:00Z'))
const staffCookie = `${STAFF_COOKIE}=${token}`

const html = `<html><head><title>Envoy: 90% done</title><script>alert(1)</script></head><body><article>
<p>The envoy said on Friday that the framework was ninety percent complete, with one issue left.</p>
<p>Officials said the remaining issue was territory, and that it decides whether there is a deal.</p>
</article></body></html>`
server.set('/envoy', { body: html })
const { source } = await addSource(
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

test('a reviewed claim carries ClaimReview JSON-LD, with the appearance URL only for staff', async () => {
  const anonymous = await get('/claims/envoy-2026-01-14-ninety', undefined, 'text/html')
  const staff = await get('/claims/envoy-2026-01-14-ninety', staffCookie, 'text/html')
  const ld = (page: string) =>
    JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)![1]!)

  const publicLd = ld(anonymous.text)
  assert.equal(publicLd['@type'], 'ClaimReview')
  assert.equal(publicLd.reviewRating.alternateName, 'Misleading')
  assert.equal(publicLd.itemReviewed.author.name, 'The Envoy')
  assert.equal(publicLd.itemReviewed.appearance.url, undefined)
  assert.equal(anonymous.text.includes(server.origin), false)
  assert.equal(ld(staff.text).itemReviewed.appearance.url, `${server.origin}/envoy`)
  assert.match(anonymous.text, /90%/)
})

test('the claims API lists claims without source URLs for anonymous readers', async () => {
  const { text } = await get('/api/claims')

  assert.equal(JSON.parse(text).claims[0].key, 'envoy-2026-01-14-ninety')
  assert.equal(text.includes(server.origin), false)
})
