import { asc, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../platform/db/client.ts'
import {
  attachSources,
  listSourcesOfOwners,
  type SourceRef,
} from '../sources/sources.repository.ts'
import { events } from './events.tables.ts'
import {
  actors,
  documentSources,
  frameworkDocuments,
  issueSources,
  negotiationIssues,
  negotiations,
  provisionSources,
  provisions,
} from './negotiations.tables.ts'

export type NegotiationRow = typeof negotiations.$inferSelect
export type ActorRow = typeof actors.$inferSelect
export type IssueRow = typeof negotiationIssues.$inferSelect
export type DocumentRow = typeof frameworkDocuments.$inferSelect
export type ProvisionRow = typeof provisions.$inferSelect

export type { SourceRef }

export async function findNegotiationBySlug(
  db: Db,
  slug: string,
): Promise<NegotiationRow | undefined> {
  const [row] = await db.select().from(negotiations).where(eq(negotiations.slug, slug))
  return row
}

export async function countNegotiations(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(negotiations)
  return row?.n ?? 0
}

export async function deleteNegotiation(db: Db, id: number): Promise<void> {
  await db.delete(events).where(eq(events.negotiationId, id))
  await db.delete(negotiations).where(eq(negotiations.id, id))
}

export interface NegotiationSummary extends NegotiationRow {
  /** Dated milestones: framework documents and the first and last event. */
  keyDates: { date: string; label: string }[]
  documentCount: number
  eventCount: number
}

/** Every negotiation with its key dates, newest first. */
export async function listNegotiationSummaries(db: Db): Promise<NegotiationSummary[]> {
  const rows = await db.select().from(negotiations).orderBy(sql`${negotiations.startedOn} desc`)
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const docs = await db
    .select({
      negotiationId: frameworkDocuments.negotiationId,
      title: frameworkDocuments.title,
      datedOn: frameworkDocuments.datedOn,
    })
    .from(frameworkDocuments)
    .where(inArray(frameworkDocuments.negotiationId, ids))
    .orderBy(asc(frameworkDocuments.datedOn))
  const eventStats = await db
    .select({
      negotiationId: events.negotiationId,
      n: sql<number>`count(*)::int`,
      first: sql<string>`min(${events.occurredOn})::text`,
      last: sql<string>`max(coalesce(${events.endedOn}, ${events.occurredOn}))::text`,
    })
    .from(events)
    .where(inArray(events.negotiationId, ids))
    .groupBy(events.negotiationId)
  return rows.map((row) => {
    const own = docs.filter((d) => d.negotiationId === row.id)
    const stats = eventStats.find((s) => s.negotiationId === row.id)
    const keyDates = [
      { date: row.startedOn, label: 'Talks track opens' },
      ...own.map((d) => ({ date: d.datedOn, label: d.title })),
      ...(stats ? [{ date: stats.last, label: 'Latest recorded event' }] : []),
      ...(row.endedOn ? [{ date: row.endedOn, label: 'Concluded' }] : []),
    ].sort((a, b) => a.date.localeCompare(b.date))
    return { ...row, keyDates, documentCount: own.length, eventCount: stats?.n ?? 0 }
  })
}

export interface ProvisionView extends ProvisionRow {
  issueKey: string | null
  sources: SourceRef[]
}

export interface DocumentView extends DocumentRow {
  sources: SourceRef[]
  provisions: ProvisionView[]
}

/** A negotiation's framework documents in date order, each with its points and their sources. */
export async function listDocumentViews(db: Db, negotiationId: number): Promise<DocumentView[]> {
  const docs = await db
    .select()
    .from(frameworkDocuments)
    .where(eq(frameworkDocuments.negotiationId, negotiationId))
    .orderBy(asc(frameworkDocuments.datedOn), asc(frameworkDocuments.id))
  if (docs.length === 0) return []
  const docIds = docs.map((d) => d.id)
  const points = await db
    .select({ provision: provisions, issueKey: negotiationIssues.key })
    .from(provisions)
    .leftJoin(negotiationIssues, eq(negotiationIssues.id, provisions.issueId))
    .where(inArray(provisions.documentId, docIds))
    .orderBy(asc(provisions.number))
  const sourcesOfPoint = await listSourcesOfOwners(
    db,
    points.map((p) => p.provision.id),
    {
      table: provisionSources,
      ownerColumn: provisionSources.provisionId,
      sourceColumn: provisionSources.sourceId,
      positionColumn: provisionSources.position,
    },
  )
  const sourcesOfDoc = await listSourcesOfOwners(db, docIds, {
    table: documentSources,
    ownerColumn: documentSources.documentId,
    sourceColumn: documentSources.sourceId,
    positionColumn: documentSources.position,
  })
  return docs.map((doc) => ({
    ...doc,
    sources: sourcesOfDoc.get(doc.id) ?? [],
    provisions: points
      .filter((p) => p.provision.documentId === doc.id)
      .map((p) => ({
        ...p.provision,
        issueKey: p.issueKey,
        sources: sourcesOfPoint.get(p.provision.id) ?? [],
      })),
  }))
}

export interface IssueView extends IssueRow {
  sources: SourceRef[]
}

export async function listIssueViews(db: Db, negotiationId: number): Promise<IssueView[]> {
  const rows = await db
    .select()
    .from(negotiationIssues)
    .where(eq(negotiationIssues.negotiationId, negotiationId))
    .orderBy(asc(negotiationIssues.position), asc(negotiationIssues.id))
  return attachSources(db, rows, {
    table: issueSources,
    ownerColumn: issueSources.issueId,
    sourceColumn: issueSources.sourceId,
    positionColumn: issueSources.position,
  })
}

export async function listActors(db: Db, negotiationId: number): Promise<ActorRow[]> {
  return db
    .select()
    .from(actors)
    .where(eq(actors.negotiationId, negotiationId))
    .orderBy(asc(actors.id))
}

// Writes used by the case importer; each takes many rows at once.

export async function insertNegotiation(
  db: Db,
  row: typeof negotiations.$inferInsert,
): Promise<NegotiationRow> {
  const [inserted] = await db.insert(negotiations).values(row).returning()
  return inserted!
}

export async function insertActors(
  db: Db,
  rows: (typeof actors.$inferInsert)[],
): Promise<ActorRow[]> {
  if (rows.length === 0) return []
  return db.insert(actors).values(rows).returning()
}

export async function insertIssues(
  db: Db,
  rows: (typeof negotiationIssues.$inferInsert & { sourceIds: readonly number[] })[],
): Promise<IssueRow[]> {
  if (rows.length === 0) return []
  const inserted = await db
    .insert(negotiationIssues)
    .values(rows.map(({ sourceIds: _s, ...r }) => r))
    .returning()
  const links = inserted.flatMap((issue, i) =>
    rows[i]!.sourceIds.map((sourceId, position) => ({ issueId: issue.id, sourceId, position })),
  )
  if (links.length > 0) await db.insert(issueSources).values(links)
  return inserted
}

export async function insertDocument(
  db: Db,
  row: typeof frameworkDocuments.$inferInsert,
  sourceIds: readonly number[],
  points: readonly (typeof provisions.$inferInsert & { sourceIds: readonly number[] })[],
): Promise<{ document: DocumentRow; provisions: ProvisionRow[] }> {
  const [document] = await db.insert(frameworkDocuments).values(row).returning()
  const documentId = document!.id
  if (sourceIds.length > 0) {
    await db
      .insert(documentSources)
      .values(sourceIds.map((sourceId, position) => ({ documentId, sourceId, position })))
  }
  const inserted =
    points.length === 0
      ? []
      : await db
          .insert(provisions)
          .values(points.map(({ sourceIds: _s, ...p }) => ({ ...p, documentId })))
          .returning()
  const links = inserted.flatMap((point, i) =>
    points[i]!.sourceIds.map((sourceId, position) => ({
      provisionId: point.id,
      sourceId,
      position,
    })),
  )
  if (links.length > 0) await db.insert(provisionSources).values(links)
  return { document: document!, provisions: inserted }
}
