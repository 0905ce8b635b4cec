import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sql } from 'drizzle-orm'
import { addArticle } from '../src/articles/actions/add-article.ts'
import { publishArticle } from '../src/articles/actions/publish-article.ts'
import { saveArticle } from '../src/articles/actions/save-article.ts'
import { siteOf } from '../src/articles/site.ts'
import { findLatestInboxMessageTo } from '../src/mail/inbox.repository.ts'
import { parseConfig } from '../src/platform/config.ts'
import { rowsOf } from '../src/platform/db/migrate.ts'
import { findSourceByKey } from '../src/sources/sources.repository.ts'
import { cliActor } from '../src/staff/audit.repository.ts'
import { cookieFrom, formPost, ORIGIN } from './app.ts'
import { articlePages, crawl, type Fetched } from './crawl.ts'
import { openDemoApp } from './demo-app.ts'
import { addSnapshot } from './factories.ts'

// The demo site as a fresh `npm start` makes it, crawled through app.request(): no port.
const { db, app } = await openDemoApp()

// The demo has no archived copies (nothing here reaches the internet): give one source a capture,
// so that an archive link would have something to point at.
const [archived] = rowsOf<{ id: number; key: string; url: string }>(
  await db.execute(sql`select id, key, url from sources order by key limit 1`),
)
assert.ok(archived, 'the demo case has sources')
const snapshot = await addSnapshot(db, (await findSourceByKey(db, archived.key))!, {
  fetchedAt: new Date('2026-01-20T10:00:00Z'),
  raw: Buffer.from('<html><body><p>An archived page.</p></body></html>'),
  finalUrl: `${archived.url}?final=1`,
  text: 'An archived page.',
  extractor: 'plain',
})

// An article that links to sources every way an author might write an address, published and
// then corrected: the correction rewrites a cited paragraph and changes a link and an archive link.
// Its corrections log entry, its page and the feeds must give an anonymous reader none of them.
const [linked] = rowsOf<{ key: string; url: string }>(
  await db.execute(sql`select key, url from sources order by key offset 1 limit 1`),
)
assert.ok(linked)
const archivedCopy = `/sources/${archived.key}/snapshots/${snapshot.id}`
/** Each address as the author wrote it in the article; the crawl looks for every one. */
function linkForms(source: { key: string; url: string }, copy: string): string[] {
  const url = new URL(source.url)
  const rest = `${url.host}${url.pathname}${url.search}`
  return [
    source.url,
    `http://${rest}`,
    `//${rest}`,
    `${url.protocol}//${url.host}${url.pathname.replace(/[a-z]/, (c) => `%${c.charCodeAt(0).toString(16)}`)}${url.search}`,
    `http://localhost${copy}`,
    copy.replace('/snapshots/', '/%73napshots/'),
    copy.replace('/sources/', '/sources//'),
    copy.replace('/snapshots/', '/./snapshots/'),
  ]
}
const writtenForms = [
  ...linkForms(archived, archivedCopy),
  ...linkForms(linked, `/sources/${linked.key}/snapshots/1`),
]
const site = siteOf(parseConfig({ NODE_ENV: 'test', PARLEY_DATA_DIR: '/nonexistent' }))
const formsArticle = await addArticle(
  db,
  cliActor,
  {
    title: 'Every way to write a link',
    body: [
      `The envoys met on Friday [@${archived.key}]. See [the report](${archived.url}) and [our copy](${archivedCopy}).`,
      ...writtenForms.map((href, i) => `Form ${i + 1}: [as written](${href}).`),
    ].join('\n\n'),
  },
  { id: null, name: 'The desk' },
  new Date(),
)
await publishArticle(db, cliActor, formsArticle.id, { now: new Date(), site })
await saveArticle(
  db,
  cliActor,
  formsArticle.id,
  {
    title: formsArticle.title,
    slug: formsArticle.slug,
    body: [
      `The envoys met on Saturday [@${linked.key}]. See [the statement](${linked.url}) and [our copy](/sources/${linked.key}/snapshots/1).`,
      ...writtenForms.map((href, i) => `Form ${i + 1}: [as written](${href}).`),
    ].join('\n\n'),
  },
  new Date(),
)
await publishArticle(db, cliActor, formsArticle.id, {
  now: new Date(Date.now() + 1000),
  site,
  reason: 'The envoys met on Saturday.',
})

/** Every source URL and archived-copy address in the ledger: none may reach an anonymous reader. */
async function forbiddenStrings(): Promise<string[]> {
  const urls = rowsOf<{ value: string }>(
    await db.execute(sql`
      select url as value from sources
      union select normalized_url from sources
      union select requested_url from source_snapshots
      union select final_url from source_snapshots
      union select final_url from source_link_checks where final_url is not null
      union select '/sources/' || key || '/snapshots' from sources`),
  )
  return [...urls.map((u) => u.value), ...writtenForms]
}

function fetcher(cookie?: string) {
  return async (path: string): Promise<Fetched> => {
    const res = await app.request(`${ORIGIN}${path}`, {
      headers: {
        accept: path.startsWith('/api/') ? 'application/json' : 'text/html,application/xhtml+xml',
        ...(cookie ? { cookie } : {}),
      },
    })
    return {
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      body: await res.text(),
      location: res.headers.get('location') ?? undefined,
      headers: [...res.headers].map(([name, value]) => `${name}: ${value}`).join('\n'),
    }
  }
}

/** Signs a reader up the way a reader does: the form, the e-mail, the confirmation button. */
async function signUpMember(email: string): Promise<string> {
  const asked = await app.request(
    formPost('/members/signup', { email, website: '', returnTo: '/' }),
  )
  assert.equal(asked.status, 200)
  const message = await findLatestInboxMessageTo(db, email)
  const token = /\/members\/verify\?token=([\w-]+)/.exec(message?.text ?? '')?.[1]
  assert.ok(token, 'the e-mail holds a magic link')
  const confirmed = await app.request(formPost('/members/verify', { token }))
  const cookie = cookieFrom(confirmed, 'parley_member')
  assert.ok(cookie, 'confirming signs the member in')
  return cookie
}

const stayOut = (path: string) =>
  path.startsWith('/members/signout') || path.startsWith('/account/delete')

test('an anonymous reader finds no source URL and no archived-copy address anywhere', async () => {
  const forbidden = await forbiddenStrings()
  assert.ok(forbidden.length > 100, 'the ledger holds the demo sources')

  const report = await crawl(fetcher(), { origin: ORIGIN, forbidden, skip: stayOut })

  assert.deepEqual(
    report.leaks.slice(0, 20),
    [],
    `${report.leaks.length} leaks, e.g. ${JSON.stringify(report.leaks.slice(0, 5))}`,
  )
  assert.equal(report.visited.get('/'), 200)
  assert.equal(report.visited.get('/negotiations/russia-ukraine-2025'), 200)
  assert.equal(report.visited.get('/api/negotiations/russia-ukraine-2025'), 200)
  assert.ok(report.visited.size >= 10, `only ${report.visited.size} pages crawled`)
  for (const covered of ['/sitemap.xml', '/feed.xml', '/feed.atom', '/robots.txt'])
    assert.equal(report.visited.get(covered), 200, `${covered} was crawled`)
  assert.ok(articlePages(report).length >= 1, 'the demo article was crawled')
  for (const covered of [`/articles/${formsArticle.slug}`, '/corrections', '/api/corrections'])
    assert.equal(report.visited.get(covered), 200, `${covered} was crawled`)
  const log = await (await fetcher()('/corrections')).body
  assert.ok(log.includes('The envoys met on Saturday.'), 'the correction is in the log')
  assert.match(log, /<ins>[^<]*Saturday/, 'with what changed in the text')
})

test('the same crawl as a signed-in member does find the source URLs, so the crawl can fail', async () => {
  const cookie = await signUpMember('crawler@example.org')
  const forbidden = await forbiddenStrings()

  const report = await crawl(fetcher(cookie), { origin: ORIGIN, forbidden, skip: stayOut })

  const found = new Set(report.leaks.map((l) => l.forbidden))
  assert.ok(found.size >= 20, `a member saw only ${found.size} source URLs`)
  const demoUrls = rowsOf<{ url: string }>(await db.execute(sql`select url from sources`))
  assert.ok(demoUrls.some((u) => found.has(u.url)))
  assert.ok(
    found.has(`/sources/${archived.key}/snapshots`),
    'a member is offered the archived copy',
  )
  const withLinks = new Set(report.leaks.map((l) => l.page))
  for (const article of articlePages(report))
    assert.ok(withLinks.has(article), `a member sees source URLs on ${article}`)
})
