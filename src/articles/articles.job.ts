import type { Db } from '../platform/db/client.ts'
import { type Logger, silentLogger } from '../platform/logger.ts'
import { type Repeating, repeatEvery } from '../platform/repeat.ts'
import type { Clock } from '../platform/time.ts'
import type { OnScheduleCancelled } from './actions/cancel-changed-schedule.ts'
import { publishIfDue } from './actions/publish-if-due.ts'
import {
  type RerenderReport,
  rerenderArticlesEmbedding,
} from './actions/rerender-served-versions.ts'
import { listDueArticleIds } from './articles.repository.ts'
import type { Site } from './site.ts'

export interface ArticleJobReport {
  published: number[]
  /** Scheduled articles that could not go out (back to draft, with the reason in the audit log). */
  refused: number[]
  /** Scheduled articles whose text changed after the editor approved it (back to draft). */
  cancelled: number[]
  rerendered?: RerenderReport
}

/**
 * One pass of the article jobs: publish what is due, and (when asked) render the served versions
 * again so that a change in what they embed or cite reaches readers.
 */
export async function runArticleJobs(options: {
  db: Db
  site: Site
  now: Date
  rerender: boolean
  logger?: Logger
  /** What else a schedule the job cancels takes with it (the newsletter asked for it). */
  onScheduleCancelled?: OnScheduleCancelled | undefined
}): Promise<ArticleJobReport> {
  const { db, site, now } = options
  const logger = options.logger ?? silentLogger
  const report: ArticleJobReport = { published: [], refused: [], cancelled: [] }
  for (const id of await listDueArticleIds(db, now)) {
    const due = await publishIfDue(db, id, { now, site, onCancelled: options.onScheduleCancelled })
    if (due.outcome === 'published') {
      report.published.push(id)
      logger.info('scheduled article published', { id, slug: due.slug })
    } else if (due.outcome === 'cancelled') {
      report.cancelled.push(id)
      logger.warn('scheduled article changed after approval; schedule cancelled', { id })
    } else if (due.outcome === 'refused') {
      report.refused.push(id)
      logger.warn('scheduled article refused', { id, message: due.error.message })
    }
  }
  if (options.rerender) {
    report.rerendered = await rerenderArticlesEmbedding(db, undefined, undefined, { site, now })
    if (report.rerendered.updated.length > 0)
      logger.info('articles rendered again', { slugs: report.rerendered.updated })
    for (const failed of report.rerendered.failed)
      logger.warn('article no longer renders; the last good render is served', { ...failed })
  }
  return report
}

export type ArticleJobs = Repeating

// Scheduled articles go out within a minute; served articles are checked against their data every
// ten minutes (docs/decisions/0003-article-render-cache.md).
export const SCHEDULE_EVERY_MS = 60_000
export const RERENDER_EVERY = 10

/** Runs the jobs in the server: at start (with a render check), then every minute. */
export function startArticleJobs(options: {
  db: Db
  site: Site
  clock: Clock
  logger: Logger
  intervalMs?: number
  onScheduleCancelled?: OnScheduleCancelled
}): ArticleJobs {
  let passes = 0
  return repeatEvery(
    options.intervalMs ?? SCHEDULE_EVERY_MS,
    () => {
      const rerender = passes % RERENDER_EVERY === 0
      passes++
      return runArticleJobs({ ...options, now: options.clock.now(), rerender })
    },
    (error) =>
      options.logger.error('article jobs failed', {
        error: error instanceof Error ? error.message : String(error),
      }),
    { immediately: true },
  )
}
