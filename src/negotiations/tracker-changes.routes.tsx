import { type Context, Hono } from 'hono'
import { invalidInput, notFound } from '../platform/errors.ts'
import { isoDay } from '../platform/time.ts'
import { requireRole } from '../platform/web/auth.ts'
import type { AppDeps, AppEnv } from '../platform/web/env.ts'
import type { Actor } from '../staff/audit.repository.ts'
import { addRole } from './actions/add-role.ts'
import { assignProvisionIssue } from './actions/assign-provision-issue.ts'
import { changeRole } from './actions/change-role.ts'
import { requireNegotiation } from './actions/load-progress.ts'
import { publishWeights } from './actions/publish-weights.ts'
import { removePosition } from './actions/remove-position.ts'
import { removeRole } from './actions/remove-role.ts'
import { saveIssue } from './actions/save-issue.ts'
import { savePosition } from './actions/save-position.ts'

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

function idParam(c: Context<AppEnv>) {
  const id = Number(c.req.param('id'))
  if (!Number.isInteger(id) || id <= 0) throw notFound('entry')
  return id
}

/**
 * The staff's edits through the JSON API. Each action validates against the negotiation, writes
 * and audits in one transaction; once it has committed, the articles that embed the tracker follow.
 */
export function trackerChangeRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps
  const changed = (slug: string) => deps.dataChanged({ data: 'tracker', negotiation: slug })
  const analyst = requireRole('analyst')

  app.post('/api/negotiations/:slug/positions', analyst, async (c) => {
    const negotiation = await requireNegotiation(db, c.req.param('slug'))
    const saved = await savePosition(db, staffActor(c), negotiation, await jsonBody(c))
    await changed(negotiation.slug)
    return c.json(saved, saved.replaced ? 200 : 201)
  })
  app.delete('/api/negotiations/:slug/positions/:id', analyst, async (c) => {
    const negotiation = await requireNegotiation(db, c.req.param('slug'))
    await removePosition(db, staffActor(c), negotiation, idParam(c))
    await changed(negotiation.slug)
    return c.body(null, 204)
  })
  app.post('/api/negotiations/:slug/roles', analyst, async (c) => {
    const negotiation = await requireNegotiation(db, c.req.param('slug'))
    const added = await addRole(db, staffActor(c), negotiation, await jsonBody(c))
    await changed(negotiation.slug)
    return c.json(added, 201)
  })
  app.patch('/api/negotiations/:slug/roles/:id', analyst, async (c) => {
    const negotiation = await requireNegotiation(db, c.req.param('slug'))
    await changeRole(db, staffActor(c), negotiation, idParam(c), await jsonBody(c))
    await changed(negotiation.slug)
    return c.json({ ok: true })
  })
  app.delete('/api/negotiations/:slug/roles/:id', analyst, async (c) => {
    const negotiation = await requireNegotiation(db, c.req.param('slug'))
    await removeRole(db, staffActor(c), negotiation, idParam(c))
    await changed(negotiation.slug)
    return c.body(null, 204)
  })
  app.post('/api/negotiations/:slug/issues', analyst, async (c) => {
    const negotiation = await requireNegotiation(db, c.req.param('slug'))
    const saved = await saveIssue(db, staffActor(c), negotiation, await jsonBody(c))
    await changed(negotiation.slug)
    return c.json(saved, saved.created ? 201 : 200)
  })
  app.post('/api/negotiations/:slug/provision-issue', analyst, async (c) => {
    const negotiation = await requireNegotiation(db, c.req.param('slug'))
    await assignProvisionIssue(db, staffActor(c), negotiation, await jsonBody(c))
    await changed(negotiation.slug)
    return c.json({ ok: true })
  })
  app.post('/api/negotiations/:slug/weights', analyst, async (c) => {
    const negotiation = await requireNegotiation(db, c.req.param('slug'))
    const today = isoDay(deps.clock.now())
    const saved = await publishWeights(db, staffActor(c), negotiation, await jsonBody(c), today)
    await changed(negotiation.slug)
    return c.json(saved, 201)
  })

  return app
}
