import { Hono } from 'hono'
import { isoDay } from '../platform/time.ts'
import type { AppDeps, AppEnv } from '../platform/web/env.ts'
import { loadHome } from './actions/load-home.ts'
import { homePage } from './home.pages.tsx'

/** The front page: the latest articles beside the negotiations followed and the forecasts. */
export function homeRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps

  // Read fresh on every request (no render cache), so a publication is on the front page at once.
  app.get('/', async (c) =>
    c.html(
      homePage({
        ...(await loadHome(db, isoDay(deps.clock.now()))),
        staff: c.get('staff'),
        member: c.get('member'),
      }),
    ),
  )

  return app
}
