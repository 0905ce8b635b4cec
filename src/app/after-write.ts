import { rerenderArticlesEmbedding } from '../articles/actions/rerender-served-versions.ts'
import { siteOf } from '../articles/site.ts'
import type { DataChange, DataChanged } from '../platform/changes.ts'
import type { Config } from '../platform/config.ts'
import type { Db } from '../platform/db/client.ts'
import type { Clock } from '../platform/time.ts'

/** What an embed names for a change: every embed when everything changed. */
export function embedDependencyOf(change: DataChange) {
  switch (change.data) {
    case 'tracker':
      return { kind: 'negotiation', key: change.negotiation } as const
    case 'strikes':
      return { kind: 'strikes', key: 'all' } as const
    case 'forecast':
      return { kind: 'forecast', key: change.question } as const
    case 'everything':
      return undefined
  }
}

/**
 * What follows a write: the articles that embed the changed data are rendered again before the
 * response (or the command) ends, so a reader never sees a measure older than the tracker's. The
 * article job also re-renders every ten minutes, which retries a render that failed here.
 */
export function articlesFollow(deps: {
  db: Db
  config: Config
  clock: Clock
  report: (event: 'updated' | 'failed' | 'error', detail: Record<string, unknown>) => void
}): DataChanged {
  return async (change) => {
    const dependency = embedDependencyOf(change)
    try {
      const result = await rerenderArticlesEmbedding(deps.db, dependency?.kind, dependency?.key, {
        site: siteOf(deps.config),
        now: deps.clock.now(),
      })
      if (result.updated.length > 0) deps.report('updated', { ...change, updated: result.updated })
      for (const failed of result.failed) deps.report('failed', { ...change, slug: failed.slug })
    } catch (error) {
      deps.report('error', { ...change, error: String(error) })
    }
  }
}
