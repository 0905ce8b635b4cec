import { and, asc, desc, eq, ilike, inArray, like, or, type SQL, sql } from 'drizzle-orm'
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core'
import type { Db } from '../platform/db/client.ts'
import { type ArchiveState, archiveStateOf } from './archive-queue.ts'
import { sourceArchiveQueue, sourceSnapshots, sources } from './sources.tables.ts'
import type { SourceRef } from './sources.ts'

export type SourceRow = typeof sources.$inferSelect
export type NewSourceRow = typeof sources.$inferInsert

export type { SourceRef }

/** The columns of a SourceRef, for selects that join `sources`. */
export const sourceRefColumns = {
  key: sources.key,
  url: sources.url,
  title: sources.title,
  publisher: sources.publisher,
  publishedOn: sources.publishedOn,
  kind: sources.kind,
}

/** Link rows (`ownerId` + a SourceRef) grouped by owner, keeping their order. */
export function sourcesByOwner(
  rows: readonly ({ ownerId: number } & SourceRef)[],
): Map<number, SourceRef[]> {
  const map = new Map<number, SourceRef[]>()
  for (const { ownerId, ...ref } of rows) {
    const list = map.get(ownerId)
    if (list) list.push(ref)
    else map.set(ownerId, [ref])
  }
  return map
}

/** A link table from owner rows to the sources they cite, in the order given by its position column. */
export interface SourceLinkTable {
  table: PgTable
  ownerColumn: AnyPgColumn<{ data: number; notNull: true }>
  sourceColumn: AnyPgColumn
  positionColumn: AnyPgColumn
}

/** The sources of each owner through a link table, in link order; no query for no owners. */
export async function listSourcesOfOwners(
  db: Db,
  ownerIds: readonly number[],
  link: SourceLinkTable,
): Promise<Map<number, SourceRef[]>> {
  if (ownerIds.length === 0) return new Map()
  const rows = await db
    .select({ ownerId: link.ownerColumn, ...sourceRefColumns })
    .from(link.table)
    .innerJoin(sources, eq(sources.id, link.sourceColumn))
    .where(inArray(link.ownerColumn, [...ownerIds]))
    .orderBy(asc(link.positionColumn))
  return sourcesByOwner(rows)
}

/** Rows with their cited sources attached as `sources`, loaded through a link table keyed by `id`. */
export async function attachSources<Row extends { id: number }>(
  db: Db,
  rows: readonly Row[],
  link: SourceLinkTable,
): Promise<(Row & { sources: SourceRef[] })[]> {
  const byOwner = await listSourcesOfOwners(
    db,
    rows.map((row) => row.id),
    link,
  )
  return rows.map((row) => ({ ...row, sources: byOwner.get(row.id) ?? [] }))
}

export async function findSourceByKey(db: Db, key: string): Promise<SourceRow | undefined> {
  const [row] = await db.select().from(sources).where(eq(sources.key, key))
  return row
}

export async function findSourceById(db: Db, id: number): Promise<SourceRow | undefined> {
  const [row] = await db.select().from(sources).where(eq(sources.id, id))
  return row
}

export async function findSourceByNormalizedUrl(
  db: Db,
  normalizedUrl: string,
): Promise<SourceRow | undefined> {
  const [row] = await db.select().from(sources).where(eq(sources.normalizedUrl, normalizedUrl))
  return row
}

export async function listSourcesByNormalizedUrl(
  db: Db,
  urls: readonly string[],
): Promise<SourceRow[]> {
  if (urls.length === 0) return []
  return db
    .select()
    .from(sources)
    .where(inArray(sources.normalizedUrl, [...urls]))
}

export async function listSourcesByKey(db: Db, keys: readonly string[]): Promise<SourceRow[]> {
  if (keys.length === 0) return []
  return db
    .select()
    .from(sources)
    .where(inArray(sources.key, [...keys]))
}

export async function listSourcesById(db: Db, ids: readonly number[]): Promise<SourceRow[]> {
  if (ids.length === 0) return []
  return db
    .select()
    .from(sources)
    .where(inArray(sources.id, [...ids]))
}

export async function insertSources(db: Db, rows: readonly NewSourceRow[]): Promise<SourceRow[]> {
  if (rows.length === 0) return []
  return db
    .insert(sources)
    .values([...rows])
    .returning()
}

export async function updateSource(
  db: Db,
  id: number,
  patch: Partial<Omit<NewSourceRow, 'id' | 'key' | 'createdAt'>>,
): Promise<SourceRow> {
  const [row] = await db
    .update(sources)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(sources.id, id))
    .returning()
  return row!
}

/** `base` if no source has it as key, else `base-2`, `base-3`, … */
export async function unusedSourceKey(db: Db, base: string): Promise<string> {
  const taken = new Set(
    (
      await db
        .select({ key: sources.key })
        .from(sources)
        .where(or(eq(sources.key, base), like(sources.key, `${base}-%`)))
    ).map((r) => r.key),
  )
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

export interface SourceListItem extends SourceRow {
  snapshotCount: number
  lastArchivedAt: Date | null
  /** Distinct readable texts among the snapshots: more than one means the content changed. */
  versionCount: number
  /** Archived, queued, failed (and why) or not yet: what the ledger says per source. */
  archiveState: ArchiveState
}

export interface SourceFilter {
  /** Words to find in key, title, publisher or author (and in the URL when `searchUrls`). */
  q?: string | undefined
  kind?: string | undefined
  linkStatus?: string | undefined
  searchUrls?: boolean
  limit?: number
  offset?: number
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`)
}

/** The ledger, newest publication first, with snapshot counts; filtered and paged. */
export async function listSources(db: Db, filter: SourceFilter = {}): Promise<SourceListItem[]> {
  const conditions: (SQL | undefined)[] = []
  for (const word of (filter.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8)) {
    const pattern = `%${escapeLike(word)}%`
    conditions.push(
      or(
        ilike(sources.key, pattern),
        ilike(sources.title, pattern),
        ilike(sources.publisher, pattern),
        ilike(sources.author, pattern),
        filter.searchUrls ? ilike(sources.url, pattern) : undefined,
      ),
    )
  }
  if (filter.kind) conditions.push(eq(sources.kind, filter.kind as SourceRow['kind']))
  if (filter.linkStatus)
    conditions.push(eq(sources.linkStatus, filter.linkStatus as SourceRow['linkStatus']))
  const stats = db
    .select({
      sourceId: sourceSnapshots.sourceId,
      snapshotCount: sql<number>`count(*)::int`.as('snapshot_count'),
      lastArchivedAt: sql<Date>`max(${sourceSnapshots.fetchedAt})`.as('last_archived_at'),
      versionCount:
        sql<number>`count(distinct coalesce(${sourceSnapshots.textSha256}, ${sourceSnapshots.sha256}))::int`.as(
          'version_count',
        ),
    })
    .from(sourceSnapshots)
    .groupBy(sourceSnapshots.sourceId)
    .as('stats')
  const rows = await db
    .select({
      source: sources,
      snapshotCount: stats.snapshotCount,
      lastArchivedAt: stats.lastArchivedAt,
      versionCount: stats.versionCount,
      queue: {
        status: sourceArchiveQueue.status,
        attempts: sourceArchiveQueue.attempts,
        lastError: sourceArchiveQueue.lastError,
        lastAttemptAt: sourceArchiveQueue.lastAttemptAt,
      },
    })
    .from(sources)
    .leftJoin(stats, eq(stats.sourceId, sources.id))
    .leftJoin(sourceArchiveQueue, eq(sourceArchiveQueue.sourceId, sources.id))
    .where(and(...conditions))
    .orderBy(sql`${sources.publishedOn} desc nulls last`, asc(sources.key))
    .limit(filter.limit ?? 500)
    .offset(filter.offset ?? 0)
  return rows.map((r) => {
    const lastArchivedAt = r.lastArchivedAt ? new Date(r.lastArchivedAt) : null
    return {
      ...r.source,
      snapshotCount: r.snapshotCount ?? 0,
      lastArchivedAt,
      versionCount: r.versionCount ?? 0,
      archiveState: archiveStateOf(lastArchivedAt, r.queue),
    }
  })
}

export async function countSources(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(sources)
  return row?.n ?? 0
}

export async function listAllSourceKeys(db: Db): Promise<{ id: number; key: string }[]> {
  return db.select({ id: sources.id, key: sources.key }).from(sources).orderBy(desc(sources.id))
}

/** Every source's public page and when its record last changed: the sitemap's list. */
export async function listSourcePages(db: Db): Promise<{ key: string; updatedAt: Date }[]> {
  return db
    .select({ key: sources.key, updatedAt: sources.updatedAt })
    .from(sources)
    .orderBy(asc(sources.key))
}
