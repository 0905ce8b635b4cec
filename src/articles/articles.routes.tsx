import { type Context, Hono } from 'hono'
import { listQuestionPages } from '../forecasts/forecasts.repository.ts'
import { listClaimPages } from '../negotiations/claims.repository.ts'
import { listNegotiationSummaries } from '../negotiations/negotiations.repository.ts'
import { notFound } from '../platform/errors.ts'
import { sha256Hex } from '../platform/ids.ts'
import { canSeeSourceLinks } from '../platform/web/auth.ts'
import type { AppDeps, AppEnv } from '../platform/web/env.ts'
import { listSourcePages } from '../sources/sources.repository.ts'
import {
  articleListPage,
  articlePage,
  type CorrectionView,
  correctionsPage,
} from './articles.pages.tsx'
import {
  type CorrectionRow,
  listCorrections,
  listFeedEntries,
  listPublishedSummaries,
} from './articles.repository.ts'
import {
  articleJsonLd,
  articleUrl,
  atomFeed,
  type FeedInfo,
  newest,
  openGraph,
  robotsTxt,
  rssFeed,
  SITEMAP_LIMIT,
  type SitemapEntry,
  sitemapIndexXml,
  sitemapParts,
  sitemapXml,
} from './metadata.ts'
import { type MemberNote, type PublicNote, stripNote } from './notes.ts'
import {
  type CachedArticle,
  findCachedArticle,
  peekCachedArticle,
} from './served-articles.repository.ts'
import { siteOf } from './site.ts'

const FEED_SIZE = 20
const FEED_TITLE = 'Parley — analysis'
const FEED_DESCRIPTION =
  'Analysis of negotiations held under military pressure; every statement cited.'

// Readers without access share one cached copy; a member's page is theirs alone. `Vary: Cookie`
// keeps a shared cache from handing one to the other.
const PUBLIC_CACHE = 'public, max-age=60'
const PRIVATE_CACHE = 'private, no-cache'

/** True when the request's If-None-Match names this entity tag. */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false
  if (header.trim() === '*') return true
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
}

/** RFC 9110 §13.2.2: If-None-Match decides when present; If-Modified-Since only without it. */
function notModified(c: Context<AppEnv>, etag: string, lastModified: string | undefined): boolean {
  const inm = c.req.header('if-none-match')
  if (inm !== undefined) return etagMatches(inm, etag)
  const ims = c.req.header('if-modified-since')
  if (ims === undefined || lastModified === undefined) return false
  const since = Date.parse(ims)
  return !Number.isNaN(since) && Date.parse(lastModified) <= since
}

/** Answers 304 when the reader has this version, else sends it with its validators. */
function sendValidated(
  c: Context<AppEnv>,
  body: string | Uint8Array,
  type: string,
  etag: string,
  cacheControl: string,
  lastModified?: string,
) {
  const headers: Record<string, string> = {
    ETag: etag,
    'Cache-Control': cacheControl,
    Vary: 'Cookie',
    ...(lastModified ? { 'Last-Modified': lastModified } : {}),
  }
  if (notModified(c, etag, lastModified)) return c.body(null, 304, headers)
  return c.body(body as string, 200, { ...headers, 'Content-Type': type })
}

function weakEtag(text: string): string {
  return `"${sha256Hex(text).slice(0, 32)}"`
}

/** A correction with the diff this reader may see: members get their variant's, links included. */
function correctionView(row: CorrectionRow, member: boolean): CorrectionView {
  return { ...row, diff: member ? row.memberDiff : row.publicDiff }
}

function correctionJson(row: CorrectionRow, member: boolean) {
  return {
    id: row.id,
    correctedAt: row.correctedAt.toISOString(),
    reason: row.reason,
    fromVersion: row.fromVersion,
    toVersion: row.toVersion,
    diff: member ? row.memberDiff : row.publicDiff,
  }
}

/** Readers' side of articles: pages, JSON API, corrections, feeds, sitemap, robots.txt. */
export function articleRoutes(
  deps: AppDeps,
  /** URLs per sitemap file before it splits into an index (sitemaps.org allows 50,000). */
  { sitemapLimit = SITEMAP_LIMIT }: { sitemapLimit?: number } = {},
) {
  const app = new Hono<AppEnv>()
  app.route('/', articlePageRoutes(deps))
  app.route('/', correctionRoutes(deps))
  app.route('/', discoveryRoutes(deps, sitemapLimit))
  return app
}

/** The articles, as pages and as JSON. */
function articlePageRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps
  const site = siteOf(deps.config)
  const siteUrlFor = (c: Context<AppEnv>) => deps.config.publicUrl ?? new URL(c.req.url).origin

  app.get('/articles', async (c) => {
    const articles = await listPublishedSummaries(db)
    return c.html(articleListPage({ articles, staff: c.get('staff') }))
  })

  app.get('/articles/:slug', (c) => {
    const slug = c.req.param('slug')
    // The hot path: an anonymous reader, an article in memory: bytes rendered at publication, no
    // database, no templating, no await.
    const fresh = peekCachedArticle(db, slug)
    if (fresh && !canSeeSourceLinks(c)) return sendPublicPage(c, fresh)
    return (async () => {
      const cached = fresh ?? (await findCachedArticle(db, slug))
      if (!cached) throw notFound('article')
      if (!canSeeSourceLinks(c)) return sendPublicPage(c, cached)
      const page = await memberPage(c, cached)
      return sendValidated(c, page, 'text/html; charset=UTF-8', weakEtag(page), PRIVATE_CACHE)
    })()
  })

  function sendPublicPage(c: Context<AppEnv>, cached: CachedArticle) {
    return sendValidated(
      c,
      cached.publicBytes,
      'text/html; charset=UTF-8',
      cached.render.publicEtag,
      PUBLIC_CACHE,
      cached.lastModified,
    )
  }

  async function memberPage(c: Context<AppEnv>, cached: CachedArticle): Promise<string> {
    const { article, version, render } = cached
    const corrections = await listCorrections(db, { articleId: article.id })
    const meta = {
      slug: article.slug,
      title: version.title,
      summary: version.summary,
      byline: article.byline,
      firstPublishedAt: article.firstPublishedAt ?? version.publishedAt,
      modifiedAt: version.publishedAt,
    }
    return articlePage({
      siteUrl: site.url,
      ...meta,
      fragment: render.memberFragment,
      sourceSummary: render.sourceSummary,
      corrections,
      jsonLd: articleJsonLd(site.url, meta, render.notes),
      openGraph: openGraph(site.url, meta),
      variant: 'member',
      staff: c.get('staff'),
      member: c.get('member'),
    })
  }

  app.get('/api/articles', async (c) => {
    const rows = await listPublishedSummaries(db)
    const siteUrl = siteUrlFor(c)
    const body = JSON.stringify({
      articles: rows.map((a) => ({
        slug: a.slug,
        url: articleUrl(siteUrl, a.slug),
        title: a.title,
        summary: a.summary,
        byline: a.byline,
        publishedAt: a.firstPublishedAt.toISOString(),
        modifiedAt: a.modifiedAt.toISOString(),
        version: a.versionNumber,
        sources: a.sourceSummary,
      })),
    })
    return sendValidated(c, body, 'application/json', weakEtag(body), PUBLIC_CACHE)
  })

  app.get('/api/articles/:slug', async (c) => {
    const cached = await findCachedArticle(db, c.req.param('slug'))
    if (!cached) throw notFound('article')
    const { article, version, render } = cached
    const member = canSeeSourceLinks(c)
    const notes: (PublicNote | MemberNote)[] = member ? render.notes : render.notes.map(stripNote)
    const corrections = await listCorrections(db, { articleId: article.id })
    const body = JSON.stringify({
      slug: article.slug,
      url: articleUrl(siteUrlFor(c), article.slug),
      title: version.title,
      summary: version.summary,
      byline: article.byline,
      publishedAt: (article.firstPublishedAt ?? version.publishedAt).toISOString(),
      modifiedAt: version.publishedAt.toISOString(),
      version: version.number,
      sources: render.sourceSummary,
      /** The same numbered notes as on the page, in the feeds and in e-mail. */
      notes,
      html: member ? render.memberFragment : render.publicFragment,
      // The Markdown may hold addresses the author linked: members only.
      ...(member ? { markdown: version.body } : {}),
      corrections: corrections.map((c) => correctionJson(c, member)),
    })
    return sendValidated(
      c,
      body,
      'application/json',
      weakEtag(body),
      member ? PRIVATE_CACHE : PUBLIC_CACHE,
    )
  })

  return app
}

/** The corrections log, as a page and as JSON. */
function correctionRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps

  // The log differs by reader (members get their variant's diff, links included): a member's copy
  // is private, and `Vary: Cookie` keeps a shared cache from giving it to anyone else.
  app.get('/corrections', async (c) => {
    const member = canSeeSourceLinks(c)
    const rows = await listCorrections(db)
    const page = String(
      correctionsPage({
        corrections: rows.map((r) => correctionView(r, member)),
        staff: c.get('staff'),
      }),
    )
    const cache = member ? PRIVATE_CACHE : PUBLIC_CACHE
    return sendValidated(c, page, 'text/html; charset=UTF-8', weakEtag(page), cache)
  })

  app.get('/api/corrections', async (c) => {
    const member = canSeeSourceLinks(c)
    const rows = await listCorrections(db)
    const body = JSON.stringify({
      corrections: rows.map((r) => ({
        article: r.articleSlug,
        title: r.articleTitle,
        ...correctionJson(r, member),
      })),
    })
    const cache = member ? PRIVATE_CACHE : PUBLIC_CACHE
    return sendValidated(c, body, 'application/json', weakEtag(body), cache)
  })

  return app
}

/** What others find the site by: feeds, sitemaps, robots.txt. */
function discoveryRoutes(deps: AppDeps, sitemapLimit: number) {
  const app = new Hono<AppEnv>()
  const { db } = deps
  const site = siteOf(deps.config)
  const siteUrlFor = (c: Context<AppEnv>) => deps.config.publicUrl ?? new URL(c.req.url).origin

  // Feeds are for everyone, so they always carry the public variant, whoever asks.
  // Their addresses are built on the public origin (PUBLIC_URL), never on the Host a request
  // named: a feed is read away from the site and cached by others, so a forged Host must not
  // end up in the links someone else's reader follows.
  async function feed(c: Context<AppEnv>, kind: 'rss' | 'atom') {
    const siteUrl = site.url
    const rows = await listFeedEntries(db, FEED_SIZE)
    const updatedAt = new Date(Math.max(0, ...rows.map((r) => r.modifiedAt.getTime())))
    const info: FeedInfo = {
      siteUrl,
      title: FEED_TITLE,
      description: FEED_DESCRIPTION,
      updatedAt,
    }
    const body = kind === 'rss' ? rssFeed(info, rows) : atomFeed(info, rows)
    const type =
      kind === 'rss' ? 'application/rss+xml; charset=UTF-8' : 'application/atom+xml; charset=UTF-8'
    return sendValidated(c, body, type, weakEtag(body), PUBLIC_CACHE)
  }
  app.get('/feed.xml', (c) => feed(c, 'rss'))
  app.get('/feed.atom', (c) => feed(c, 'atom'))

  /** Every public page, each dated by the newest change to what it shows, where one is kept. */
  async function sitemapEntries(): Promise<SitemapEntry[]> {
    const [articles, negotiations, corrections, sourcePages, claimPages, questionPages] =
      await Promise.all([
        listPublishedSummaries(db),
        listNegotiationSummaries(db),
        listCorrections(db),
        listSourcePages(db),
        listClaimPages(db),
        listQuestionPages(db),
      ])
    const latest = <T,>(rows: readonly T[], date: (row: T) => Date) => newest(rows.map(date))
    const negotiationsChanged = latest(negotiations, (n) => n.updatedAt)
    const articlesChanged = latest(articles, (a) => a.modifiedAt)
    return [
      { path: '/', lastModified: negotiationsChanged },
      { path: '/articles', lastModified: articlesChanged },
      { path: '/corrections', lastModified: latest(corrections, (c) => c.correctedAt) },
      { path: '/sources', lastModified: latest(sourcePages, (s) => s.updatedAt) },
      { path: '/claims', lastModified: latest(claimPages, (c) => c.updatedAt) },
      { path: '/forecasts', lastModified: latest(questionPages, (q) => q.updatedAt) },
      { path: '/timeline', lastModified: negotiationsChanged },
      { path: '/timeline/intensity' },
      { path: '/timeline/dyad' },
      ...articles.map((a) => ({ path: `/articles/${a.slug}`, lastModified: a.modifiedAt })),
      ...negotiations.flatMap((n) => {
        const base = `/negotiations/${n.slug}`
        // The framework diff has nothing to compare (and answers 404) before a first document.
        const tabs = ['', '/architecture', '/positions', '/timeline']
        if (n.documentCount > 0) tabs.push('/diff')
        return tabs.map((tab) => ({ path: `${base}${tab}`, lastModified: n.updatedAt }))
      }),
      ...claimPages.map((c) => ({ path: `/claims/${c.key}`, lastModified: c.updatedAt })),
      ...sourcePages.map((s) => ({ path: `/sources/${s.key}`, lastModified: s.updatedAt })),
      ...questionPages.map((q) => ({ path: `/forecasts/${q.key}`, lastModified: q.updatedAt })),
    ].map((e) => ({ ...e, path: encodeURI(e.path) }))
  }

  function sendXml(c: Context<AppEnv>, body: string) {
    return sendValidated(c, body, 'application/xml; charset=UTF-8', weakEtag(body), PUBLIC_CACHE)
  }

  // Up to the limit, one sitemap; beyond it, an index of numbered parts, as sitemaps.org asks.
  app.get('/sitemap.xml', async (c) => {
    const parts = sitemapParts(await sitemapEntries(), sitemapLimit)
    const siteUrl = siteUrlFor(c)
    if (parts.length <= 1) return sendXml(c, sitemapXml(siteUrl, parts[0] ?? []))
    return sendXml(c, sitemapIndexXml(siteUrl, parts))
  })

  app.get('/sitemaps/:file', async (c) => {
    const n = /^([1-9][0-9]{0,5})\.xml$/.exec(c.req.param('file'))?.[1]
    const parts = n === undefined ? [] : sitemapParts(await sitemapEntries(), sitemapLimit)
    const part = parts.length > 1 ? parts[Number(n) - 1] : undefined
    if (!part) throw notFound('sitemap part')
    return sendXml(c, sitemapXml(siteUrlFor(c), part))
  })

  app.get('/robots.txt', (c) => {
    c.header('Cache-Control', 'public, max-age=3600')
    return c.text(robotsTxt(siteUrlFor(c)))
  })

  return app
}
