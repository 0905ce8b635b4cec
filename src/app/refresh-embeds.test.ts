import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { buildTestApp, ORIGIN } from '../../test/app.ts'
import { openTestDatabase } from '../../test/db.ts'
import { signedInStaff } from '../../test/factories.ts'
import { DEMO_CASE_PATH, loadDemoIfEmpty } from './load-demo.ts'
import { embeddedDataChangedBy } from './refresh-embeds.ts'

const database = await openTestDatabase()
const app = buildTestApp(database)
await loadDemoIfEmpty(database.db)
const { cookie } = await signedInStaff(database.db, 'analyst', {
  email: 'analyst@example.org',
  name: 'Ana',
})
const ARTICLE = '/articles/ninety-per-cent-of-what'
const demoSourceKey = (
  JSON.parse(readFileSync(DEMO_CASE_PATH, 'utf8')) as { sources: { key: string }[] }
).sources[0]!.key

test('tracker edits and strike imports are what articles embed; reads and other writes are not', () => {
  assert.deepEqual(
    embeddedDataChangedBy('POST', '/api/negotiations/russia-ukraine-2025/positions'),
    {
      kind: 'negotiation',
      key: 'russia-ukraine-2025',
    },
  )
  assert.deepEqual(
    embeddedDataChangedBy('POST', '/negotiations/russia-ukraine-2025/edit/position'),
    {
      kind: 'negotiation',
      key: 'russia-ukraine-2025',
    },
  )
  assert.deepEqual(embeddedDataChangedBy('POST', '/api/timeline/imports/strikes'), {
    kind: 'strikes',
    key: 'all',
  })
  assert.equal(
    embeddedDataChangedBy('GET', '/api/negotiations/russia-ukraine-2025/progress'),
    undefined,
  )
  assert.equal(embeddedDataChangedBy('POST', '/staff/login'), undefined)
})

test('a position saved by staff shows at once in the published article that embeds the measure', async () => {
  const before = await (await app.request(ARTICLE)).text()

  const saved = await app.request(`${ORIGIN}/api/negotiations/russia-ukraine-2025/positions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: ORIGIN,
      cookie,
    },
    body: JSON.stringify({
      document: 'us-ua-20pt-2025-12',
      point: 1,
      party: 'russia',
      on: '2026-02-10',
      level: 3,
      sources: [demoSourceKey],
    }),
  })
  // Served pages are rechecked against the stored render at most once a second.
  await new Promise((resolve) => setTimeout(resolve, 1100))
  const after = await (await app.request(ARTICLE)).text()

  assert.ok(saved.status < 300, await saved.text())
  assert.notEqual(embedFigures(after), embedFigures(before))
})

/** The text of the article's progress embeds (their figures), without the rest of the page. */
function embedFigures(html: string): string {
  return [...html.matchAll(/<figure[^>]*embed[^>]*>[\s\S]*?<\/figure>/g)]
    .map((m) => m[0].replace(/<[^>]+>/g, ' '))
    .join('|')
}

test('forecast writes name the question their embeds read; asking a new question names none', () => {
  assert.deepEqual(embeddedDataChangedBy('POST', '/api/forecasts/deal-by-june/forecasts'), {
    kind: 'forecast',
    key: 'deal-by-june',
  })
  assert.deepEqual(embeddedDataChangedBy('POST', '/staff/forecasts/deal-by-june/resolution'), {
    kind: 'forecast',
    key: 'deal-by-june',
  })
  assert.deepEqual(embeddedDataChangedBy('PATCH', '/api/forecasts/deal-by-june'), {
    kind: 'forecast',
    key: 'deal-by-june',
  })
  assert.equal(embeddedDataChangedBy('POST', '/api/forecasts'), undefined)
  assert.equal(embeddedDataChangedBy('POST', '/staff/forecasts'), undefined)
  assert.equal(embeddedDataChangedBy('GET', '/api/forecasts/deal-by-june'), undefined)
})
