import type { Db } from '../../platform/db/client.ts'
import { findRequest, type IssueSummary, listIssues } from '../newsletters.repository.ts'

/** What an article's desk page shows of the newsletter. */
export interface ArticleNewsletter {
  issues: readonly IssueSummary[]
  /** A pending "send when published", and who asked for it. */
  requested?: { by: string; at: Date } | undefined
}

/** The article's newsletter issues and a pending "send when published". */
export async function loadArticleNewsletter(db: Db, articleId: number): Promise<ArticleNewsletter> {
  const [issues, request] = await Promise.all([
    listIssues(db, { articleId }),
    findRequest(db, articleId),
  ])
  return {
    issues,
    requested: request ? { by: request.requestedBy, at: request.requestedAt } : undefined,
  }
}
