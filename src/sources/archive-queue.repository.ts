import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../platform/db/client.ts'
import { rowsOf } from '../platform/db/migrate.ts'
import { sourceArchiveQueue, sourceSnapshots, sources } from './sources.tables.ts'

export type ArchiveQueueRow = typeof sourceArchiveQueue.$inferSelect

/**
 * Puts sources in the archive queue (or, for `held`, on record without queueing them). A source
 * that has a queue row already keeps it: importing it again does not fetch it again.
 */
export async function queueSourcesForArchive(
  db: Db,
  sourceIds: readonly number[],
  now: Date,
  status: 'queued' | 'held' = 'queued',
): Promise<number> {
  if (sourceIds.length === 0) return 0
  const rows = await db
    .insert(sourceArchiveQueue)
    .values(sourceIds.map((sourceId) => ({ sourceId, status, nextAttemptAt: now, queuedAt: now })))
    .onConflictDoNothing()
    .returning({ sourceId: sourceArchiveQueue.sourceId })
  return rows.length
}

/**
 * Queues every source without a capture (`parley archive --all`): new rows, and held or failed
 * rows queued afresh with their tries reset. Returns how many are queued now in all.
 */
export async function queueUncapturedSources(db: Db, now: Date): Promise<number> {
  await db.execute(sql`
    insert into ${sourceArchiveQueue} (source_id, status, next_attempt_at, queued_at)
    select s.id, 'queued', ${now.toISOString()}, ${now.toISOString()}
    from ${sources} s
    where not exists (select 1 from ${sourceSnapshots} n where n.source_id = s.id)
    on conflict (source_id) do update
      set status = 'queued', attempts = 0, next_attempt_at = excluded.next_attempt_at,
          claimed_until = null, last_error = null, queued_at = excluded.queued_at,
          finished_at = null
      where ${sourceArchiveQueue.status} <> 'queued'`)
  return countQueueStatus(db, 'queued')
}

/** Queues the held sources (the demo's, on the owner's word); returns how many. */
export async function releaseHeldSources(db: Db, now: Date): Promise<number> {
  const rows = await db
    .update(sourceArchiveQueue)
    .set({ status: 'queued', nextAttemptAt: now, queuedAt: now })
    .where(eq(sourceArchiveQueue.status, 'held'))
    .returning({ sourceId: sourceArchiveQueue.sourceId })
  return rows.length
}

export async function countQueueStatus(db: Db, status: ArchiveQueueRow['status']): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(sourceArchiveQueue)
    .where(eq(sourceArchiveQueue.status, status))
  return row?.n ?? 0
}

export interface ClaimedArchive {
  sourceId: number
  key: string
  url: string
  /** Tries so far, this one included. */
  attempts: number
}

/**
 * Claims up to `limit` due rows for this process until `leaseUntil`. `for update skip locked`
 * lets two processes claim at once without waiting for or taking each other's rows; a row whose
 * lease ran out (its process died) is claimed again.
 */
export async function claimArchiveQueue(
  db: Db,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<ClaimedArchive[]> {
  const result = await db.execute(sql`
    update ${sourceArchiveQueue} q
    set claimed_until = ${leaseUntil.toISOString()}, attempts = q.attempts + 1,
        last_attempt_at = ${now.toISOString()}
    from ${sources} s
    where s.id = q.source_id and q.source_id in (
      select source_id from ${sourceArchiveQueue}
      where status = 'queued'
        and next_attempt_at <= ${now.toISOString()}
        and (claimed_until is null or claimed_until < ${now.toISOString()})
      order by next_attempt_at, source_id
      limit ${limit}
      for update skip locked)
    returning q.source_id, q.attempts, s.key, s.url`)
  return rowsOf<{ source_id: number | string; attempts: number; key: string; url: string }>(result)
    .map((r) => ({
      sourceId: Number(r.source_id),
      attempts: Number(r.attempts),
      key: r.key,
      url: r.url,
    }))
    .sort((a, b) => a.sourceId - b.sourceId)
}

/** The row is still ours: claimed by this pass and not finished by anyone. */
function held(sourceId: number, leaseUntil: Date) {
  return and(
    eq(sourceArchiveQueue.sourceId, sourceId),
    eq(sourceArchiveQueue.claimedUntil, leaseUntil),
    eq(sourceArchiveQueue.status, 'queued'),
  )
}

export async function markArchiveDone(
  db: Db,
  sourceId: number,
  leaseUntil: Date,
  outcome:
    | { status: 'archived'; at: Date }
    | { status: 'queued' | 'failed'; error: string; nextAttemptAt: Date; at: Date },
): Promise<void> {
  const values =
    outcome.status === 'archived'
      ? { status: 'archived' as const, finishedAt: outcome.at, lastError: null, claimedUntil: null }
      : {
          status: outcome.status,
          lastError: outcome.error,
          nextAttemptAt: outcome.nextAttemptAt,
          finishedAt: outcome.status === 'failed' ? outcome.at : null,
          claimedUntil: null,
        }
  await db.update(sourceArchiveQueue).set(values).where(held(sourceId, leaseUntil))
}

/** True when the source has any capture: the job never fetches such a source again. */
export async function hasSnapshot(db: Db, sourceId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: sourceSnapshots.id })
    .from(sourceSnapshots)
    .where(eq(sourceSnapshots.sourceId, sourceId))
    .limit(1)
  return row !== undefined
}

/**
 * When the next queued row can be claimed (its retry is due and no lease holds it), or undefined
 * when none is queued.
 */
export async function nextArchiveDue(db: Db): Promise<Date | undefined> {
  const [row] = await db
    .select({
      at: sql<
        string | Date | null
      >`min(greatest(${sourceArchiveQueue.nextAttemptAt}, coalesce(${sourceArchiveQueue.claimedUntil} + interval '1 millisecond', ${sourceArchiveQueue.nextAttemptAt})))`,
    })
    .from(sourceArchiveQueue)
    .where(eq(sourceArchiveQueue.status, 'queued'))
  return row?.at ? new Date(row.at) : undefined
}

export async function findArchiveQueueEntry(
  db: Db,
  sourceId: number,
): Promise<ArchiveQueueRow | undefined> {
  const [row] = await db
    .select()
    .from(sourceArchiveQueue)
    .where(eq(sourceArchiveQueue.sourceId, sourceId))
  return row
}

export async function listArchiveQueueEntries(
  db: Db,
  sourceIds: readonly number[],
): Promise<ArchiveQueueRow[]> {
  if (sourceIds.length === 0) return []
  return db
    .select()
    .from(sourceArchiveQueue)
    .where(inArray(sourceArchiveQueue.sourceId, [...sourceIds]))
}

export interface ArchiveFailure {
  key: string
  url: string
  reason: string
  attempts: number
  lastAttemptAt: Date | null
}

/** Progress of the archive queue, for the desk and `parley archive --status`. */
export interface ArchiveProgress {
  /** Sources with at least one capture. */
  archived: number
  /** Queued sources still to fetch (some waiting for a retry). */
  left: number
  /** Of `left`, those that failed at least once and wait for their next try. */
  retrying: number
  failed: number
  /** Known but not queued: the demo's sources until the owner asks. */
  held: number
  /** Sources with no capture and no queue row (added with --no-archive, or before the queue). */
  notQueued: number
  failures: ArchiveFailure[]
}

export async function archiveProgress(db: Db): Promise<ArchiveProgress> {
  const result = await db.execute(sql`
    select
      count(*) filter (where exists (select 1 from ${sourceSnapshots} n where n.source_id = s.id))::int as archived,
      count(*) filter (where q.status = 'queued' and not exists (select 1 from ${sourceSnapshots} n where n.source_id = s.id))::int as left,
      count(*) filter (where q.status = 'queued' and q.last_error is not null and not exists (select 1 from ${sourceSnapshots} n where n.source_id = s.id))::int as retrying,
      count(*) filter (where q.status = 'failed' and not exists (select 1 from ${sourceSnapshots} n where n.source_id = s.id))::int as failed,
      count(*) filter (where q.status = 'held' and not exists (select 1 from ${sourceSnapshots} n where n.source_id = s.id))::int as held,
      count(*) filter (where q.source_id is null and not exists (select 1 from ${sourceSnapshots} n where n.source_id = s.id))::int as not_queued
    from ${sources} s left join ${sourceArchiveQueue} q on q.source_id = s.id`)
  const [c] = rowsOf<Record<string, number | string>>(result)
  const failures = await db
    .select({
      key: sources.key,
      url: sources.url,
      reason: sourceArchiveQueue.lastError,
      attempts: sourceArchiveQueue.attempts,
      lastAttemptAt: sourceArchiveQueue.lastAttemptAt,
    })
    .from(sourceArchiveQueue)
    .innerJoin(sources, eq(sources.id, sourceArchiveQueue.sourceId))
    .where(
      and(
        eq(sourceArchiveQueue.status, 'failed'),
        sql`not exists (select 1 from ${sourceSnapshots} n where n.source_id = ${sources.id})`,
      ),
    )
    .orderBy(asc(sources.key))
  const n = (name: string) => Number(c?.[name] ?? 0)
  return {
    archived: n('archived'),
    left: n('left'),
    retrying: n('retrying'),
    failed: n('failed'),
    held: n('held'),
    notQueued: n('not_queued'),
    failures: failures.map((f) => ({ ...f, reason: f.reason ?? 'the fetch failed' })),
  }
}
