import { type Context, Hono } from 'hono'
import { z } from 'zod'
import { invalidInput, notFound } from '../platform/errors.ts'
import { canSeeSourceLinks, requireRole } from '../platform/web/auth.ts'
import type { AppEnv } from '../platform/web/env.ts'
import { parseQuery } from '../platform/web/query.ts'
import type { Actor } from '../staff/audit.repository.ts'
import type { StaffUser } from '../staff/staff.ts'
import { addQuote } from './actions/add-quote.ts'
import { addSource } from './actions/add-source.ts'
import type { ArchiveOptions } from './actions/archive-source.ts'
import { archiveSource } from './actions/archive-source.ts'
import { checkSourceLink } from './actions/check-links.ts'
import { deleteQuoteById } from './actions/delete-quote.ts'
import { editSource } from './actions/edit-source.ts'
import { exportCslItems, exportSources } from './actions/export-sources.ts'
import { importCslSources } from './actions/import-sources.ts'
import { ledgerFilter, loadSourceView } from './actions/load-source-view.ts'
import { verifyQuotes } from './actions/verify-quotes.ts'
import { purgeSnapshot, type SnapshotMeta } from './snapshots.repository.ts'
import type { SourceDeps } from './source-deps.ts'
import { archivePath } from './source-parts.pages.tsx'
import {
  countSources,
  findSourceByKey,
  listSources,
  type SourceListItem,
  type SourceRow,
} from './sources.repository.ts'

/** The request's JSON body; a body that does not parse is the caller's error, not ours. */
export async function jsonBody(c: Context<AppEnv>): Promise<unknown> {
  try {
    return await c.req.json()
  } catch {
    throw invalidInput('the body is not valid JSON')
  }
}

function actorOf(staff: StaffUser): Actor {
  return { staffId: staff.id, label: staff.email }
}

function isoOrNull(date: Date | null): string | null {
  return date === null ? null : date.toISOString()
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

/** A source with all its page shows, as JSON; URLs only for readers who may see them. */
function sourceViewJson(view: Awaited<ReturnType<typeof loadSourceView>>) {
  const { source, links } = view
  return {
    ...sourceSummary(source, links),
    note: source.note,
    contentChanged: new Set(view.snapshots.map((s) => s.textSha256 ?? `raw:${s.sha256}`)).size > 1,
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
    claims: view.claims.map(({ statusLabel: _label, ...claim }) => claim),
    citations: view.citations,
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

/** The ledger as JSON for everyone: no URL, no archive link for anonymous readers. */
function sourceApiReadRoutes(deps: SourceDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps

  app.get('/api/sources', async (c) => {
    const links = canSeeSourceLinks(c)
    const filter = ledgerFilter((name) => c.req.query(name))
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
    const view = await loadSourceView(db, c.req.param('key'), {
      links: canSeeSourceLinks(c),
      claimsCiting: deps.claimsCiting,
    })
    return c.json(sourceViewJson(view))
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

  return app
}

/** The ledger's writes as JSON, for analysts (a purge for owners). */
function sourceApiWriteRoutes(deps: SourceDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps
  const archiveOptions: ArchiveOptions = {
    clock: deps.clock,
    fetch: { allowPrivate: deps.config.fetchAllowPrivate },
  }

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
    const actor = actorOf(c.get('staff')!)
    const source = await editSource(db, actor, c.req.param('key'), await jsonBody(c))
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
    const actor = actorOf(c.get('staff')!)
    const result = await archiveSource(db, actor, c.req.param('key'), archiveOptions)
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
    const actor = actorOf(c.get('staff')!)
    const quote = await addQuote(db, actor, c.req.param('key'), await jsonBody(c), deps.clock)
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

  return app
}

/** The source ledger's JSON API. */
export function sourceApiRoutes(deps: SourceDeps) {
  const app = new Hono<AppEnv>()
  app.route('/', sourceApiReadRoutes(deps))
  app.route('/', sourceApiWriteRoutes(deps))
  return app
}
