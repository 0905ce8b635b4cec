import { Hono } from 'hono'
import { requireRole } from '../platform/web/auth.ts'
import type { AppDeps, AppEnv } from '../platform/web/env.ts'
import { exportCase } from './export-case.ts'

/** The case file over HTTP: a negotiation written back out, for staff (it carries source addresses). */
export function casefileRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps

  app.get('/api/negotiations/:slug/case.json', requireRole('analyst'), async (c) => {
    const file = await exportCase(db, c.req.param('slug'))
    c.header('Content-Disposition', `attachment; filename="${c.req.param('slug')}.json"`)
    return c.json(file)
  })

  return app
}
