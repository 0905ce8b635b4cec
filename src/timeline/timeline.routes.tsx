import { Hono } from 'hono'
import { listNegotiationSummaries } from '../negotiations/negotiations.repository.ts'
import type { AppDeps, AppEnv } from '../platform/web/env.ts'
import {
  loadNegotiationTimeline,
  type MarkedEvent,
  type NegotiationTimeline,
} from './actions/load-negotiation-timeline.ts'
import { MISSILE_ATTACKS_DATASET } from './datasets.ts'
import { dyadPage } from './dyad.pages.tsx'
import { weeklyCooperationConflict } from './dyad.ts'
import { listDyadEvents } from './external-events.repository.ts'
import { intensityPage } from './intensity.pages.tsx'
import { type Measure, rankWindow, rollingSums } from './intensity.ts'
import { addDays, isCalendarDate } from './kyiv-time.ts'
import { findDataset, findNightlySeries, listDatasets } from './strikes.repository.ts'
import { DyadQuery, MEASURES, RangeQuery } from './timeline.inputs.ts'
import { type TimelineNight, timelinePage } from './timeline.pages.tsx'
import { timelineApiRoutes } from './timeline-api.routes.tsx'
import { timelineImportRoutes } from './timeline-imports.routes.tsx'
import { timelineIndexPage } from './timeline-index.pages.tsx'
import { nightsInRange } from './views.ts'

/** By default: the diplomatic events inside the series, two weeks either side. */
function defaultRange(t: NegotiationTimeline): { from: string; to: string } | undefined {
  const { series } = t
  if (!series) return undefined
  const inside = t.events.filter((e) => e.occurredOn >= series.first && e.occurredOn <= series.last)
  if (inside.length === 0) return { from: addDays(series.last, -89), to: series.last }
  const from = addDays(inside[0]!.occurredOn, -14)
  const to = addDays(inside.at(-1)!.occurredOn, 14)
  return {
    from: [from, series.first].sort()[1]!,
    to: [to, series.last].sort()[0]!,
  }
}

const MAX_RANGE_NIGHTS = 1500

/** The timeline: its pages, its JSON and CSV, and the staff uploads that feed it. */
export function timelineRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  app.route('/', negotiationTimelineRoutes(deps))
  app.route('/', analysisPageRoutes(deps))
  app.route('/', timelineApiRoutes(deps))
  app.route('/', timelineImportRoutes(deps))
  return app
}

/** The timeline's front page and each negotiation's timeline. */
function negotiationTimelineRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps

  app.get('/timeline', async (c) => {
    const [negotiations, series, dataset] = await Promise.all([
      listNegotiationSummaries(db),
      findNightlySeries(db, MISSILE_ATTACKS_DATASET.key),
      findDataset(db, MISSILE_ATTACKS_DATASET.key),
    ])
    return c.html(
      timelineIndexPage({
        staff: c.get('staff'),
        negotiations: negotiations.map((n) => ({ slug: n.slug, title: n.title })),
        series: series && { first: series.first, last: series.last },
        dataset,
      }),
    )
  })

  app.get('/negotiations/:slug/timeline', async (c) => {
    const t = await loadNegotiationTimeline(db, c.req.param('slug'))
    const query = RangeQuery.safeParse(c.req.query())
    const fallback = defaultRange(t) ?? {
      from: t.negotiation.startedOn,
      to: t.negotiation.startedOn,
    }
    let from = (query.success && query.data.from) || fallback.from
    let to = (query.success && query.data.to) || fallback.to
    let rangeError: string | undefined = query.success
      ? undefined
      : 'Dates are written YYYY-MM-DD; showing the default range.'
    if (from > to) {
      rangeError = `"From" (${from}) is after "to" (${to}); showing the default range.`
      ;({ from, to } = fallback)
    } else if (addDays(from, MAX_RANGE_NIGHTS) < to) {
      rangeError = `At most ${MAX_RANGE_NIGHTS} nights at once; showing the first ${MAX_RANGE_NIGHTS}.`
      to = addDays(from, MAX_RANGE_NIGHTS - 1)
    }
    const nights: TimelineNight[] = t.series
      ? nightsInRange(t.series, from, to).map((n) => ({
          ...n,
          rolling7: n.rolling7 === null ? null : n.rolling7 / 7,
        }))
      : []
    const inRange = (e: MarkedEvent) => e.occurredOn >= from && e.occurredOn <= to
    return c.html(
      timelinePage({
        negotiation: t.negotiation,
        staff: c.get('staff'),
        from,
        to,
        nights,
        events: t.events.filter(inRange),
        otherEvents: t.events.filter((e) => !inRange(e)),
        dataset: await findDataset(db, MISSILE_ATTACKS_DATASET.key),
        series: t.series && { first: t.series.first, last: t.series.last },
        rangeError,
      }),
    )
  })

  return app
}

/** "How heavy was this week" and the dyad view. */
function analysisPageRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps

  app.get('/timeline/intensity', async (c) => {
    const raw = c.req.query()
    const series = await findNightlySeries(db, MISSILE_ATTACKS_DATASET.key)
    const window = Number(raw.window ?? 7)
    const measure = (MEASURES as readonly string[]).includes(raw.measure ?? '')
      ? (raw.measure as Measure)
      : 'total'
    const ending = raw.ending && isCalendarDate(raw.ending) ? raw.ending : series?.last
    let error: string | undefined
    let ranked: ReturnType<typeof rankWindow> | undefined
    if (!Number.isInteger(window) || window < 1 || window > 3660)
      error = 'The window is a whole number of nights, 1 to 3660.'
    else if (raw.ending && !isCalendarDate(raw.ending))
      error = `"${raw.ending}" is not a date (YYYY-MM-DD).`
    else if (!series || !ending) error = 'No strike data is loaded yet.'
    else {
      ranked = rankWindow(series, window, ending, measure)
      if (!ranked.ok) error = ranked.message
    }
    const heaviest =
      series && !error
        ? rollingSums(
            series.nights.map((n) => n.launched[measure]),
            window,
          )
            .map((total, i) => ({ total, ending: series.nights[i]!.night }))
            .filter((w): w is { total: number; ending: string } => w.total !== null)
            .sort((a, b) => b.total - a.total || (a.ending < b.ending ? -1 : 1))
            .slice(0, 10)
        : []
    return c.html(
      intensityPage({
        staff: c.get('staff'),
        window: Number.isInteger(window) ? window : 7,
        ending: ending ?? '',
        measure,
        ranked: ranked?.ok ? ranked.window : undefined,
        error,
        series: series && { first: series.first, last: series.last },
        dataset: await findDataset(db, MISSILE_ATTACKS_DATASET.key),
        heaviest,
      }),
      error ? 400 : 200,
    )
  })

  app.get('/timeline/dyad', async (c) => {
    const raw = c.req.query()
    const parsed = DyadQuery.safeParse({ a: 'RUS', b: 'UKR', ...raw })
    const datasets = await listDatasets(db, 'events')
    if (!parsed.success) {
      return c.html(
        dyadPage({
          staff: c.get('staff'),
          a: raw.a ?? '',
          b: raw.b ?? '',
          from: undefined,
          to: undefined,
          weeks: [],
          datasets,
          error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        }),
        400,
      )
    }
    const q = parsed.data
    const events = await listDyadEvents(db, { ...q, directed: q.directed === '1' })
    return c.html(
      dyadPage({
        staff: c.get('staff'),
        a: q.a.toUpperCase(),
        b: q.b.toUpperCase(),
        from: q.from,
        to: q.to,
        weeks: weeklyCooperationConflict(events, {
          alpha: q.alpha,
          ...(q.from ? { from: q.from } : {}),
          ...(q.to ? { to: q.to } : {}),
        }),
        datasets,
        error: undefined,
      }),
    )
  })

  return app
}
