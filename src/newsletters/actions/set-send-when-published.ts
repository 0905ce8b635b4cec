import type { OnScheduleCancelled } from '../../articles/actions/cancel-changed-schedule.ts'
import { lockArticle } from '../../articles/articles.repository.ts'
import type { Db } from '../../platform/db/client.ts'
import { AppError, notFound } from '../../platform/errors.ts'
import { type Actor, recordAudit, systemActor } from '../../staff/audit.repository.ts'
import { deleteRequest, upsertRequest } from '../newsletters.repository.ts'

/**
 * Turns "send as the newsletter when published" on (only for a scheduled article) or off, with
 * an audit entry. The job sends the issue once the article is published, by schedule or by hand.
 */
export async function setSendWhenPublished(
  db: Db,
  actor: Actor,
  articleId: number,
  options: { on: boolean; now: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    const article = await lockArticle(tx, articleId)
    if (!article) throw notFound('article')
    if (options.on && article.status !== 'scheduled') {
      throw new AppError(
        'conflict',
        'only a scheduled article can be sent when it is published; a published one is sent from its newsletter page',
      )
    }
    let changed = true
    if (options.on) {
      await upsertRequest(tx, {
        articleId,
        staffId: actor.staffId,
        requestedBy: actor.label,
        requestedAt: options.now,
      })
    } else {
      changed = await deleteRequest(tx, articleId)
    }
    if (changed) {
      await recordAudit(tx, actor, {
        action: options.on ? 'newsletter-on-publication' : 'newsletter-on-publication-cancelled',
        entity: 'article',
        entityId: articleId,
      })
    }
  })
}

/**
 * What a cancelled schedule does to the newsletter: "send when published" belonged to the text the
 * editor approved, so it goes with the schedule, in the same transaction, whoever cancelled it.
 */
export function dropSendWhenPublished(clock: { now(): Date }): OnScheduleCancelled {
  return (tx, articleId) =>
    setSendWhenPublished(tx, systemActor, articleId, { on: false, now: clock.now() })
}
