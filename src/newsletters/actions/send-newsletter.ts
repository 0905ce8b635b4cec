import type { OnScheduleCancelled } from '../../articles/actions/cancel-changed-schedule.ts'
import type { Article, ArticleVersion } from '../../articles/article.ts'
import {
  findArticleById,
  findRender,
  findVersion,
  listCorrections,
  lockArticle,
} from '../../articles/articles.repository.ts'
import { type ArticleEmail, newsletterEmail } from '../../articles/email.ts'
import type { Site } from '../../articles/site.ts'
import type { Db } from '../../platform/db/client.ts'
import { AppError, notFound } from '../../platform/errors.ts'
import { type Actor, recordAudit, systemActor } from '../../staff/audit.repository.ts'
import type { IssueKind } from '../newsletter.ts'
import {
  countNewsletterRecipients,
  deleteRequest,
  findIssueForVersion,
  type IssueRow,
  insertIssue,
  listIssues,
  queueDeliveries,
  upsertRequest,
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

async function draftFor(db: Db, article: Article, site: Site): Promise<NewsletterDraft> {
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
