import type { Db } from '../../platform/db/client.ts'
import { AppError, notFound } from '../../platform/errors.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import type { Article } from '../article.ts'
import { lockArticle, updateArticleState } from '../articles.repository.ts'
import { forgetServedArticle } from '../render-cache.ts'

/** Takes an article off the site (or cancels its schedule). Its versions and corrections stay. */
export async function unpublishArticle(
  db: Db,
  actor: Actor,
  articleId: number,
  now: Date,
): Promise<Article> {
  const updated = await db.transaction(async (tx) => {
    const article = await lockArticle(tx, articleId)
    if (!article) throw notFound('article')
    if (article.status === 'draft') throw new AppError('conflict', 'this article is not published')
    const result = await updateArticleState(tx, article.id, {
      status: 'draft',
      scheduledFor: null,
      publishedVersionId: null,
      at: now,
    })
    await recordAudit(tx, actor, {
      action: article.status === 'scheduled' ? 'unschedule' : 'unpublish',
      entity: 'article',
      entityId: article.id,
      before: { status: article.status, publishedVersionId: article.publishedVersionId },
      after: { status: 'draft' },
    })
    return result
  })
  forgetServedArticle(db, updated.slug)
  return updated
}
