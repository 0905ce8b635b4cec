import type { Db } from '../../platform/db/client.ts'
import { type AppError, isAppError } from '../../platform/errors.ts'
import { recordAudit, systemActor } from '../../staff/audit.repository.ts'
import { approvedTextHash } from '../article.ts'
import { lockArticle, updateArticleState } from '../articles.repository.ts'
import { forgetServedArticle } from '../render-cache.ts'
import type { Site } from '../site.ts'
import { cancelChangedSchedule, type OnScheduleCancelled } from './cancel-changed-schedule.ts'
import { publishLocked } from './publish-article.ts'

export type DueOutcome =
  | { outcome: 'published'; slug: string }
  | { outcome: 'skipped' }
  | { outcome: 'refused'; error: AppError }
  | { outcome: 'cancelled' }

/**
 * Publishes a scheduled article whose time has come. The row is checked again under its lock:
 * another server process may have published it, or an editor cancelled the schedule, since the
 * list of due articles was read. A text that no longer passes (a cited key was renamed) goes back
 * to the desk as a draft, with the reason in the audit log, rather than being retried every minute.
 */
export async function publishIfDue(
  db: Db,
  articleId: number,
  options: { now: Date; site: Site; onCancelled?: OnScheduleCancelled | undefined },
): Promise<DueOutcome> {
  const outcome = await db.transaction(async (tx): Promise<DueOutcome> => {
    const article = await lockArticle(tx, articleId)
    const due =
      article?.status === 'scheduled' &&
      article.scheduledFor !== null &&
      article.scheduledFor.getTime() <= options.now.getTime()
    if (!article || !due) return { outcome: 'skipped' }
    // Only the text the editor approved goes out. A schedule made before approvals were recorded
    // (no hash) is cancelled too: nobody can say which text was approved.
    if (article.scheduledHash !== approvedTextHash(article)) {
      await cancelChangedSchedule(tx, systemActor, article, options.now, options.onCancelled)
      return { outcome: 'cancelled' }
    }
    try {
      // In a savepoint: a refused publication undoes its own writes, not the refusal below.
      const result = await tx.transaction((sp) =>
        publishLocked(sp, { staffId: null, label: 'schedule' }, article, {
          now: options.now,
          site: options.site,
        }),
      )
      return { outcome: 'published', slug: result.article.slug }
    } catch (error) {
      if (!isAppError(error)) throw error
      await updateArticleState(tx, article.id, {
        status: 'draft',
        scheduledFor: null,
        publishedVersionId: null,
        at: options.now,
      })
      await recordAudit(tx, systemActor, {
        action: 'schedule-refused',
        entity: 'article',
        entityId: article.id,
        after: { message: error.message, details: error.details },
      })
      return { outcome: 'refused', error }
    }
  })
  if (outcome.outcome === 'published') forgetServedArticle(db, outcome.slug)
  return outcome
}
