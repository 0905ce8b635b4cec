/**
 * A crawler for the gating tests: starts from the front page and the well-known addresses, follows
 * every same-origin link (HTML attributes, feed and sitemap entries, URLs in JSON and text), tries
 * the JSON twin `/api/…` of every page, and reports every response that contains a forbidden string.
 */

export interface Fetched {
  status: number
  contentType: string
  body: string
  /** The Location header of a redirect. */
  location?: string | undefined
  /** All response headers as `name: value` lines: a URL in a Link header leaks as much as one in the body. */
  headers?: string | undefined
}

/** Fetches a path (with its query) on the site under test, without following redirects. */
export type FetchPath = (pathAndQuery: string) => Promise<Fetched>

export interface Leak {
  /** The page that contained it. */
  page: string
  /** The forbidden string, as listed (before escaping). */
  forbidden: string
}

export interface CrawlReport {
  /** Every path fetched, with its status. */
  visited: Map<string, number>
  leaks: Leak[]
}

/** Addresses a crawl always tries: they need not be linked from anywhere. */
export const WELL_KNOWN_PATHS = [
  '/',
  '/robots.txt',
  '/sitemap.xml',
  '/feed.xml',
  '/feed.atom',
  '/rss.xml',
  '/atom.xml',
  '/corrections',
  '/articles',
  '/sources',
  '/claims',
  '/timeline',
  '/api/negotiations',
  '/api/articles',
  '/api/sources',
  '/api/claims',
  '/api/corrections',
  '/api/timeline',
]

// Pages such as a timeline offer "earlier"/"later" links without end; a few variants of one path
// are enough to see how it is rendered.
const MAX_QUERY_VARIANTS = 4

/** The ways a URL can be written into HTML, XML, JSON or a query string. */
export function spellings(value: string): string[] {
  const html = value.replace(/&/g, '&amp;')
  return [
    ...new Set([
      value,
      html,
      value.replace(/&/g, '&#38;'),
      value.replace(/\//g, '\\/'),
      value.replace(/&/g, '\\u0026'),
      encodeURIComponent(value),
    ]),
  ]
}

/** Same-origin paths (with query) named in a response body. */
export function linksIn(
  body: string,
  contentType: string,
  origin: string,
  base = `${origin}/`,
): string[] {
  const found: string[] = []
  /** `relative`: the value may be a relative reference (href, src, action), not just any text. */
  const add = (raw: string, relative = false) => {
    const value = decodeEntities(raw.trim())
    if (value === '' || value.startsWith('#') || value.startsWith('//')) return
    const absolute = value.startsWith(`${origin}/`) || value === origin
    if (!absolute && !value.startsWith('/') && (!relative || /^[a-z][a-z0-9+.-]*:/i.test(value)))
      return
    let url: URL
    try {
      url = new URL(value, base)
    } catch {
      return
    }
    if (url.origin !== origin) return
    found.push(`${url.pathname}${url.search}`)
  }
  if (contentType.includes('html') || contentType.includes('xml')) {
    for (const m of body.matchAll(/\b(href|src|action|content)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi))
      add(m[2] ?? m[3] ?? '', m[1]!.toLowerCase() !== 'content')
    for (const m of body.matchAll(/<(?:loc|link|id|guid)\b[^>]*>([^<]+)</gi)) add(m[1]!)
  }
  if (contentType.includes('json')) {
    try {
      walkStrings(JSON.parse(body), (s) => {
        if (s.startsWith('/') || s.startsWith(origin)) add(s)
      })
    } catch {
      // Not JSON after all; the absolute-URL scan below still runs.
    }
  }
  // Absolute URLs of this site anywhere (JSON-LD, robots.txt, plain text, OpenGraph).
  const escaped = origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  for (const m of body.matchAll(new RegExp(`${escaped}/[^\\s"'<>\\\\)]*`, 'g'))) add(m[0])
  return [...new Set(found)]
}

function walkStrings(value: unknown, visit: (s: string) => void): void {
  if (typeof value === 'string') visit(value)
  else if (Array.isArray(value)) for (const item of value) walkStrings(item, visit)
  else if (value !== null && typeof value === 'object')
    for (const item of Object.values(value)) walkStrings(item, visit)
}

function decodeEntities(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&#38;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
}

/**
 * Crawls the site through `fetchPath` and reports where any of `forbidden` appears. Stops after
 * `maxPages` fetches (and says so by throwing: a crawl that cannot finish proves nothing).
 */
export async function crawl(
  fetchPath: FetchPath,
  options: {
    origin: string
    forbidden: readonly string[]
    seeds?: readonly string[]
    maxPages?: number
    /** Paths not to fetch (e.g. sign-out, which would end the crawl's own session). */
    skip?: (path: string) => boolean
  },
): Promise<CrawlReport> {
  const maxPages = options.maxPages ?? 2000
  const patterns = options.forbidden
    .filter((f) => f.length > 0)
    .map((f) => ({ forbidden: f, spellings: spellings(f) }))
  const queue: string[] = []
  const seen = new Set<string>()
  const variants = new Map<string, number>()
  const visited = new Map<string, number>()
  const leaks: Leak[] = []

  const enqueue = (path: string) => {
    if (seen.has(path) || options.skip?.(path)) return
    const [pathname, query] = splitQuery(path)
    if (query !== '') {
      const n = variants.get(pathname) ?? 0
      if (n >= MAX_QUERY_VARIANTS) return
      variants.set(pathname, n + 1)
    }
    seen.add(path)
    queue.push(path)
  }
  for (const seed of options.seeds ?? WELL_KNOWN_PATHS) enqueue(seed)

  while (queue.length > 0) {
    if (visited.size >= maxPages)
      throw new Error(`crawl stopped after ${maxPages} pages with ${queue.length} still queued`)
    const path = queue.shift()!
    const res = await fetchPath(path)
    visited.set(path, res.status)
    const texts = readings(res.body, res.contentType)
    for (const p of patterns) {
      if (p.spellings.some((s) => texts.some((t) => t.includes(s)) || res.headers?.includes(s)))
        leaks.push({ page: path, forbidden: p.forbidden })
    }
    if (res.location) {
      for (const link of linksIn(
        `<a href="${res.location}">`,
        'text/html',
        options.origin,
        `${options.origin}${path}`,
      ))
        enqueue(link)
    }
    if (res.status >= 400) continue
    for (const link of linksIn(
      res.body,
      res.contentType,
      options.origin,
      `${options.origin}${path}`,
    ))
      enqueue(link)
    // Every page's JSON twin, where there is one: /negotiations/x → /api/negotiations/x.
    const [pathname] = splitQuery(path)
    if (res.contentType.includes('html') && !pathname.startsWith('/api/') && pathname !== '/')
      enqueue(`/api${pathname}`)
  }
  return { visited, leaks }
}

/**
 * The body as sent, and as a reader could put it back together: the text without its tags (an
 * address split across elements), and each side of a diff — kept and removed words, kept and
 * added words — whether drawn with `<del>`/`<ins>` or sent as `{ op, text }` parts in JSON. A
 * word diff of a changed link rebuilds the address from pieces that each look harmless.
 */
export function readings(body: string, contentType: string): string[] {
  const out = [body]
  if (contentType.includes('html') || contentType.includes('xml')) {
    const text = (html: string) => decodeEntities(html.replace(/<[^>]*>/g, ''))
    out.push(
      text(body),
      text(body.replace(/<del\b[^>]*>[\s\S]*?<\/del>/gi, '')),
      text(body.replace(/<ins\b[^>]*>[\s\S]*?<\/ins>/gi, '')),
    )
  }
  if (contentType.includes('json')) {
    try {
      const sides = { before: [] as string[], after: [] as string[] }
      walkDiffs(JSON.parse(body), sides)
      out.push(sides.before.join('\n'), sides.after.join('\n'))
    } catch {
      // Not JSON after all: the body as sent is still checked.
    }
  }
  return out
}

interface DiffPiece {
  op: string
  text: string
}

function isDiffPiece(value: unknown): value is DiffPiece {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as DiffPiece).op === 'string' &&
    typeof (value as DiffPiece).text === 'string'
  )
}

function walkDiffs(value: unknown, sides: { before: string[]; after: string[] }): void {
  if (Array.isArray(value) && value.length > 0 && value.every(isDiffPiece)) {
    sides.before.push(
      value
        .filter((p) => p.op !== 'added')
        .map((p) => p.text)
        .join(''),
    )
    sides.after.push(
      value
        .filter((p) => p.op !== 'removed')
        .map((p) => p.text)
        .join(''),
    )
  } else if (Array.isArray(value)) for (const item of value) walkDiffs(item, sides)
  else if (value !== null && typeof value === 'object')
    for (const item of Object.values(value)) walkDiffs(item, sides)
}

function splitQuery(path: string): [string, string] {
  const i = path.indexOf('?')
  return i === -1 ? [path, ''] : [path.slice(0, i), path.slice(i + 1)]
}

/** The article pages a crawl fetched successfully (`/articles/SLUG`). */
export function articlePages(report: CrawlReport): string[] {
  return [...report.visited]
    .filter(([path, status]) => status === 200 && /^\/articles\/[a-z0-9-]+$/.test(path))
    .map(([path]) => path)
}
