import { checkWeights, type Level } from '../negotiations/progress.ts'
import {
  insertBottomLines,
  insertIssueScale,
  insertPositions,
  insertProvisionLinks,
  insertRoles,
  insertWeightSet,
} from '../negotiations/tracker.repository.ts'
import type { Db } from '../platform/db/client.ts'
import type { CaseFile } from './case-file.ts'

/** Ids of what the case importer has written already, by the keys the file uses. */
export interface ImportedIds {
  negotiationId: number
  sourceIds: ReadonlyMap<string, number>
  actorIds: ReadonlyMap<string, number>
  issueIds: ReadonlyMap<string, number>
  /** Document key → its id and its provisions' ids by point number. */
  documents: ReadonlyMap<string, { id: number; provisions: ReadonlyMap<number, number> }>
}

export interface TrackerImportReport {
  parties: number
  roles: number
  weightSets: number
  positions: number
  lineageLinks: number
  bottomLines: number
}

/**
 * Writes the tracker's sections of an already validated case file (checkTrackerReferences has
 * passed, so every key resolves). Runs inside the importer's transaction.
 */
export async function importTrackerSections(
  db: Db,
  file: CaseFile,
  ids: ImportedIds,
): Promise<TrackerImportReport> {
  const sourceIds = (keys: readonly string[]) => keys.map((key) => ids.sourceIds.get(key)!)
  const provisionId = (document: string, point: number) =>
    ids.documents.get(document)!.provisions.get(point)!

  const roles = file.parties.flatMap((party) =>
    party.roles.map((role) => ({
      negotiationId: ids.negotiationId,
      actorId: ids.actorIds.get(party.actor)!,
      role: role.role,
      fromOn: role.from,
      toOn: role.to,
      note: role.note ?? null,
      sourceIds: sourceIds(role.sources),
    })),
  )
  await insertRoles(db, roles)

  for (const set of file.weights) {
    const checked = checkWeights(
      set.weights.map((w) => w.weight),
      [],
      { normalize: set.normalize === true },
    )
    // Validation refused every set that fails this; the check here only applies normalization.
    const weights = checked.ok ? checked.weights : set.weights.map((w) => w.weight)
    await insertWeightSet(db, {
      documentId: ids.documents.get(set.document)!.id,
      key: set.key,
      setBy: set.setBy,
      setOn: set.setOn,
      rationale: set.rationale,
      weights: set.weights.map((entry, i) => ({
        provisionId: provisionId(set.document, entry.point),
        weight: weights[i]!,
        note: entry.note ?? null,
      })),
    })
  }

  await insertPositions(
    db,
    file.positions.map((position) => ({
      provisionId: provisionId(position.document, position.point),
      actorId: ids.actorIds.get(position.party)!,
      statedOn: position.on,
      level: position.level as Level,
      note: position.note ?? null,
      sourceIds: sourceIds(position.sources),
    })),
  )

  const links = file.lineage.flatMap((lineage) =>
    lineage.links.map((link) => ({
      fromProvisionId: provisionId(lineage.from, link.from),
      toProvisionId: provisionId(lineage.to, link.to),
      note: link.note ?? null,
    })),
  )
  await insertProvisionLinks(db, links)

  for (const entry of file.bottomLines) {
    const issueId = ids.issueIds.get(entry.issue)!
    await insertIssueScale(db, issueId, entry.scale)
    await insertBottomLines(
      db,
      entry.lines.map((line) => ({
        issueId,
        actorId: ids.actorIds.get(line.party)!,
        statedOn: line.on,
        min: line.min,
        max: line.max,
        note: line.note ?? null,
        sourceIds: sourceIds(line.sources),
      })),
    )
  }

  return {
    parties: file.parties.length,
    roles: roles.length,
    weightSets: file.weights.length,
    positions: file.positions.length,
    lineageLinks: links.length,
    bottomLines: file.bottomLines.reduce((n, entry) => n + entry.lines.length, 0),
  }
}
