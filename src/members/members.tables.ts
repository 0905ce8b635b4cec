import { boolean, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core'

/** Confirmed readers. A row exists only once a sign-up link was clicked (double opt-in). */
export const members = pgTable('members', {
  id: serial('id').primaryKey(),
  /** Stored lower-cased; unique. */
  email: text('email').notNull().unique(),
  newsletter: boolean('newsletter').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
})

/**
 * Magic links, pending sign-ups included: the address waits here, not in `members`, until the
 * link is clicked. Only the SHA-256 of the token is kept, so a leaked table opens nothing.
 */
export const memberLinks = pgTable(
  'member_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    email: text('email').notNull(),
    purpose: text('purpose', { enum: ['signup', 'signin'] }).notNull(),
    /** A path on this site where the reader lands after clicking. */
    returnTo: text('return_to'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('member_links_email_idx').on(t.email)],
)

export const memberSessions = pgTable(
  'member_sessions',
  {
    /** SHA-256 of the cookie's token. */
    tokenHash: text('token_hash').primaryKey(),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('member_sessions_member_idx').on(t.memberId)],
)
