import { randomUUID } from 'node:crypto'
import { Hono } from 'hono'
import { contextStorage } from 'hono/context-storage'
import { articleRoutes } from '../articles/articles.routes.tsx'
import { deskArticleRoutes } from '../articles/desk.routes.tsx'
import { homeRoutes } from '../articles/home.routes.tsx'
import { casefileRoutes } from '../casefile/casefile.routes.tsx'
import { forecastRoutes } from '../forecasts/forecasts.routes.tsx'
import { deleteInboxMessagesTo } from '../mail/inbox.repository.ts'
import { inboxRoutes } from '../mail/inbox.routes.tsx'
import { findSessionMember } from '../members/members.repository.ts'
import { memberRoutes } from '../members/members.routes.tsx'
import { listClaimsCitingSource } from '../negotiations/claims.repository.ts'
import { claimRoutes } from '../negotiations/claims.routes.tsx'
import { claimStatusLabels } from '../negotiations/claims.ts'
import { listNegotiationSummaries } from '../negotiations/negotiations.repository.ts'
import { negotiationRoutes } from '../negotiations/negotiations.routes.tsx'
import { loadArticleNewsletter } from '../newsletters/actions/load-article-newsletter.ts'
import { setSendWhenPublished } from '../newsletters/actions/set-send-when-published.ts'
import { ArticleNewsletterPanel } from '../newsletters/article-panel.pages.tsx'
import { newsletterRoutes } from '../newsletters/newsletters.routes.tsx'
import { isAppError } from '../platform/errors.ts'
import { siteCss } from '../platform/web/assets.ts'
import { loadMember, loadStaff, provideSourceCaptures, wantsHtml } from '../platform/web/auth.ts'
import { bodyLimits } from '../platform/web/body-limit.ts'
import type { AppDeps, AppEnv } from '../platform/web/env.ts'
import { errorPage } from '../platform/web/error-page.tsx'
import { statusOf } from '../platform/web/errors.ts'
import { refuseNul } from '../platform/web/query.ts'
import { originCheck, securityHeaders } from '../platform/web/security.ts'
import { viewerCaching } from '../platform/web/viewer-cache.ts'
import type { ClaimsCiting } from '../sources/actions/load-source-view.ts'
import { listSourceCaptures } from '../sources/snapshots.repository.ts'
import { sandboxArchivedCopies, sourceRoutes } from '../sources/sources.routes.tsx'
import { findSessionStaff } from '../staff/staff.repository.ts'
import { staffRoutes } from '../staff/staff.routes.tsx'
import { timelineRoutes } from '../timeline/timeline.routes.tsx'
import { articlesFollow } from './after-write.ts'

/** The whole web application: pages, JSON API and assets, built from its dependencies. */
export function createApp(base: Omit<AppDeps, 'dataChanged'>): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const { logger } = base
  const deps: AppDeps = { ...base, dataChanged: articlesFollowLogged(base) }

  app.use(async (c, next) => {
    const started = performance.now()
    // randomUUID draws from a cached entropy pool; randomBytes on every request was an eighth of
    // the CPU time of serving a cached article page (bench/article.bench.ts).
    c.set('requestId', randomUUID().replaceAll('-', '').slice(0, 16))
    await next()
    logger.info('request', {
      id: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    })
  })
  // Before the security headers, so that it runs after them: archived copies get a sandbox policy.
  app.use('/sources/:key/snapshots/*', sandboxArchivedCopies())
  app.use(securityHeaders({ hsts: deps.config.publicUrl?.startsWith('https:') ?? false }))
  app.use(originCheck(deps.config.publicUrl))
  // Before anything reads the database: an oversized body costs nothing but the 413.
  app.use(bodyLimits())
  app.use(refuseNul())
  app.use(viewerCaching())
  app.use(loadStaff({ ...deps, findSessionStaff }))
  app.use(loadMember({ ...deps, findSessionMember }))
  app.use(provideSourceCaptures(listSourceCaptures))
  // Lets the page frame see who is signed in (its "Subscribe" link) without every page passing it.
  app.use(contextStorage())

  app.get('/healthz', (c) => c.json({ status: 'ok', database: deps.databaseKind }))
  app.get('/assets/site.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600')
    return c.body(siteCss, 200, { 'Content-Type': 'text/css; charset=utf-8' })
  })

  app.route('/', homeRoutes(deps))
  app.route('/', negotiationRoutes(deps))
  app.route('/', casefileRoutes(deps))
  app.route('/', staffRoutes(deps, { listNegotiations: listNegotiationSummaries }))
  app.route(
    '/',
    memberRoutes(deps, {
      // The embedded inbox keeps their sign-in links: they go with the account.
      memberDeleted: async (tx, member) => {
        await deleteInboxMessagesTo(tx, member.email)
      },
    }),
  )
  app.route('/', inboxRoutes(deps))
  app.route('/', articleRoutes(deps))
  app.route(
    '/',
    deskArticleRoutes({
      ...deps,
      newsletterPanelFor: async (article) =>
        ArticleNewsletterPanel({
          article,
          newsletter: await loadArticleNewsletter(deps.db, article.id),
        }),
      setSendWhenPublished,
    }),
  )
  app.route('/', newsletterRoutes(deps))
  app.route('/', timelineRoutes(deps))
  app.route('/', forecastRoutes(deps))
  app.route('/', sourceRoutes({ ...deps, claimsCiting }))
  app.route('/', claimRoutes(deps))

  app.notFound((c) => {
    if (wantsHtml(c))
      return c.html(errorPage(404, 'Not found', 'There is no page at this address.'), 404)
    return c.json(
      { error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` } },
      404,
    )
  })

  app.onError((error, c) => {
    if (isAppError(error)) {
      const status = statusOf[error.code]
      if (wantsHtml(c))
        return c.html(errorPage(status, error.message, undefined, error.details), status)
      return c.json(
        { error: { code: error.code, message: error.message, details: error.details } },
        status,
      )
    }
    // Unknown errors: log everything, tell the user nothing that could leak internals.
    logger.error('unhandled error', {
      id: c.get('requestId'),
      path: c.req.path,
      error:
        error instanceof Error ? { message: error.message, stack: error.stack } : String(error),
    })
    if (wantsHtml(c))
      return c.html(errorPage(500, 'Something went wrong', `Reference ${c.get('requestId')}.`), 500)
    return c.json(
      { error: { code: 'internal', message: 'internal error', reference: c.get('requestId') } },
      500,
    )
  })

  return app
}

/** The claims that cite a source, for its page; sources come before negotiations, so app/ joins them. */
const claimsCiting: ClaimsCiting = async (db, sourceId) =>
  (await listClaimsCitingSource(db, sourceId)).map((claim) => ({
    ...claim,
    statusLabel: claimStatusLabels[claim.status],
  }))

/** After a write, the articles that embed the changed data are rendered again; the log says so. */
function articlesFollowLogged(base: Omit<AppDeps, 'dataChanged'>) {
  const { logger } = base
  return articlesFollow({
    db: base.db,
    config: base.config,
    clock: base.clock,
    report: (event, detail) =>
      event === 'updated'
        ? logger.info('articles re-rendered', detail)
        : logger.error(
            event === 'failed' ? 'an article no longer renders' : 're-rendering articles failed',
            detail,
          ),
  })
}
