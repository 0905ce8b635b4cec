import { and, desc, eq, sql } from 'drizzle-orm'
import { articles, articleVersions } from '../articles/articles.tables.ts'
import { members } from '../members/members.tables.ts'
import type { Db } from '../platform/db/client.ts'
import { rowsOf } from '../platform/db/migrate.ts'
import type { DeliveryStatus, IssueKind } from './newsletter.ts'
import { newsletterDeliveries, newsletterIssues, newsletterRequests } from './newsletters.tables.ts'

export type IssueRow = typeof newsletterIssues.$inferSelect
export type NewIssueRow = typeof newsletterIssues.$inferInsert

export async function findIssueForVersion(
  db: Db,
  versionId: number,
): Promise<IssueRow | undefined> {
  const [row] = await db
    .select()
    .from(newsletterIssues)
    .where(eq(newsletterIssues.versionId, versionId))
  return row
}

export async function findIssue(db: Db, id: number): Promise<IssueRow | undefined> {
  const [row] = await db.select().from(newsletterIssues).where(eq(newsletterIssues.id, id))
  return row
}

export async function insertIssue(db: Db, values: NewIssueRow): Promise<IssueRow> {
  const [row] = await db.insert(newsletterIssues).values(values).returning()
  return row!
}

/** Members who get the newsletter: every member (they all confirmed) with it switched on. */
export async function countNewsletterRecipients(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(members)
    .where(eq(members.newsletter, true))
  return Number(row?.n ?? 0)
}

/** One queued delivery per member with the newsletter on, in one statement; returns how many. */
export async function queueDeliveries(db: Db, issueId: number, now: Date): Promise<number> {
  const result = await db.execute(sql`
    with inserted as (
      insert into ${newsletterDeliveries} (issue_id, member_id, next_attempt_at)
      select ${issueId}, id, ${now.toISOString()} from ${members} where newsletter
      returning 1)
    select count(*)::int as n from inserted`)
  const n = Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0)
  await db
    .update(newsletterIssues)
    .set({ recipientCount: n })
    .where(eq(newsletterIssues.id, issueId))
  return n
}

export interface IssueSummary {
  id: number
  articleId: number
  slug: string
  articleTitle: string
  versionNumber: number
  kind: IssueKind
  subject: string
  sentBy: string
  createdAt: Date
  recipientCount: number
  sent: number
  queued: number
  failed: number
  skipped: number
  /** The newest error of a row not yet delivered, for the staff page. */
  lastError: string | null
}

/** Issues, newest first, with their deliveries counted by status. */
export async function listIssues(
  db: Db,
  filter: { articleId?: number; limit?: number } = {},
): Promise<IssueSummary[]> {
  const d = newsletterDeliveries
  const count = (status: DeliveryStatus) =>
    sql<number>`(count(${d.id}) filter (where ${d.status} = ${status}))::int`
  const rows = await db
    .select({
      id: newsletterIssues.id,
      articleId: newsletterIssues.articleId,
      slug: articles.slug,
      articleTitle: articles.title,
      versionNumber: articleVersions.number,
      kind: newsletterIssues.kind,
      subject: newsletterIssues.subject,
      sentBy: newsletterIssues.sentBy,
      createdAt: newsletterIssues.createdAt,
      recipientCount: newsletterIssues.recipientCount,
      sent: count('sent'),
      queued: count('queued'),
      failed: count('failed'),
      skipped: count('skipped'),
      lastError: sql<
        string | null
      >`(array_agg(${d.lastError} order by ${d.id} desc) filter (where ${d.lastError} is not null and ${d.status} in ('queued', 'failed')))[1]`,
    })
    .from(newsletterIssues)
    .innerJoin(articles, eq(articles.id, newsletterIssues.articleId))
    .innerJoin(articleVersions, eq(articleVersions.id, newsletterIssues.versionId))
    .leftJoin(d, eq(d.issueId, newsletterIssues.id))
    .where(
      filter.articleId === undefined ? undefined : eq(newsletterIssues.articleId, filter.articleId),
    )
    .groupBy(newsletterIssues.id, articles.slug, articles.title, articleVersions.number)
    .orderBy(desc(newsletterIssues.id))
    .limit(filter.limit ?? 100)
  return rows.map((r) => ({
    ...r,
    sent: Number(r.sent),
    queued: Number(r.queued),
    failed: Number(r.failed),
    skipped: Number(r.skipped),
  }))
}

export interface ClaimedDelivery {
  id: number
  issueId: number
  memberId: number
  /** Tries so far, this one included. */
  attempts: number
  email: string
  /** The member's newsletter switch as the row was claimed: off means the copy is skipped. */
  newsletter: boolean
}

/**
 * Claims up to `limit` queued deliveries that are due, for this process until `leaseUntil`, with
 * each recipient's address. `for update skip locked` lets two processes claim at the same moment
 * without waiting for or taking each other's rows; the lease keeps a claimed row from being
 * claimed again while its mail is being sent. Deliveries of a withdrawn article wait until it is
 * published again.
 */
export async function claimDeliveries(
  db: Db,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<ClaimedDelivery[]> {
  const result = await db.execute(sql`
    with claimed as (
      update ${newsletterDeliveries}
      set claimed_until = ${leaseUntil.toISOString()}, attempts = attempts + 1
      where id in (
        select d.id from ${newsletterDeliveries} d
        join ${newsletterIssues} i on i.id = d.issue_id
        join ${articles} a on a.id = i.article_id
        where d.status = 'queued'
          and d.next_attempt_at <= ${now.toISOString()}
          and (d.claimed_until is null or d.claimed_until < ${now.toISOString()})
          and a.status = 'published'
        order by d.next_attempt_at, d.id
        limit ${limit}
        for update of d skip locked)
      returning id, issue_id, member_id, attempts)
    select c.id, c.issue_id, c.member_id, c.attempts, m.email, m.newsletter
    from claimed c join ${members} m on m.id = c.member_id
    order by c.id`)
  return rowsOf<{
    id: number | string
    issue_id: number
    member_id: number
    attempts: number
    email: string
    newsletter: boolean
  }>(result).map((r) => ({
    id: Number(r.id),
    issueId: Number(r.issue_id),
    memberId: Number(r.member_id),
    attempts: Number(r.attempts),
    email: r.email,
    newsletter: r.newsletter,
  }))
}

// Ids and SHA-256 hex digests as one array parameter each: digits and hex need no quoting, and a
// single parameter keeps the statement the same size for 1 row or 500.
const idArray = (ids: readonly number[]) => `{${ids.map((id) => Math.trunc(id)).join(',')}}`

/** The rows are still ours: claimed by this pass and not finished by anyone. */
function heldAll(ids: readonly number[], leaseUntil: Date) {
  return sql`id = any(${idArray(ids)}::bigint[])
    and claimed_until = ${leaseUntil.toISOString()}
    and status = 'queued'`
}

/**
 * Records the hash of each unsubscribe token about to be sent, in one statement, so that the
 * link works the moment the mail arrives. Returns the ids still held (a member deleted meanwhile
 * takes their row with them); only those may be sent.
 */
export async function recordUnsubscribeHashes(
  db: Db,
  leaseUntil: Date,
  rows: readonly { id: number; unsubscribeHash: string }[],
): Promise<Set<number>> {
  if (rows.length === 0) return new Set()
  for (const row of rows) {
    if (!/^[0-9a-f]{64}$/.test(row.unsubscribeHash)) throw new Error('expected SHA-256 hex digests')
  }
  const result = await db.execute(sql`
    update ${newsletterDeliveries} d set unsubscribe_hash = h.hash
    from unnest(${idArray(rows.map((r) => r.id))}::bigint[],
                ${`{${rows.map((r) => r.unsubscribeHash).join(',')}}`}::text[]) as h(id, hash)
    where d.id = h.id
      and d.claimed_until = ${leaseUntil.toISOString()}
      and d.status = 'queued'
    returning d.id`)
  return new Set(rowsOf<{ id: number | string }>(result).map((r) => Number(r.id)))
}

/** Rows this pass holds, finished as sent in one statement (one per group of sent mail). */
export async function markSent(
  db: Db,
  ids: readonly number[],
  leaseUntil: Date,
  at: Date,
): Promise<void> {
  if (ids.length === 0) return
  await db.execute(sql`
    update ${newsletterDeliveries}
    set status = 'sent', sent_at = ${at.toISOString()}, last_error = null, claimed_until = null
    where ${heldAll(ids, leaseUntil)}`)
}

/** Rows of members who turned the newsletter off since the issue was queued. */
export async function markSkipped(
  db: Db,
  ids: readonly number[],
  leaseUntil: Date,
  reason: string,
): Promise<void> {
  if (ids.length === 0) return
  await db.execute(sql`
    update ${newsletterDeliveries}
    set status = 'skipped', last_error = ${reason}, claimed_until = null
    where ${heldAll(ids, leaseUntil)}`)
}

/**
 * Gives back rows this pass claimed and did not hand to the transport (the pass was stopped, or
 * the lease ran short), due at once for any process; the try they were counted for is undone.
 */
export async function releaseDeliveries(
  db: Db,
  ids: readonly number[],
  leaseUntil: Date,
): Promise<void> {
  if (ids.length === 0) return
  await db.execute(sql`
    update ${newsletterDeliveries}
    set claimed_until = null, attempts = greatest(attempts - 1, 0)
    where ${heldAll(ids, leaseUntil)}`)
}

/** The row is still ours: claimed by this pass and not finished by anyone. */
function held(id: number, leaseUntil: Date) {
  return and(
    eq(newsletterDeliveries.id, id),
    eq(newsletterDeliveries.claimedUntil, leaseUntil),
    eq(newsletterDeliveries.status, 'queued'),
  )
}

/** One row's failed try: queued again for later, or failed for good. */
export async function markFailedTry(
  db: Db,
  id: number,
  leaseUntil: Date,
  outcome: { status: 'queued' | 'failed'; error: string; nextAttemptAt: Date },
): Promise<void> {
  await db
    .update(newsletterDeliveries)
    .set({
      status: outcome.status,
      lastError: outcome.error,
      nextAttemptAt: outcome.nextAttemptAt,
      claimedUntil: null,
    })
    .where(held(id, leaseUntil))
}

export interface DeliveryRow {
  id: number
  issueId: number
  memberId: number
  status: DeliveryStatus
  attempts: number
  lastError: string | null
  nextAttemptAt: Date
  sentAt: Date | null
}

export async function listDeliveries(db: Db, issueId: number): Promise<DeliveryRow[]> {
  return db
    .select({
      id: newsletterDeliveries.id,
      issueId: newsletterDeliveries.issueId,
      memberId: newsletterDeliveries.memberId,
      status: newsletterDeliveries.status,
      attempts: newsletterDeliveries.attempts,
      lastError: newsletterDeliveries.lastError,
      nextAttemptAt: newsletterDeliveries.nextAttemptAt,
      sentAt: newsletterDeliveries.sentAt,
    })
    .from(newsletterDeliveries)
    .where(eq(newsletterDeliveries.issueId, issueId))
    .orderBy(newsletterDeliveries.id)
}

/** Failed deliveries of an issue go back to the queue, due now, with their tries reset. */
export async function requeueFailed(db: Db, issueId: number, now: Date): Promise<number> {
  const rows = await db
    .update(newsletterDeliveries)
    .set({ status: 'queued', attempts: 0, nextAttemptAt: now, claimedUntil: null })
    .where(
      and(eq(newsletterDeliveries.issueId, issueId), eq(newsletterDeliveries.status, 'failed')),
    )
    .returning({ id: newsletterDeliveries.id })
  return rows.length
}

/** The member an unsubscribe token was sent to, by the token's SHA-256. */
export async function findUnsubscribeTarget(
  db: Db,
  tokenHash: string,
): Promise<{ memberId: number; email: string; newsletter: boolean } | undefined> {
  const [row] = await db
    .select({ memberId: members.id, email: members.email, newsletter: members.newsletter })
    .from(newsletterDeliveries)
    .innerJoin(members, eq(members.id, newsletterDeliveries.memberId))
    .where(eq(newsletterDeliveries.unsubscribeHash, tokenHash))
  return row
}

// ---- "send when published" ----

export type RequestRow = typeof newsletterRequests.$inferSelect

export async function findRequest(db: Db, articleId: number): Promise<RequestRow | undefined> {
  const [row] = await db
    .select()
    .from(newsletterRequests)
    .where(eq(newsletterRequests.articleId, articleId))
  return row
}

export async function upsertRequest(db: Db, row: RequestRow): Promise<void> {
  await db
    .insert(newsletterRequests)
    .values(row)
    .onConflictDoUpdate({
      target: newsletterRequests.articleId,
      set: { staffId: row.staffId, requestedBy: row.requestedBy, requestedAt: row.requestedAt },
    })
}

export async function deleteRequest(db: Db, articleId: number): Promise<boolean> {
  const gone = await db
    .delete(newsletterRequests)
    .where(eq(newsletterRequests.articleId, articleId))
    .returning({ articleId: newsletterRequests.articleId })
  return gone.length === 1
}

/**
 * Takes (deletes and returns) one request whose article is now published, skipping requests
 * another process holds. Call it inside the transaction that sends the issue.
 */
export async function takePublishedRequest(db: Db): Promise<RequestRow | undefined> {
  const result = await db.execute(sql`
    delete from ${newsletterRequests}
    where article_id = (
      select r.article_id from ${newsletterRequests} r
      join ${articles} a on a.id = r.article_id
      where a.status = 'published'
      order by r.requested_at
      limit 1
      for update of r skip locked)
    returning article_id, staff_id, requested_by, requested_at`)
  const row = rowsOf<{
    article_id: number
    staff_id: number | null
    requested_by: string
    requested_at: string | Date
  }>(result)[0]
  if (!row) return undefined
  return {
    articleId: Number(row.article_id),
    staffId: row.staff_id === null ? null : Number(row.staff_id),
    requestedBy: row.requested_by,
    requestedAt: new Date(row.requested_at),
  }
}
