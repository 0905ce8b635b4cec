import assert from 'node:assert/strict'
import { test } from 'node:test'
import { buildTestApp, ORIGIN } from '../../test/app.ts'
import { openTestDatabase } from '../../test/db.ts'
import { signedInMember, signedInStaff } from '../../test/factories.ts'
import { loadDemoIfEmpty } from '../app/load-demo.ts'
import { fixedClock } from '../platform/time.ts'
import { sources } from '../sources/sources.tables.ts'
import { cliActor } from '../staff/audit.repository.ts'
import { addArticle } from './actions/add-article.ts'
import { publishArticle } from './actions/publish-article.ts'
import { listFrontPageArticles } from './articles.repository.ts'
import { readingMinutes } from './home.pages.tsx'

// The demo site as a first start makes it, read on a day after its article and claims.
const database = await openTestDatabase()
const { db } = database
const site = { url: 'https://parley.example' }
await loadDemoIfEmpty(db, { site })
const clock = fixedClock('2026-03-01T09:00:00Z')
const app = buildTestApp(database, { clock })

const get = (path: string, headers: Record<string, string> = {}) =>
  app.request(`${ORIGIN}${path}`, { headers: { accept: 'text/html', ...headers } })

const frontPage = async (headers: Record<string, string> = {}) => {
  const res = await get('/', headers)
  assert.equal(res.status, 200)
  return res.text()
}

/** The site header's navigation, where the "Subscribe" link lives. */
const headerOf = (page: string) => /<header class="site">[\s\S]*?<\/header>/.exec(page)?.[0] ?? ''

test('reading time is the word count at 230 words a minute, never under a minute', () => {
  assert.equal(readingMinutes(0), 1)
  assert.equal(readingMinutes(230), 1)
  assert.equal(readingMinutes(1150), 5)
  assert.equal(readingMinutes(1300), 6)
})

test('the demo front page lists the demo article with its byline, date and reading time', async () => {
  const [demo] = await listFrontPageArticles(db, 1)
  assert.ok(demo, 'the demo has no published article')

  const page = await frontPage()

  assert.match(page, new RegExp(`<a href="/articles/${demo.slug}">`))
  assert.ok(page.includes(demo.byline), `no byline ${demo.byline}`)
  assert.ok(demo.wordCount > 230, `the demo article counts ${demo.wordCount} words`)
  assert.match(page, new RegExp(`${readingMinutes(demo.wordCount)} min read`))
  assert.ok(page.includes(`datetime="${demo.firstPublishedAt.toISOString().slice(0, 10)}"`))
})

test('the demo front page shows the negotiation with C, P and G beside its latest claim', async () => {
  const page = await frontPage()

  assert.match(page, /href="\/negotiations\/russia-ukraine-2025"/)
  assert.match(page, /count share C <strong class="c">\d+\.\d%<\/strong>/)
  assert.match(page, /stake-weighted P <strong class="p">\d+\.\d%<\/strong>/)
  assert.match(page, /gated G <strong class="g">\d+\.\d%<\/strong>/)
  assert.match(page, /claimed \d+%\s*on <time datetime="\d{4}-\d\d-\d\d">/)
})

test('the demo front page lists open forecast questions with their aggregate', async () => {
  const page = await frontPage()

  const forecasts = /<section aria-labelledby="forecasts">[\s\S]*?<\/section>/.exec(page)?.[0]
  assert.ok(forecasts, 'no forecasts section')
  assert.match(forecasts, /<a href="\/forecasts\/[a-z0-9-]+">/)
  assert.match(forecasts, /<strong class="aggregate">\d+%<\/strong>/)
})

test('an anonymous reader gets the sign-up form and a Subscribe link in the header', async () => {
  const page = await frontPage()

  assert.match(page, /<form method="post" action="\/members\/signup"/)
  assert.match(page, /name="email"/)
  assert.match(headerOf(page), /<a href="\/members\/signup"[^>]*>Subscribe<\/a>/)
})

test('a signed-in member sees neither the form nor Subscribe, here or on other pages', async () => {
  const cookie = (await signedInMember(db, { now: clock.now() })).cookie

  const page = await frontPage({ cookie })
  const forecasts = await (await get('/forecasts', { cookie })).text()
  const anonymousForecasts = await (await get('/forecasts')).text()

  assert.doesNotMatch(page, /action="\/members\/signup"/)
  assert.match(page, /You&#39;re a member/)
  assert.doesNotMatch(headerOf(page), /Subscribe/)
  assert.doesNotMatch(headerOf(forecasts), /Subscribe/)
  assert.match(headerOf(anonymousForecasts), /Subscribe/)
})

test('staff see no Subscribe link and no sign-up form', async () => {
  const page = await frontPage({ cookie: (await signedInStaff(db, 'editor')).cookie })

  assert.doesNotMatch(headerOf(page), /Subscribe/)
  assert.doesNotMatch(page, /action="\/members\/signup"/)
})

test('a newly published article is at the top of the front page at once', async () => {
  await frontPage()
  const article = await addArticle(
    db,
    cliActor,
    {
      title: 'What the ceasefire text leaves out',
      summary: 'Three points nobody has tabled.',
      body: 'A short piece. '.repeat(300),
    },
    { id: null, name: 'Mariia Kovalenko' },
    clock.now(),
  )

  await publishArticle(db, cliActor, article.id, { now: clock.now(), site })
  const page = await frontPage()

  const latest = /<section aria-labelledby="latest">[\s\S]*?<\/section>/.exec(page)?.[0] ?? ''
  const first = /<a href="\/articles\/([a-z0-9-]+)">/.exec(latest)?.[1]
  assert.equal(first, article.slug)
  assert.match(latest, /Mariia Kovalenko/)
  assert.match(latest, /Three points nobody has tabled\./)
  assert.match(latest, /4 min read/)
})

test('the anonymous front page carries no source address', async () => {
  const ledger = await db.select({ url: sources.url }).from(sources)
  assert.ok(ledger.length > 0)

  const page = await frontPage()

  for (const { url } of ledger) {
    assert.ok(!page.includes(url), `the front page leaks ${url}`)
    assert.ok(!page.includes(url.replaceAll('&', '&amp;')), `the front page leaks ${url}`)
  }
})
