import type { Db } from '../../platform/db/client.ts'
import { AppError, detailsFromZod, invalidInput } from '../../platform/errors.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import { type Article, ArticleForm } from '../article.ts'
import { findArticleBySlug, insertArticle } from '../articles.repository.ts'

/** The editor's fields, checked; refused with every problem by field. */
export function parseForm(input: unknown): ArticleForm {
  const parsed = ArticleForm.safeParse(input)
  if (!parsed.success) {
    throw invalidInput('the article is not complete', detailsFromZod(parsed.error.issues))
  }
  return parsed.data
}

/** Starts a draft. The slug comes from the title unless given; it must be free. */
export async function addArticle(
  db: Db,
  actor: Actor,
  input: unknown,
  author: { id: number | null; name: string },
  now: Date,
): Promise<Article> {
  const form = parseForm(input)
  return db.transaction(async (tx) => {
    if (await findArticleBySlug(tx, form.slug)) {
      throw new AppError('conflict', `the address /articles/${form.slug} is taken`, [
        { path: 'slug', message: 'choose another slug' },
      ])
    }
    const article = await insertArticle(tx, {
      ...form,
      byline: author.name,
      authorId: author.id,
      at: now,
    })
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'article',
      entityId: article.id,
      after: { slug: article.slug, title: article.title },
    })
    return article
  })
}
