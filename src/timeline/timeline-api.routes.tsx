import { type Context, Hono } from 'hono'
import { z } from 'zod'
import type { Db } from '../platform/db/client.ts'
import { AppError, detailsFromZod, invalidInput, notFound } from '../platform/errors.ts'
import type { AppDeps, AppEnv } from '../platform/web/env.ts'
import { loadNegotiationTimeline } from './actions/load-negotiation-timeline.ts'
import { toCsv } from './csv.ts'
import { MISSILE_ATTACKS_DATASET } from './datasets.ts'
import { weeklyCooperationConflict } from './dyad.ts'
import { listDyadEvents } from './external-events.repository.ts'
import { findNight, type NightlySeries, rankWindow } from './intensity.ts'
import { findNightlySeries, listDatasets } from './strikes.repository.ts'
import { csvFlag, DyadQuery, IntensityQuery, NightsQuery } from './timeline.inputs.ts'
import { type NightView, nightsInRange, nightView, type WindowView, windowView } from './views.ts'

function parseQuery<T extends z.ZodType>(schema: T, c: Context<AppEnv>): z.infer<T> {
  const parsed = schema.safeParse(c.req.query())
  if (!parsed.success) throw invalidInput('invalid query', detailsFromZod(parsed.error.issues))
  return parsed.data
}

function csvResponse(c: Context<AppEnv>, name: string, columns: string[], rows: unknown[][]) {
  c.header('Content-Disposition', `inline; filename="${name}.csv"`)
  return c.body(toCsv(columns, rows as (string | number | null)[][]), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
  })
}

async function requireSeries(db: Db, dataset: string): Promise<NightlySeries> {
  const series = await findNightlySeries(db, dataset)
  if (!series) throw notFound(`strike data for data set "${dataset}"`)
  return series
}

const NIGHT_COLUMNS = [
  'night',
  'drones_launched',
  'missiles_launched',
  'total_launched',
  'drones_destroyed',
  'missiles_destroyed',
  'total_destroyed',
]

const nightRow = (n: NightView) => [
  n.night,
  n.launched.drones,
  n.launched.missiles,
  n.launched.total,
  n.destroyed.drones,
  n.destroyed.missiles,
  n.destroyed.total,
]

const WINDOW_COLUMNS = [
  'window',
  'from',
  'ending',
  'measure',
  'drones_launched',
  'missiles_launched',
  'total_launched',
  'drones_destroyed',
  'missiles_destroyed',
  'total_destroyed',
  'rank',
  'of',
  'percentile',
]

const windowRow = (view: WindowView) => [
  view.window,
  view.from,
  view.ending,
  view.measure,
  view.launched.drones,
  view.launched.missiles,
  view.launched.total,
  view.destroyed.drones,
  view.destroyed.missiles,
  view.destroyed.total,
  view.rank,
  view.of,
  view.percentile,
]

const DYAD_COLUMNS = [
  'week',
  'events',
  'net',
  'cooperation',
  'conflict',
  'net_smoothed',
  'cooperation_smoothed',
  'conflict_smoothed',
]

/** The timeline's JSON and CSV: data sets, nights, windows, talks-window ratios and dyads. */
export function timelineApiRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  app.route('/', strikeApiRoutes(deps))
  app.route('/', eventApiRoutes(deps))
  return app
}

/** The strike series: the data sets, the nights of a range, one night or a ranked window. */
function strikeApiRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps

  app.get('/api/timeline/datasets', async (c) =>
    c.json({
      datasets: (await listDatasets(db)).map((d) => ({
        key: d.key,
        kind: d.kind,
        title: d.title,
        attribution: d.attribution,
        url: d.url,
      })),
    }),
  )

  app.get('/api/timeline/nights', async (c) => {
    const q = parseQuery(NightsQuery, c)
    const series = await requireSeries(db, q.dataset)
    const nights = nightsInRange(series, q.from ?? series.first, q.to ?? series.last)
    if (q.format === 'csv') {
      return csvResponse(
        c,
        `${q.dataset}-nights`,
        [...NIGHT_COLUMNS, 'rolling7_launched', 'rolling30_launched'],
        nights.map((n) => [...nightRow(n), n.rolling7, n.rolling30]),
      )
    }
    return c.json({
      dataset: q.dataset,
      series: { first: series.first, last: series.last },
      nights: nights.map((n) => ({
        ...nightView(n),
        rolling7: n.rolling7,
        rolling30: n.rolling30,
      })),
    })
  })

  app.get('/api/timeline/intensity', async (c) => {
    const q = parseQuery(IntensityQuery, c)
    const series = await requireSeries(db, q.dataset)
    if (q.night !== undefined) {
      const night = findNight(series, q.night)
      if (!night)
        throw new AppError(
          'not_found',
          `no night ${q.night} in the series (${series.first} … ${series.last})`,
        )
      const view = nightView(night)
      if (q.format === 'csv')
        return csvResponse(c, `night-${q.night}`, NIGHT_COLUMNS, [nightRow(view)])
      return c.json(view)
    }
    const ranked = rankWindow(series, q.window!, q.ending!, q.measure)
    if (!ranked.ok) throw new AppError('not_found', ranked.message)
    const view = windowView(ranked.window)
    if (q.format === 'csv') {
      return csvResponse(c, `window-${view.window}-${view.ending}`, WINDOW_COLUMNS, [
        windowRow(view),
      ])
    }
    return c.json(view)
  })

  return app
}

/** Events: a negotiation's talks-window ratios, and a dyad's weekly cooperation and conflict. */
function eventApiRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps

  app.get('/api/timeline/negotiations/:slug/ratios', async (c) => {
    const q = parseQuery(z.object({ format: csvFlag }), c)
    const t = await loadNegotiationTimeline(db, c.req.param('slug'))
    const rows = t.events.map((e) => ({
      key: e.key,
      kind: e.kind,
      title: e.title,
      occurredOn: e.occurredOn,
      endedOn: e.endedOn,
      ratio: e.ratio.ratio,
      around: e.ratio.around,
      before: e.ratio.before,
      note: e.ratio.note,
    }))
    if (q.format === 'csv') {
      return csvResponse(
        c,
        `${t.negotiation.slug}-ratios`,
        ['key', 'kind', 'date', 'title', 'ratio', 'around_mean', 'before_mean', 'note'],
        rows.map((r) => [
          r.key,
          r.kind,
          r.occurredOn,
          r.title,
          r.ratio,
          r.around?.mean ?? null,
          r.before?.mean ?? null,
          r.note,
        ]),
      )
    }
    return c.json({
      negotiation: t.negotiation.slug,
      dataset: MISSILE_ATTACKS_DATASET.key,
      series: t.series ? { first: t.series.first, last: t.series.last } : null,
      events: rows,
    })
  })

  app.get('/api/timeline/dyad', async (c) => {
    const q = parseQuery(DyadQuery, c)
    const events = await listDyadEvents(db, { ...q, directed: q.directed === '1' })
    const weeks = weeklyCooperationConflict(events, {
      alpha: q.alpha,
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
    })
    if (q.format === 'csv') {
      return csvResponse(
        c,
        `dyad-${q.a}-${q.b}`.toLowerCase(),
        DYAD_COLUMNS,
        weeks.map((w) => [
          w.week,
          w.events,
          w.net,
          w.cooperation,
          w.conflict,
          w.netSmoothed,
          w.cooperationSmoothed,
          w.conflictSmoothed,
        ]),
      )
    }
    return c.json({
      a: q.a.toUpperCase(),
      b: q.b.toUpperCase(),
      directed: q.directed === '1',
      alpha: q.alpha,
      weeks,
    })
  })

  return app
}
