import { asc, eq } from 'drizzle-orm'
import type { Db } from '../platform/db/client.ts'
import { sourceQuotes, sourceSnapshots, sources } from './sources.tables.ts'

export type QuoteRow = typeof sourceQuotes.$inferSelect
export type NewQuoteRow = typeof sourceQuotes.$inferInsert

export async function insertQuote(db: Db, row: NewQuoteRow): Promise<QuoteRow> {
  const [created] = await db.insert(sourceQuotes).values(row).returning()
  return created!
}

export async function findQuoteById(db: Db, id: number): Promise<QuoteRow | undefined> {
  const [row] = await db.select().from(sourceQuotes).where(eq(sourceQuotes.id, id))
  return row
}

export async function listQuotesBySource(db: Db, sourceId: number): Promise<QuoteRow[]> {
  return db
    .select()
    .from(sourceQuotes)
    .where(eq(sourceQuotes.sourceId, sourceId))
    .orderBy(asc(sourceQuotes.id))
}

export interface QuoteToVerify extends QuoteRow {
  sourceKey: string
  /** The text of the snapshot the quote was taken from. */
  snapshotText: string | null
  snapshotTextSha256: string | null
}

/** Quotes with their own snapshot's text; all of them, or one source's. */
export async function listQuotesToVerify(db: Db, sourceId?: number): Promise<QuoteToVerify[]> {
  const rows = await db
    .select({
      quote: sourceQuotes,
      sourceKey: sources.key,
      snapshotText: sourceSnapshots.text,
      snapshotTextSha256: sourceSnapshots.textSha256,
    })
    .from(sourceQuotes)
    .innerJoin(sources, eq(sources.id, sourceQuotes.sourceId))
    .innerJoin(sourceSnapshots, eq(sourceSnapshots.id, sourceQuotes.snapshotId))
    .where(sourceId === undefined ? undefined : eq(sourceQuotes.sourceId, sourceId))
    .orderBy(asc(sourceQuotes.id))
  return rows.map((r) => ({
    ...r.quote,
    sourceKey: r.sourceKey,
    snapshotText: r.snapshotText,
    snapshotTextSha256: r.snapshotTextSha256,
  }))
}

export async function updateQuoteVerification(
  db: Db,
  id: number,
  result: Pick<
    QuoteRow,
    'status' | 'verifiedAt' | 'verifiedSnapshotId' | 'verifiedStart' | 'verifiedEnd'
  >,
): Promise<void> {
  await db.update(sourceQuotes).set(result).where(eq(sourceQuotes.id, id))
}

/**
 * Deletes a quote; false when the database refuses because a row elsewhere (a claim's evidence)
 * still rests on it. The refusal aborts a PostgreSQL transaction: the caller must end it.
 */
export async function deleteQuote(db: Db, id: number): Promise<boolean> {
  try {
    await db.delete(sourceQuotes).where(eq(sourceQuotes.id, id))
    return true
  } catch (error) {
    if (isForeignKeyViolation(error)) return false
    throw error
  }
}

// PostgreSQL's restrict_violation (ON DELETE RESTRICT) or foreign_key_violation (NO ACTION).
const FOREIGN_KEY_REFUSALS = new Set(['23001', '23503'])

// Drizzle wraps the driver's error, so the SQLSTATE is on a cause.
function isForeignKeyViolation(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause)
    if (FOREIGN_KEY_REFUSALS.has(String((e as { code?: unknown }).code))) return true
  return false
}
