import { Hono } from 'hono'
import { notFound } from '../shared/errors.ts'
import { listNegotiationEvents } from '../timeline/events.repository.ts'
import { gateSourceRefs } from '../web/auth.ts'
import type { AppDeps, AppEnv } from '../web/env.ts'
import { homePage, negotiationPage } from './negotiations.pages.tsx'
import {
  findNegotiationBySlug,
  listActors,
  listDocumentViews,
  listIssueViews,
  listNegotiationSummaries,
} from './negotiations.repository.ts'

export function negotiationRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps

  app.get('/', async (c) =>
    c.html(homePage({ negotiations: await listNegotiationSummaries(db), staff: c.get('staff') })),
  )

  app.get('/negotiations/:slug', async (c) => {
    const negotiation = await findNegotiationBySlug(db, c.req.param('slug'))
    if (!negotiation) throw notFound('negotiation')
    const [documents, issues, events] = await Promise.all([
      listDocumentViews(db, negotiation.id),
      listIssueViews(db, negotiation.id),
      listNegotiationEvents(db, negotiation.id),
    ])
    return c.html(
      negotiationPage({ negotiation, documents, issues, events, staff: c.get('staff') }),
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

  return app
}
