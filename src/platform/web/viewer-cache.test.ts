import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sql } from 'drizzle-orm'
import { buildTestApp } from '../../../test/app.ts'
import { openTestDatabase } from '../../../test/db.ts'
import { loadDemoIfEmpty } from '../../app/load-demo.ts'
import { insertMemberSession, upsertMember } from '../../members/members.repository.ts'
import { rowsOf } from '../db/migrate.ts'
import { randomToken } from '../ids.ts'
import { MEMBER_COOKIE } from './auth.ts'

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

async function memberCookie(): Promise<string> {
  const member = await upsertMember(database.db, 'cache@example.org', new Date())
  const token = randomToken(32)
  await insertMemberSession(database.db, token, member.id, new Date(Date.now() + 86_400_000))
  return `${MEMBER_COOKIE}=${token}`
}

test("pages that differ by viewer say Vary: Cookie, and a member's copy is private", async () => {
  const cookie = await memberCookie()

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
  const res = await app.request('/assets/site.css', { headers: { cookie: await memberCookie() } })

  assert.equal(res.headers.get('cache-control'), 'public, max-age=3600')
})
