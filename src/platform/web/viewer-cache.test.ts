import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sql } from 'drizzle-orm'
import { buildTestApp } from '../../../test/app.ts'
import { openTestDatabase } from '../../../test/db.ts'
import { signedInMember } from '../../../test/factories.ts'
import { loadDemoIfEmpty } from '../../app/load-demo.ts'
import { rowsOf } from '../db/migrate.ts'

const database = await openTestDatabase()
await loadDemoIfEmpty(database.db)
const app = buildTestApp(database)

const first = async (query: ReturnType<typeof sql>) =>
  String(Object.values(rowsOf<Record<string, string>>(await database.db.execute(query))[0]!)[0])
const source = await first(sql`select key from sources order by key limit 1`)
const claim = await first(sql`select key from claims order by key limit 1`)
const slug = await first(sql`select slug from negotiations order by slug limit 1`)
const forecast = await first(sql`select key from forecast_questions order by key limit 1`)

// The pages and API answers that carry source URLs for members (issue 9, item 8).
const viewerPages = [
  '/sources',
  `/sources/${source}`,
  '/api/sources',
  `/claims/${claim}`,
  `/api/claims/${claim}`,
  `/negotiations/${slug}`,
  `/negotiations/${slug}/timeline`,
  `/negotiations/${slug}/architecture`,
  `/negotiations/${slug}/positions`,
  `/negotiations/${slug}/diff`,
  `/api/negotiations/${slug}`,
  `/forecasts/${forecast}`,
  '/timeline',
  '/api/bibliography',
]

test("pages that differ by viewer say Vary: Cookie, and a member's copy is private", async () => {
  const cookie = (await signedInMember(database.db, { email: 'cache@example.org' })).cookie

  for (const path of viewerPages) {
    const anonymous = await app.request(path, { headers: { accept: 'text/html' } })
    const member = await app.request(path, { headers: { accept: 'text/html', cookie } })

    assert.equal(anonymous.status, 200, path)
    assert.equal(member.status, 200, path)
    assert.match(anonymous.headers.get('vary') ?? '', /\bCookie\b/i, path)
    assert.match(member.headers.get('vary') ?? '', /\bCookie\b/i, path)
    assert.match(member.headers.get('cache-control') ?? '', /\bprivate\b/, path)
    assert.match(member.headers.get('cache-control') ?? '', /\b(no-cache|no-store)\b/, path)
  }
})

test('the shared stylesheet keeps its public caching', async () => {
  const res = await app.request('/assets/site.css', {
    headers: { cookie: (await signedInMember(database.db, { email: 'cache@example.org' })).cookie },
  })

  assert.equal(res.headers.get('cache-control'), 'public, max-age=3600')
})
