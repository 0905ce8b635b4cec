import assert from 'node:assert/strict'
import { test } from 'node:test'
import { buildTestApp, cookieFrom, formPost, ORIGIN } from '../../test/app.ts'
import { openTestDatabase } from '../../test/db.ts'
import { loadDemoIfEmpty } from '../app/load-demo.ts'
import { STAFF_COOKIE } from '../platform/web/auth.ts'
import { addStaff } from '../staff/actions/add-staff.ts'
import { cliActor } from '../staff/audit.repository.ts'

// The demo article embeds the strike timeline; it is served from a render cache.
const ARTICLE = '/articles/ninety-per-cent-of-what'

const database = await openTestDatabase()
await loadDemoIfEmpty(database.db, { site: { url: 'https://parley.example' } })
const app = buildTestApp(database)
const password = 'a long enough password'
await addStaff(database.db, cliActor, {
  email: 'an@example.org',
  name: 'An',
  role: 'analyst',
  password,
})
const login = await app.request(formPost('/staff/login', { email: 'an@example.org', password }))
const cookie = cookieFrom(login, STAFF_COOKIE)!

test('a strike file uploaded by staff reaches the article that embeds the timeline at once', async () => {
  const file = [
    'time_start,time_end,model,target,launched,destroyed,source',
    '2026-01-04 18:00,2026-01-05 08:00,Shahed-136/131,Ukraine,5000,4000,kpszsu/posts/a',
  ].join('\n')

  const imported = await app.request(
    new Request(`${ORIGIN}/api/timeline/imports/strikes`, {
      method: 'POST',
      headers: { origin: ORIGIN, cookie, 'content-type': 'text/csv' },
      body: file,
    }),
  )
  // Served pages are rechecked against the stored render at most once a second.
  await new Promise((resolve) => setTimeout(resolve, 1100))
  const html = await (await app.request(ARTICLE, { headers: { accept: 'text/html' } })).text()

  assert.equal(imported.status, 200, await imported.text())
  assert.match(html, /The heaviest night in the window was \d+ Jan 2026, with 5,?000 launched/)
})
