import { type Context, Hono } from 'hono'
import { AppError, invalidInput, notFound } from '../platform/errors.ts'
import { canSeeSourceLinks, wantsHtml } from '../platform/web/auth.ts'
import type { AppDeps, AppEnv } from '../platform/web/env.ts'
import { anchorQuote } from './anchor.ts'
import { highlightedTextPage } from './captures.ts'
import { findQuoteById } from './quotes.repository.ts'
import { mediaTypeOf } from './readable-text.ts'
import { findSnapshot, type SnapshotRow } from './snapshots.repository.ts'
import { archiveGatePage } from './sources.pages.tsx'
import { findSourceByKey, type SourceRow } from './sources.repository.ts'

// Types a browser may show inline from an archive; anything else is a download.
const INLINE_TYPES = new Set(['text/html', 'text/plain', 'text/csv', 'application/json'])

/**
 * The text with one quote marked: HTML we build from the escaped text, not the stored bytes, so
 * it carries no hash header; the same sandbox policy applies all the same.
 */
async function quoteInText(
  deps: AppDeps,
  c: Context<AppEnv>,
  source: SourceRow,
  snapshot: SnapshotRow,
  quoteParam: string,
) {
  const quoteId = Number(quoteParam)
  if (!Number.isInteger(quoteId) || quoteId <= 0)
    throw invalidInput('quote must be a quote id', [
      { path: 'quote', message: `got "${quoteParam.slice(0, 40)}"` },
    ])
  const quote = await findQuoteById(deps.db, quoteId)
  if (!quote || quote.snapshotId !== snapshot.id || snapshot.text === null)
    throw notFound(`quote ${quoteId} in snapshot ${snapshot.id}`)
  const anchored = anchorQuote(snapshot.text, {
    quote: { exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
    position: { start: quote.start, end: quote.end },
  })
  if (!anchored.position) throw notFound(`quote ${quoteId} in snapshot ${snapshot.id}`)
  const title = `${source.title ?? source.key}, as captured ${snapshot.fetchedAt.toISOString().slice(0, 10)}`
  return c.body(highlightedTextPage(snapshot.text, anchored.position, title), 200, {
    'Content-Type': 'text/html; charset=utf-8',
  })
}

/** The stored bytes, or the extracted text, with the hash a reader can check them against. */
function storedCopy(c: Context<AppEnv>, key: string, snapshot: SnapshotRow, asText: boolean) {
  c.header('X-Parley-SHA256', asText ? (snapshot.textSha256 ?? '') : snapshot.sha256)
  if (asText) {
    if (snapshot.text === null) throw notFound('text of this snapshot')
    return c.body(snapshot.text, 200, { 'Content-Type': 'text/plain; charset=utf-8' })
  }
  const type = mediaTypeOf(snapshot.contentType)
  const inline = INLINE_TYPES.has(type)
  const extension = type === 'application/pdf' ? 'pdf' : type === 'text/html' ? 'html' : 'bin'
  c.header(
    'Content-Disposition',
    `${inline ? 'inline' : 'attachment'}; filename="${key}-${snapshot.id}.${extension}"`,
  )
  return c.body(snapshot.raw as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type':
      inline || type === 'application/pdf' ? snapshot.contentType : 'application/octet-stream',
  })
}

/** The archived copies, for readers who may see them (subscribers and staff). */
export function snapshotRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps

  const serveSnapshot = async (c: Context<AppEnv>, asText: boolean) => {
    const key = c.req.param('key')!
    if (!canSeeSourceLinks(c)) {
      if (wantsHtml(c))
        return c.html(archiveGatePage({ sourceKey: key, staff: c.get('staff') }), 403)
      throw new AppError('forbidden', 'archived copies are open to subscribers')
    }
    const id = Number(c.req.param('id'))
    const snapshot = Number.isInteger(id) && id > 0 ? await findSnapshot(db, id) : undefined
    const source = snapshot ? await findSourceByKey(db, key) : undefined
    if (!snapshot || !source || source.id !== snapshot.sourceId) throw notFound('snapshot')
    c.header('x-parley-archived-copy', '1')
    c.header('Cache-Control', 'private, max-age=86400, immutable')
    c.header('X-Robots-Tag', 'noindex, nofollow')
    const quoteParam = asText ? c.req.query('quote') : undefined
    if (quoteParam !== undefined) return quoteInText(deps, c, source, snapshot, quoteParam)
    return storedCopy(c, key, snapshot, asText)
  }
  app.get('/sources/:key/snapshots/:id', (c) => serveSnapshot(c, false))
  app.get('/sources/:key/snapshots/:id/text', (c) => serveSnapshot(c, true))

  return app
}
