import type { Db } from '../../platform/db/client.ts'
import { AppError, invalidInput, notFound } from '../../platform/errors.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import { type Article, approvedTextHash } from '../article.ts'
import { findLatestVersion, lockArticle, updateArticleState } from '../articles.repository.ts'
import { build, problemsError } from './render-version.ts'

/**
 * Sets a first publication for later. Only an article with no published version can be
 * scheduled: a change to a published text is a correction and goes out at once, with its reason.
 */
export async function scheduleArticle(
  db: Db,
  actor: Actor,
  articleId: number,
  options: { at: Date; now: Date },
): Promise<Article> {
  if (options.at.getTime() <= options.now.getTime()) {
    throw invalidInput('choose a time in the future, or publish now', [
      { path: 'at', message: 'this time has passed' },
    ])
  }
  return db.transaction(async (tx) => {
    const article = await lockArticle(tx, articleId)
    if (!article) throw notFound('article')
    if (await findLatestVersion(tx, article.id)) {
      throw new AppError(
        'conflict',
        'this article has been published before: publish the change now, with its reason',
      )
    }
    const check = await build(tx, article, options.at.toISOString().slice(0, 10))
    if (!check.ok) throw problemsError(check)
    const scheduledHash = approvedTextHash(article)
    const updated = await updateArticleState(tx, article.id, {
      status: 'scheduled',
      scheduledFor: options.at,
      scheduledHash,
      publishedVersionId: null,
      at: options.now,
    })
    await recordAudit(tx, actor, {
      action: 'schedule',
      entity: 'article',
      entityId: article.id,
      before: { status: article.status, scheduledFor: article.scheduledFor },
      after: { status: 'scheduled', scheduledFor: options.at, text: scheduledHash },
    })
    return updated
  })
}
