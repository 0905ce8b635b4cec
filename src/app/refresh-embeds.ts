import type { MiddlewareHandler } from 'hono'
import { rerenderArticlesEmbedding } from '../articles/actions/rerender-served-versions.ts'
import { siteOf } from '../articles/site.ts'
import type { AppDeps, AppEnv } from '../platform/web/env.ts'

type Dependency = { kind: 'negotiation' | 'strikes' | 'forecast'; key: string }

/**
 * What a staff write changes that articles may embed, from its path: a negotiation's tracker
 * (its progress embeds), the strike data (every timeline embed) or a forecasting question (its
 * forecast embeds). Undefined for anything else.
 */
export function embeddedDataChangedBy(method: string, path: string): Dependency | undefined {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return undefined
  const negotiation = /^\/(?:api\/)?negotiations\/([a-z0-9-]+)\/(?!case\.json)/.exec(path)
  if (negotiation) return { kind: 'negotiation', key: negotiation[1]! }
  if (path.startsWith('/api/timeline/imports/') || path === '/staff/timeline/import') {
    return { kind: 'strikes', key: 'all' }
  }
  const forecast = /^\/(?:api|staff)\/forecasts\/([a-z0-9][a-z0-9._-]*)(?:\/|$)/.exec(path)
  if (forecast) return { kind: 'forecast', key: forecast[1]! }
  return undefined
}

/**
 * Articles are rendered once and served from a cache; after a successful write to data they embed,
 * the articles that embed it are rendered again before the response goes out, so a reader never
 * sees a measure older than the tracker's. (The CLI does the same after its writes; the article job
 * also re-renders every ten minutes.)
 */
export function refreshEmbeddingArticles(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next()
    if (c.res.status >= 400) return
    const changed = embeddedDataChangedBy(c.req.method, c.req.path)
    if (!changed) return
    try {
      const report = await rerenderArticlesEmbedding(deps.db, changed.kind, changed.key, {
        site: siteOf(deps.config),
        now: deps.clock.now(),
      })
      if (report.updated.length > 0) {
        deps.logger.info('articles re-rendered', { ...changed, updated: report.updated })
      }
    } catch (error) {
      // The write has landed; a failed re-render is retried by the article job.
      deps.logger.error('re-rendering articles failed', { ...changed, error: String(error) })
    }
  }
}
