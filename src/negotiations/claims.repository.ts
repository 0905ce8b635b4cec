import { and, asc, desc, eq, inArray, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../platform/db/client.ts'
import { type SourceRef, sourceRefColumns } from '../sources/sources.repository.ts'
import { sourceQuotes, sources } from '../sources/sources.tables.ts'
import { claimEvidence, claims } from './claims.tables.ts'
import { negotiations } from './negotiations.tables.ts'

export type ClaimRow = typeof claims.$inferSelect
export type NewClaimRow = typeof claims.$inferInsert
export type EvidenceRow = typeof claimEvidence.$inferSelect
export type NewEvidenceRow = typeof claimEvidence.$inferInsert

/** `real` is single precision: 0.9 is stored as 0.8999999761581421. Six digits is what was meant. */
export function fromReal(value: number): number {
  return Number(value.toPrecision(6))
}

/** A claim that states a progress figure, for setting beside the measured progress. */
export interface ProgressClaim {
  id: number
  key: string
  text: string
  claimant: string
  statedOn: string
  /** The share claimed, 0–1. */
  statedShare: number
  sourceKey: string
}

/** A negotiation's progress claims ("90% complete"), oldest first. */
export async function listProgressClaims(db: Db, negotiationId: number): Promise<ProgressClaim[]> {
  const rows = await db
    .select({
      id: claims.id,
      key: claims.key,
      text: claims.text,
      claimant: claims.claimant,
      statedOn: claims.statedOn,
      statedShare: claims.statedShare,
      sourceKey: sources.key,
    })
    .from(claims)
    .innerJoin(sources, eq(sources.id, claims.sourceId))
    .where(and(eq(claims.negotiationId, negotiationId), isNotNull(claims.statedShare)))
    .orderBy(asc(claims.statedOn), asc(claims.id))
  return rows.map((row) => ({ ...row, statedShare: fromReal(row.statedShare!) }))
}

/** What a claim page or answer shows about a source: never more than the caller gates. */
export type ClaimSourceRef = SourceRef

export interface ClaimListItem extends ClaimRow {
  source: ClaimSourceRef
  negotiationSlug: string | null
  supports: number
  contradicts: number
}

export interface ClaimFilter {
  negotiationId?: number | undefined
  status?: string | undefined
  q?: string | undefined
  limit?: number
}

export async function listClaims(db: Db, filter: ClaimFilter = {}): Promise<ClaimListItem[]> {
  const conditions: (SQL | undefined)[] = [
    filter.negotiationId === undefined ? undefined : eq(claims.negotiationId, filter.negotiationId),
    filter.status === undefined
      ? undefined
      : eq(claims.status, filter.status as ClaimRow['status']),
  ]
  for (const word of (filter.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8)) {
    const pattern = `%${word.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
    conditions.push(
      or(sql`${claims.text} ilike ${pattern}`, sql`${claims.claimant} ilike ${pattern}`),
    )
  }
  const rows = await db
    .select({
      claim: claims,
      source: sourceRefColumns,
      negotiationSlug: negotiations.slug,
      supports: sql<number>`(select count(*)::int from ${claimEvidence} e where e.claim_id = ${claims.id} and e.stance = 'supports')`,
      contradicts: sql<number>`(select count(*)::int from ${claimEvidence} e where e.claim_id = ${claims.id} and e.stance = 'contradicts')`,
    })
    .from(claims)
    .innerJoin(sources, eq(sources.id, claims.sourceId))
    .leftJoin(negotiations, eq(negotiations.id, claims.negotiationId))
    .where(and(...conditions))
    .orderBy(desc(claims.statedOn), asc(claims.key))
    .limit(filter.limit ?? 500)
  return rows.map((r) => ({
    ...r.claim,
    source: r.source,
    negotiationSlug: r.negotiationSlug,
    supports: r.supports,
    contradicts: r.contradicts,
  }))
}

export async function findClaimByKey(db: Db, key: string): Promise<ClaimRow | undefined> {
  const [row] = await db.select().from(claims).where(eq(claims.key, key))
  return row
}

export async function listClaimsByKey(db: Db, keys: readonly string[]): Promise<ClaimRow[]> {
  if (keys.length === 0) return []
  return db
    .select()
    .from(claims)
    .where(inArray(claims.key, [...keys]))
}

export interface EvidenceView {
  id: number
  stance: 'supports' | 'contradicts'
  note: string | null
  source: ClaimSourceRef
  quote: { id: number; exact: string; status: string; snapshotId: number } | null
}

export interface ClaimView extends ClaimListItem {
  quote: { id: number; exact: string; status: string; snapshotId: number } | null
  evidence: EvidenceView[]
}

/** One claim with where it appeared, its quote and its evidence. */
export async function findClaimView(db: Db, key: string): Promise<ClaimView | undefined> {
  const [item] = await db
    .select({
      claim: claims,
      source: sourceRefColumns,
      negotiationSlug: negotiations.slug,
    })
    .from(claims)
    .innerJoin(sources, eq(sources.id, claims.sourceId))
    .leftJoin(negotiations, eq(negotiations.id, claims.negotiationId))
    .where(eq(claims.key, key))
  if (!item) return undefined
  const quoteColumns = {
    id: sourceQuotes.id,
    exact: sourceQuotes.exact,
    status: sourceQuotes.status,
    snapshotId: sourceQuotes.snapshotId,
  }
  const quote =
    item.claim.quoteId === null
      ? null
      : ((
          await db
            .select(quoteColumns)
            .from(sourceQuotes)
            .where(eq(sourceQuotes.id, item.claim.quoteId))
        )[0] ?? null)
  const evidenceRows = await db
    .select({
      id: claimEvidence.id,
      stance: claimEvidence.stance,
      note: claimEvidence.note,
      source: sourceRefColumns,
      quoteId: claimEvidence.quoteId,
      quoteExact: sourceQuotes.exact,
      quoteStatus: sourceQuotes.status,
      quoteSnapshotId: sourceQuotes.snapshotId,
    })
    .from(claimEvidence)
    .innerJoin(sources, eq(sources.id, claimEvidence.sourceId))
    .leftJoin(sourceQuotes, eq(sourceQuotes.id, claimEvidence.quoteId))
    .where(eq(claimEvidence.claimId, item.claim.id))
    .orderBy(asc(claimEvidence.stance), asc(claimEvidence.position), asc(claimEvidence.id))
  const evidence: EvidenceView[] = evidenceRows.map((e) => ({
    id: e.id,
    stance: e.stance,
    note: e.note,
    source: e.source,
    quote:
      e.quoteId === null
        ? null
        : {
            id: e.quoteId,
            exact: e.quoteExact!,
            status: e.quoteStatus!,
            snapshotId: e.quoteSnapshotId!,
          },
  }))
  return {
    ...item.claim,
    source: item.source,
    negotiationSlug: item.negotiationSlug,
    supports: evidence.filter((e) => e.stance === 'supports').length,
    contradicts: evidence.filter((e) => e.stance === 'contradicts').length,
    quote,
    evidence,
  }
}

export interface ClaimCitingSource {
  key: string
  text: string
  claimant: string
  statedOn: string
  status: ClaimRow['status']
  /** How the claim uses the source: where it appeared, or evidence for or against it. */
  role: 'appeared' | 'supports' | 'contradicts'
}

/** The claims that rest on a source, as where they appeared or as evidence. */
export async function listClaimsCitingSource(
  db: Db,
  sourceId: number,
): Promise<ClaimCitingSource[]> {
  const columns = {
    key: claims.key,
    text: claims.text,
    claimant: claims.claimant,
    statedOn: claims.statedOn,
    status: claims.status,
  }
  const appeared = await db.select(columns).from(claims).where(eq(claims.sourceId, sourceId))
  const asEvidence = await db
    .selectDistinct({ ...columns, stance: claimEvidence.stance })
    .from(claimEvidence)
    .innerJoin(claims, eq(claims.id, claimEvidence.claimId))
    .where(eq(claimEvidence.sourceId, sourceId))
  return [
    ...appeared.map((c) => ({ ...c, role: 'appeared' as const })),
    ...asEvidence.map(({ stance, ...c }) => ({ ...c, role: stance })),
  ].sort((a, b) => a.statedOn.localeCompare(b.statedOn) || a.key.localeCompare(b.key))
}

export async function insertClaim(db: Db, row: NewClaimRow): Promise<ClaimRow> {
  const [created] = await db.insert(claims).values(row).returning()
  return created!
}

export async function updateClaim(
  db: Db,
  id: number,
  patch: Partial<Omit<NewClaimRow, 'id' | 'key' | 'createdAt'>>,
): Promise<ClaimRow> {
  const [row] = await db
    .update(claims)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(claims.id, id))
    .returning()
  return row!
}

export async function insertEvidence(db: Db, rows: readonly NewEvidenceRow[]): Promise<void> {
  if (rows.length === 0) return
  await db
    .insert(claimEvidence)
    .values([...rows])
    .onConflictDoNothing()
}

/** Removes a claim's source-level evidence (the kind a case file carries); quotes stay. */
export async function deleteSourceEvidence(db: Db, claimId: number): Promise<void> {
  await db
    .delete(claimEvidence)
    .where(and(eq(claimEvidence.claimId, claimId), isNull(claimEvidence.quoteId)))
}

export interface ExportableClaim extends ClaimRow {
  sourceKey: string
  evidence: { stance: 'supports' | 'contradicts'; sourceKey: string }[]
}

/** A negotiation's claims with source keys, for writing a case file. */
export async function listClaimsForExport(
  db: Db,
  negotiationId: number,
): Promise<ExportableClaim[]> {
  const rows = await db
    .select({ claim: claims, sourceKey: sources.key })
    .from(claims)
    .innerJoin(sources, eq(sources.id, claims.sourceId))
    .where(eq(claims.negotiationId, negotiationId))
    // In the order they were written, so that a case file exports as it was imported.
    .orderBy(asc(claims.id))
  if (rows.length === 0) return []
  const evidence = await db
    .select({
      claimId: claimEvidence.claimId,
      stance: claimEvidence.stance,
      sourceKey: sources.key,
    })
    .from(claimEvidence)
    .innerJoin(sources, eq(sources.id, claimEvidence.sourceId))
    .where(
      and(
        inArray(
          claimEvidence.claimId,
          rows.map((r) => r.claim.id),
        ),
        isNull(claimEvidence.quoteId),
      ),
    )
    .orderBy(asc(claimEvidence.position), asc(claimEvidence.id))
  return rows.map((r) => ({
    ...r.claim,
    sourceKey: r.sourceKey,
    evidence: evidence
      .filter((e) => e.claimId === r.claim.id)
      .map(({ stance, sourceKey }) => ({ stance, sourceKey })),
  }))
}

/** Every claim's public page and when it last changed: the sitemap's list. */
export async function listClaimPages(db: Db): Promise<{ key: string; updatedAt: Date }[]> {
  return db
    .select({ key: claims.key, updatedAt: claims.updatedAt })
    .from(claims)
    .orderBy(asc(claims.key))
}
