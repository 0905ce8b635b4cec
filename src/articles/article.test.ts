import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ArticleForm, parseArticleFile, ScheduleTime } from './article.ts'
import { diffVersions } from './corrections.ts'
import { atomFeed, robotsTxt, rssFeed, sitemapXml } from './metadata.ts'
import { summarizeSources } from './notes.ts'

test('the source summary counts kinds, largest group first', () => {
  const summary = summarizeSources([
    ...Array(5).fill({ kind: 'official' }),
    ...Array(6).fill({ kind: 'wire' }),
    ...Array(3).fill({ kind: 'osint' }),
  ])

  assert.equal(summary.text, '14 sources: 6 wire, 5 official, 3 OSINT')
  assert.equal(summary.total, 14)
})

test('a correction diff shows only the changed places, with context, field by field', () => {
  const before = {
    title: 'Talks and strikes',
    summary: 'Same.',
    body: `${'Filler words that do not change. '.repeat(10)}The envoys said 90% was done.${' More filler that stays.'.repeat(10)}`,
  }
  const after = {
    ...before,
    body: before.body.replace('90% was done', '"90% complete" was their word'),
  }

  const diff = diffVersions(before, after)

  assert.deepEqual(
    diff.map((f) => f.field),
    ['body'],
  )
  const [hunk] = diff[0]!.hunks
  assert.equal(diff[0]!.hunks.length, 1)
  const text = (op: string) =>
    hunk!
      .filter((p) => p.op === op)
      .map((p) => p.text)
      .join('|')
  assert.match(text('removed'), /done/)
  assert.match(text('added'), /complete/)
  assert.ok(hunk![0]!.text.startsWith('… '), 'long unchanged text before is cut')
  assert.ok(hunk!.at(-1)!.text.endsWith(' …'), 'long unchanged text after is cut')
})

test('the editor form derives a slug from the title and refuses a bad one naming the field', () => {
  const derived = ArticleForm.parse({ title: 'Ninety per cent — of what?', body: 'x' })
  assert.equal(derived.slug, 'ninety-per-cent-of-what')

  const bad = ArticleForm.safeParse({ title: 'T', slug: 'Not A Slug', body: '' })
  assert.equal(bad.success, false)
  assert.deepEqual(bad.error!.issues[0]!.path, ['slug'])
})

test('a schedule time without a zone is read as UTC; nonsense is refused', () => {
  assert.equal(ScheduleTime.parse('2026-03-01T09:30').toISOString(), '2026-03-01T09:30:00.000Z')
  assert.equal(
    ScheduleTime.parse('2026-03-01T09:30+01:00').toISOString(),
    '2026-03-01T08:30:00.000Z',
  )
  assert.equal(ScheduleTime.safeParse('tomorrow').success, false)
})

test('an article file needs its header; problems name the line or the field', () => {
  const ok = parseArticleFile(
    '---\nslug: a-b\ntitle: A B\nbyline: Desk\npublished: 2026-02-20\n---\n\nText [@k].\n',
  )
  assert.ok(ok.ok)
  assert.equal(ok.article.body, 'Text [@k].\n')
  assert.equal(ok.article.bodyOffset, 7, 'the body starts on line 8 of the file')
  assert.equal(ok.article.published.toISOString(), '2026-02-20T08:00:00.000Z')

  const missing = parseArticleFile('Text only')
  assert.deepEqual(missing, { ok: false, problems: ['line 1: expected "---" to open the header'] })
  const badLine = parseArticleFile('---\nslug a-b\n---\n')
  assert.deepEqual(badLine, { ok: false, problems: ['line 2: expected "name: value"'] })
  const badField = parseArticleFile(
    '---\nslug: A B\ntitle: t\nbyline: d\npublished: 2026-02-20\n---\n',
  )
  assert.equal(badField.ok, false)
  assert.match((badField as { problems: string[] }).problems[0]!, /^slug: /)
})

const entry = {
  slug: 'a-b',
  title: 'Talks & <strikes>',
  summary: 'Count vs stake',
  byline: 'Desk',
  firstPublishedAt: new Date('2026-02-20T08:00:00Z'),
  modifiedAt: new Date('2026-02-21T08:00:00Z'),
  html: '<p>Text <a href="#note-1">1</a></p>',
}
const info = {
  siteUrl: 'https://parley.example',
  title: 'Parley',
  description: 'Analysis',
  updatedAt: entry.modifiedAt,
}

test('RSS and Atom escape titles and carry the full text as escaped HTML, its links made absolute', () => {
  const rss = rssFeed(info, [entry])
  const atom = atomFeed(info, [entry])

  assert.match(rss, /<title>Talks &amp; &lt;strikes&gt;<\/title>/)
  assert.match(
    rss,
    /<content:encoded>&lt;p&gt;Text &lt;a href=&quot;https:\/\/parley.example\/articles\/a-b#note-1&quot;&gt;1&lt;\/a&gt;&lt;\/p&gt;<\/content:encoded>/,
  )
  assert.match(rss, /<guid isPermaLink="true">https:\/\/parley.example\/articles\/a-b<\/guid>/)
  assert.match(atom, /<updated>2026-02-21T08:00:00.000Z<\/updated>/)
  assert.match(
    atom,
    /<content type="html" xml:base="https:\/\/parley.example\/articles\/a-b">&lt;p&gt;/,
  )
})

test('the sitemap lists the site pages with their dates and robots.txt points to it', () => {
  const xml = sitemapXml('https://parley.example', [
    { path: '/' },
    { path: '/articles/a-b', lastModified: entry.modifiedAt },
  ])

  assert.match(xml, /<loc>https:\/\/parley.example\/<\/loc>/)
  assert.match(
    xml,
    /<url><loc>https:\/\/parley.example\/articles\/a-b<\/loc><lastmod>2026-02-21T08:00:00.000Z<\/lastmod><\/url>/,
  )
  assert.match(
    robotsTxt('https://parley.example'),
    /Disallow: \/staff\n[\s\S]*Sitemap: https:\/\/parley.example\/sitemap.xml/,
  )
})
