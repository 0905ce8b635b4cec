import assert from 'node:assert/strict'
import { test } from 'node:test'
import { crawl, type Fetched, linksIn } from './crawl.ts'

const ORIGIN = 'http://site.test'

/** A little site as a table of responses; anything else is a 404. */
function site(pages: Record<string, Partial<Fetched>>) {
  return async (path: string): Promise<Fetched> => {
    const page = pages[path]
    if (!page) return { status: 404, contentType: 'text/plain', body: 'not found' }
    return { status: 200, contentType: 'text/html', body: '', ...page }
  }
}

test('links are found in HTML attributes, feeds, sitemaps and JSON, and only on this site', () => {
  const html = `<a href="/a?x=1&amp;y=2#top">a</a> <a href="https://elsewhere.test/b">b</a>
    <link rel="alternate" href="${ORIGIN}/feed.xml"> <form action="/search"></form>
    <meta name="description" content="Plain words, not a link">
    <meta property="og:url" content="${ORIGIN}/og">
    <script type="application/ld+json">{"url":"${ORIGIN}/ld"}</script> <a href="rel">r</a>`
  const xml = `<urlset><url><loc>${ORIGIN}/from-sitemap</loc></url></urlset>`
  const json = JSON.stringify({ items: [{ href: '/api/x/1' }, { url: 'https://elsewhere.test/' }] })

  assert.deepEqual(linksIn(html, 'text/html', ORIGIN, `${ORIGIN}/dir/page`).sort(), [
    '/a?x=1&y=2',
    '/dir/rel',
    '/feed.xml',
    '/ld',
    '/og',
    '/search',
  ])
  assert.deepEqual(linksIn(xml, 'application/xml', ORIGIN), ['/from-sitemap'])
  assert.deepEqual(linksIn(json, 'application/json', ORIGIN), ['/api/x/1'])
})

test('a forbidden URL is caught however it is escaped, in a linked page or a JSON twin', async () => {
  const secret = 'https://source.test/doc?a=1&b=2'
  const fetchPath = site({
    '/': { body: '<a href="/article">article</a>' },
    '/article': { body: `<p>clean</p>` },
    '/api/article': { contentType: 'application/json', body: JSON.stringify({ url: secret }) },
    '/feed.xml': {
      contentType: 'application/rss+xml',
      body: `<link>${secret.replace(/&/g, '&amp;')}</link>`,
    },
  })

  const report = await crawl(fetchPath, { origin: ORIGIN, forbidden: [secret] })

  assert.deepEqual(report.leaks.map((l) => l.page).sort(), ['/api/article', '/feed.xml'])
  assert.equal(report.visited.get('/article'), 200)
})

test('a URL in a response header counts as a leak', async () => {
  const fetchPath = site({
    '/': { body: 'clean', headers: 'link: <https://source.test/x>; rel="cite-as"' },
  })

  const report = await crawl(fetchPath, {
    origin: ORIGIN,
    forbidden: ['https://source.test/x'],
    seeds: ['/'],
  })

  assert.equal(report.leaks.length, 1)
})

test('a crawl that cannot finish fails rather than passing on what it saw', async () => {
  const endless = async (path: string): Promise<Fetched> => {
    const n = Number(path.slice(1)) || 0
    return { status: 200, contentType: 'text/html', body: `<a href="/${n + 1}">next</a>` }
  }

  await assert.rejects(
    crawl(endless, { origin: ORIGIN, forbidden: [], seeds: ['/0'], maxPages: 50 }),
    /stopped after 50 pages/,
  )
})

test('an address rebuilt from the pieces of a word diff counts as a leak, in HTML and in JSON', async () => {
  const secret = 'https://source.test/story/2'
  const pieces = [
    { op: 'same', text: 'See https://source.test/story/' },
    { op: 'removed', text: '1' },
    { op: 'added', text: '2' },
    { op: 'same', text: ' now.' },
  ]
  const fetchPath = site({
    '/corrections': {
      body: '<p class="hunk"><span>See https://source.test/story/</span><del>1</del><ins>2</ins></p>',
    },
    '/api/corrections': {
      contentType: 'application/json',
      body: JSON.stringify({ corrections: [{ diff: [{ hunks: [pieces] }] }] }),
    },
  })

  const report = await crawl(fetchPath, {
    origin: ORIGIN,
    forbidden: [secret],
    seeds: ['/corrections', '/api/corrections'],
  })

  assert.deepEqual(report.leaks.map((l) => l.page).sort(), ['/api/corrections', '/corrections'])
})
