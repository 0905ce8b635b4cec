import { date, index, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core'

/** A document a statement rests on. Keyed by a stable citation key. */
export const sources = pgTable(
  'sources',
  {
    id: serial('id').primaryKey(),
    key: text('key').notNull().unique(),
    url: text('url').notNull(),
    /** The URL normalised for de-duplication (lower-case host, no fragment, sorted query, …). */
    normalizedUrl: text('normalized_url').notNull().unique(),
    title: text('title'),
    publisher: text('publisher'),
    author: text('author'),
    publishedOn: date('published_on', { mode: 'string' }),
    kind: text('kind', {
      enum: ['primary', 'official', 'wire', 'secondary', 'osint', 'state_media', 'dataset'],
    }).notNull(),
    /** Admiralty source reliability, A–F. */
    reliability: text('reliability', { enum: ['A', 'B', 'C', 'D', 'E', 'F'] })
      .notNull()
      .default('F'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sources_published_idx').on(t.publishedOn)],
)
