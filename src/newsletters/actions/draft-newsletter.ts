import type { Article, ArticleVersion } from '../../articles/article.ts'
import {
  findArticleById,
  findRender,
  findVersion,
  listCorrections,
} from '../../articles/articles.repository.ts'
import { type ArticleEmail, newsletterEmail } from '../../articles/email.ts'
import type { Site } from '../../articles/site.ts'
import type { Db } from '../../platform/db/client.ts'
import { AppError, notFound } from '../../platform/errors.ts'
import type { IssueKind } from '../newsletter.ts'
import {
  countNewsletterRecipients,
  findIssueForVersion,
  type IssueRow,
  listIssues,
} from '../newsletters.repository.ts'

/** The newsletter an editor is about to send: the e-mail as members get it, and to how many. */
export interface NewsletterDraft {
  article: Article
  version: ArticleVersion
  kind: IssueKind
  email: ArticleEmail
  recipients: number
  /** Why this version cannot be sent, when it cannot (it went out already). */
  refusal?: string | undefined
}

const day = (at: Date) => at.toISOString().slice(0, 10)

/**
 * Builds the newsletter for an article's published version. When an earlier version of the
 * article went out, this one can only go as a correction notice that says what changed.
 */
export async function draftNewsletter(
  db: Db,
  articleId: number,
  site: Site,
): Promise<NewsletterDraft> {
  const article = await findArticleById(db, articleId)
  if (!article) throw notFound('article')
  return draftFor(db, article, site)
}

/** The same, for an article the caller has read (and locked, when sending). */
export async function draftFor(db: Db, article: Article, site: Site): Promise<NewsletterDraft> {
  if (article.status !== 'published' || article.publishedVersionId === null) {
    throw new AppError(
      'conflict',
      article.status === 'scheduled'
        ? 'this article is not published yet: ask for it to be sent when it is published'
        : 'this article is not published: only a published version can be sent',
    )
  }
  const version = await findVersion(db, article.publishedVersionId)
  const render = version ? await findRender(db, version.id) : undefined
  if (!version || !render) throw notFound('published version')

  const sent = await findIssueForVersion(db, version.id)
  const [earlier] = await listIssues(db, { articleId: article.id, limit: 1 })
  const kind: IssueKind = earlier && !sent ? 'correction' : (sent?.kind ?? 'article')
  let correction: { previouslySentAt: Date; reason: string } | undefined
  if (kind === 'correction' && earlier) {
    const reasons = (await listCorrections(db, { articleId: article.id }))
      .filter((c) => c.toVersion > earlier.versionNumber && c.toVersion <= version.number)
      .sort((a, b) => a.toVersion - b.toVersion)
      .map((c) => c.reason.trim().replace(/([^.!?])$/, '$1.'))
    correction = { previouslySentAt: earlier.createdAt, reason: reasons.join(' ') }
  }
  const email = newsletterEmail({
    siteUrl: site.url,
    slug: article.slug,
    title: version.title,
    summary: version.summary,
    byline: article.byline,
    memberFragment: render.memberFragment,
    sourceSummary: render.sourceSummary.text,
    notes: render.notes,
    correction,
  })
  return {
    article,
    version,
    kind,
    email,
    recipients: await countNewsletterRecipients(db),
    refusal: sent ? alreadySent(version, sent) : undefined,
  }
}

function alreadySent(version: ArticleVersion, issue: IssueRow): string {
  return `Version ${version.number} of this article went out as the newsletter on ${day(issue.createdAt)} (sent by ${issue.sentBy}). A version is sent once; to send a change, publish a correction and send it as a correction notice.`
}
