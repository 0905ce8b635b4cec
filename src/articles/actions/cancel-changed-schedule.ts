import type { Db } from '../../platform/db/client.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import type { Article } from '../article.ts'
import { updateArticleState } from '../articles.repository.ts'

/** Called when a schedule is cancelled, in its transaction: a newsletter asked for it goes too. */
export type OnScheduleCancelled = (tx: Db, articleId: number) => Promise<void>

/**
 * Cancels the schedule of a locked article whose text is no longer the one the editor approved:
 * back to draft, with an audit entry the desk shows. Nothing is published and nothing is mailed
 * until an editor approves the text again.
 */
export async function cancelChangedSchedule(
  tx: Db,
  actor: Actor,
  article: Article,
  now: Date,
  onCancelled?: OnScheduleCancelled,
): Promise<Article> {
  const updated = await updateArticleState(tx, article.id, {
    status: 'draft',
    scheduledFor: null,
    publishedVersionId: article.publishedVersionId,
    at: now,
  })
  await recordAudit(tx, actor, {
    action: 'schedule-cancelled',
    entity: 'article',
    entityId: article.id,
    before: { status: 'scheduled', scheduledFor: article.scheduledFor },
    after: { status: 'draft', reason: 'the text changed after an editor scheduled it' },
  })
  await onCancelled?.(tx, article.id)
  return updated
}
