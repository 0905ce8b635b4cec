import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Db } from '../platform/db/client.ts'
import { type SourceRef, sourceRefColumns, sourcesByOwner } from '../sources/sources.repository.ts'
import { sources } from '../sources/sources.tables.ts'
import { eventActors, eventSources, events } from './events.tables.ts'

export type EventRow = typeof events.$inferSelect
export type NewEventRow = typeof events.$inferInsert

export interface NewEventWithLinks extends NewEventRow {
  actorKeys: readonly string[]
  sourceIds: readonly number[]
}

/** Inserts events with their actors and sources, in batches. */
export async function insertEvents(
  db: Db,
  rows: readonly NewEventWithLinks[],
): Promise<EventRow[]> {
  if (rows.length === 0) return []
  const inserted = await db
    .insert(events)
    .values(rows.map(({ actorKeys: _a, sourceIds: _s, ...row }) => row))
    .returning()
  const actorLinks = inserted.flatMap((event, i) =>
    rows[i]!.actorKeys.map((actorKey, position) => ({ eventId: event.id, actorKey, position })),
  )
  const sourceLinks = inserted.flatMap((event, i) =>
    rows[i]!.sourceIds.map((sourceId, position) => ({ eventId: event.id, sourceId, position })),
  )
  if (actorLinks.length > 0) await db.insert(eventActors).values(actorLinks)
  if (sourceLinks.length > 0) await db.insert(eventSources).values(sourceLinks)
  return inserted
}

export interface EventWithLinks extends EventRow {
  actorKeys: string[]
  sources: SourceRef[]
}

/** A negotiation's events in date order, each with its actors and sources. */
export async function listNegotiationEvents(
  db: Db,
  negotiationId: number,
): Promise<EventWithLinks[]> {
  const rows = await db
    .select()
    .from(events)
    .where(eq(events.negotiationId, negotiationId))
    .orderBy(asc(events.occurredOn), asc(events.id))
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const actorRows = await db
    .select()
    .from(eventActors)
    .where(inArray(eventActors.eventId, ids))
    .orderBy(asc(eventActors.position))
  const sourceRows = await db
    .select({
      ownerId: eventSources.eventId,
      ...sourceRefColumns,
    })
    .from(eventSources)
    .innerJoin(sources, eq(sources.id, eventSources.sourceId))
    .where(and(inArray(eventSources.eventId, ids)))
    .orderBy(asc(eventSources.position))
  const sourcesOfEvent = sourcesByOwner(sourceRows)
  return rows.map((row) => ({
    ...row,
    actorKeys: actorRows.filter((a) => a.eventId === row.id).map((a) => a.actorKey),
    sources: sourcesOfEvent.get(row.id) ?? [],
  }))
}
