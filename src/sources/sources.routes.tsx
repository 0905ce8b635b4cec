import { type Context, Hono, type MiddlewareHandler } from 'hono'
import { z } from 'zod'
import { AppError, invalidInput, isAppError, notFound } from '../platform/errors.ts'
import {
  canSeeSourceLinks,
  loadSourceAccess,
  requireRole,
  wantsHtml,
} from '../platform/web/auth.ts'
import type { AppDeps, AppEnv } from '../platform/web/env.ts'
import { parseQuery } from '../platform/web/query.ts'
import { type Actor, recordAudit } from '../staff/audit.repository.ts'
import { roleAtLeast, type StaffUser } from '../staff/staff.ts'
import { addClaim, addEvidence, reviewClaim } from './add-claim.ts'
import { addQuote, deleteQuoteById } from './add-quote.ts'
import { addSource, editSource } from './add-source.ts'
import { anchorQuote } from './anchor.ts'
import {
  archiveProgress,
  findArchiveQueueEntry,
  releaseHeldSources,
} from './archive-queue.repository.ts'
import { archiveStateOf } from './archive-queue.ts'
import type { ArchiveOptions } from './archive-source.ts'
import { archiveSource } from './archive-source.ts'
import { formatBibliography } from './bibliography.ts'
import { highlightedTextPage } from './captures.ts'
import { checkSourceLink } from './check-links.ts'
import { claimPage, claimsPage } from './claims.pages.tsx'
import {
  type ClaimView,
  findClaimView,
  listClaims,
  listClaimsCitingSource,
} from './claims.repository.ts'
import { ClaimStatuses, claimReviewJsonLd } from './claims.ts'
import { sourceToCsl } from './csl.ts'
import { exportCslItems, exportSources, exportWarc } from './export-sources.ts'
import { importCslSources } from './import-sources.ts'
import { findQuoteById, listQuotesBySource } from './quotes.repository.ts'
import { mediaTypeOf } from './readable-text.ts'
import {
  findSnapshot,
  firstArchivedAt,
  listLinkChecks,
  listSnapshotMeta,
  purgeSnapshot,
  type SnapshotMeta,
} from './snapshots.repository.ts'
import { archiveGatePage, archivePath, ledgerPage, sourcePage } from './sources.pages.tsx'
import {
  countSources,
  findSourceById,
  findSourceByKey,
  listSources,
  type SourceListItem,
  type SourceRow,
} from './sources.repository.ts'
import { LinkStatuses } from './sources.tables.ts'
import { SourceKinds, summarizeKinds } from './sources.ts'
import {
  AddSourceForm,
  ArchiveProgressPanel,
  DeskLedgerTools,
  type FormProblem,
  newClaimPage,
  staffClaimPage,
  staffSourcePage,
} from './staff-sources.pages.tsx'
import { verifyQuotes } from './verify-quotes.ts'

// An archived page is someone else's HTML served from our origin: it runs no script, loads
// nothing from anywhere, and cannot reach this site's cookies or storage (an opaque origin).
const ARCHIVE_CSP =
  "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// Types a browser may show inline from an archive; anything else is a download.
const INLINE_TYPES = new Set(['text/html', 'text/plain', 'text/csv', 'application/json'])

/**
 * Sets the archived copies' Content-Security-Policy. Registered before the site's security
 * headers so that it runs after them and replaces their policy on these responses only.
 */
export function sandboxArchivedCopies(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next()
    if (c.res.status === 200 && c.res.headers.has('x-parley-archived-copy')) {
      c.res.headers.set('Content-Security-Policy', ARCHIVE_CSP)
      c.res.headers.delete('x-parley-archived-copy')
    }
  }
}

function actorOf(staff: StaffUser): Actor {
  return { staffId: staff.id, label: staff.email }
}

function isoOrNull(date: Date | null): string | null {
  return date === null ? null : date.toISOString()
}

/** A string field of a parsed form; files and absent fields are undefined. */
function formValues(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string') out[name] = value
  return out
}

function problemOf(error: unknown): FormProblem {
  if (isAppError(error)) return { message: error.message, details: error.details }
  throw error
}

function statusOfProblem(error: unknown): 400 | 403 | 404 | 409 | 413 | 503 {
  if (!isAppError(error)) return 400
  switch (error.code) {
    case 'conflict':
      return 409
    case 'payload_too_large':
      return 413
    case 'unavailable':
      return 503
    case 'not_found':
      return 404
    case 'forbidden':
      return 403
    default:
      return 400
  }
}

async function jsonBody(c: Context<AppEnv>): Promise<unknown> {
  try {
    return await c.req.json()
  } catch {
    throw invalidInput('the body is not valid JSON')
  }
}

/** The public shape of a source in the ledger list: no URL unless the reader may see it. */
function sourceSummary(s: SourceListItem | SourceRow, links: boolean) {
  return {
    key: s.key,
    title: s.title,
    publisher: s.publisher,
    author: s.author,
    publishedOn: s.publishedOn,
    kind: s.kind,
    reliability: s.reliability,
    linkStatus: s.linkStatus,
    linkCheckedAt: isoOrNull(s.linkCheckedAt),
    ...('snapshotCount' in s
      ? {
          snapshotCount: s.snapshotCount,
          lastArchivedAt: isoOrNull(s.lastArchivedAt),
          contentChanged: s.versionCount > 1,
        }
      : {}),
    ...(links ? { url: s.url } : {}),
  }
}

function snapshotJson(sourceKey: string, s: SnapshotMeta, links: boolean) {
  return {
    id: s.id,
    fetchedAt: s.fetchedAt.toISOString(),
    status: s.httpStatus,
    contentType: s.contentType,
    byteLength: s.byteLength,
    sha256: s.sha256,
    textSha256: s.textSha256,
    textStatus: s.textStatus,
    extractor: s.extractor,
    ...(links
      ? {
          requestedUrl: s.requestedUrl,
          finalUrl: s.finalUrl,
          archiveUrl: archivePath(sourceKey, s.id),
          textUrl: s.textStatus === 'extracted' ? `${archivePath(sourceKey, s.id)}/text` : null,
        }
      : {}),
  }
}

function claimJson(c: ClaimView, links: boolean) {
  const source = (ref: ClaimView['source']) => {
    const { url, ...rest } = ref
    return links ? { ...rest, url } : rest
  }
  return {
    key: c.key,
    text: c.text,
    claimant: c.claimant,
    claimantActorKey: c.claimantActorKey,
    statedOn: c.statedOn,
    negotiation: c.negotiationSlug,
    status: c.status,
    credibility: c.credibility,
    statedShare: c.statedShare === null ? null : Number(c.statedShare.toPrecision(6)),
    verdict: c.verdict,
    reviewedOn: c.reviewedOn,
    source: source(c.source),
    quote: c.quote,
    evidence: c.evidence.map((e) => ({ ...e, source: source(e.source) })),
  }
}

const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ error: 'expected a number' })
    .int('expected a whole number')
    .min(min, `expected ${min} to ${max}`)
    .max(max, `expected ${min} to ${max}`)

/** Paging of `GET /api/sources`. */
const SourcePageQuery = z.object({
  limit: wholeNumber(1, 1000).default(200),
  offset: wholeNumber(0, 1_000_000_000).default(0),
})

/** Filters of `GET /api/claims`. */
const ClaimListQuery = z.object({
  q: z.string().max(200, 'expected at most 200 characters').optional(),
  status: z.union([z.enum(ClaimStatuses), z.literal('')]).optional(),
})

export function sourceRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps
  const archiveOptions: ArchiveOptions = {
    clock: deps.clock,
    fetch: { allowPrivate: deps.config.fetchAllowPrivate },
  }
  const siteUrl = (c: Context<AppEnv>) => deps.config.publicUrl ?? new URL(c.req.url).origin

  const filterOf = (c: Context<AppEnv>) => {
    const kind = c.req.query('kind') ?? ''
    const status = c.req.query('status') ?? ''
    return {
      q: (c.req.query('q') ?? '').slice(0, 200),
      kind: (SourceKinds as readonly string[]).includes(kind) ? kind : '',
      status: (LinkStatuses as readonly string[]).includes(status) ? status : '',
    }
  }
  const ledger = async (c: Context<AppEnv>, searchUrls: boolean) => {
    const filter = filterOf(c)
    const [sources, all] = await Promise.all([
      listSources(db, {
        q: filter.q,
        kind: filter.kind || undefined,
        linkStatus: filter.status || undefined,
        searchUrls,
        limit: 1000,
      }),
      listSources(db, { limit: 100_000 }),
    ])
    return { filter, sources, summary: summarizeKinds(all.map((s) => s.kind)) }
  }

  async function sourceView(c: Context<AppEnv>, key: string) {
    const source = await findSourceByKey(db, key)
    if (!source) throw notFound(`source "${key}"`)
    const links = canSeeSourceLinks(c)
    const [snapshots, checks, quotes, claims, accessed, queued] = await Promise.all([
      listSnapshotMeta(db, source.id),
      listLinkChecks(db, source.id),
      listQuotesBySource(db, source.id),
      listClaimsCitingSource(db, source.id),
      firstArchivedAt(db, [source.id]),
      findArchiveQueueEntry(db, source.id),
    ])
    const item = sourceToCsl(source, { includeUrl: links, accessed: accessed.get(source.id) })
    const [apa, chicago] = await Promise.all([
      formatBibliography([item], 'apa', 'text'),
      formatBibliography([item], 'chicago', 'text'),
    ])
    return {
      source,
      snapshots,
      checks,
      quotes,
      claims,
      links,
      citations: { apa: apa.trim(), chicago: chicago.trim() },
      archiveState: archiveStateOf(snapshots[0]?.fetchedAt ?? null, queued),
    }
  }

  // ---- Public pages and JSON (gated: no URL, no archive link for anonymous readers) ----

  app.get('/sources', async (c) => {
    const { filter, sources, summary } = await ledger(c, false)
    return c.html(
      ledgerPage({ sources, summary, filter, links: canSeeSourceLinks(c), staff: c.get('staff') }),
    )
  })

  app.get('/sources/:key', async (c) => {
    const view = await sourceView(c, c.req.param('key'))
    return c.html(sourcePage({ ...view, staff: c.get('staff') }))
  })

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
    if (quoteParam !== undefined) {
      // The text with one quote marked: HTML we build from the escaped text, not the stored
      // bytes, so it carries no hash header; the same sandbox policy applies all the same.
      const quoteId = Number(quoteParam)
      if (!Number.isInteger(quoteId) || quoteId <= 0)
        throw invalidInput('quote must be a quote id', [
          { path: 'quote', message: `got "${quoteParam.slice(0, 40)}"` },
        ])
      const quote = await findQuoteById(db, quoteId)
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
  app.get('/sources/:key/snapshots/:id', (c) => serveSnapshot(c, false))
  app.get('/sources/:key/snapshots/:id/text', (c) => serveSnapshot(c, true))

  app.get('/api/sources', async (c) => {
    const links = canSeeSourceLinks(c)
    const filter = filterOf(c)
    const { limit, offset } = parseQuery(c, SourcePageQuery)
    const sources = await listSources(db, {
      q: filter.q,
      kind: filter.kind || undefined,
      linkStatus: filter.status || undefined,
      searchUrls: links,
      limit,
      offset,
    })
    return c.json({
      total: await countSources(db),
      limit,
      offset,
      sources: sources.map((s) => sourceSummary(s, links)),
    })
  })

  app.get('/api/sources/:key', async (c) => {
    const view = await sourceView(c, c.req.param('key'))
    const { source, links } = view
    return c.json({
      ...sourceSummary(source, links),
      note: source.note,
      contentChanged:
        new Set(view.snapshots.map((s) => s.textSha256 ?? `raw:${s.sha256}`)).size > 1,
      ...(links && view.snapshots[0]
        ? { archiveUrl: archivePath(source.key, view.snapshots[0].id) }
        : {}),
      snapshots: view.snapshots.map((s) => snapshotJson(source.key, s, links)),
      linkChecks: view.checks.map((check) => ({
        checkedAt: check.checkedAt.toISOString(),
        status: check.status,
        httpStatus: check.httpStatus,
        snapshotId: check.snapshotId,
        ...(links ? { finalUrl: check.finalUrl, error: check.error } : {}),
      })),
      quotes: view.quotes.map((q) => ({
        id: q.id,
        snapshotId: q.snapshotId,
        selectors: [
          { type: 'TextQuoteSelector', exact: q.exact, prefix: q.prefix, suffix: q.suffix },
          { type: 'TextPositionSelector', start: q.start, end: q.end },
        ],
        textSha256: q.textSha256,
        status: q.status,
        verifiedAt: isoOrNull(q.verifiedAt),
        note: q.note,
      })),
      claims: view.claims,
      citations: view.citations,
    })
  })

  // CSL-JSON (an array of items) or a formatted bibliography; URLs only for those who may see them.
  app.get('/api/bibliography', async (c) => {
    const format = c.req.query('format') ?? 'csl-json'
    if (format !== 'csl-json' && format !== 'apa' && format !== 'chicago')
      throw invalidInput('format must be csl-json, apa or chicago', [
        { path: 'format', message: `got "${format}"` },
      ])
    const keys = (c.req.query('keys') ?? '').split(',').filter(Boolean)
    const includeUrls = canSeeSourceLinks(c)
    if (format === 'csl-json') return c.json(await exportCslItems(db, { keys, includeUrls }))
    const text = await exportSources(db, { format, keys, includeUrls })
    return c.body(text, 200, { 'Content-Type': 'text/plain; charset=utf-8' })
  })

  app.get('/claims', async (c) => {
    const status = c.req.query('status') ?? ''
    const filter = {
      q: (c.req.query('q') ?? '').slice(0, 200),
      status: (ClaimStatuses as readonly string[]).includes(status) ? status : '',
    }
    const claims = await listClaims(db, { q: filter.q, status: filter.status || undefined })
    return c.html(claimsPage({ claims, filter, staff: c.get('staff') }))
  })

  app.get('/claims/:key', async (c) => {
    const claim = await findClaimView(db, c.req.param('key'))
    if (!claim) throw notFound(`claim "${c.req.param('key')}"`)
    const links = canSeeSourceLinks(c)
    const jsonLd = claimReviewJsonLd(
      { ...claim, source: { ...claim.source, url: links ? claim.source.url : undefined } },
      { url: siteUrl(c), name: 'Parley' },
    )
    const access = await loadSourceAccess(c, db, [
      claim.source.key,
      ...claim.evidence.map((e) => e.source.key),
    ])
    return c.html(claimPage({ claim, jsonLd, staff: c.get('staff'), access }))
  })

  app.get('/api/claims', async (c) => {
    const links = canSeeSourceLinks(c)
    const query = parseQuery(c, ClaimListQuery)
    const claims = await listClaims(db, { q: query.q, status: query.status || undefined })
    return c.json({
      claims: claims.map(
        ({ source, id: _id, negotiationId: _n, quoteId: _q, sourceId: _s, ...rest }) => ({
          ...rest,
          statedShare: rest.statedShare === null ? null : Number(rest.statedShare.toPrecision(6)),
          createdAt: rest.createdAt.toISOString(),
          updatedAt: rest.updatedAt.toISOString(),
          source: links ? source : { ...source, url: undefined },
        }),
      ),
    })
  })

  app.get('/api/claims/:key', async (c) => {
    const claim = await findClaimView(db, c.req.param('key'))
    if (!claim) throw notFound(`claim "${c.req.param('key')}"`)
    const links = canSeeSourceLinks(c)
    return c.json({
      ...claimJson(claim, links),
      claimReview:
        claimReviewJsonLd(
          { ...claim, source: { ...claim.source, url: links ? claim.source.url : undefined } },
          { url: siteUrl(c), name: 'Parley' },
        ) ?? null,
    })
  })

  // ---- JSON API writes (staff) ----

  app.post('/api/sources', requireRole('analyst'), async (c) => {
    const body = (await jsonBody(c)) as Record<string, unknown>
    const { archive, ...fields } = body ?? {}
    const added = await addSource(db, actorOf(c.get('staff')!), fields, {
      ...archiveOptions,
      archive: archive !== false,
    })
    return c.json(
      {
        source: sourceSummary(added.source, true),
        archive: added.archive
          ? {
              outcome: added.archive.outcome,
              snapshot: snapshotJson(added.source.key, added.archive.snapshot, true),
            }
          : null,
      },
      201,
    )
  })

  app.patch('/api/sources/:key', requireRole('analyst'), async (c) => {
    const source = await editSource(
      db,
      actorOf(c.get('staff')!),
      c.req.param('key'),
      await jsonBody(c),
    )
    return c.json(sourceSummary(source, true))
  })

  app.post('/api/sources/import', requireRole('analyst'), async (c) =>
    c.json(
      await importCslSources(db, actorOf(c.get('staff')!), await jsonBody(c), {
        now: deps.clock.now(),
      }),
    ),
  )

  app.post('/api/sources/:key/archive', requireRole('analyst'), async (c) => {
    const result = await archiveSource(
      db,
      actorOf(c.get('staff')!),
      c.req.param('key'),
      archiveOptions,
    )
    return c.json({
      outcome: result.outcome,
      snapshot: snapshotJson(result.sourceKey, result.snapshot, true),
    })
  })

  app.post('/api/sources/:key/check', requireRole('analyst'), async (c) => {
    const source = await findSourceByKey(db, c.req.param('key'))
    if (!source) throw notFound(`source "${c.req.param('key')}"`)
    return c.json(await checkSourceLink(db, actorOf(c.get('staff')!), source, archiveOptions))
  })

  app.post('/api/sources/:key/quotes', requireRole('analyst'), async (c) => {
    const quote = await addQuote(
      db,
      actorOf(c.get('staff')!),
      c.req.param('key'),
      await jsonBody(c),
      deps.clock,
    )
    return c.json(quote, 201)
  })

  app.delete('/api/quotes/:id', requireRole('analyst'), async (c) => {
    await deleteQuoteById(db, actorOf(c.get('staff')!), Number(c.req.param('id')))
    return c.body(null, 204)
  })

  app.post('/api/quotes/verify', requireRole('analyst'), async (c) =>
    c.json(await verifyQuotes(db, { clock: deps.clock, sourceKey: c.req.query('source') })),
  )

  app.delete('/api/snapshots/:id', requireRole('owner'), async (c) => {
    const body = (await jsonBody(c)) as { reason?: unknown }
    const purged = await purgeSnapshot(
      db,
      actorOf(c.get('staff')!),
      Number(c.req.param('id')),
      typeof body?.reason === 'string' ? body.reason : '',
    )
    return c.json({ purged: purged.id, sha256: purged.sha256 })
  })

  app.post('/api/claims', requireRole('analyst'), async (c) => {
    const claim = await addClaim(db, actorOf(c.get('staff')!), await jsonBody(c))
    const view = await findClaimView(db, claim.key)
    return c.json(claimJson(view!, true), 201)
  })

  app.patch('/api/claims/:key', requireRole('analyst'), async (c) => {
    await reviewClaim(db, actorOf(c.get('staff')!), c.req.param('key'), await jsonBody(c))
    return c.json(claimJson((await findClaimView(db, c.req.param('key')))!, true))
  })

  app.post('/api/claims/:key/evidence', requireRole('analyst'), async (c) => {
    await addEvidence(db, actorOf(c.get('staff')!), c.req.param('key'), await jsonBody(c))
    return c.json(claimJson((await findClaimView(db, c.req.param('key')))!, true), 201)
  })

  // ---- Staff pages (always with URLs) ----

  const deskLedger = async (
    c: Context<AppEnv>,
    extra: { notice?: string; values?: Record<string, string>; problem?: FormProblem } = {},
    status: 200 | 400 | 403 | 404 | 409 | 413 | 503 = 200,
  ) => {
    const [{ filter, sources, summary }, progress] = await Promise.all([
      ledger(c, true),
      archiveProgress(db),
    ])
    const staff = c.get('staff')!
    return c.html(
      ledgerPage({
        sources,
        summary,
        filter,
        links: true,
        staff: c.get('staff'),
        action: '/staff/sources',
        title: 'Source ledger — desk',
        children: (
          <>
            <DeskLedgerTools notice={extra.notice} />
            <ArchiveProgressPanel progress={progress} owner={roleAtLeast(staff.role, 'owner')} />
            <AddSourceForm values={extra.values} problem={extra.problem} />
          </>
        ),
      }),
      status,
    )
  }

  app.get('/staff/sources', requireRole('analyst'), (c) =>
    deskLedger(c, { notice: c.req.query('done') }),
  )

  // The bundled demo's sources are held, not fetched unasked; the owner queues them here.
  app.post('/staff/archive/demo', requireRole('owner'), async (c) => {
    const queued = await db.transaction(async (tx) => {
      const n = await releaseHeldSources(tx, deps.clock.now())
      await recordAudit(tx, actorOf(c.get('staff')!), {
        action: 'archive-queue',
        entity: 'source',
        entityId: null,
        after: { queued: n, of: 'demo' },
      })
      return n
    })
    const said =
      queued === 0
        ? 'Nothing to queue: the demo sources are queued or archived already.'
        : `Queued ${queued} demo source${queued === 1 ? '' : 's'} for archiving; progress below.`
    return c.redirect(`/staff/sources?done=${encodeURIComponent(said)}`, 303)
  })

  app.get('/staff/sources/export.csl.json', requireRole('analyst'), async (c) => {
    c.header('Content-Disposition', 'attachment; filename="parley-sources.csl.json"')
    return c.json(await exportCslItems(db, { includeUrls: true }))
  })

  app.get('/staff/sources/export.warc', requireRole('analyst'), async (c) => {
    const { warc } = await exportWarc(db, { filename: 'parley-snapshots.warc' })
    return c.body(warc as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/warc',
      'Content-Disposition': 'attachment; filename="parley-snapshots.warc"',
    })
  })

  app.post('/staff/sources', requireRole('analyst'), async (c) => {
    const values = formValues(await c.req.parseBody())
    const { noArchive, ...fields } = values
    try {
      const added = await addSource(db, actorOf(c.get('staff')!), fields, {
        ...archiveOptions,
        archive: noArchive !== '1',
      })
      const done = added.archive ? `archived, sha256 ${added.archive.snapshot.sha256}` : 'recorded'
      return c.redirect(
        `/staff/sources/${encodeURIComponent(added.source.key)}?done=${encodeURIComponent(`Added: ${done}.`)}`,
        303,
      )
    } catch (error) {
      return deskLedger(c, { values, problem: problemOf(error) }, statusOfProblem(error))
    }
  })

  const deskSource = async (
    c: Context<AppEnv>,
    key: string,
    extra: {
      notice?: string | undefined
      problem?: FormProblem
      quoteValues?: Record<string, string>
    } = {},
    status: 200 | 400 | 403 | 404 | 409 | 413 | 503 = 200,
  ) => {
    const view = await sourceView(c, key)
    return c.html(staffSourcePage({ ...view, staff: c.get('staff')!, ...extra }), status)
  }

  app.get('/staff/sources/:key', requireRole('analyst'), (c) =>
    deskSource(c, c.req.param('key'), { notice: c.req.query('done') }),
  )

  const back = (key: string, notice: string) =>
    `/staff/sources/${encodeURIComponent(key)}?done=${encodeURIComponent(notice)}`

  app.post('/staff/sources/:key', requireRole('analyst'), async (c) => {
    const key = c.req.param('key')
    try {
      await editSource(db, actorOf(c.get('staff')!), key, formValues(await c.req.parseBody()))
      return c.redirect(back(key, 'Saved.'), 303)
    } catch (error) {
      return deskSource(c, key, { problem: problemOf(error) }, statusOfProblem(error))
    }
  })

  app.post('/staff/sources/:key/archive', requireRole('analyst'), async (c) => {
    const key = c.req.param('key')
    try {
      const result = await archiveSource(db, actorOf(c.get('staff')!), key, archiveOptions)
      const said = {
        new: 'Archived.',
        changed: 'The content has changed: archived as a new snapshot.',
        unchanged: 'Unchanged since the newest snapshot: nothing new stored.',
      }[result.outcome]
      return c.redirect(back(key, said), 303)
    } catch (error) {
      return deskSource(c, key, { problem: problemOf(error) }, statusOfProblem(error))
    }
  })

  app.post('/staff/sources/:key/check', requireRole('analyst'), async (c) => {
    const key = c.req.param('key')
    const source = await findSourceByKey(db, key)
    if (!source) throw notFound(`source "${key}"`)
    const result = await checkSourceLink(db, actorOf(c.get('staff')!), source, archiveOptions)
    return c.redirect(
      back(
        key,
        `Link checked: ${result.status}${result.httpStatus ? ` (HTTP ${result.httpStatus})` : ''}.`,
      ),
      303,
    )
  })

  app.post('/staff/sources/:key/quotes', requireRole('analyst'), async (c) => {
    const key = c.req.param('key')
    const values = formValues(await c.req.parseBody())
    const body = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''))
    try {
      const quote = await addQuote(db, actorOf(c.get('staff')!), key, body, deps.clock)
      return c.redirect(
        `${back(key, `Quote ${quote.id} anchored at ${quote.start}–${quote.end}.`)}#quote-${quote.id}`,
        303,
      )
    } catch (error) {
      return deskSource(
        c,
        key,
        { problem: problemOf(error), quoteValues: values },
        statusOfProblem(error),
      )
    }
  })

  app.post('/staff/quotes/verify', requireRole('analyst'), async (c) => {
    const { counts } = await verifyQuotes(db, { clock: deps.clock })
    const notice = `Quotes: ${counts.verified} verified, ${counts.moved} moved, ${counts.orphaned} orphaned.`
    return c.redirect(`/staff/sources?done=${encodeURIComponent(notice)}`, 303)
  })

  app.post('/staff/snapshots/:id/purge', requireRole('owner'), async (c) => {
    const { reason } = formValues(await c.req.parseBody())
    const purged = await purgeSnapshot(
      db,
      actorOf(c.get('staff')!),
      Number(c.req.param('id')),
      reason ?? '',
    )
    const source = await findSourceById(db, purged.sourceId)
    return c.redirect(back(source?.key ?? '', `Snapshot #${purged.id} purged.`), 303)
  })

  app.get('/staff/claims/new', requireRole('analyst'), (c) =>
    c.html(
      newClaimPage({ staff: c.get('staff')!, values: { source: c.req.query('source') ?? '' } }),
    ),
  )

  app.post('/staff/claims', requireRole('analyst'), async (c) => {
    const values = formValues(await c.req.parseBody())
    try {
      const claim = await addClaim(db, actorOf(c.get('staff')!), values)
      return c.redirect(`/staff/claims/${encodeURIComponent(claim.key)}?done=Recorded.`, 303)
    } catch (error) {
      return c.html(
        newClaimPage({ staff: c.get('staff')!, values, problem: problemOf(error) }),
        statusOfProblem(error),
      )
    }
  })

  const deskClaim = async (
    c: Context<AppEnv>,
    key: string,
    extra: { notice?: string | undefined; problem?: FormProblem } = {},
    status: 200 | 400 | 403 | 404 | 409 | 413 | 503 = 200,
  ) => {
    const claim = await findClaimView(db, key)
    if (!claim) throw notFound(`claim "${key}"`)
    return c.html(staffClaimPage({ claim, staff: c.get('staff')!, ...extra }), status)
  }

  app.get('/staff/claims/:key', requireRole('analyst'), (c) =>
    deskClaim(c, c.req.param('key'), { notice: c.req.query('done') }),
  )

  for (const [path, run, said] of [
    ['review', reviewClaim, 'Review saved.'],
    ['evidence', addEvidence, 'Evidence added.'],
  ] as const) {
    app.post(`/staff/claims/:key/${path}`, requireRole('analyst'), async (c) => {
      const key = c.req.param('key')
      try {
        await run(db, actorOf(c.get('staff')!), key, formValues(await c.req.parseBody()))
        return c.redirect(
          `/staff/claims/${encodeURIComponent(key)}?done=${encodeURIComponent(said)}`,
          303,
        )
      } catch (error) {
        return deskClaim(c, key, { problem: problemOf(error) }, statusOfProblem(error))
      }
    })
  }

  return app
}
