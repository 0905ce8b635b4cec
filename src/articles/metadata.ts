import { parseHTML } from 'linkedom'
import { escapeHtml, escapeXml } from './html.ts'
import type { MemberNote, PublicNote } from './notes.ts'

/**
 * Machine-readable descriptions of articles: schema.org Article JSON-LD, OpenGraph, RSS 2.0,
 * Atom, the sitemap and robots.txt. None of them carries a source address unless built from
 * member notes (JSON-LD on a member's page); feeds are always built for every reader.
 */

export const SITE_NAME = 'Parley'

export interface ArticleMeta {
  slug: string
  title: string
  summary: string
  byline: string
  firstPublishedAt: Date
  /** When the current version was published (later than the first when corrected). */
  modifiedAt: Date
}

export function articleUrl(siteUrl: string, slug: string): string {
  return `${siteUrl}/articles/${slug}`
}

/** schema.org Article; citations name publisher, title and date, and the address for members. */
export function articleJsonLd(
  siteUrl: string,
  article: ArticleMeta,
  notes: readonly (PublicNote | MemberNote)[],
): Record<string, unknown> {
  const url = articleUrl(siteUrl, article.slug)
  return {
    '@context': 'https://schema.org',
    '@type': 'AnalysisNewsArticle',
    headline: article.title,
    description: article.summary || undefined,
    url,
    mainEntityOfPage: url,
    datePublished: article.firstPublishedAt.toISOString(),
    dateModified: article.modifiedAt.toISOString(),
    author: { '@type': 'Person', name: article.byline },
    publisher: { '@type': 'Organization', name: SITE_NAME, url: siteUrl },
    isAccessibleForFree: true,
    citation: notes.map((note) => ({
      '@type': 'CreativeWork',
      name: note.title ?? note.key,
      ...(note.author ? { author: note.author } : {}),
      ...(note.publisher ? { publisher: { '@type': 'Organization', name: note.publisher } } : {}),
      ...(note.publishedOn ? { datePublished: note.publishedOn } : {}),
      ...('url' in note ? { url: note.url } : {}),
    })),
  }
}

/** OpenGraph and article:* properties, as [property, content] pairs. */
export function openGraph(siteUrl: string, article: ArticleMeta): [string, string][] {
  return [
    ['og:type', 'article'],
    ['og:site_name', SITE_NAME],
    ['og:title', article.title],
    ['og:description', article.summary],
    ['og:url', articleUrl(siteUrl, article.slug)],
    ['article:published_time', article.firstPublishedAt.toISOString()],
    ['article:modified_time', article.modifiedAt.toISOString()],
    ['article:author', article.byline],
  ]
}

/** An attribute that holds an address a feed reader would follow or fetch, with its quoting. */
const LINK_ATTRIBUTE =
  /(\s(?:href|src|xlink:href|poster|cite|action)\s*=\s*)(?:"([^"]*)"|'([^']*)')/gi

/** Attribute values as written in HTML, decoded as a browser reads them (&amp;, &#x26; and the rest). */
function decodeAttributes(raw: readonly string[]): string[] {
  if (raw.length === 0) return []
  // Each value came out of a double-quoted attribute or, with no " in it, a single-quoted one:
  // either way it holds no ", so it can stand in a double-quoted attribute again.
  const markup = raw.map((value) => `<i title="${value}"></i>`).join('')
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${markup}</body></html>`)
  return [...document.body.querySelectorAll('i')].map((el) => el.getAttribute('title') ?? '')
}

/**
 * The article's HTML with every link and image address made absolute against the article's own
 * address. A feed reader shows the content away from the site, where "/sources/x" or "#note-1"
 * would resolve against the reader's own page (or nothing) and break. Only the address attributes
 * are rewritten; the rest of the markup stays byte for byte. Our fragments quote every attribute
 * and escape quotes in text, so an attribute cannot be confused with prose.
 */
export function absoluteLinks(html: string, baseUrl: string): string {
  const matches = [...html.matchAll(LINK_ATTRIBUTE)]
  const values = decodeAttributes(matches.map((m) => m[2] ?? m[3] ?? ''))
  let out = ''
  let at = 0
  matches.forEach((match, i) => {
    const value = values[i]!.trim()
    let absolute: string | undefined
    // mailto:, data: and the like are complete as they are.
    if (!/^[a-z][a-z0-9+.-]*:/i.test(value) || /^https?:/i.test(value)) {
      try {
        absolute = new URL(value, baseUrl).href
      } catch {
        // An address no browser could resolve either stays as written.
      }
    }
    if (absolute === undefined) return
    out += `${html.slice(at, match.index)}${match[1]}"${escapeHtml(absolute)}"`
    at = match.index + match[0].length
  })
  return out + html.slice(at)
}

export interface FeedEntry extends ArticleMeta {
  /** The public fragment: text, source summary and numbered notes, no addresses. */
  html: string
}

export interface FeedInfo {
  siteUrl: string
  title: string
  description: string
  /** The newest change among the entries (or now, when there are none). */
  updatedAt: Date
}

/** RSS 2.0 with the full text in content:encoded. */
export function rssFeed(info: FeedInfo, entries: readonly FeedEntry[]): string {
  const items = entries.map((e) => {
    const url = articleUrl(info.siteUrl, e.slug)
    return [
      '<item>',
      `<title>${escapeXml(e.title)}</title>`,
      `<link>${escapeXml(url)}</link>`,
      `<guid isPermaLink="true">${escapeXml(url)}</guid>`,
      `<pubDate>${e.firstPublishedAt.toUTCString()}</pubDate>`,
      `<dc:creator>${escapeXml(e.byline)}</dc:creator>`,
      `<description>${escapeXml(e.summary)}</description>`,
      `<content:encoded>${escapeXml(absoluteLinks(e.html, url))}</content:encoded>`,
      '</item>',
    ].join('')
  })
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${escapeXml(info.title)}</title>`,
    `<link>${escapeXml(`${info.siteUrl}/articles`)}</link>`,
    `<atom:link href="${escapeXml(`${info.siteUrl}/feed.xml`)}" rel="self" type="application/rss+xml"/>`,
    `<description>${escapeXml(info.description)}</description>`,
    '<language>en</language>',
    `<lastBuildDate>${info.updatedAt.toUTCString()}</lastBuildDate>`,
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n')
}

/** Atom 1.0 (RFC 4287) with the full text as HTML content. */
export function atomFeed(info: FeedInfo, entries: readonly FeedEntry[]): string {
  const items = entries.map((e) => {
    const url = articleUrl(info.siteUrl, e.slug)
    return [
      '<entry>',
      `<title>${escapeXml(e.title)}</title>`,
      `<link rel="alternate" type="text/html" href="${escapeXml(url)}"/>`,
      `<id>${escapeXml(url)}</id>`,
      `<published>${e.firstPublishedAt.toISOString()}</published>`,
      `<updated>${e.modifiedAt.toISOString()}</updated>`,
      `<author><name>${escapeXml(e.byline)}</name></author>`,
      `<summary>${escapeXml(e.summary)}</summary>`,
      `<content type="html" xml:base="${escapeXml(url)}">${escapeXml(absoluteLinks(e.html, url))}</content>`,
      '</entry>',
    ].join('')
  })
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="${escapeXml(`${info.siteUrl}/`)}">`,
    `<title>${escapeXml(info.title)}</title>`,
    `<subtitle>${escapeXml(info.description)}</subtitle>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(`${info.siteUrl}/articles`)}"/>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(`${info.siteUrl}/feed.atom`)}"/>`,
    `<id>${escapeXml(`${info.siteUrl}/`)}</id>`,
    `<updated>${info.updatedAt.toISOString()}</updated>`,
    ...items,
    '</feed>',
    '',
  ].join('\n')
}

export interface SitemapEntry {
  path: string
  lastModified?: Date | undefined
}

/** sitemaps.org 0.9: the site's public pages, never a source or archive address. */
export function sitemapXml(siteUrl: string, entries: readonly SitemapEntry[]): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...entries.map(
      (e) =>
        `<url><loc>${escapeXml(`${siteUrl}${e.path}`)}</loc>${e.lastModified ? `<lastmod>${e.lastModified.toISOString()}</lastmod>` : ''}</url>`,
    ),
    '</urlset>',
    '',
  ].join('\n')
}

/** sitemaps.org's ceiling on URLs in one sitemap file. */
export const SITEMAP_LIMIT = 50_000

/** The newest of some dates, or undefined when none is known. */
export function newest(dates: readonly (Date | undefined)[]): Date | undefined {
  const times = dates.flatMap((d) => (d ? [d.getTime()] : []))
  return times.length === 0 ? undefined : new Date(Math.max(...times))
}

/** The entries cut into sitemap files of at most `limit` URLs each, in order. */
export function sitemapParts(
  entries: readonly SitemapEntry[],
  limit: number = SITEMAP_LIMIT,
): SitemapEntry[][] {
  const parts: SitemapEntry[][] = []
  for (let i = 0; i < entries.length; i += limit) parts.push(entries.slice(i, i + limit))
  return parts
}

/** The address of the n-th (1-based) part of a sitemap too large for one file. */
export function sitemapPartPath(n: number): string {
  return `/sitemaps/${n}.xml`
}

/** sitemaps.org 0.9 sitemap index: one <sitemap> per part, dated by its newest page. */
export function sitemapIndexXml(siteUrl: string, parts: readonly SitemapEntry[][]): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...parts.map((part, i) => {
      const lastModified = newest(part.map((e) => e.lastModified))
      return `<sitemap><loc>${escapeXml(`${siteUrl}${sitemapPartPath(i + 1)}`)}</loc>${lastModified ? `<lastmod>${lastModified.toISOString()}</lastmod>` : ''}</sitemap>`
    }),
    '</sitemapindex>',
    '',
  ].join('\n')
}

/** Crawlers may read the publication; the desk, the API's member answers and the inbox are not for them. */
export function robotsTxt(siteUrl: string): string {
  return [
    'User-agent: *',
    'Disallow: /staff',
    'Disallow: /members',
    'Disallow: /account',
    'Disallow: /dev/',
    'Allow: /',
    '',
    `Sitemap: ${siteUrl}/sitemap.xml`,
    '',
  ].join('\n')
}
