import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { buildTestApp, ORIGIN } from '../../test/app.ts'
import { openTestDatabase } from '../../test/db.ts'
import { signedInStaff } from '../../test/factories.ts'
import { savePosition } from '../negotiations/actions/save-position.ts'
import { findNegotiationBySlug } from '../negotiations/negotiations.repository.ts'
import { parseConfig } from '../platform/config.ts'
import { systemClock } from '../platform/time.ts'
import { cliActor } from '../staff/audit.repository.ts'
import { articlesFollow, embedDependencyOf } from './after-write.ts'
import { DEMO_CASE_PATH, loadDemoIfEmpty } from './load-demo.ts'

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

test('each change names what the embeds read: one negotiation, the strike data, one question, or all', () => {
  assert.deepEqual(embedDependencyOf({ data: 'tracker', negotiation: 'russia-ukraine-2025' }), {
    kind: 'negotiation',
    key: 'russia-ukraine-2025',
  })
  assert.deepEqual(embedDependencyOf({ data: 'strikes' }), { kind: 'strikes', key: 'all' })
  assert.deepEqual(embedDependencyOf({ data: 'forecast', question: 'deal-by-june' }), {
    kind: 'forecast',
    key: 'deal-by-june',
  })
  assert.equal(embedDependencyOf({ data: 'everything' }), undefined)
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

test('a tracker change re-renders the article that embeds that negotiation, and no other change does', async () => {
  const reports: string[] = []
  const follow = articlesFollow({
    db: database.db,
    config: parseConfig({ NODE_ENV: 'test', PARLEY_DATA_DIR: '/nonexistent' }),
    clock: systemClock,
    report: (event) => reports.push(event),
  })
  const negotiation = (await findNegotiationBySlug(database.db, 'russia-ukraine-2025'))!
  // Written without telling anyone, as a write that forgot to call dataChanged would.
  await savePosition(database.db, cliActor, negotiation, {
    document: 'us-ua-20pt-2025-12',
    point: 2,
    party: 'russia',
    on: '2026-02-11',
    level: 0,
    sources: [demoSourceKey],
  })

  await follow({ data: 'tracker', negotiation: 'another-negotiation' })
  await follow({ data: 'forecast', question: 'no-such-question' })
  const afterOthers = [...reports]
  await follow({ data: 'tracker', negotiation: 'russia-ukraine-2025' })

  assert.deepEqual(afterOthers, [])
  assert.deepEqual(reports, ['updated'])
})
