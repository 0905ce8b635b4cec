import { type Context, Hono } from 'hono'
import { listNegotiationSummaries } from '../negotiations/negotiations.repository.ts'
import { invalidInput, isAppError, notFound } from '../platform/errors.ts'
import { isIsoDate, isoDay } from '../platform/time.ts'
import { gateSourceRefs, loadSourceAccess, requireRole } from '../platform/web/auth.ts'
import type { AppDeps, AppEnv } from '../platform/web/env.ts'
import type { Actor } from '../staff/audit.repository.ts'
import { addEvidence } from './actions/add-evidence.ts'
import { correctResolution } from './actions/correct-resolution.ts'
import { createQuestion } from './actions/create-question.ts'
import { loadForecastBoard } from './actions/load-forecast-board.ts'
import { recordForecast } from './actions/record-forecast.ts'
import { reopenQuestion } from './actions/reopen-question.ts'
import { resolveQuestion } from './actions/resolve-question.ts'
import { reviseQuestion } from './actions/revise-question.ts'
import { withdrawEvidence } from './actions/withdraw-evidence.ts'
import { withdrawForecast } from './actions/withdraw-forecast.ts'
import { formToBody } from './forecast.inputs.ts'
import { deskForecastsPage, type FormError } from './forecast-desk.pages.tsx'
import { forecastsPage } from './forecasts.pages.tsx'
import { findQuestionData, requireQuestion } from './forecasts.repository.ts'
import { questionJson, summarizeQuestion } from './forecasts.ts'
import { questionPage } from './question.pages.tsx'
import { deskQuestionPage } from './question-desk.pages.tsx'

function parseAt(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined
  if (!isIsoDate(value))
    throw invalidInput('not a date', [{ path: 'at', message: 'expected a date as YYYY-MM-DD' }])
  return value
}

const today = (deps: AppDeps) => isoDay(deps.clock.now())

function staffActor(c: Context<AppEnv>): Actor {
  const staff = c.get('staff')!
  return { staffId: staff.id, label: staff.email }
}

async function jsonBody(c: Context<AppEnv>) {
  try {
    return await c.req.json()
  } catch {
    throw invalidInput('the body is not valid JSON', [{ path: '(body)', message: 'expected JSON' }])
  }
}

async function loadView(deps: AppDeps, key: string, at: string | undefined) {
  const question = await findQuestionData(deps.db, key)
  if (!question) throw notFound(`question "${key}"`)
  return { question, summary: summarizeQuestion(question, { today: today(deps), at }) }
}

/** The forecasting pages and JSON under /forecasts and /api/forecasts, and the staff desk. */
export function forecastRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  app.route('/', forecastReadRoutes(deps))
  app.route('/', forecastApiRoutes(deps))
  app.route('/', forecastDeskRoutes(deps))
  return app
}

/** Public pages and JSON: source addresses only for members and staff. */
function forecastReadRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps

  app.get('/forecasts', async (c) => {
    const { entries, calibration } = await loadForecastBoard(db, today(deps))
    return c.html(forecastsPage({ entries, calibration, staff: c.get('staff') }))
  })

  app.get('/forecasts/:key', async (c) => {
    const key = c.req.param('key')
    const { question, summary } = await loadView(deps, key, parseAt(c.req.query('at')))
    const keys = [
      ...question.forecasts.flatMap((f) => f.sources.map((s) => s.key)),
      ...question.evidence.flatMap((e) => (e.source ? [e.source.key] : [])),
      ...(question.resolutionSource ? [question.resolutionSource.key] : []),
    ]
    const access = await loadSourceAccess(c, db, keys)
    return c.html(questionPage({ question, summary, access, staff: c.get('staff') }))
  })

  app.get('/api/forecasts', async (c) => {
    const { entries, calibration } = await loadForecastBoard(db, today(deps))
    return c.json({
      questions: entries.map(({ question: q, summary: s }) => ({
        key: q.key,
        title: q.title,
        negotiation: q.negotiation?.slug ?? null,
        closeOn: q.closeOn,
        status: s.status,
        resolution: q.resolution,
        resolvedOn: q.resolvedOn,
        aggregate: s.headline ?? null,
        forecasters: s.aggregates.forecasters,
        href: `/forecasts/${q.key}`,
      })),
      calibration: calibration ?? null,
    })
  })

  app.get('/api/forecasts/:key', async (c) => {
    const key = c.req.param('key')
    const { question, summary } = await loadView(deps, key, parseAt(c.req.query('at')))
    return c.json(questionJson(question, summary, (refs) => gateSourceRefs(c, refs)))
  })

  return app
}

/**
 * Staff: the JSON API. Every write to a question is followed by the articles that embed it;
 * asking a new question changes nothing an embed reads yet.
 */
function forecastApiRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps
  const changed = (key: string) => deps.dataChanged({ data: 'forecast', question: key })

  app.post('/api/forecasts', requireRole('analyst'), async (c) =>
    c.json(await createQuestion(db, staffActor(c), await jsonBody(c), today(deps)), 201),
  )
  app.patch('/api/forecasts/:key', requireRole('analyst'), async (c) => {
    const key = c.req.param('key')
    const saved = await reviseQuestion(db, staffActor(c), key, await jsonBody(c), today(deps))
    await changed(key)
    return c.json(saved)
  })
  app.post('/api/forecasts/:key/forecasts', requireRole('analyst'), async (c) => {
    const key = c.req.param('key')
    const body = await jsonBody(c)
    const saved = await recordForecast(db, staffActor(c), c.get('staff'), key, body, today(deps))
    await changed(key)
    return c.json(saved, 201)
  })
  app.post('/api/forecasts/:key/evidence', requireRole('analyst'), async (c) => {
    const key = c.req.param('key')
    const saved = await addEvidence(db, staffActor(c), key, await jsonBody(c), today(deps))
    await changed(key)
    return c.json(saved, 201)
  })
  app.post('/api/forecasts/:key/resolution', requireRole('analyst'), async (c) => {
    const key = c.req.param('key')
    await resolveQuestion(db, staffActor(c), key, await jsonBody(c), today(deps))
    await changed(key)
    return c.json({ ok: true })
  })
  app.put('/api/forecasts/:key/resolution', requireRole('analyst'), async (c) => {
    const key = c.req.param('key')
    await correctResolution(db, staffActor(c), key, await jsonBody(c), today(deps))
    await changed(key)
    return c.json({ ok: true })
  })
  app.delete('/api/forecasts/:key/resolution', requireRole('analyst'), async (c) => {
    const key = c.req.param('key')
    await reopenQuestion(db, staffActor(c), key, await jsonBody(c))
    await changed(key)
    return c.json({ ok: true })
  })
  app.delete('/api/forecasts/:key/forecasts/:id', requireRole('analyst'), async (c) => {
    const { key, id } = c.req.param()
    await withdrawForecast(db, staffActor(c), key, id, await jsonBody(c))
    await changed(key)
    return c.json({ ok: true })
  })
  app.delete('/api/forecasts/:key/evidence/:id', requireRole('analyst'), async (c) => {
    const { key, id } = c.req.param()
    await withdrawEvidence(db, staffActor(c), key, id, await jsonBody(c))
    await changed(key)
    return c.json({ ok: true })
  })

  return app
}

async function formValues(c: Context<AppEnv>) {
  const form = await c.req.parseBody()
  return Object.fromEntries(
    Object.entries(form).filter((e): e is [string, string] => typeof e[1] === 'string'),
  )
}

function formError(error: unknown, form: string): { error: FormError; status: 400 | 404 | 409 } {
  if (!isAppError(error) || error.code === 'forbidden' || error.code === 'unauthenticated')
    throw error
  // The forecast form asks for per cent; its errors speak of the field the analyst filled in.
  const details = error.details.map((d) =>
    form === 'forecast' && d.path === 'probability'
      ? { path: 'percent', message: 'expected a chance strictly between 0 and 100 per cent' }
      : d,
  )
  return {
    error: { form, message: error.message, details },
    status: error.code === 'not_found' ? 404 : error.code === 'conflict' ? 409 : 400,
  }
}

type DeskForm = (
  c: Context<AppEnv>,
  key: string,
  body: Record<string, unknown>,
  today: string,
) => Promise<string>

/** The forms on a question's desk page: each runs its use case and says what was done. */
const deskForms = (deps: AppDeps): Record<string, DeskForm> => {
  const { db } = deps
  return {
    forecast: async (c, key, body, today) => {
      const saved = await recordForecast(db, staffActor(c), c.get('staff'), key, body, today)
      return `forecast recorded under criteria version ${saved.criteriaVersion}`
    },
    evidence: async (c, key, body, today) => {
      await addEvidence(db, staffActor(c), key, body, today)
      return 'evidence added'
    },
    question: async (c, key, body, today) => {
      const saved = await reviseQuestion(db, staffActor(c), key, body, today)
      return saved.criteriaVersion === undefined
        ? 'question updated'
        : `criteria version ${saved.criteriaVersion} saved`
    },
    resolution: async (c, key, body, today) => {
      await resolveQuestion(db, staffActor(c), key, body, today)
      return 'question resolved'
    },
    'correct-resolution': async (c, key, body, today) => {
      await correctResolution(db, staffActor(c), key, body, today)
      return 'resolution corrected'
    },
    reopen: async (c, key, body) => {
      await reopenQuestion(db, staffActor(c), key, body)
      return 'question reopened'
    },
    'withdraw-forecast': async (c, key, body) => {
      await withdrawForecast(db, staffActor(c), key, String(body.id ?? ''), body)
      return 'forecast withdrawn'
    },
    'withdraw-evidence': async (c, key, body) => {
      await withdrawEvidence(db, staffActor(c), key, String(body.id ?? ''), body)
      return 'evidence withdrawn'
    },
  }
}

/** Staff: the desk pages and their forms. */
function forecastDeskRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps
  const forms = deskForms(deps)

  const renderDesk = async (
    c: Context<AppEnv>,
    extra: { error?: FormError; values?: Record<string, string> } = {},
    status: 200 | 400 | 404 | 409 = 200,
  ) => {
    const { entries } = await loadForecastBoard(db, today(deps))
    const negotiations = (await listNegotiationSummaries(db)).map((n) => ({
      slug: n.slug,
      title: n.title,
    }))
    return c.html(
      deskForecastsPage({ entries, negotiations, staff: c.get('staff')!, ...extra }),
      status,
    )
  }

  app.get('/staff/forecasts', requireRole('analyst'), (c) => renderDesk(c))
  app.post('/staff/forecasts', requireRole('analyst'), async (c) => {
    const values = await formValues(c)
    try {
      const { key } = await createQuestion(db, staffActor(c), formToBody(values), today(deps))
      return c.redirect(`/staff/forecasts/${key}?done=${encodeURIComponent('question asked')}`, 303)
    } catch (caught) {
      const { error, status } = formError(caught, 'question')
      return renderDesk(c, { error, values }, status)
    }
  })

  const renderQuestionDesk = async (
    c: Context<AppEnv>,
    key: string,
    extra: { notice?: string; error?: FormError; values?: Record<string, string> } = {},
    status: 200 | 400 | 404 | 409 = 200,
  ) => {
    const { question, summary } = await loadView(deps, key, undefined)
    return c.html(deskQuestionPage({ question, summary, staff: c.get('staff')!, ...extra }), status)
  }

  app.get('/staff/forecasts/:key', requireRole('analyst'), async (c) => {
    const done = c.req.query('done')
    return renderQuestionDesk(c, c.req.param('key'), done ? { notice: `Saved: ${done}.` } : {})
  })

  app.post('/staff/forecasts/:key/:form', requireRole('analyst'), async (c) => {
    const key = c.req.param('key')
    const name = c.req.param('form')
    const handler = Object.hasOwn(forms, name) ? forms[name] : undefined
    if (!handler) throw notFound('form')
    await requireQuestion(db, key)
    const values = await formValues(c)
    let done: string
    try {
      done = await handler(c, key, formToBody(values), today(deps))
    } catch (caught) {
      const { error, status } = formError(caught, name)
      return renderQuestionDesk(c, key, { error, values }, status)
    }
    await deps.dataChanged({ data: 'forecast', question: key })
    return c.redirect(`/staff/forecasts/${key}?done=${encodeURIComponent(done)}`, 303)
  })

  return app
}
