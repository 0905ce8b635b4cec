import { normalizeUrl } from '../sources/url.ts'

/**
 * Link addresses compared the way a browser and our router would resolve them, not as strings:
 * the gate that keeps source addresses and archived copies from readers without access must not
 * be passed by writing the same address another way (issue #9: `http://` for `https://`,
 * `//host/path`, `%69` for `i`, `/./`, `//`, an archive path written absolute).
 */

// Relative links are resolved as the browser would, from an article's page. The host is a
// placeholder: only the path of a relative link matters.
const ARTICLE_BASE = 'https://article.invalid/articles/page'

/** An archived copy on this site, whatever host it is written with: /sources/KEY/snapshots/… */
const ARCHIVE_ROUTE = /^\/sources\/[^/]+\/snapshots(\/|$)/

interface ResolvedLink {
  /** Lower-case host with a non-default port. */
  host: string
  /** Percent-decoded, dot segments and repeated slashes resolved, lower case, no trailing slash. */
  path: string
  /** Parameters sorted, tracking parameters dropped (as `normalizeUrl`). */
  search: string
}

function resolve(href: string): ResolvedLink | undefined {
  let url: URL
  try {
    url = new URL(href.trim(), ARTICLE_BASE)
  } catch {
    return undefined
  }
  const normalized = normalizeUrl(url.href)
  if (normalized === undefined) return undefined
  const parsed = new URL(normalized)
  return { host: parsed.host, path: canonicalPath(parsed.pathname), search: parsed.search }
}

/**
 * The path as the router sees it, and then some: escapes decoded (repeatedly, so that `%2573`
 * cannot hide an `s` behind a second decode somewhere), `.`/`..` segments and repeated slashes
 * resolved, case folded. Folding case may gate a link that differs from a source only by case:
 * hiding a link from a reader without access costs little; showing a source's address does not.
 */
export function canonicalPath(pathname: string): string {
  let path = pathname
  for (let i = 0; i < 4 && /%[0-9a-f]{2}/i.test(path); i++) {
    try {
      path = decodeURIComponent(path)
    } catch {
      // A malformed escape: decode the well-formed ones one by one.
      path = path.replace(/%[0-9a-f]{2}/gi, (hex) =>
        String.fromCharCode(Number.parseInt(hex.slice(1), 16)),
      )
    }
  }
  const segments: string[] = []
  for (const segment of path.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') segments.pop()
    else segments.push(segment)
  }
  return `/${segments.join('/')}`.toLowerCase()
}

/**
 * The key two ways of writing one address share: scheme left out (`http` and `https` of one
 * address are the same source), host lower case, path canonical, parameters sorted. Undefined
 * for what is not an http(s) link (mailto:, a fragment alone is resolved to the page itself).
 */
export function linkKey(href: string): string | undefined {
  const link = resolve(href)
  return link ? `${link.host}${link.path === '/' ? '' : link.path}${link.search}` : undefined
}

/** The host a link points at (lower case), for looking its address up in the ledger. */
export function linkHost(href: string): string | undefined {
  return resolve(href)?.host
}

/** True when the link leads to an archived copy kept on this site, however it is written. */
export function isArchiveLink(href: string): boolean {
  const trimmed = href.trim()
  // A fragment or a query alone stays on the article's page.
  if (trimmed.startsWith('#') || trimmed.startsWith('?')) return false
  const link = resolve(trimmed)
  return link !== undefined && ARCHIVE_ROUTE.test(link.path)
}
