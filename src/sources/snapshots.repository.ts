import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../platform/db/client.ts'
import { AppError, notFound } from '../platform/errors.ts'
import { type Actor, recordAudit } from '../staff/audit.repository.ts'
import type { Capture } from './captures.ts'
import { sourceLinkChecks, sourceQuotes, sourceSnapshots, sources } from './sources.tables.ts'
import type { LinkStatus } from './sources.ts'

export type SnapshotRow = typeof sourceSnapshots.$inferSelect
export type NewSnapshotRow = typeof sourceSnapshots.$inferInsert
/** A snapshot without its bytes and text: what lists and APIs show. */
export type SnapshotMeta = Omit<SnapshotRow, 'raw' | 'text'>
/** A snapshot with its text but without its bytes: what quoting needs. */
export type SnapshotWithText = Omit<SnapshotRow, 'raw'>
export type LinkCheckRow = typeof sourceLinkChecks.$inferSelect
export type NewLinkCheckRow = typeof sourceLinkChecks.$inferInsert

const metaColumns = {
  id: sourceSnapshots.id,
  sourceId: sourceSnapshots.sourceId,
  fetchedAt: sourceSnapshots.fetchedAt,
  requestedUrl: sourceSnapshots.requestedUrl,
  finalUrl: sourceSnapshots.finalUrl,
  httpStatus: sourceSnapshots.httpStatus,
  contentType: sourceSnapshots.contentType,
  headers: sourceSnapshots.headers,
  byteLength: sourceSnapshots.byteLength,
  sha256: sourceSnapshots.sha256,
  textSha256: sourceSnapshots.textSha256,
  textStatus: sourceSnapshots.textStatus,
  extractor: sourceSnapshots.extractor,
  pageTitle: sourceSnapshots.pageTitle,
  archivedBy: sourceSnapshots.archivedBy,
}

export async function insertSnapshot(db: Db, row: NewSnapshotRow): Promise<SnapshotMeta> {
  const [created] = await db.insert(sourceSnapshots).values(row).returning(metaColumns)
  return created!
}

/** A source's snapshots, newest first, without bytes or text. */
export async function listSnapshotMeta(db: Db, sourceId: number): Promise<SnapshotMeta[]> {
  return db
    .select(metaColumns)
    .from(sourceSnapshots)
    .where(eq(sourceSnapshots.sourceId, sourceId))
    .orderBy(desc(sourceSnapshots.fetchedAt), desc(sourceSnapshots.id))
}

/**
 * Each of these sources' archived copies (2xx captures, oldest first) and its link status, by key;
 * a source with no capture has an empty list. The copies' addresses are for members and staff
 * only: callers gate them (src/web/auth.ts).
 */
export async function listSourceCaptures(
  db: Db,
  keys: readonly string[],
): Promise<Map<string, { linkStatus: LinkStatus; captures: Capture[] }>> {
  if (keys.length === 0) return new Map()
  const rows = await db
    .select({
      key: sources.key,
      linkStatus: sources.linkStatus,
      snapshotId: sourceSnapshots.id,
      capturedAt: sourceSnapshots.fetchedAt,
    })
    .from(sources)
    .leftJoin(
      sourceSnapshots,
      and(
        eq(sourceSnapshots.sourceId, sources.id),
        sql`${sourceSnapshots.httpStatus} between 200 and 299`,
      ),
    )
    .where(inArray(sources.key, [...new Set(keys)]))
    .orderBy(asc(sources.key), asc(sourceSnapshots.fetchedAt), asc(sourceSnapshots.id))
  const found = new Map<string, { linkStatus: LinkStatus; captures: Capture[] }>()
  for (const row of rows) {
    const entry = found.get(row.key) ?? { linkStatus: row.linkStatus, captures: [] }
    found.set(row.key, entry)
    if (row.snapshotId !== null && row.capturedAt !== null)
      entry.captures.push({ snapshotId: row.snapshotId, capturedAt: row.capturedAt })
  }
  return found
}

/** The newest snapshot of a source, with its text. */
export async function findLatestSnapshot(
  db: Db,
  sourceId: number,
): Promise<SnapshotWithText | undefined> {
  const [row] = await db
    .select({ ...metaColumns, text: sourceSnapshots.text })
    .from(sourceSnapshots)
    .where(eq(sourceSnapshots.sourceId, sourceId))
    .orderBy(desc(sourceSnapshots.fetchedAt), desc(sourceSnapshots.id))
    .limit(1)
  return row
}

export async function findSnapshotWithText(
  db: Db,
  id: number,
): Promise<SnapshotWithText | undefined> {
  const [row] = await db
    .select({ ...metaColumns, text: sourceSnapshots.text })
    .from(sourceSnapshots)
    .where(eq(sourceSnapshots.id, id))
  return row
}

/** The whole snapshot, bytes included. */
export async function findSnapshot(db: Db, id: number): Promise<SnapshotRow | undefined> {
  const [row] = await db.select().from(sourceSnapshots).where(eq(sourceSnapshots.id, id))
  return row
}

/** Snapshots with bytes, oldest first, optionally of some sources only; for WARC export. */
export async function listSnapshotsForExport(
  db: Db,
  sourceIds?: readonly number[],
): Promise<(SnapshotRow & { sourceKey: string })[]> {
  const rows = await db
    .select({ snapshot: sourceSnapshots, sourceKey: sources.key })
    .from(sourceSnapshots)
    .innerJoin(sources, eq(sources.id, sourceSnapshots.sourceId))
    .where(sourceIds === undefined ? undefined : inArray(sourceSnapshots.sourceId, [...sourceIds]))
    .orderBy(asc(sourceSnapshots.fetchedAt), asc(sourceSnapshots.id))
  return rows.map((r) => ({ ...r.snapshot, sourceKey: r.sourceKey }))
}

/** The first capture of each source, for CSL's "accessed" date. */
export async function firstArchivedAt(
  db: Db,
  sourceIds: readonly number[],
): Promise<Map<number, Date>> {
  if (sourceIds.length === 0) return new Map()
  const rows = await db
    .select({
      sourceId: sourceSnapshots.sourceId,
      at: sql<string>`min(${sourceSnapshots.fetchedAt})`,
    })
    .from(sourceSnapshots)
    .where(inArray(sourceSnapshots.sourceId, [...sourceIds]))
    .groupBy(sourceSnapshots.sourceId)
  return new Map(rows.map((r) => [r.sourceId, new Date(r.at)]))
}

export async function insertLinkCheck(db: Db, row: NewLinkCheckRow): Promise<LinkCheckRow> {
  const [created] = await db.insert(sourceLinkChecks).values(row).returning()
  await db
    .update(sources)
    .set({ linkStatus: row.status, linkCheckedAt: row.checkedAt })
    .where(eq(sources.id, row.sourceId))
  return created!
}

/** A source's link checks, newest first. */
export async function listLinkChecks(
  db: Db,
  sourceId: number,
  limit = 100,
): Promise<LinkCheckRow[]> {
  return db
    .select()
    .from(sourceLinkChecks)
    .where(eq(sourceLinkChecks.sourceId, sourceId))
    .orderBy(desc(sourceLinkChecks.checkedAt), desc(sourceLinkChecks.id))
    .limit(limit)
}

/**
 * Removes one snapshot for good — the only way one ever changes. For a takedown or personal data
 * that must not be kept. Refused while quotes rest on it. The database trigger lets this delete
 * through because the transaction names the snapshot first; the audit entry keeps what was
 * removed (hashes, not bytes) and why.
 */
export async function purgeSnapshot(
  db: Db,
  actor: Actor,
  id: number,
  reason: string,
): Promise<SnapshotMeta> {
  if (reason.trim().length < 5)
    throw new AppError('invalid_input', 'a purge needs a reason of at least a few words', [
      { path: 'reason', message: 'required' },
    ])
  return db.transaction(async (tx) => {
    const [snapshot] = await tx
      .select(metaColumns)
      .from(sourceSnapshots)
      .where(eq(sourceSnapshots.id, id))
    if (!snapshot) throw notFound(`snapshot ${id}`)
    const [quotes] = await tx
      .select({ n: count() })
      .from(sourceQuotes)
      .where(eq(sourceQuotes.snapshotId, id))
    if ((quotes?.n ?? 0) > 0)
      throw new AppError(
        'conflict',
        `snapshot ${id} has ${quotes!.n} quote(s) anchored in it; delete those quotes first`,
      )
    await tx.execute(sql`select set_config('parley.purge_snapshot', ${String(id)}, true)`)
    await tx.delete(sourceSnapshots).where(eq(sourceSnapshots.id, id))
    await recordAudit(tx, actor, {
      action: 'purge',
      entity: 'snapshot',
      entityId: id,
      before: snapshot,
      after: { reason: reason.trim() },
    })
    return snapshot
  })
}

/** How many different contents (by readable text, else bytes) a source's snapshots hold. */
export async function countVersions(db: Db, sourceId: number): Promise<number> {
  const [row] = await db
    .select({
      n: sql<number>`count(distinct coalesce(${sourceSnapshots.textSha256}, 'raw:' || ${sourceSnapshots.sha256}))::int`,
    })
    .from(sourceSnapshots)
    .where(eq(sourceSnapshots.sourceId, sourceId))
  return row?.n ?? 0
}

/**
 * Claims up to `limit` sources due for a link check (never checked, or last checked before
 * `dueBefore`) by stamping them now. Several server processes may run the job: a source stamped
 * by one is no longer due for the others.
 */
export async function claimSourcesDueForCheck(
  db: Db,
  dueBefore: Date,
  now: Date,
  limit: number,
): Promise<number[]> {
  const result = await db.execute(sql`
    update ${sources} set link_checked_at = ${now.toISOString()}
    where id in (
      select id from ${sources}
      where link_checked_at is null or link_checked_at < ${dueBefore.toISOString()}
      order by link_checked_at asc nulls first, id
      limit ${limit}
      for update skip locked
    )
    returning id`)
  return (result as unknown as { rows: { id: number }[] }).rows.map((r) => Number(r.id))
}
