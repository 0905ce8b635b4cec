import {
  bigserial,
  index,
  integer,
  pgTable,
  serial,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core'
import { articles, articleVersions } from '../articles/articles.tables.ts'
import { members } from '../members/members.tables.ts'
import { staff } from '../staff/staff.tables.ts'

export const IssueKinds = ['article', 'correction'] as const
export const DeliveryStatuses = ['queued', 'sent', 'failed', 'skipped'] as const

/**
 * One published article version sent as the newsletter. A version goes out once (the unique
 * constraint); a corrected version may go out again as a correction notice. The e-mail is kept
 * as built when the editor confirmed, so every recipient gets the same text whenever the job
 * reaches them; only the footer (their own unsubscribe link) is added per recipient.
 */
export const newsletterIssues = pgTable(
  'newsletter_issues',
  {
    id: serial('id').primaryKey(),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'restrict' }),
    versionId: integer('version_id')
      .notNull()
      .references(() => articleVersions.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: IssueKinds }).notNull().default('article'),
    subject: text('subject').notNull(),
    /** The e-mail's HTML body and text part without the per-recipient footer. */
    html: text('html').notNull(),
    text: text('text').notNull(),
    staffId: integer('staff_id').references(() => staff.id, { onDelete: 'set null' }),
    /** Who confirmed the send (kept when the account is gone). */
    sentBy: text('sent_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Members with the newsletter on when the send was confirmed. */
    recipientCount: integer('recipient_count').notNull(),
  },
  (t) => [
    unique('newsletter_issues_version_unique').on(t.versionId),
    index('newsletter_issues_article_idx').on(t.articleId),
  ],
)

/**
 * One recipient of one issue. No address is kept here: the job reads it from `members` when it
 * sends, and the row goes with the member when they delete their account.
 */
export const newsletterDeliveries = pgTable(
  'newsletter_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    issueId: integer('issue_id')
      .notNull()
      .references(() => newsletterIssues.id, { onDelete: 'cascade' }),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    status: text('status', { enum: DeliveryStatuses }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** A queued row is not tried before this time (backoff after a failure). */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    /** A process that claimed the row holds it until then; after a crash the row is free again. */
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    /** SHA-256 of the unsubscribe token in the e-mail sent to this member for this issue. */
    unsubscribeHash: text('unsubscribe_hash'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    unique('newsletter_deliveries_issue_member_unique').on(t.issueId, t.memberId),
    unique('newsletter_deliveries_unsubscribe_unique').on(t.unsubscribeHash),
    index('newsletter_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('newsletter_deliveries_member_idx').on(t.memberId),
  ],
)

/** "Send as the newsletter when it is published", asked on a scheduled article. */
export const newsletterRequests = pgTable('newsletter_requests', {
  articleId: integer('article_id')
    .primaryKey()
    .references(() => articles.id, { onDelete: 'cascade' }),
  staffId: integer('staff_id').references(() => staff.id, { onDelete: 'set null' }),
  requestedBy: text('requested_by').notNull(),
  requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
})
