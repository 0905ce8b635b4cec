import { Hono } from 'hono'
import type { AppDeps, AppEnv } from '../platform/web/env.ts'
import { trackerChangeRoutes } from './tracker-changes.routes.tsx'
import { trackerEditRoutes } from './tracker-edit.routes.tsx'
import { trackerPageRoutes } from './tracker-pages.routes.tsx'
import { trackerReadRoutes } from './tracker-reads.routes.tsx'

/** The tracker: its measures and positions as JSON and pages, and the staff's edits to it. */
export function trackerRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  app.route('/', trackerReadRoutes(deps))
  app.route('/', trackerPageRoutes(deps))
  app.route('/', trackerChangeRoutes(deps))
  app.route('/', trackerEditRoutes(deps))
  return app
}
