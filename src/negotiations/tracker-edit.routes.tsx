import { type Context, Hono } from 'hono'
import type { Db } from '../platform/db/client.ts'
import { isAppError, notFound } from '../platform/errors.ts'
import { isoDay } from '../platform/time.ts'
import { requireRole } from '../platform/web/auth.ts'
import type { AppDeps, AppEnv } from '../platform/web/env.ts'
import type { Actor } from '../staff/audit.repository.ts'
import { addRole } from './actions/add-role.ts'
import { assignProvisionIssue } from './actions/assign-provision-issue.ts'
import { changeRole } from './actions/change-role.ts'
import { chooseDocument, loadTrackerData, requireNegotiation } from './actions/load-progress.ts'
import { publishWeights } from './actions/publish-weights.ts'
import { removePosition } from './actions/remove-position.ts'
import { removeRole } from './actions/remove-role.ts'
import { saveIssue } from './actions/save-issue.ts'
import { savePosition } from './actions/save-position.ts'
import type { NegotiationRow } from './negotiations.repository.ts'
import { formToBody } from './tracker.inputs.ts'
import { type EditPageProps, editPage } from './tracker-edit.pages.tsx'

type FormHandler = (
  actor: Actor,
  negotiation: NegotiationRow,
  body: Record<string, unknown>,
) => Promise<string>

/** The edit page's forms by name: each saves through the API's action and says what it did. */
function editForms(db: Db, today: () => string): Record<string, FormHandler> {
  return {
    position: async (actor, n, body) => {
      const saved = await savePosition(db, actor, n, body)
      return saved.replaced ? 'position replaced' : 'position recorded'
    },
    'position-delete': async (actor, n, body) => {
      await removePosition(db, actor, n, Number(body.id))
      return 'position deleted'
    },
    role: async (actor, n, body) => {
      await addRole(db, actor, n, body)
      return 'role added'
    },
    'role-end': async (actor, n, body) => {
      await changeRole(db, actor, n, Number(body.id), { to: body.to ?? '' })
      return 'role changed'
    },
    'role-delete': async (actor, n, body) => {
      await removeRole(db, actor, n, Number(body.id))
      return 'role removed'
    },
    issue: async (actor, n, body) => {
      const saved = await saveIssue(db, actor, n, body)
      return saved.created ? 'issue added' : 'issue updated'
    },
    'provision-issue': async (actor, n, body) => {
      await assignProvisionIssue(db, actor, n, body)
      return 'point assigned'
    },
    weights: async (actor, n, body) => {
      const saved = await publishWeights(db, actor, n, body, today())
      return `weight set ${saved.key} published`
    },
  }
}

function staffActor(c: Context<AppEnv>): Actor {
  const staff = c.get('staff')!
  return { staffId: staff.id, label: staff.email }
}

/** The staff's edit page and its forms; a refused form is shown again with its values and errors. */
export function trackerEditRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps
  const today = () => isoDay(deps.clock.now())
  const forms = editForms(db, today)

  const renderEdit = async (
    c: Context<AppEnv>,
    negotiation: NegotiationRow,
    extra: Pick<EditPageProps, 'notice' | 'error' | 'values'> & { framework?: string | undefined },
    status: 200 | 400 | 404 | 409 = 200,
  ) => {
    const data = await loadTrackerData(db, negotiation)
    const document = chooseDocument(data, today(), extra.framework || undefined)
    return c.html(editPage({ data, document, staff: c.get('staff')!, ...extra }), status)
  }

  app.get('/negotiations/:slug/edit', requireRole('analyst'), async (c) => {
    const negotiation = await requireNegotiation(db, c.req.param('slug'))
    const done = c.req.query('done')
    return renderEdit(c, negotiation, {
      framework: c.req.query('framework'),
      ...(done ? { notice: `Saved: ${done}. The measures use it from now on.` } : {}),
    })
  })

  app.post('/negotiations/:slug/edit/:form', requireRole('analyst'), async (c) => {
    const negotiation = await requireNegotiation(db, c.req.param('slug'))
    const name = c.req.param('form')
    const handler = Object.hasOwn(forms, name) ? forms[name] : undefined
    if (!handler) throw notFound('form')
    const form = await c.req.parseBody()
    const values = Object.fromEntries(
      Object.entries(form).filter((e): e is [string, string] => typeof e[1] === 'string'),
    )
    const document = typeof values.document === 'string' ? values.document : undefined
    let done: string
    try {
      done = await handler(staffActor(c), negotiation, formToBody(values))
    } catch (error) {
      if (!isAppError(error) || error.code === 'forbidden' || error.code === 'unauthenticated')
        throw error
      const formName = c.req.param('form').replace(/-(delete|end)$/, '')
      return renderEdit(
        c,
        negotiation,
        {
          framework: document,
          values,
          error: { form: formName, message: error.message, details: [...error.details] },
        },
        error.code === 'not_found' ? 404 : error.code === 'conflict' ? 409 : 400,
      )
    }
    await deps.dataChanged({ data: 'tracker', negotiation: negotiation.slug })
    const query = new URLSearchParams({ done, ...(document ? { framework: document } : {}) })
    return c.redirect(`/negotiations/${negotiation.slug}/edit?${query}`, 303)
  })

  return app
}
