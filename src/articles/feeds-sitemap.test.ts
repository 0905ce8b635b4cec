import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Hono } from 'hono'
import { DOMParser, parseHTML } from 'linkedom'
import { buildTestApp, ORIGIN } from '../../test/app.ts'
import { openTestDatabase } from '../../test/db.ts'
import { loadDemoIfEmpty } from '../app/load-demo.ts'
import { listQuestionKeys } from '../forecasts/forecasts.repository.ts'
import { listClaims } from '../negotiations/claims.repository.ts'
import { parseConfig } from '../platform/config.ts'
import { silentLogger } from '../platform/logger.ts'
import { systemClock } from '../platform/time.ts'
import type { AppEnv } from '../platform/web/env.ts'
import { listAllSourceKeys } from '../sources/sources.repository.ts'
import { articleRoutes } from './articles.routes.tsx'
import { absoluteLinks } from './metadata.ts'

// The demo site as a first start makes it: the case, its sources, claims and forecasts, and the
// article citing them. The public origin differs from the one requests arrive on, so a link built
// from the request instead of PUBLIC_URL shows.
const PUBLIC_URL = 'https://parley.example'
const database = await openTestDatabase()
const { db } = database
await loadDemoIfEmpty(db, { site: { url: PUBLIC_URL } })
const env = { PUBLIC_URL }
const app = buildTestApp(database, { env })
const SLUG = 'ninety-per-cent-of-what'

const get = (path: string) => app.request(`${ORIGIN}${path}`, { headers: { accept: 'text/html' } })

function parseXml(text: string) {
  return new DOMParser().parseFromString(text, 'text/xml')
}

/** Every href and src inside the HTML held by these feed elements. */
function addressesIn(contents: Element[]): string[] {
  return contents.flatMap((content) => {
    const { document } = parseHTML(
      `<!DOCTYPE html><html><body>${content.textContent}</body></html>`,
    )
    return [...document.querySelectorAll('[href], [src]')].flatMap((el) =>
      ['href', 'src'].flatMap((name) => {
        const value = el.getAttribute(name)
        return value === null ? [] : [value]
      }),
    )
  })
}

/** Each address is absolute; one on this site answers 200, and its fragment names an element. */
async function assertResolves(addresses: string[], feed: string) {
  const pages = new Map<string, string>()
  for (const address of addresses) {
    assert.match(address, /^https?:\/\//, `${feed}: "${address}" is not absolute`)
    const url = new URL(address)
    if (url.origin !== PUBLIC_URL) continue
    const path = `${url.pathname}${url.search}`
    if (!pages.has(path)) {
      const res = await get(path)
      assert.equal(res.status, 200, `${feed}: ${address} answers ${res.status}`)
      pages.set(path, await res.text())
    }
    if (url.hash) {
      const id = decodeURIComponent(url.hash.slice(1))
      assert.ok(pages.get(path)!.includes(`id="${id}"`), `${feed}: ${address} has no target`)
    }
  }
}

test('every link and image in the RSS and Atom content is absolute on the public origin and resolves', async () => {
  // The request arrives on another host: the feed must not build links from it.
  const rssRes = await app.request('http://attacker.example/feed.xml')
  const atomRes = await app.request('http://attacker.example/feed.atom')
  const [rssText, atomText] = [await rssRes.text(), await atomRes.text()]
  assert.ok(!`${rssText}${atomText}`.includes('attacker.example'), 'no link on the request host')
  const rss = parseXml(rssText)
  const atom = parseXml(atomText)

  const rssContents = [...rss.getElementsByTagName('content:encoded')]
  const atomContents = [...atom.getElementsByTagName('content')]
  assert.ok(
    rssContents.length >= 1 && atomContents.length >= 1,
    'the demo article is in both feeds',
  )
  const rssAddresses = addressesIn(rssContents)
  const atomAddresses = addressesIn(atomContents)
  // The demo article cites many sources: every note marker links to its note.
  const noteLinks = rssAddresses.filter((a) => a.startsWith(`${PUBLIC_URL}/articles/${SLUG}#note-`))
  assert.ok(noteLinks.length >= 5, `${noteLinks.length} note links in the RSS content`)
  assert.deepEqual(atomAddresses, rssAddresses)
  await assertResolves(rssAddresses, 'RSS')
  await assertResolves(atomAddresses, 'Atom')

  // Atom also says what relative addresses would resolve against.
  assert.equal(atom.documentElement.getAttribute('xml:base'), `${PUBLIC_URL}/`)
  assert.equal(atomContents[0]!.getAttribute('xml:base'), `${PUBLIC_URL}/articles/${SLUG}`)
})

/** The URLs a sitemap lists, with their lastmod, as paths on this site. */
function sitemapUrls(text: string): { path: string; lastmod: string | undefined }[] {
  const doc = parseXml(text)
  assert.equal(doc.documentElement.tagName, 'urlset')
  return [...doc.getElementsByTagName('url')].map((url) => {
    const loc = new URL(url.getElementsByTagName('loc')[0]!.textContent!)
    assert.equal(loc.origin, PUBLIC_URL)
    return {
      path: `${loc.pathname}${loc.search}`,
      lastmod: url.getElementsByTagName('lastmod')[0]?.textContent ?? undefined,
    }
  })
}

test('the sitemap lists every public page, each of which answers 200 to an anonymous reader', async () => {
  const urls = sitemapUrls(await (await get('/sitemap.xml')).text())
  const paths = new Set(urls.map((u) => u.path))
  assert.equal(paths.size, urls.length, 'no page is listed twice')

  const claims = await listClaims(db, { limit: 100_000 })
  const sources = await listAllSourceKeys(db)
  const questions = await listQuestionKeys(db)
  assert.ok(claims.length > 0 && sources.length > 0 && questions.length > 0, 'the demo has them')
  const expected = [
    '/',
    '/articles',
    '/corrections',
    '/sources',
    '/claims',
    '/forecasts',
    '/timeline',
    `/articles/${SLUG}`,
    ...['', '/architecture', '/positions', '/diff', '/timeline'].map(
      (tab) => `/negotiations/russia-ukraine-2025${tab}`,
    ),
    ...claims.map((c) => `/claims/${c.key}`),
    ...sources.map((s) => `/sources/${s.key}`),
    ...questions.map((q) => `/forecasts/${q.key}`),
  ]
  for (const path of expected) assert.ok(paths.has(path), `${path} is in the sitemap`)

  // Rows that keep a change date carry it as lastmod.
  for (const { path, lastmod } of urls) {
    if (/^\/(articles|claims|sources|forecasts|negotiations)\/./.test(path))
      assert.ok(lastmod && !Number.isNaN(Date.parse(lastmod)), `${path} has a lastmod`)
  }

  for (const { path } of urls) {
    const res = await get(path)
    assert.equal(res.status, 200, `${path} answers ${res.status}`)
    await res.arrayBuffer()
  }
})

test('past the limit the sitemap becomes an index of parts that together list every page', async () => {
  const whole = sitemapUrls(await (await get('/sitemap.xml')).text()).map((u) => u.path)
  // No parts while one file holds everything.
  assert.equal((await get('/sitemaps/1.xml')).status, 404)

  const limit = 7
  const config = parseConfig({ NODE_ENV: 'test', PARLEY_DATA_DIR: '/nonexistent', ...env })
  const deps = {
    db,
    databaseKind: database.kind,
    config,
    clock: systemClock,
    logger: silentLogger,
    dataChanged: async () => {},
  }
  const small = new Hono<AppEnv>().route('/', articleRoutes(deps, { sitemapLimit: limit }))

  const index = parseXml(await (await small.request('/sitemap.xml')).text())
  assert.equal(index.documentElement.tagName, 'sitemapindex')
  const parts = [...index.getElementsByTagName('sitemap')].map((s) => ({
    loc: s.getElementsByTagName('loc')[0]!.textContent!,
    lastmod: s.getElementsByTagName('lastmod')[0]?.textContent,
  }))
  assert.equal(parts.length, Math.ceil(whole.length / limit))
  const listed: string[] = []
  for (const part of parts) {
    const loc = new URL(part.loc)
    assert.equal(loc.origin, PUBLIC_URL)
    const res = await small.request(loc.pathname)
    assert.equal(res.status, 200, `${part.loc} answers ${res.status}`)
    const urls = sitemapUrls(await res.text())
    assert.ok(urls.length <= limit, `${part.loc} holds ${urls.length} URLs`)
    listed.push(...urls.map((u) => u.path))
  }
  assert.deepEqual(listed, whole)
})

test('absoluteLinks resolves addresses as a browser reads them and leaves the rest as written', () => {
  const base = 'https://s.example/articles/z'
  const html = [
    '<p title="a &amp; b">Q&amp;A "quoted" <a href="#note-1">1</a>',
    '<a href=\'/x?a=1&#x26;b=2\'>x</a> <a href="mailto:desk@s.example">m</a>',
    '<img src="i.png" alt="&quot;"><svg><use xlink:href="#s"></use></svg></p>',
  ].join('')
  assert.equal(
    absoluteLinks(html, base),
    [
      '<p title="a &amp; b">Q&amp;A "quoted" <a href="https://s.example/articles/z#note-1">1</a>',
      '<a href="https://s.example/x?a=1&amp;b=2">x</a> <a href="mailto:desk@s.example">m</a>',
      '<img src="https://s.example/articles/i.png" alt="&quot;"><svg><use xlink:href="https://s.example/articles/z#s"></use></svg></p>',
    ].join(''),
  )
})
