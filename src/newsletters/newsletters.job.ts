import type { Site } from '../articles/publish-article.ts'
import type { Db } from '../db/client.ts'
import type { Mailer } from '../mail/mailer.ts'
import { isAppError } from '../shared/errors.ts'
import { randomToken, sha256Hex } from '../shared/ids.ts'
import type { Logger } from '../shared/logger.ts'
import { repeatEvery } from '../shared/repeat.ts'
import type { Clock } from '../shared/time.ts'
import { recordAudit } from '../staff/audit.repository.ts'
import {
  afterFailure,
  CLAIM_LEASE_MS,
  DELIVERY_BATCH,
  errorLine,
  newsletterMail,
  unsubscribeUrl,
} from './newsletter.ts'
import {
  type ClaimedDelivery,
  claimDeliveries,
  findIssue,
  findIssueForVersion,
  type IssueRow,
  markDelivery,
  prepareDelivery,
  takePublishedRequest,
} from './newsletters.repository.ts'
import { draftNewsletter, sendNewsletterIn } from './send-newsletter.ts'

export interface DeliveryReport {
  /** Issues sent because an article asked to go out when published. */
  issued: number[]
  sent: number
  /** Tries that failed and will be retried. */
  retrying: number
  /** Deliveries that failed for good (MAX_ATTEMPTS tries). */
  failed: number
  skipped: number
}

export interface DeliveryOptions {
  db: Db
  mailer: Mailer
  site: Site
  clock: Clock
  logger: Logger
  batch?: number
  /** Batches per pass at most, so that one pass ends and the next starts fresh. */
  maxBatches?: number
}

/**
 * One pass of the newsletter job: sends the issues of articles that asked to go out when
 * published, then delivers queued mail in batches until none is due. All state is in the
 * database, so a restarted server carries on where the last one stopped, and several processes
 * can run the job at once (rows are claimed with `for update skip locked` and a lease).
 */
export async function deliverNewsletters(options: DeliveryOptions): Promise<DeliveryReport> {
  const report: DeliveryReport = { issued: [], sent: 0, retrying: 0, failed: 0, skipped: 0 }
  await sendRequested(options, report)
  const maxBatches = options.maxBatches ?? 50
  for (let i = 0; i < maxBatches; i++) {
    const now = options.clock.now()
    const lease = new Date(now.getTime() + CLAIM_LEASE_MS)
    const claimed = await claimDeliveries(options.db, now, lease, options.batch ?? DELIVERY_BATCH)
    if (claimed.length === 0) break
    const issues = new Map<number, Promise<IssueRow | undefined>>()
    const issueOf = (id: number) => {
      let issue = issues.get(id)
      if (!issue) {
        issue = findIssue(options.db, id)
        issues.set(id, issue)
      }
      return issue
    }
    // The pooled transport sends several at once; each row is finished on its own.
    await Promise.all(claimed.map((d) => deliverOne(options, d, lease, issueOf, report)))
  }
  return report
}

async function deliverOne(
  options: DeliveryOptions,
  delivery: ClaimedDelivery,
  lease: Date,
  issueOf: (id: number) => Promise<IssueRow | undefined>,
  report: DeliveryReport,
): Promise<void> {
  const { db } = options
  const issue = await issueOf(delivery.issueId)
  if (!issue) return
  const token = randomToken(32)
  // The hash is stored before the mail goes, so the link in it works the moment it arrives.
  const recipient = await prepareDelivery(db, delivery.id, lease, sha256Hex(token))
  if (!recipient) return
  if (!recipient.newsletter) {
    await markDelivery(db, delivery.id, lease, {
      status: 'skipped',
      reason: 'the member turned the newsletter off before it was sent',
    })
    report.skipped++
    return
  }
  try {
    await options.mailer.send(
      newsletterMail(issue, {
        to: recipient.email,
        unsubscribeUrl: unsubscribeUrl(options.site.url, token),
        siteUrl: options.site.url,
      }),
    )
  } catch (error) {
    const next = afterFailure(delivery.attempts, options.clock.now())
    await markDelivery(db, delivery.id, lease, { ...next, error: errorLine(error) })
    if (next.status === 'failed') report.failed++
    else report.retrying++
    options.logger.warn('newsletter delivery failed', {
      delivery: delivery.id,
      issue: delivery.issueId,
      attempts: delivery.attempts,
      willRetry: next.status === 'queued',
      error: errorLine(error),
    })
    return
  }
  await markDelivery(db, delivery.id, lease, { status: 'sent', at: options.clock.now() })
  report.sent++
}

/** Articles asked to go out when published, and now published: their issue is made now. */
async function sendRequested(options: DeliveryOptions, report: DeliveryReport): Promise<void> {
  const { db, site, logger } = options
  for (let i = 0; i < 20; i++) {
    const taken = await db.transaction(async (tx) => {
      const request = await takePublishedRequest(tx)
      if (!request) return undefined
      const actor = { staffId: request.staffId, label: request.requestedBy }
      const now = options.clock.now()
      try {
        const draft = await draftNewsletter(tx, request.articleId, site)
        if (await findIssueForVersion(tx, draft.version.id)) return { request, issue: undefined }
        // In a savepoint: a refusal undoes the send, not the taking of the request.
        const { issue } = await tx.transaction((sp) =>
          sendNewsletterIn(sp, actor, {
            articleId: request.articleId,
            versionId: draft.version.id,
            kind: draft.kind,
            now,
            site,
          }),
        )
        return { request, issue }
      } catch (error) {
        if (!isAppError(error)) throw error
        await recordAudit(tx, actor, {
          action: 'newsletter-refused',
          entity: 'article',
          entityId: request.articleId,
          after: { message: error.message },
        })
        logger.warn('newsletter on publication not sent', {
          article: request.articleId,
          message: error.message,
        })
        return { request, issue: undefined }
      }
    })
    if (!taken) return
    if (taken.issue) {
      report.issued.push(taken.issue.id)
      logger.info('newsletter sent on publication', {
        article: taken.request.articleId,
        issue: taken.issue.id,
        recipients: taken.issue.recipientCount,
      })
    }
  }
}

export interface NewsletterJob {
  /** One pass now (tests, operators). */
  runOnce(): Promise<DeliveryReport>
  /** Stops scheduling and waits for a pass in progress. */
  stop(): Promise<void>
}

/** Delivery looks for due mail this often. */
export const DELIVERY_EVERY_MS = 15_000

/** Runs the newsletter job in the server, every `intervalMs`. */
export function startNewsletterJob(
  options: DeliveryOptions & { intervalMs?: number },
): NewsletterJob {
  const runOnce = () => deliverNewsletters(options)
  const repeating = repeatEvery(
    options.intervalMs ?? DELIVERY_EVERY_MS,
    async () => {
      const report = await runOnce()
      if (report.sent + report.retrying + report.failed + report.skipped > 0)
        options.logger.info('newsletter deliveries', { ...report })
    },
    (error) =>
      options.logger.error('newsletter job failed', {
        error: error instanceof Error ? error.message : String(error),
      }),
  )
  return { runOnce, stop: repeating.stop }
}
