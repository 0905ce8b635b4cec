import assert from 'node:assert/strict'
import { test } from 'node:test'
import { buildTestApp, ORIGIN } from '../../test/app.ts'
import { openTestDatabase } from '../../test/db.ts'
import { addSnapshot, signedInStaff } from '../../test/factories.ts'
import { loadDemoIfEmpty } from '../app/load-demo.ts'
import { findSourceByKey } from '../sources/sources.repository.ts'
import { rerenderArticlesEmbedding } from './actions/rerender-served-versions.ts'
import { findArticleBySlug, listVersions } from './articles.repository.ts'
import { newsletterEmail } from './email.ts'
import { findCachedArticle } from './served-articles.repository.ts'

// The demo site as a first start makes it: the case, then the article about it.
const database = await openTestDatabase()
const { db } = database
await loadDemoIfEmpty(db, { site: { url: 'https://parley.example' } })
const app = buildTestApp(database)
const SLUG = 'ninety-per-cent-of-what'
const PATH = `/articles/${SLUG}`

const unescapeHtml = (text: string) =>
  text
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
const unescapeXml = (text: string) => unescapeHtml(text.replace(/&apos;/g, "'"))

const get = (path: string, headers: Record<string, string> = {}) =>
  app.request(`${ORIGIN}${path}`, { headers: { accept: 'text/html', ...headers } })

test('the demo article is published on first start, citing the demo sources and embedding the measures and a forecast', async () => {
  const article = await findArticleBySlug(db, SLUG)
  assert.equal(article?.status, 'published')
  const [version] = await listVersions(db, article!.id)
  assert.ok(version!.citedKeys.length >= 20, `${version!.citedKeys.length} sources cited`)
  assert.deepEqual(version!.dependencies.map((d) => `${d.kind}:${d.key}`).sort(), [
    'forecast:ru-ua-signed-agreement-by-2026-06-30',
    'negotiation:russia-ukraine-2025',
    'strikes:all',
  ])

  const page = await (await get(PATH)).text()

  assert.match(page, /<figure class="embed embed-progress" id="embed-1">/)
  assert.match(page, /<figure class="embed embed-timeline" id="embed-3">/)
  assert.match(page, /<figure class="embed embed-forecast" id="embed-4">/)
  assert.match(page, /Count share C/)
  assert.match(page, /<svg[^>]*class="chart"/)
  assert.match(page, /Subscribe free to unlock direct links to all \d+ sources/)
})

test('the notes carry the same numbers on the page, in the API and in the feed', async () => {
  const page = await (await get(PATH)).text()
  const api = (await (
    await get(`/api/articles/${SLUG}`, { accept: 'application/json' })
  ).json()) as {
    notes: { number: number; title: string }[]
  }
  const feed = await (await get('/feed.xml')).text()

  const notesOf = (html: string) =>
    [
      ...html.matchAll(/<li id="note-(\d+)" value="\d+"><a class="ledger" href="[^"]+">“([^”]+)”/g),
    ].map((m) => [Number(m[1]), unescapeHtml(m[2]!)])
  const pageNotes = notesOf(page)
  assert.ok(pageNotes.length >= 20)
  assert.deepEqual(
    api.notes.map((n) => [n.number, n.title]),
    pageNotes,
  )
  const content = /<item>.*?<content:encoded>(.*?)<\/content:encoded>/s.exec(feed)![1]!
  assert.deepEqual(notesOf(unescapeXml(content)), pageNotes)
})

test('a member-equivalent reader (staff) sees the archived copy; the public page does not', async () => {
  const source = await findSourceByKey(db, 'semafor-2025-12-28-maralago')
  await addSnapshot(db, source!, {
    fetchedAt: new Date('2026-01-02T10:00:00Z'),
    raw: Buffer.from('<html><body><p>Trump and Zelensky discuss.</p></body></html>'),
    text: 'Trump and Zelensky discuss.',
    extractor: 'plain',
  })
  // The capture changes what members get: the next render pass picks it up.
  const report = await rerenderArticlesEmbedding(db, undefined, undefined, {
    site: { url: 'https://parley.example' },
    now: new Date('2026-02-21T00:00:00Z'),
  })
  assert.deepEqual(report.updated, [SLUG])
  const editor = await signedInStaff(db, 'editor', { email: 'ed@example.org', name: 'Ed' })

  const member = await (await get(PATH, editor.headers)).text()
  const anonymous = await (await get(PATH)).text()

  assert.match(member, new RegExp(`/sources/${source!.key}/snapshots/\\d+`))
  assert.ok(member.includes(source!.url))
  assert.doesNotMatch(anonymous, /\/snapshots\//)
  assert.ok(!anonymous.includes(source!.url))
})

test('rendering again with unchanged data writes nothing', async () => {
  const site = { url: 'https://parley.example' }
  await rerenderArticlesEmbedding(db, 'negotiation', 'russia-ukraine-2025', {
    site,
    now: new Date(),
  })

  const again = await rerenderArticlesEmbedding(db, 'negotiation', 'russia-ukraine-2025', {
    site,
    now: new Date(),
  })

  assert.equal(again.checked, 1)
  assert.deepEqual(again.updated, [])
  assert.deepEqual(again.failed, [])
})

test('the newsletter e-mail carries the same numbered notes as the page, with their addresses', async () => {
  const served = (await findCachedArticle(db, SLUG))!
  const page = await (await get(PATH)).text()

  const mail = newsletterEmail({
    siteUrl: 'https://parley.example',
    slug: SLUG,
    title: served.version.title,
    summary: served.version.summary,
    byline: served.article.byline,
    memberFragment: served.render.memberFragment,
    sourceSummary: served.render.sourceSummary.text,
    notes: served.render.notes,
  })

  const pageNotes = [
    ...page.matchAll(/<li id="note-(\d+)" value="\d+"><a class="ledger" href="[^"]+">“([^”]+)”/g),
  ].map((m) => `[${m[1]}] “${unescapeHtml(m[2]!)}”`)
  assert.equal(pageNotes.length, served.render.notes.length)
  const textNotes = mail.text
    .split('\n')
    .filter((line) => /^\[\d+\] “/.test(line))
    .map((line) => line.slice(0, line.indexOf('”') + 1))
  assert.deepEqual(textNotes, pageNotes)
  // The newsletter goes to members only: every note carries its source's address.
  for (const note of served.render.notes) assert.ok(mail.html.includes(note.url), note.url)
})
