import type { Db } from '../../platform/db/client.ts'
import { AppError, invalidInput, notFound } from '../../platform/errors.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import { type Article, approvedTextHash } from '../article.ts'
import { findArticleBySlug, lockArticle, updateArticleText } from '../articles.repository.ts'
import { parseForm } from './add-article.ts'
import { cancelChangedSchedule, type OnScheduleCancelled } from './cancel-changed-schedule.ts'

/**
 * Saves the working copy. Readers keep the published version until an editor publishes again.
 * The slug cannot change once the article has been published: links to it are out there. A change
 * to a scheduled article cancels its schedule: the editor approved the text as it was.
 */
export async function saveArticle(
  db: Db,
  actor: Actor,
  articleId: number,
  input: unknown,
  now: Date,
  onScheduleCancelled?: OnScheduleCancelled,
): Promise<Article> {
  const form = parseForm(input)
  return db.transaction(async (tx) => {
    const article = await lockArticle(tx, articleId)
    if (!article) throw notFound('article')
    if (form.slug !== article.slug) {
      if (article.firstPublishedAt) {
        throw invalidInput('the slug of a published article cannot change', [
          { path: 'slug', message: `keep "${article.slug}"` },
        ])
      }
      if (await findArticleBySlug(tx, form.slug)) {
        throw new AppError('conflict', `the address /articles/${form.slug} is taken`, [
          { path: 'slug', message: 'choose another slug' },
        ])
      }
    }
    const updated = await updateArticleText(tx, article.id, { ...form, at: now })
    await recordAudit(tx, actor, {
      action: 'edit',
      entity: 'article',
      entityId: article.id,
      before: { slug: article.slug, title: article.title, chars: article.body.length },
      after: { slug: updated.slug, title: updated.title, chars: updated.body.length },
    })
    if (updated.status === 'scheduled' && updated.scheduledHash !== approvedTextHash(updated)) {
      return cancelChangedSchedule(tx, actor, updated, now, onScheduleCancelled)
    }
    return updated
  })
}
