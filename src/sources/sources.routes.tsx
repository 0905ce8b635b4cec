import { Hono, type MiddlewareHandler } from 'hono'
import { canSeeSourceLinks } from '../platform/web/auth.ts'
import type { AppEnv } from '../platform/web/env.ts'
import { ledgerFilter, loadLedger, loadSourceView } from './actions/load-source-view.ts'
import { archiveRoutes } from './archive.routes.tsx'
import { ledgerPage } from './ledger.pages.tsx'
import { snapshotRoutes } from './snapshots.routes.tsx'
import type { SourceDeps } from './source-deps.ts'
import { sourcePage } from './sources.pages.tsx'
import { sourceApiRoutes } from './sources-api.routes.tsx'
import { sourceDeskRoutes } from './sources-desk.routes.tsx'

// An archived page is someone else's HTML served from our origin: it runs no script, loads
// nothing from anywhere, and cannot reach this site's cookies or storage (an opaque origin).
const ARCHIVE_CSP =
  "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/**
 * Sets the archived copies' Content-Security-Policy. Registered before the site's security
 * headers so that it runs after them and replaces their policy on these responses only.
 */
export function sandboxArchivedCopies(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next()
    if (c.res.status === 200 && c.res.headers.has('x-parley-archived-copy')) {
      c.res.headers.set('Content-Security-Policy', ARCHIVE_CSP)
      c.res.headers.delete('x-parley-archived-copy')
    }
  }
}

/** The public ledger and a source's page (gated: no URL, no archive link for anonymous readers). */
function ledgerRoutes(deps: SourceDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps

  app.get('/sources', async (c) => {
    const filter = ledgerFilter((name) => c.req.query(name))
    const { sources, summary } = await loadLedger(db, filter, false)
    return c.html(
      ledgerPage({ sources, summary, filter, links: canSeeSourceLinks(c), staff: c.get('staff') }),
    )
  })

  app.get('/sources/:key', async (c) => {
    const view = await loadSourceView(db, c.req.param('key'), {
      links: canSeeSourceLinks(c),
      claimsCiting: deps.claimsCiting,
    })
    return c.html(sourcePage({ ...view, staff: c.get('staff') }))
  })

  return app
}

/** The source ledger: public pages, archived copies, the JSON API and the desk. */
export function sourceRoutes(deps: SourceDeps) {
  const app = new Hono<AppEnv>()
  app.route('/', ledgerRoutes(deps))
  app.route('/', snapshotRoutes(deps))
  app.route('/', sourceApiRoutes(deps))
  // Before the desk's pages, so that the export files are not taken for a source's key.
  app.route('/', archiveRoutes(deps))
  app.route('/', sourceDeskRoutes(deps))
  return app
}
