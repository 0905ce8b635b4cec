import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../platform/db/client.ts'
import { attachSources, type SourceRef } from '../sources/sources.repository.ts'
import { sources } from '../sources/sources.tables.ts'
import {
  actors,
  bottomLineSources,
  bottomLines,
  frameworkDocuments,
  issueScales,
  negotiationIssues,
  negotiationSources,
  partyRoleSources,
  partyRoles,
  positionSources,
  positions,
  provisionLinks,
  provisions,
  provisionWeights,
  weightSets,
} from './negotiations.tables.ts'
import type { Level, Role } from './progress.ts'

// ——— Reads ———

export interface RoleView {
  id: number
  actorId: number
  actorKey: string
  actorName: string
  role: Role
  fromOn: string
  toOn: string | null
  note: string | null
  sources: SourceRef[]
}

export async function listRoles(db: Db, negotiationId: number): Promise<RoleView[]> {
  const rows = await db
    .select({
      id: partyRoles.id,
      actorId: partyRoles.actorId,
      actorKey: actors.key,
      actorName: actors.name,
      role: partyRoles.role,
      fromOn: partyRoles.fromOn,
      toOn: partyRoles.toOn,
      note: partyRoles.note,
    })
    .from(partyRoles)
    .innerJoin(actors, eq(actors.id, partyRoles.actorId))
    .where(eq(partyRoles.negotiationId, negotiationId))
    .orderBy(asc(partyRoles.id))
  return attachSources(db, rows, {
    table: partyRoleSources,
    ownerColumn: partyRoleSources.roleId,
    sourceColumn: partyRoleSources.sourceId,
    positionColumn: partyRoleSources.position,
  })
}

export interface WeightSetView {
  id: number
  documentId: number
  documentKey: string
  key: string
  setBy: string
  setOn: string
  rationale: string
  createdAt: Date
  weights: { provisionId: number; number: number; weight: number; note: string | null }[]
}

/** Every weight set of a negotiation, oldest first (the last set of a document is its published one). */
export async function listWeightSets(db: Db, negotiationId: number): Promise<WeightSetView[]> {
  const sets = await db
    .select({
      id: weightSets.id,
      documentId: weightSets.documentId,
      documentKey: frameworkDocuments.key,
      key: weightSets.key,
      setBy: weightSets.setBy,
      setOn: weightSets.setOn,
      rationale: weightSets.rationale,
      createdAt: weightSets.createdAt,
    })
    .from(weightSets)
    .innerJoin(frameworkDocuments, eq(frameworkDocuments.id, weightSets.documentId))
    .where(eq(frameworkDocuments.negotiationId, negotiationId))
    .orderBy(asc(weightSets.setOn), asc(weightSets.id))
  if (sets.length === 0) return []
  const entries = await db
    .select({
      weightSetId: provisionWeights.weightSetId,
      provisionId: provisionWeights.provisionId,
      number: provisions.number,
      weight: provisionWeights.weight,
      note: provisionWeights.note,
    })
    .from(provisionWeights)
    .innerJoin(provisions, eq(provisions.id, provisionWeights.provisionId))
    .where(
      inArray(
        provisionWeights.weightSetId,
        sets.map((s) => s.id),
      ),
    )
    .orderBy(asc(provisions.number))
  return sets.map((set) => ({
    ...set,
    weights: entries.filter((e) => e.weightSetId === set.id).map(({ weightSetId: _w, ...e }) => e),
  }))
}

export interface PositionView {
  id: number
  provisionId: number
  documentId: number
  documentKey: string
  number: number
  actorId: number
  actorKey: string
  statedOn: string
  level: Level
  note: string | null
  sources: SourceRef[]
}

/** Every position of a negotiation, in the order they were recorded. */
export async function listPositions(db: Db, negotiationId: number): Promise<PositionView[]> {
  const rows = await db
    .select({
      id: positions.id,
      provisionId: positions.provisionId,
      documentId: provisions.documentId,
      documentKey: frameworkDocuments.key,
      number: provisions.number,
      actorId: positions.actorId,
      actorKey: actors.key,
      statedOn: positions.statedOn,
      level: positions.level,
      note: positions.note,
    })
    .from(positions)
    .innerJoin(provisions, eq(provisions.id, positions.provisionId))
    .innerJoin(frameworkDocuments, eq(frameworkDocuments.id, provisions.documentId))
    .innerJoin(actors, eq(actors.id, positions.actorId))
    .where(eq(frameworkDocuments.negotiationId, negotiationId))
    .orderBy(asc(positions.id))
  const withSources = await attachSources(db, rows, {
    table: positionSources,
    ownerColumn: positionSources.positionId,
    sourceColumn: positionSources.sourceId,
    positionColumn: positionSources.position,
  })
  return withSources.map((row) => ({ ...row, level: row.level as Level }))
}

export interface LinkView {
  fromDocumentKey: string
  fromNumber: number
  toDocumentKey: string
  toNumber: number
  note: string | null
}

export async function listProvisionLinks(db: Db, negotiationId: number): Promise<LinkView[]> {
  const fromProvision = alias(provisions, 'from_provision')
  const toProvision = alias(provisions, 'to_provision')
  const fromDocument = alias(frameworkDocuments, 'from_document')
  const toDocument = alias(frameworkDocuments, 'to_document')
  return db
    .select({
      fromDocumentKey: fromDocument.key,
      fromNumber: fromProvision.number,
      toDocumentKey: toDocument.key,
      toNumber: toProvision.number,
      note: provisionLinks.note,
    })
    .from(provisionLinks)
    .innerJoin(fromProvision, eq(fromProvision.id, provisionLinks.fromProvisionId))
    .innerJoin(toProvision, eq(toProvision.id, provisionLinks.toProvisionId))
    .innerJoin(fromDocument, eq(fromDocument.id, fromProvision.documentId))
    .innerJoin(toDocument, eq(toDocument.id, toProvision.documentId))
    .where(eq(toDocument.negotiationId, negotiationId))
    .orderBy(asc(provisionLinks.position))
}

export interface BottomLineView {
  id: number
  issueKey: string
  actorKey: string
  statedOn: string
  min: number
  max: number
  note: string | null
  sources: SourceRef[]
}

export interface IssueScaleView {
  issueKey: string
  scale: string
}

export async function listIssueScales(db: Db, negotiationId: number): Promise<IssueScaleView[]> {
  return db
    .select({ issueKey: negotiationIssues.key, scale: issueScales.scale })
    .from(issueScales)
    .innerJoin(negotiationIssues, eq(negotiationIssues.id, issueScales.issueId))
    .where(eq(negotiationIssues.negotiationId, negotiationId))
    .orderBy(asc(negotiationIssues.position), asc(negotiationIssues.id))
}

export async function listBottomLines(db: Db, negotiationId: number): Promise<BottomLineView[]> {
  const rows = await db
    .select({
      id: bottomLines.id,
      issueKey: negotiationIssues.key,
      actorKey: actors.key,
      statedOn: bottomLines.statedOn,
      min: bottomLines.min,
      max: bottomLines.max,
      note: bottomLines.note,
    })
    .from(bottomLines)
    .innerJoin(negotiationIssues, eq(negotiationIssues.id, bottomLines.issueId))
    .innerJoin(actors, eq(actors.id, bottomLines.actorId))
    .where(eq(negotiationIssues.negotiationId, negotiationId))
    .orderBy(asc(bottomLines.id))
  return attachSources(db, rows, {
    table: bottomLineSources,
    ownerColumn: bottomLineSources.bottomLineId,
    sourceColumn: bottomLineSources.sourceId,
    positionColumn: bottomLineSources.position,
  })
}

/** The case file's own source list, in its order. */
export async function listNegotiationSources(
  db: Db,
  negotiationId: number,
): Promise<(typeof sources.$inferSelect)[]> {
  const rows = await db
    .select({ source: sources })
    .from(negotiationSources)
    .innerJoin(sources, eq(sources.id, negotiationSources.sourceId))
    .where(eq(negotiationSources.negotiationId, negotiationId))
    .orderBy(asc(negotiationSources.position))
  return rows.map((r) => r.source)
}

// ——— Writes (the importer and the staff edits); each takes many rows at once ———

export async function insertNegotiationSources(
  db: Db,
  negotiationId: number,
  sourceIds: readonly number[],
): Promise<void> {
  const unique = [...new Set(sourceIds)]
  if (unique.length === 0) return
  await db
    .insert(negotiationSources)
    .values(unique.map((sourceId, position) => ({ negotiationId, sourceId, position })))
    .onConflictDoNothing()
}

export interface NewRole {
  negotiationId: number
  actorId: number
  role: Role
  fromOn: string
  toOn: string | null
  note: string | null
  sourceIds: readonly number[]
}

export async function insertRoles(db: Db, rows: readonly NewRole[]): Promise<number[]> {
  if (rows.length === 0) return []
  const inserted = await db
    .insert(partyRoles)
    .values(rows.map(({ sourceIds: _s, ...row }) => row))
    .returning({ id: partyRoles.id })
  const links = inserted.flatMap((role, i) =>
    rows[i]!.sourceIds.map((sourceId, position) => ({ roleId: role.id, sourceId, position })),
  )
  if (links.length > 0) await db.insert(partyRoleSources).values(links)
  return inserted.map((r) => r.id)
}

export async function findRole(
  db: Db,
  negotiationId: number,
  id: number,
): Promise<typeof partyRoles.$inferSelect | undefined> {
  const [row] = await db
    .select()
    .from(partyRoles)
    .where(and(eq(partyRoles.id, id), eq(partyRoles.negotiationId, negotiationId)))
  return row
}

export async function updateRole(
  db: Db,
  id: number,
  values: { role: Role; fromOn: string; toOn: string | null; note: string | null },
  sourceIds?: readonly number[],
): Promise<void> {
  await db.update(partyRoles).set(values).where(eq(partyRoles.id, id))
  if (sourceIds) {
    await db.delete(partyRoleSources).where(eq(partyRoleSources.roleId, id))
    if (sourceIds.length > 0) {
      await db
        .insert(partyRoleSources)
        .values(sourceIds.map((sourceId, position) => ({ roleId: id, sourceId, position })))
    }
  }
}

export async function deleteRole(db: Db, id: number): Promise<void> {
  await db.delete(partyRoles).where(eq(partyRoles.id, id))
}

export interface NewWeightSet {
  documentId: number
  key: string
  setBy: string
  setOn: string
  rationale: string
  weights: readonly { provisionId: number; weight: number; note: string | null }[]
}

export async function insertWeightSet(db: Db, set: NewWeightSet): Promise<number> {
  const { weights, ...row } = set
  const [inserted] = await db.insert(weightSets).values(row).returning({ id: weightSets.id })
  const weightSetId = inserted!.id
  if (weights.length > 0) {
    await db.insert(provisionWeights).values(weights.map((w) => ({ ...w, weightSetId })))
  }
  return weightSetId
}

export async function findWeightSetByKey(
  db: Db,
  documentId: number,
  key: string,
): Promise<{ id: number } | undefined> {
  const [row] = await db
    .select({ id: weightSets.id })
    .from(weightSets)
    .where(and(eq(weightSets.documentId, documentId), eq(weightSets.key, key)))
  return row
}

export interface NewPosition {
  provisionId: number
  actorId: number
  statedOn: string
  level: Level
  note: string | null
  sourceIds: readonly number[]
}

export async function insertPositions(db: Db, rows: readonly NewPosition[]): Promise<number[]> {
  if (rows.length === 0) return []
  const ids: number[] = []
  // Batches keep each statement's parameter count well under PostgreSQL's limit.
  for (let start = 0; start < rows.length; start += 500) {
    const batch = rows.slice(start, start + 500)
    const inserted = await db
      .insert(positions)
      .values(batch.map(({ sourceIds: _s, ...row }) => row))
      .returning({ id: positions.id })
    const links = inserted.flatMap((position, i) =>
      batch[i]!.sourceIds.map((sourceId, order) => ({
        positionId: position.id,
        sourceId,
        position: order,
      })),
    )
    if (links.length > 0) await db.insert(positionSources).values(links)
    ids.push(...inserted.map((r) => r.id))
  }
  return ids
}

export async function findPositionRow(
  db: Db,
  provisionId: number,
  actorId: number,
  statedOn: string,
): Promise<typeof positions.$inferSelect | undefined> {
  const [row] = await db
    .select()
    .from(positions)
    .where(
      and(
        eq(positions.provisionId, provisionId),
        eq(positions.actorId, actorId),
        eq(positions.statedOn, statedOn),
      ),
    )
  return row
}

export async function findPositionById(
  db: Db,
  negotiationId: number,
  id: number,
): Promise<PositionView | undefined> {
  return (await listPositions(db, negotiationId)).find((p) => p.id === id)
}

export async function updatePosition(
  db: Db,
  id: number,
  values: { level: Level; note: string | null },
  sourceIds: readonly number[],
): Promise<void> {
  await db.update(positions).set(values).where(eq(positions.id, id))
  await db.delete(positionSources).where(eq(positionSources.positionId, id))
  if (sourceIds.length > 0) {
    await db
      .insert(positionSources)
      .values(sourceIds.map((sourceId, position) => ({ positionId: id, sourceId, position })))
  }
}

export async function deletePosition(db: Db, id: number): Promise<void> {
  await db.delete(positions).where(eq(positions.id, id))
}

export async function insertProvisionLinks(
  db: Db,
  rows: readonly { fromProvisionId: number; toProvisionId: number; note: string | null }[],
): Promise<void> {
  if (rows.length === 0) return
  await db.insert(provisionLinks).values(rows.map((row, position) => ({ ...row, position })))
}

export async function insertIssueScale(db: Db, issueId: number, scale: string): Promise<void> {
  await db.insert(issueScales).values({ issueId, scale })
}

export interface NewBottomLine {
  issueId: number
  actorId: number
  statedOn: string
  min: number
  max: number
  note: string | null
  sourceIds: readonly number[]
}

export async function insertBottomLines(db: Db, rows: readonly NewBottomLine[]): Promise<void> {
  if (rows.length === 0) return
  const inserted = await db
    .insert(bottomLines)
    .values(rows.map(({ sourceIds: _s, ...row }) => row))
    .returning({ id: bottomLines.id })
  const links = inserted.flatMap((line, i) =>
    rows[i]!.sourceIds.map((sourceId, position) => ({
      bottomLineId: line.id,
      sourceId,
      position,
    })),
  )
  if (links.length > 0) await db.insert(bottomLineSources).values(links)
}

/** The newest weight set of a document, if any. */
export async function findPublishedWeightSet(
  db: Db,
  documentId: number,
): Promise<{ id: number } | undefined> {
  const [row] = await db
    .select({ id: weightSets.id })
    .from(weightSets)
    .where(eq(weightSets.documentId, documentId))
    .orderBy(desc(weightSets.setOn), desc(weightSets.id))
    .limit(1)
  return row
}

export interface IssueValues {
  title: string
  summary: string
  statusLatest: string | null
  core: boolean
  divisible: boolean
}

export async function insertIssue(
  db: Db,
  row: IssueValues & { negotiationId: number; key: string; position: number },
): Promise<number> {
  const [inserted] = await db
    .insert(negotiationIssues)
    .values(row)
    .returning({ id: negotiationIssues.id })
  return inserted!.id
}

export async function updateIssue(db: Db, id: number, values: IssueValues): Promise<void> {
  await db.update(negotiationIssues).set(values).where(eq(negotiationIssues.id, id))
}

export async function updateProvisionIssue(
  db: Db,
  provisionId: number,
  issueId: number | null,
): Promise<void> {
  await db.update(provisions).set({ issueId }).where(eq(provisions.id, provisionId))
}
