import { desc, eq, sql } from 'drizzle-orm'
import type { Db } from '../platform/db/client.ts'
import { inboxMessages } from './inbox.tables.ts'

export type InboxMessage = typeof inboxMessages.$inferSelect
export type NewInboxMessage = typeof inboxMessages.$inferInsert

export type InboxSummary = Pick<
  InboxMessage,
  'id' | 'receivedAt' | 'envelopeTo' | 'fromHeader' | 'subject' | 'size'
>

export async function insertInboxMessage(db: Db, message: NewInboxMessage): Promise<InboxMessage> {
  const [row] = await db.insert(inboxMessages).values(message).returning()
  return row!
}

/** Newest first; optionally only mail to one address. */
export async function listInboxMessages(
  db: Db,
  filter: { to?: string | undefined; limit?: number } = {},
): Promise<InboxSummary[]> {
  return db
    .select({
      id: inboxMessages.id,
      receivedAt: inboxMessages.receivedAt,
      envelopeTo: inboxMessages.envelopeTo,
      fromHeader: inboxMessages.fromHeader,
      subject: inboxMessages.subject,
      size: inboxMessages.size,
    })
    .from(inboxMessages)
    .where(filter.to === undefined ? undefined : addressedTo(filter.to))
    .orderBy(desc(inboxMessages.id))
    .limit(filter.limit ?? 100)
}

export async function findInboxMessage(db: Db, id: number): Promise<InboxMessage | undefined> {
  const [row] = await db.select().from(inboxMessages).where(eq(inboxMessages.id, id))
  return row
}

/** The newest message to `address`, if any. */
export async function findLatestInboxMessageTo(
  db: Db,
  address: string,
): Promise<InboxMessage | undefined> {
  const [row] = await db
    .select()
    .from(inboxMessages)
    .where(addressedTo(address))
    .orderBy(desc(inboxMessages.id))
    .limit(1)
  return row
}

/** Forgets every caught message addressed to `address` (part of deleting a member's data). */
export async function deleteInboxMessagesTo(db: Db, address: string): Promise<number> {
  const gone = await db
    .delete(inboxMessages)
    .where(addressedTo(address))
    .returning({ id: inboxMessages.id })
  return gone.length
}

function addressedTo(address: string) {
  return sql`${inboxMessages.envelopeTo} @> ${JSON.stringify([address.toLowerCase()])}::jsonb`
}
