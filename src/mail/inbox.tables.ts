import { sql } from 'drizzle-orm'
import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * Mail caught by the embedded SMTP inbox (used when no SMTP_URL is set), for staff to read at
 * /staff/inbox. In the database rather than in memory so every server process sees all of it.
 */
export const inboxMessages = pgTable(
  'inbox_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    /** The SMTP envelope's sender and recipients (lower-cased), not the headers'. */
    envelopeFrom: text('envelope_from'),
    envelopeTo: jsonb('envelope_to').$type<string[]>().notNull(),
    messageId: text('message_id'),
    fromHeader: text('from_header'),
    toHeader: text('to_header'),
    subject: text('subject').notNull().default(''),
    text: text('text'),
    html: text('html'),
    /** Every header as [name, value] in order (List-Unsubscribe, Message-ID, …). */
    headers: jsonb('headers').$type<[string, string][]>(),
    /** Size of the raw message in bytes. */
    size: integer('size').notNull(),
  },
  (t) => [index('inbox_messages_received_idx').on(sql`${t.receivedAt} desc`)],
)
