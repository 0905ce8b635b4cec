import assert from 'node:assert/strict'
import { test } from 'node:test'
import { type SQL, sql } from 'drizzle-orm'
import { buildTestApp, ORIGIN } from '../../test/app.ts'
import { openTestDatabase } from '../../test/db.ts'
import { signedInStaff } from '../../test/factories.ts'
import { loadDemoIfEmpty } from '../app/load-demo.ts'
import { rowsOf } from '../platform/db/migrate.ts'
import { isAppError } from '../platform/errors.ts'
import { cliActor } from '../staff/audit.repository.ts'
import { addArticle } from './actions/add-article.ts'
import { publishArticle } from './actions/publish-article.ts'
import { rerenderArticlesEmbedding } from './actions/rerender-served-versions.ts'
import { findArticleBySlug } from './articles.repository.ts'
import { REVALIDATE_MS } from './render-cache.ts'
import { findCachedArticle } from './served-articles.repository.ts'

const SLUG = 'ninety-per-cent-of-what'
const site = { url: 'https://parley.example' }

const database = await openTestDatabase()
const { db } = database
await loadDemoIfEmpty(db, { site })
const app = buildTestApp(database)
const page = async () =>
  (await app.request(`${ORIGIN}/articles/${SLUG}`, { headers: { accept: 'text/html' } })).text()

/**
 * Puts back what a test changed in the data the article embeds, and renders the article again:
 * the other tests read the demo's figures, whichever order the tests run in.
 */
async function undoChange(statement: SQL): Promise<void> {
  await db.execute(statement)
  await rerenderArticlesEmbedding(db, undefined, undefined, { site, now: new Date() })
}

test('the timeline embed draws the nights and ranks the week before each round', async () => {
  const html = await page()

  assert.doesNotMatch(html, /nightly strike figures are not loaded/)
  assert.match(html, /Missiles and drones launched per night, 10 Dec 2025 to 20 Feb 2026/)
  assert.match(html, /The heaviest night in the window was 23 Dec 2025, with 673 launched/)
  assert.match(
    html,
    /Trump hosts Zelensky at Mar-a-Lago<\/a> <span class="meta">— launches in the week around it [\d.]+× the four weeks before \(R\); the 7 nights before it the \d+(st|nd|rd|th)-heaviest of [\d,]+ such windows since \d+ \w+ \d{4}<\/span>/,
  )
})

test('a ceasefire taking effect is marked on the timeline embed, as a round of talks is', async () => {
  await db.execute(sql`
    insert into events (negotiation_id, key, kind, occurred_on, title, summary)
    select id, 'embed-test-ceasefire', 'ceasefire', '2026-01-10', 'Local ceasefire takes effect', 'Test.'
    from negotiations where slug = 'russia-ukraine-2025'`)

  await rerenderArticlesEmbedding(db, undefined, undefined, { site, now: new Date() })
  const html = await page()
  await db.execute(sql`delete from events where key = 'embed-test-ceasefire'`)
  await rerenderArticlesEmbedding(db, undefined, undefined, { site, now: new Date() })

  assert.match(
    html,
    /<span class="tag">ceasefire<\/span> <a [^>]*>Local ceasefire takes effect<\/a> <span class="meta">— launches in the week around it/,
  )
})

test('a change in the strike data reaches the timeline embed when the article is rendered again', async (t) => {
  const night = sql`night = '2026-01-05' and dataset = 'missile-attacks-ukraine'`
  const [original] = rowsOf<{ drones: number | null }>(
    await db.execute(sql`select drones_launched as drones from strike_nights where ${night}`),
  )
  t.after(() =>
    undoChange(sql`update strike_nights set drones_launched = ${original!.drones} where ${night}`),
  )
  await db.execute(
    sql`update strike_nights set drones_launched = 5000 where night = '2026-01-05' and dataset = 'missile-attacks-ukraine'`,
  )

  const report = await rerenderArticlesEmbedding(db, 'strikes', 'all', { site, now: new Date() })

  assert.deepEqual(report.updated, [SLUG])
  assert.match(
    await page(),
    /The heaviest night in the window was 5 Jan 2026, with 50\d\d launched/,
  )
})

test('a change in the tracker reaches the progress embed when the article is rendered again', async (t) => {
  const [last] = rowsOf<{ id: number }>(
    await db.execute(sql`select coalesce(max(id), 0)::int as id from positions`),
  )
  t.after(() => undoChange(sql`delete from positions where id > ${last!.id}`))
  const count = /id="embed-2-c"><span class="value">([\d.]+)%/
  const before = Number(count.exec(await page())![1])
  assert.equal(before, 0, 'with Russia a principal no point is agreed by all')

  // Russia is recorded as agreeing, in verifiable text, to every point of the framework.
  await db.execute(sql`
    insert into positions (provision_id, actor_id, stated_on, level)
    select p.id, a.id, '2026-02-10', 3
    from provisions p
    join framework_documents d on d.id = p.document_id and d.key = 'us-ua-20pt-2025-12'
    join actors a on a.negotiation_id = d.negotiation_id and a.key = 'russia'`)
  const report = await rerenderArticlesEmbedding(db, 'negotiation', 'russia-ukraine-2025', {
    site,
    now: new Date(),
  })

  assert.deepEqual(report.updated, [SLUG])
  const after = Number(count.exec(await page())![1])
  assert.ok(after > before, `count share still ${after}%`)
})

test('the page cache trusts an entry for a second, then sees another process’s write', async () => {
  const t0 = 1_000_000
  const first = await findCachedArticle(db, SLUG, t0)
  assert.ok(first)
  // Another process renders the article again: a new page and a higher render_rev.
  await db.execute(sql`
    update article_renders set public_page = public_page || '<!-- elsewhere -->'
    where version_id = ${first.version.id}`)
  await db.execute(sql`update articles set render_rev = render_rev + 1 where slug = ${SLUG}`)

  const soon = await findCachedArticle(db, SLUG, t0 + REVALIDATE_MS / 2)
  const later = await findCachedArticle(db, SLUG, t0 + REVALIDATE_MS + 1)

  assert.equal(soon, first, 'within the second, memory answers')
  assert.ok(later!.render.publicPage.endsWith('<!-- elsewhere -->'))
  assert.equal(later!.article.renderRev, (await findArticleBySlug(db, SLUG))!.renderRev)
})

const QUESTION = 'ru-ua-signed-agreement-by-2026-06-30'

test('the forecast embed draws the question, the aggregate with its meaning and the forecasts', async () => {
  const html = await page()

  const embed = /<figure class="embed embed-forecast" id="embed-4">[\s\S]*?<figcaption>/.exec(html)
  assert.ok(embed, 'the forecast embed is on the page')
  const body = embed[0]
  // Latest forecasts: 15% (26 Jan), 14% (6 Feb), 16% (18 Feb); the recency-weighted median is 15%.
  assert.match(body, /id="embed-4-aggregate"><span class="value">15%<\/span>/)
  assert.match(
    body,
    /chance of yes: the recency-weighted median of 3 forecasters’ latest forecasts/,
  )
  assert.match(body, new RegExp(`href="/forecasts/${QUESTION}"`))
  assert.match(body, /<svg[^>]*id="embed-4-chart"/)
  assert.doesNotMatch(body, /href="https?:/, 'an embed links only to Parley’s own pages')
})

test('a forecast recorded on the desk reaches the article at once', async (t) => {
  t.after(() =>
    undoChange(sql`delete from forecasts where rationale = 'A test forecast far from the others.'`),
  )
  const { cookie } = await signedInStaff(db, 'analyst', {
    email: 'forecaster@example.org',
    name: 'Fore Caster',
  })

  const res = await app.request(`${ORIGIN}/api/forecasts/${QUESTION}/forecasts`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: ORIGIN,
      cookie,
    },
    body: JSON.stringify({
      forecaster: 'Fore Caster',
      probability: 0.9,
      madeOn: '2026-02-19',
      rationale: 'A test forecast far from the others.',
    }),
  })

  assert.equal(res.status, 201)
  const body = await page()
  assert.match(body, /recency-weighted median of 4 forecasters’ latest forecasts/)
  assert.match(body, /id="embed-4-aggregate"><span class="value">16%<\/span>/)
})

test('an unknown question key blocks publishing, and the problem names it with its line', async () => {
  const article = await addArticle(
    db,
    cliActor,
    {
      title: 'Ghost question',
      body: 'Text.\n\n```parley-embed forecast question=no-such-question\n```',
    },
    { id: null, name: 'Desk' },
    new Date('2026-02-20T10:00:00Z'),
  )

  const error = await publishArticle(db, cliActor, article.id, {
    now: new Date('2026-02-20T10:00:00Z'),
    site,
  }).catch((e: unknown) => e)

  assert.ok(isAppError(error), String(error))
  assert.deepEqual(
    error.details.map((d) => `${d.path}: ${d.message}`),
    ['line 3: forecast: forecasting question "no-such-question" not found'],
  )
  assert.equal((await findArticleBySlug(db, article.slug))!.status, 'draft')
})
