import {
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core'

/** Raw bytes. PGlite answers a Uint8Array, node-postgres a Buffer (itself a Uint8Array). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
  fromDriver: (value) => new Uint8Array(value),
})

export const LinkStatuses = ['unchecked', 'ok', 'changed', 'dead', 'unreachable'] as const

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
    /** CSL-JSON fields the ledger has no column for, kept so that an import round-trips. */
    csl: jsonb('csl'),
    /** The latest link check's outcome (history in source_link_checks). */
    linkStatus: text('link_status', { enum: LinkStatuses }).notNull().default('unchecked'),
    linkCheckedAt: timestamp('link_checked_at', { withTimezone: true }),
  },
  (t) => [index('sources_published_idx').on(t.publishedOn)],
)

/**
 * One capture of a source. Immutable: a database trigger refuses UPDATE and DELETE unless the
 * transaction has declared an audited purge (see snapshots.repository.ts, purgeSnapshot).
 */
export const sourceSnapshots = pgTable(
  'source_snapshots',
  {
    id: serial('id').primaryKey(),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'restrict' }),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull(),
    requestedUrl: text('requested_url').notNull(),
    finalUrl: text('final_url').notNull(),
    httpStatus: integer('http_status').notNull(),
    /** The response's Content-Type header as sent. */
    contentType: text('content_type').notNull(),
    /** Response headers as received (lower-case names), for WARC export. */
    headers: jsonb('headers').$type<[string, string][]>().notNull(),
    byteLength: integer('byte_length').notNull(),
    raw: bytea('raw').notNull(),
    /** SHA-256 of `raw`, lower-case hex. */
    sha256: text('sha256').notNull(),
    /** Readable text, or null when none could be extracted (textStatus says why). */
    text: text('text'),
    /** SHA-256 of the UTF-8 bytes of `text`; null when there is no text. */
    textSha256: text('text_sha256'),
    textStatus: text('text_status', {
      enum: ['extracted', 'not_extracted', 'empty'],
    }).notNull(),
    /** Which extractor made the text, e.g. "readability", "plain", "pdf". */
    extractor: text('extractor'),
    /** The page's own title, as the extractor found it. */
    pageTitle: text('page_title'),
    archivedBy: text('archived_by').notNull(),
  },
  (t) => [index('source_snapshots_source_idx').on(t.sourceId, t.fetchedAt)],
)

/** Each link check: when, what came back, and whether the content had changed. */
export const sourceLinkChecks = pgTable(
  'source_link_checks',
  {
    id: serial('id').primaryKey(),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: ['ok', 'changed', 'dead', 'unreachable'] }).notNull(),
    httpStatus: integer('http_status'),
    finalUrl: text('final_url'),
    /** Why the check failed, in words. */
    error: text('error'),
    sha256: text('sha256'),
    /** The snapshot this check made, when the content had changed. */
    snapshotId: integer('snapshot_id').references(() => sourceSnapshots.id, {
      onDelete: 'set null',
    }),
  },
  (t) => [index('source_link_checks_source_idx').on(t.sourceId, t.checkedAt)],
)

export const QuoteStatuses = ['unverified', 'verified', 'moved', 'orphaned'] as const

/**
 * A span of a snapshot's text, anchored two ways (W3C Web Annotation selectors): by the text
 * itself with some context (TextQuoteSelector) and by character offsets (TextPositionSelector).
 * Offsets count UTF-16 code units of the snapshot's text, start inclusive, end exclusive.
 */
export const sourceQuotes = pgTable(
  'source_quotes',
  {
    id: serial('id').primaryKey(),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'restrict' }),
    snapshotId: integer('snapshot_id')
      .notNull()
      .references(() => sourceSnapshots.id, { onDelete: 'restrict' }),
    exact: text('exact').notNull(),
    prefix: text('prefix').notNull(),
    suffix: text('suffix').notNull(),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    /** The snapshot's text hash when the quote was taken. */
    textSha256: text('text_sha256').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: text('created_by').notNull(),
    /** The latest verification against the source's newest snapshot. */
    status: text('status', { enum: QuoteStatuses }).notNull().default('unverified'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    verifiedSnapshotId: integer('verified_snapshot_id').references(() => sourceSnapshots.id, {
      onDelete: 'set null',
    }),
    verifiedStart: integer('verified_start'),
    verifiedEnd: integer('verified_end'),
  },
  (t) => [
    index('source_quotes_source_idx').on(t.sourceId),
    index('source_quotes_snapshot_idx').on(t.snapshotId),
  ],
)

/**
 * held: known but not to be fetched unless asked (the bundled demo); queued: waiting for the
 * archive job; archived: a snapshot exists; failed: every try failed, `last_error` says why.
 */
export const ArchiveQueueStatuses = ['held', 'queued', 'archived', 'failed'] as const

/**
 * The archive queue (issue 11): one row per source that an import asked to archive. It lives in
 * the database so that a restarted process carries on where the last one stopped; rows are
 * claimed with `for update skip locked` and a lease (`claimed_until`).
 */
export const sourceArchiveQueue = pgTable(
  'source_archive_queue',
  {
    sourceId: integer('source_id')
      .primaryKey()
      .references(() => sources.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ArchiveQueueStatuses }).notNull(),
    /** Tries so far, a claimed one included. */
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    /** Held by the process that claimed the row until then; null when nobody holds it. */
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    /** Why the last try failed, in words for the ledger ("the host refused the connection"). */
    lastError: text('last_error'),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('source_archive_queue_due_idx').on(t.status, t.nextAttemptAt)],
)
