import {
  insertDisputes,
  insertImplementationRecords,
  insertObligations,
} from '../negotiations/implementation.repository.ts'
import type { Rung } from '../negotiations/progress.ts'
import type { Db } from '../platform/db/client.ts'
import type { CaseFile } from './case-file.ts'
import type { ImportedIds } from './import-tracker.ts'

export interface ImplementationImportReport {
  obligations: number
  records: number
  disputes: number
}

/**
 * Writes the obligations, implementation records and disputes of an already validated case file
 * (checkImplementationReferences has passed, so every key resolves). Runs inside the importer's
 * transaction.
 */
export async function importImplementationSections(
  db: Db,
  file: CaseFile,
  ids: ImportedIds,
): Promise<ImplementationImportReport> {
  const sourceIds = (keys: readonly string[]) => keys.map((key) => ids.sourceIds.get(key)!)
  const listed = file.documents.flatMap((doc) =>
    doc.provisions.flatMap((point) =>
      point.obligations.map((obligation, position) => ({
        provisionId: ids.documents.get(doc.key)!.provisions.get(point.number)!,
        actorId: ids.actorIds.get(obligation.party)!,
        key: obligation.key,
        action: obligation.action,
        dueOn: obligation.due ?? null,
        note: obligation.note ?? null,
        position,
        sourceIds: sourceIds(obligation.sources),
      })),
    ),
  )
  const inserted = await insertObligations(db, listed)
  const obligationIds = new Map(listed.map((o, i) => [o.key, inserted[i]!]))
  await insertImplementationRecords(
    db,
    file.implementation.map((record) => ({
      obligationId: obligationIds.get(record.obligation)!,
      recordedOn: record.on,
      rung: record.rung as Rung,
      flags: record.flags,
      note: record.note ?? null,
      sourceIds: sourceIds(record.sources),
    })),
  )
  await insertDisputes(
    db,
    file.disputes.map((dispute) => ({
      obligationId: obligationIds.get(dispute.obligation)!,
      actorId: ids.actorIds.get(dispute.party)!,
      statedOn: dispute.on ?? null,
      reading: dispute.reading,
      sourceIds: sourceIds(dispute.sources),
    })),
  )
  return {
    obligations: listed.length,
    records: file.implementation.length,
    disputes: file.disputes.length,
  }
}
