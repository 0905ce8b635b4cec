import { lockArticle } from '../../articles/articles.repository.ts'
import type { Site } from '../../articles/site.ts'
import type { Db } from '../../platform/db/client.ts'
import { AppError, notFound } from '../../platform/errors.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import type { IssueKind } from '../newsletter.ts'
import { type IssueRow, insertIssue, queueDeliveries } from '../newsletters.repository.ts'
import { draftFor } from './draft-newsletter.ts'

export interface SendRequest {
  articleId: number
  /** The version the editor looked at: if another was published since, nothing is sent. */
  versionId: number
  /** What the editor confirmed: the article, or a correction notice. */
  kind: IssueKind
  now: Date
  site: Site
}

/**
 * Sends an article's published version as the newsletter: the issue and one queued delivery per
 * member with the newsletter on, written in one transaction with the audit entry. The job
 * delivers them. Refused, writing nothing, when this version went out already, when another
 * version was published since the preview, or when nobody has the newsletter on.
 */
export async function sendNewsletter(
  db: Db,
  actor: Actor,
  request: SendRequest,
): Promise<{ issue: IssueRow; recipients: number }> {
  return db.transaction((tx) => sendNewsletterIn(tx, actor, request))
}

/** The same, inside the caller's transaction (the job's "send when published"). */
export async function sendNewsletterIn(
  tx: Db,
  actor: Actor,
  request: SendRequest,
): Promise<{ issue: IssueRow; recipients: number }> {
  // The article's row lock puts two editors pressing "send" at once one after the other.
  const article = await lockArticle(tx, request.articleId)
  if (!article) throw notFound('article')
  const draft = await draftFor(tx, article, request.site)
  if (draft.refusal) throw new AppError('conflict', draft.refusal)
  if (draft.version.id !== request.versionId || draft.kind !== request.kind) {
    throw new AppError(
      'conflict',
      'the article changed since the preview (another version was published): look at the preview again',
    )
  }
  if (draft.recipients === 0) {
    throw new AppError('conflict', 'nobody would receive it: no member has the newsletter on')
  }
  const issue = await insertIssue(tx, {
    articleId: article.id,
    versionId: draft.version.id,
    kind: draft.kind,
    subject: draft.email.subject,
    html: draft.email.html,
    text: draft.email.text,
    staffId: actor.staffId,
    sentBy: actor.label,
    createdAt: request.now,
    recipientCount: 0,
  })
  const recipients = await queueDeliveries(tx, issue.id, request.now)
  await recordAudit(tx, actor, {
    action: draft.kind === 'correction' ? 'newsletter-correction' : 'newsletter',
    entity: 'article',
    entityId: article.id,
    after: { issue: issue.id, version: draft.version.number, recipients },
  })
  return { issue: { ...issue, recipientCount: recipients }, recipients }
}
