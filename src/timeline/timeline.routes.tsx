import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import { EventKinds } from '../negotiations/event-kinds.ts'
import { listNegotiationEvents } from '../negotiations/events.repository.ts'
import {
  findNegotiationBySlug,
  listNegotiationSummaries,
  type NegotiationRow,
} from '../negotiations/negotiations.repository.ts'
import type { Db } from '../platform/db/client.ts'
import { AppError, detailsFromZod, invalidInput, isAppError, notFound } from '../platform/errors.ts'
import { requireRole } from '../platform/web/auth.ts'
import type { AppDeps, AppEnv } from '../platform/web/env.ts'
import type { Actor } from '../staff/audit.repository.ts'
import { toCsv } from './csv.ts'
import { type ImportReport, MISSILE_ATTACKS_DATASET } from './datasets.ts'
import { DEFAULT_ALPHA, weeklyCooperationConflict } from './dyad.ts'
import { listDyadEvents } from './external-events.repository.ts'
import { importEvents } from './import-events.ts'
import { importStrikes, readWeaponTable } from './import-strikes.ts'
import {
  findNight,
  type Measure,
  type NightlySeries,
  rankWindow,
  rollingSums,
  talksWindowRatio,
} from './intensity.ts'
import { addDays, isCalendarDate } from './kyiv-time.ts'
import { findDataset, findNightlySeries, listDatasets } from './strikes.repository.ts'
import {
  dyadPage,
  importPage,
  intensityPage,
  type MarkedEvent,
  type TimelineNight,
  timelineIndexPage,
  timelinePage,
} from './timeline.pages.tsx'
import { nightView, windowView } from './views.ts'

/**
 * The negotiation's own events drawn as numbered markers: every kind but a strike, which the
 * nightly bars already show. Ceasefires, territorial changes, signings and deadlines (#13) are
 * markers like talks, so that events of a new kind appear rather than drop out.
 */
const MARKED: ReadonlySet<string> = new Set(EventKinds.filter((kind) => kind !== 'strike'))

const day = z.string().refine(isCalendarDate, 'expected a date YYYY-MM-DD')
const datasetKey = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, 'expected a data set key')
const csvFlag = z.enum(['json', 'csv']).default('json')

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

/** Nights of [from, to] with their rolling 7- and 30-night sums (computed over the whole series). */
function nightsInRange(series: NightlySeries, from: string, to: string) {
  const launched = series.nights.map((n) => n.launched.total)
  const r7 = rollingSums(launched, 7)
  const r30 = rollingSums(launched, 30)
  return series.nights
    .map((n, i) => ({ ...n, rolling7: r7[i] ?? null, rolling30: r30[i] ?? null }))
    .filter((n) => n.night >= from && n.night <= to)
}

interface NegotiationTimeline {
  negotiation: NegotiationRow
  series: NightlySeries | undefined
  events: MarkedEvent[]
}

async function negotiationTimeline(db: Db, slug: string): Promise<NegotiationTimeline> {
  const negotiation = await findNegotiationBySlug(db, slug)
  if (!negotiation) throw notFound('negotiation')
  const [series, events] = await Promise.all([
    findNightlySeries(db, MISSILE_ATTACKS_DATASET.key),
    listNegotiationEvents(db, negotiation.id),
  ])
  const marked = events
    .filter((e) => MARKED.has(e.kind))
    .map((e, i) => ({
      number: i + 1,
      key: e.key,
      kind: e.kind,
      title: e.title,
      occurredOn: e.occurredOn,
      endedOn: e.endedOn,
      ratio: talksWindowRatio(series, e.occurredOn),
    }))
  return { negotiation, series, events: marked }
}

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

const RangeQuery = z.object({ from: day.optional(), to: day.optional() })

const MEASURES = ['total', 'drones', 'missiles'] as const

const IntensityQuery = z
  .object({
    dataset: datasetKey.default(MISSILE_ATTACKS_DATASET.key),
    night: day.optional(),
    window: z.coerce.number().int().min(1).max(3660).optional(),
    ending: day.optional(),
    measure: z.enum(MEASURES).default('total'),
    format: csvFlag,
  })
  .refine((q) => (q.night === undefined) !== (q.window === undefined), {
    message: 'give either night, or window with ending',
    path: ['night'],
  })
  .refine((q) => q.window === undefined || q.ending !== undefined, {
    message: 'a window needs its ending night',
    path: ['ending'],
  })

const DyadQuery = z.object({
  a: z.string().regex(/^[A-Za-z]{3}$/, 'expected a three-letter country code'),
  b: z.string().regex(/^[A-Za-z]{3}$/, 'expected a three-letter country code'),
  from: day.optional(),
  to: day.optional(),
  dataset: datasetKey.optional(),
  alpha: z.coerce.number().gt(0).max(1).default(DEFAULT_ALPHA),
  directed: z.enum(['0', '1']).default('0'),
  format: csvFlag,
})

const UPLOAD_LIMIT = 64 * 1024 * 1024

const uploadLimit = bodyLimit({
  maxSize: UPLOAD_LIMIT,
  onError: () => {
    throw new AppError('payload_too_large', `an upload may be at most ${UPLOAD_LIMIT >> 20} MB`)
  },
})

function staffActor(c: Context<AppEnv>): Actor {
  const staff = c.get('staff')!
  return { staffId: staff.id, label: staff.email }
}

type Upload = AsyncIterable<Uint8Array> | string

/** A multipart field that holds a file (or pasted text), as something the CSV reader can stream. */
function fieldInput(value: unknown): Upload | undefined {
  if (value instanceof File) {
    return value.size === 0 ? undefined : (value.stream() as unknown as AsyncIterable<Uint8Array>)
  }
  if (typeof value === 'string' && value.trim() !== '') return value
  return undefined
}

async function fieldText(value: unknown): Promise<string | undefined> {
  if (value instanceof File) return value.size === 0 ? undefined : value.text()
  if (typeof value === 'string' && value.trim() !== '') return value
  return undefined
}

interface UploadRequest {
  format: 'strikes' | 'gdelt' | 'csv'
  file: Upload
  weapons?: Upload | undefined
  mapping?: unknown
  dataset?: string | undefined
  skipBadRows: boolean
}

const flag = (v: unknown) => v === '1' || v === 'true' || v === 'on'

/** Reads an upload: multipart (file, weapons, mapping fields) or the raw body as the file. */
async function readUpload(
  c: Context<AppEnv>,
  format: UploadRequest['format'] | undefined,
): Promise<UploadRequest> {
  const type = c.req.header('content-type') ?? ''
  const query = c.req.query()
  if (type.startsWith('multipart/form-data')) {
    const form = await c.req.parseBody()
    const chosen = format ?? (form.format as UploadRequest['format'] | undefined)
    if (chosen !== 'strikes' && chosen !== 'gdelt' && chosen !== 'csv')
      throw invalidInput('choose what kind of file this is', [
        { path: 'format', message: 'expected strikes, gdelt or csv' },
      ])
    const file = fieldInput(form.file)
    if (!file) throw invalidInput('no file uploaded', [{ path: 'file', message: 'choose a file' }])
    let mapping: unknown
    if (chosen === 'csv') {
      const text = await fieldText(form.mapping)
      if (!text)
        throw invalidInput('a CSV event table needs its mapping', [
          { path: 'mapping', message: 'upload MAPPING.json' },
        ])
      try {
        mapping = JSON.parse(text)
      } catch (error) {
        throw invalidInput('the mapping is not valid JSON', [
          { path: 'mapping', message: (error as Error).message },
        ])
      }
    }
    const dataset =
      typeof form.dataset === 'string' && form.dataset !== '' ? form.dataset : query.dataset
    return {
      format: chosen,
      file,
      weapons: fieldInput(form.weapons),
      mapping,
      dataset,
      skipBadRows: flag(form.skipBadRows) || flag(query.skipBadRows),
    }
  }
  if (!format || format === 'csv')
    throw invalidInput(
      'send the file and its mapping as multipart/form-data (fields file, mapping)',
    )
  const body = c.req.raw.body
  if (!body) throw invalidInput('the request has no body')
  return {
    format,
    file: body as unknown as AsyncIterable<Uint8Array>,
    dataset: query.dataset,
    skipBadRows: flag(query.skipBadRows),
  }
}

async function runImport(db: Db, actor: Actor, upload: UploadRequest): Promise<ImportReport> {
  if (upload.dataset !== undefined) {
    const checked = datasetKey.safeParse(upload.dataset)
    if (!checked.success)
      throw invalidInput('invalid data set key', detailsFromZod(checked.error.issues))
  }
  if (upload.format === 'strikes') {
    const weapons = upload.weapons ? await readWeaponTable(upload.weapons) : undefined
    return importStrikes(db, actor, upload.file, {
      skipBadRows: upload.skipBadRows,
      ...(upload.dataset ? { dataset: upload.dataset } : {}),
      ...(weapons ? { weapons } : {}),
    })
  }
  if (upload.format === 'gdelt') {
    return importEvents(db, actor, upload.file, {
      format: 'gdelt',
      skipBadRows: upload.skipBadRows,
      ...(upload.dataset ? { dataset: upload.dataset } : {}),
    })
  }
  const mapping =
    upload.dataset && typeof upload.mapping === 'object' && upload.mapping !== null
      ? { ...upload.mapping, dataset: upload.dataset }
      : upload.mapping
  return importEvents(db, actor, upload.file, {
    format: 'csv',
    mapping,
    skipBadRows: upload.skipBadRows,
  })
}

export function timelineRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps

  // ——— Pages ———

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
    const t = await negotiationTimeline(db, c.req.param('slug'))
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

  app.get('/staff/timeline/import', requireRole('analyst'), (c) =>
    c.html(importPage({ staff: c.get('staff') })),
  )

  app.post('/staff/timeline/import', requireRole('analyst'), uploadLimit, async (c) => {
    try {
      const report = await runImport(db, staffActor(c), await readUpload(c, undefined))
      return c.html(importPage({ staff: c.get('staff'), report }))
    } catch (error) {
      if (!isAppError(error) || error.code !== 'invalid_input') throw error
      return c.html(importPage({ staff: c.get('staff'), error }), 400)
    }
  })

  // ——— JSON and CSV ———

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
    const q = parseQuery(
      z.object({
        dataset: datasetKey.default(MISSILE_ATTACKS_DATASET.key),
        from: day.optional(),
        to: day.optional(),
        format: csvFlag,
      }),
      c,
    )
    const series = await requireSeries(db, q.dataset)
    const nights = nightsInRange(series, q.from ?? series.first, q.to ?? series.last)
    if (q.format === 'csv') {
      return csvResponse(
        c,
        `${q.dataset}-nights`,
        [
          'night',
          'drones_launched',
          'missiles_launched',
          'total_launched',
          'drones_destroyed',
          'missiles_destroyed',
          'total_destroyed',
          'rolling7_launched',
          'rolling30_launched',
        ],
        nights.map((n) => [
          n.night,
          n.launched.drones,
          n.launched.missiles,
          n.launched.total,
          n.destroyed.drones,
          n.destroyed.missiles,
          n.destroyed.total,
          n.rolling7,
          n.rolling30,
        ]),
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
      if (q.format === 'csv') {
        return csvResponse(
          c,
          `night-${q.night}`,
          [
            'night',
            'drones_launched',
            'missiles_launched',
            'total_launched',
            'drones_destroyed',
            'missiles_destroyed',
            'total_destroyed',
          ],
          [
            [
              view.night,
              view.launched.drones,
              view.launched.missiles,
              view.launched.total,
              view.destroyed.drones,
              view.destroyed.missiles,
              view.destroyed.total,
            ],
          ],
        )
      }
      return c.json(view)
    }
    const ranked = rankWindow(series, q.window!, q.ending!, q.measure)
    if (!ranked.ok) throw new AppError('not_found', ranked.message)
    const view = windowView(ranked.window)
    if (q.format === 'csv') {
      return csvResponse(
        c,
        `window-${view.window}-${view.ending}`,
        [
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
        ],
        [
          [
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
          ],
        ],
      )
    }
    return c.json(view)
  })

  app.get('/api/timeline/negotiations/:slug/ratios', async (c) => {
    const q = parseQuery(z.object({ format: csvFlag }), c)
    const t = await negotiationTimeline(db, c.req.param('slug'))
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
        [
          'week',
          'events',
          'net',
          'cooperation',
          'conflict',
          'net_smoothed',
          'cooperation_smoothed',
          'conflict_smoothed',
        ],
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

  app.post('/api/timeline/imports/strikes', requireRole('analyst'), uploadLimit, async (c) =>
    c.json(await runImport(db, staffActor(c), await readUpload(c, 'strikes'))),
  )

  app.post('/api/timeline/imports/events', requireRole('analyst'), uploadLimit, async (c) => {
    const format = c.req.query('format')
    if (format !== 'gdelt' && format !== 'csv')
      throw invalidInput('invalid query', [{ path: 'format', message: 'expected gdelt or csv' }])
    return c.json(await runImport(db, staffActor(c), await readUpload(c, format)))
  })

  return app
}
