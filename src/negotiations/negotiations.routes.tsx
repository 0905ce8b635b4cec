import { Hono } from 'hono'
import { isAppError, notFound } from '../platform/errors.ts'
import { isoDay } from '../platform/time.ts'
import { gateSourceRefs, loadSourceAccess } from '../platform/web/auth.ts'
import type { AppDeps, AppEnv } from '../platform/web/env.ts'
import { NegotiationNav } from '../platform/web/ui.tsx'
import {
  loadTrackerData,
  measureProgress,
  type NegotiationProgress,
  parseDateParam,
  type TrackerData,
} from './actions/load-progress.ts'
import { listNegotiationEvents } from './events.repository.ts'
import { negotiationPage } from './negotiations.pages.tsx'
import {
  findNegotiationBySlug,
  listActors,
  listDocumentViews,
  listIssueViews,
  listNegotiationSummaries,
} from './negotiations.repository.ts'
import { ProgressSection } from './progress.pages.tsx'
import type { ReaderForm } from './reader-weights.pages.tsx'
import { readerWeightsFrom } from './tracker.inputs.ts'
import { trackerRoutes } from './tracker.routes.tsx'

const NO_READER: ReaderForm = { values: null, normalize: false, error: null }

/**
 * The overview's measures, with the reader's own weights when the query gives usable ones. A
 * reader's weights that cannot be used are reported beside the form, over the desk's figures.
 */
function measureWithReader(
  data: TrackerData,
  query: Record<string, string>,
  options: { at: string | undefined; today: string },
): { progress: NegotiationProgress; reader: ReaderForm; status: 200 | 400 } {
  const typed = () =>
    Object.fromEntries(
      Object.entries(query)
        .filter(([name]) => name.startsWith('weight-'))
        .map(([name, value]) => [name.slice('weight-'.length), value]),
    )
  try {
    const weights = readerWeightsFrom(query, 'percent')
    const progress = measureProgress(data, { ...options, reader: weights })
    const reader = weights
      ? { values: typed(), normalize: weights.normalize, error: null }
      : NO_READER
    return { progress, reader, status: 200 }
  } catch (error) {
    if (!isAppError(error) || error.code !== 'invalid_input') throw error
    const reader = {
      values: typed(),
      normalize: ['on', '1', 'true'].includes(query.normalize ?? ''),
      error: { message: error.message, details: [...error.details] },
    }
    return { progress: measureProgress(data, options), reader, status: 400 }
  }
}

export function negotiationRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps

  app.get('/negotiations/:slug', async (c) => {
    const negotiation = await findNegotiationBySlug(db, c.req.param('slug'))
    if (!negotiation) throw notFound('negotiation')
    const [documents, issues, events, data] = await Promise.all([
      listDocumentViews(db, negotiation.id),
      listIssueViews(db, negotiation.id),
      listNegotiationEvents(db, negotiation.id),
      loadTrackerData(db, negotiation),
    ])
    const query = c.req.query()
    const at = parseDateParam('at', query.at)
    const today = isoDay(deps.clock.now())
    const { progress, reader, status } =
      documents.length > 0
        ? measureWithReader(data, query, { at, today })
        : { progress: undefined, reader: NO_READER, status: 200 as const }
    const staff = c.get('staff')
    const cited = [
      ...documents.flatMap((d) => [...d.sources, ...d.provisions.flatMap((p) => p.sources)]),
      ...issues.flatMap((i) => i.sources),
      ...events.flatMap((e) => e.sources),
    ].map((s) => s.key)
    return c.html(
      negotiationPage({
        negotiation,
        documents,
        issues,
        events,
        staff,
        access: await loadSourceAccess(c, db, cited),
        nav: (
          <NegotiationNav slug={negotiation.slug} current="overview" staff={staff !== undefined} />
        ),
        progress: progress ? <ProgressSection progress={progress} reader={reader} /> : undefined,
        issueWeights: progress
          ? new Map(progress.answer.issueWeights.map((w) => [w.issue, w.published]))
          : undefined,
      }),
      status,
    )
  })

  app.get('/api/negotiations', async (c) => {
    const rows = await listNegotiationSummaries(db)
    return c.json({
      negotiations: rows.map(({ id: _id, createdAt: _c, updatedAt: _u, ...n }) => n),
    })
  })

  app.get('/api/negotiations/:slug', async (c) => {
    const negotiation = await findNegotiationBySlug(db, c.req.param('slug'))
    if (!negotiation) throw notFound('negotiation')
    const [documents, issues, actors] = await Promise.all([
      listDocumentViews(db, negotiation.id),
      listIssueViews(db, negotiation.id),
      listActors(db, negotiation.id),
    ])
    return c.json({
      slug: negotiation.slug,
      title: negotiation.title,
      summary: negotiation.summary,
      startedOn: negotiation.startedOn,
      endedOn: negotiation.endedOn,
      actors: actors.map(({ id: _i, negotiationId: _n, ...a }) => a),
      issues: issues.map(({ id: _i, negotiationId: _n, sources, ...i }) => ({
        ...i,
        sources: gateSourceRefs(c, sources),
      })),
      documents: documents.map(({ id: _i, negotiationId: _n, provisions, sources, ...d }) => ({
        ...d,
        sources: gateSourceRefs(c, sources),
        provisions: provisions.map(
          ({ id: _p, documentId: _d, issueId: _s, sources: refs, ...p }) => ({
            ...p,
            sources: gateSourceRefs(c, refs),
          }),
        ),
      })),
    })
  })

  app.route('/', trackerRoutes(deps))

  return app
}
