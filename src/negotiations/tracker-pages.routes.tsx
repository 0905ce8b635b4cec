import { Hono } from 'hono'
import { invalidInput, notFound } from '../platform/errors.ts'
import { isoDay } from '../platform/time.ts'
import { loadSourceAccess } from '../platform/web/auth.ts'
import type { AppDeps, AppEnv } from '../platform/web/env.ts'
import {
  loadNegotiationProgress,
  loadTrackerData,
  parseDateParam,
  requireNegotiation,
  type TrackerData,
} from './actions/load-progress.ts'
import { architecturePage } from './architecture.pages.tsx'
import { diffPage } from './diff.pages.tsx'
import { positionsPage } from './positions.pages.tsx'
import { lineageRows } from './progress.ts'

/** The versions to compare: those asked for, or by default the latest revision and what it revised. */
function versionsToCompare(data: TrackerData, query: { from?: string; to?: string }) {
  const find = (key: string | undefined, name: string) => {
    if (key === undefined || key === '') return undefined
    const doc = data.documents.find((d) => d.key === key)
    if (!doc)
      throw invalidInput(`unknown ${name} version`, [
        { path: name, message: `unknown document "${key}"` },
      ])
    return doc
  }
  const later =
    find(query.to, 'to') ??
    data.documents.findLast((d) => d.supersedesKey !== null) ??
    data.documents.at(-1)
  if (!later) throw notFound('framework documents')
  const earlier =
    find(query.from, 'from') ??
    data.documents.find((d) => d.key === later.supersedesKey) ??
    data.documents[0]!
  return { earlier, later }
}

/** The tracker's public pages: who decides, the positions point by point, versions compared. */
export function trackerPageRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps
  const today = () => isoDay(deps.clock.now())

  app.get('/negotiations/:slug/architecture', async (c) => {
    const negotiation = await requireNegotiation(db, c.req.param('slug'))
    const data = await loadTrackerData(db, negotiation)
    const last = [
      ...data.roles.flatMap((r) => [r.fromOn, r.toOn ?? r.fromOn]),
      ...data.positions.map((p) => p.statedOn),
      negotiation.endedOn ?? negotiation.startedOn,
    ]
      .sort()
      .at(-1)!
    const end = [last, today()].sort()[0]!
    const at = parseDateParam('at', c.req.query('at')) ?? end
    const access = await loadSourceAccess(
      c,
      db,
      data.roles.flatMap((r) => r.sources.map((s) => s.key)),
    )
    return c.html(architecturePage({ data, end, at, staff: c.get('staff'), access }))
  })

  app.get('/negotiations/:slug/positions', async (c) => {
    const negotiation = await requireNegotiation(db, c.req.param('slug'))
    const data = await loadTrackerData(db, negotiation)
    const progress = await loadNegotiationProgress(db, negotiation.slug, {
      at: parseDateParam('at', c.req.query('at')),
      framework: c.req.query('framework') || undefined,
      today: today(),
    })
    return c.html(
      positionsPage({
        data,
        document: progress.bundle.document,
        at: progress.answer.at,
        staff: c.get('staff'),
        access: await loadSourceAccess(
          c,
          db,
          data.positions.flatMap((p) => p.sources.map((s) => s.key)),
        ),
      }),
    )
  })

  app.get('/negotiations/:slug/diff', async (c) => {
    const negotiation = await requireNegotiation(db, c.req.param('slug'))
    const data = await loadTrackerData(db, negotiation)
    const { earlier, later } = versionsToCompare(data, {
      from: c.req.query('from'),
      to: c.req.query('to'),
    })
    const links = data.links
      .filter((l) => l.fromDocumentKey === earlier.key && l.toDocumentKey === later.key)
      .map((l) => ({ from: l.fromNumber, to: l.toNumber, note: l.note }))
    // The same version twice compares nothing: no rows, and the page asks for two versions.
    const same = earlier.id === later.id
    const rows = same
      ? []
      : lineageRows(
          earlier.provisions.map((p) => p.number),
          later.provisions.map((p) => p.number),
          links,
        )
    return c.html(
      diffPage({
        negotiation,
        documents: data.documents,
        from: earlier,
        to: later,
        rows,
        linked: !same && links.length > 0,
        staff: c.get('staff'),
      }),
    )
  })

  return app
}
