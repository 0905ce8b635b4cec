import { asc, eq } from 'drizzle-orm'
import type { Db } from '../platform/db/client.ts'
import { attachSources, type SourceRef } from '../sources/sources.repository.ts'
import {
  actors,
  frameworkDocuments,
  implementationRecordSources,
  implementationRecords,
  obligationDisputeSources,
  obligationDisputes,
  obligationSources,
  obligations,
  provisions,
} from './negotiations.tables.ts'
import type { ImplementationFlag, Rung } from './progress.ts'

export interface ObligationView {
  id: number
  key: string
  provisionId: number
  documentId: number
  documentKey: string
  number: number
  actorId: number
  actorKey: string
  action: string
  dueOn: string | null
  note: string | null
  sources: SourceRef[]
}

export interface ImplementationRecordView {
  id: number
  obligationId: number
  obligationKey: string
  recordedOn: string
  rung: Rung
  flags: ImplementationFlag[]
  note: string | null
  sources: SourceRef[]
}

export interface DisputeView {
  id: number
  obligationId: number
  obligationKey: string
  actorKey: string
  statedOn: string | null
  reading: string
  sources: SourceRef[]
}

/** Every obligation of a negotiation, in file order (by document, point, then as listed). */
export async function listObligations(db: Db, negotiationId: number): Promise<ObligationView[]> {
  const rows = await db
    .select({
      id: obligations.id,
      key: obligations.key,
      provisionId: obligations.provisionId,
      documentId: provisions.documentId,
      documentKey: frameworkDocuments.key,
      number: provisions.number,
      actorId: obligations.actorId,
      actorKey: actors.key,
      action: obligations.action,
      dueOn: obligations.dueOn,
      note: obligations.note,
    })
    .from(obligations)
    .innerJoin(provisions, eq(provisions.id, obligations.provisionId))
    .innerJoin(frameworkDocuments, eq(frameworkDocuments.id, provisions.documentId))
    .innerJoin(actors, eq(actors.id, obligations.actorId))
    .where(eq(frameworkDocuments.negotiationId, negotiationId))
    .orderBy(asc(obligations.id))
  return attachSources(db, rows, {
    table: obligationSources,
    ownerColumn: obligationSources.obligationId,
    sourceColumn: obligationSources.sourceId,
    positionColumn: obligationSources.position,
  })
}

/** Every implementation record of a negotiation, in the order recorded. */
export async function listImplementationRecords(
  db: Db,
  negotiationId: number,
): Promise<ImplementationRecordView[]> {
  const rows = await db
    .select({
      id: implementationRecords.id,
      obligationId: implementationRecords.obligationId,
      obligationKey: obligations.key,
      recordedOn: implementationRecords.recordedOn,
      rung: implementationRecords.rung,
      reversed: implementationRecords.reversed,
      disputed: implementationRecords.disputed,
      note: implementationRecords.note,
    })
    .from(implementationRecords)
    .innerJoin(obligations, eq(obligations.id, implementationRecords.obligationId))
    .innerJoin(provisions, eq(provisions.id, obligations.provisionId))
    .innerJoin(frameworkDocuments, eq(frameworkDocuments.id, provisions.documentId))
    .where(eq(frameworkDocuments.negotiationId, negotiationId))
    .orderBy(asc(implementationRecords.id))
  const withSources = await attachSources(db, rows, {
    table: implementationRecordSources,
    ownerColumn: implementationRecordSources.recordId,
    sourceColumn: implementationRecordSources.sourceId,
    positionColumn: implementationRecordSources.position,
  })
  return withSources.map(({ reversed, disputed, ...row }) => ({
    ...row,
    rung: row.rung as Rung,
    flags: [
      ...(reversed ? (['reversed'] as const) : []),
      ...(disputed ? (['disputed'] as const) : []),
    ],
  }))
}

/** Every disputed reading of an obligation in a negotiation, in the order recorded. */
export async function listDisputes(db: Db, negotiationId: number): Promise<DisputeView[]> {
  const rows = await db
    .select({
      id: obligationDisputes.id,
      obligationId: obligationDisputes.obligationId,
      obligationKey: obligations.key,
      actorKey: actors.key,
      statedOn: obligationDisputes.statedOn,
      reading: obligationDisputes.reading,
    })
    .from(obligationDisputes)
    .innerJoin(obligations, eq(obligations.id, obligationDisputes.obligationId))
    .innerJoin(actors, eq(actors.id, obligationDisputes.actorId))
    .innerJoin(provisions, eq(provisions.id, obligations.provisionId))
    .innerJoin(frameworkDocuments, eq(frameworkDocuments.id, provisions.documentId))
    .where(eq(frameworkDocuments.negotiationId, negotiationId))
    .orderBy(asc(obligationDisputes.id))
  return attachSources(db, rows, {
    table: obligationDisputeSources,
    ownerColumn: obligationDisputeSources.disputeId,
    sourceColumn: obligationDisputeSources.sourceId,
    positionColumn: obligationDisputeSources.position,
  })
}

export interface NewObligation {
  provisionId: number
  actorId: number
  key: string
  action: string
  dueOn: string | null
  note: string | null
  position: number
  sourceIds: readonly number[]
}

/** Inserts obligations with their sources; returns their ids in the order given. */
export async function insertObligations(db: Db, rows: readonly NewObligation[]): Promise<number[]> {
  const ids: number[] = []
  for (const { sourceIds, ...row } of rows) {
    const [inserted] = await db.insert(obligations).values(row).returning({ id: obligations.id })
    const id = inserted!.id
    if (sourceIds.length > 0) {
      await db
        .insert(obligationSources)
        .values(sourceIds.map((sourceId, position) => ({ obligationId: id, sourceId, position })))
    }
    ids.push(id)
  }
  return ids
}

export interface NewImplementationRecord {
  obligationId: number
  recordedOn: string
  rung: Rung
  flags: readonly ImplementationFlag[]
  note: string | null
  sourceIds: readonly number[]
}

export async function insertImplementationRecords(
  db: Db,
  rows: readonly NewImplementationRecord[],
): Promise<void> {
  for (const { sourceIds, flags, ...row } of rows) {
    const [inserted] = await db
      .insert(implementationRecords)
      .values({
        ...row,
        reversed: flags.includes('reversed'),
        disputed: flags.includes('disputed'),
      })
      .returning({ id: implementationRecords.id })
    const id = inserted!.id
    if (sourceIds.length > 0) {
      await db
        .insert(implementationRecordSources)
        .values(sourceIds.map((sourceId, position) => ({ recordId: id, sourceId, position })))
    }
  }
}

export interface NewDispute {
  obligationId: number
  actorId: number
  statedOn: string | null
  reading: string
  sourceIds: readonly number[]
}

export async function insertDisputes(db: Db, rows: readonly NewDispute[]): Promise<void> {
  for (const { sourceIds, ...row } of rows) {
    const [inserted] = await db
      .insert(obligationDisputes)
      .values(row)
      .returning({ id: obligationDisputes.id })
    const id = inserted!.id
    if (sourceIds.length > 0) {
      await db
        .insert(obligationDisputeSources)
        .values(sourceIds.map((sourceId, position) => ({ disputeId: id, sourceId, position })))
    }
  }
}
