import { Hono } from 'hono'
import { isoDay } from '../platform/time.ts'
import { gateSourceRefs } from '../platform/web/auth.ts'
import type { AppDeps, AppEnv } from '../platform/web/env.ts'
import {
  loadNegotiationProgress,
  loadTrackerData,
  parseDateParam,
  requireNegotiation,
} from './actions/load-progress.ts'
import { readerWeightsFrom } from './tracker.inputs.ts'

/** The tracker as JSON: the measures at a date, and every role period, position and weight set. */
export function trackerReadRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps

  app.get('/api/negotiations/:slug/progress', async (c) => {
    const query = c.req.query()
    const at = parseDateParam('at', query.at)
    const progress = await loadNegotiationProgress(db, c.req.param('slug'), {
      at,
      framework: query.framework,
      reader: readerWeightsFrom(query, 'fraction'),
      today: isoDay(deps.clock.now()),
    })
    const { answer } = progress
    return c.json({
      ...answer,
      claims: answer.claims.map((claim) => ({ ...claim })),
      series: progress.series,
      implementationSeries: progress.implementationSeries,
    })
  })

  app.get('/api/negotiations/:slug/positions', async (c) => {
    const negotiation = await requireNegotiation(db, c.req.param('slug'))
    const data = await loadTrackerData(db, negotiation)
    return c.json({
      negotiation: negotiation.slug,
      parties: data.roles.map((r) => ({
        id: r.id,
        party: r.actorKey,
        role: r.role,
        from: r.fromOn,
        to: r.toOn,
        note: r.note,
        sources: gateSourceRefs(c, r.sources),
      })),
      positions: data.positions.map((p) => ({
        id: p.id,
        document: p.documentKey,
        point: p.number,
        party: p.actorKey,
        on: p.statedOn,
        level: p.level,
        note: p.note,
        sources: gateSourceRefs(c, p.sources),
      })),
      weightSets: data.weightSets.map(
        ({ id: _i, documentId: _d, createdAt: _c, weights, ...set }) => ({
          ...set,
          weights: weights.map((w) => ({ point: w.number, weight: w.weight, note: w.note })),
        }),
      ),
    })
  })

  return app
}
