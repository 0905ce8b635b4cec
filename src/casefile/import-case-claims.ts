import {
  deleteSourceEvidence,
  insertClaim,
  insertEvidence,
  listClaimsByKey,
  updateClaim,
} from '../negotiations/claims.repository.ts'
import type { Db } from '../platform/db/client.ts'
import { invalidInput } from '../platform/errors.ts'
import type { CaseClaim } from './case-claims.ts'

export interface ClaimsImportReport {
  created: number
  updated: number
}

/**
 * Writes a case file's claims inside the importer's transaction (references are checked already).
 * A claim whose key exists is updated when it belongs to this negotiation or to none (a replaced
 * negotiation leaves its claims unattached); a claim of another negotiation is a conflict.
 * Source-level evidence is replaced; evidence resting on quotes, added on the desk, is kept.
 */
export async function importCaseClaims(
  db: Db,
  claims: readonly CaseClaim[],
  ids: { negotiationId: number; sourceIds: ReadonlyMap<string, number> },
): Promise<ClaimsImportReport> {
  if (claims.length === 0) return { created: 0, updated: 0 }
  const existing = new Map(
    (
      await listClaimsByKey(
        db,
        claims.map((c) => c.key),
      )
    ).map((c) => [c.key, c]),
  )
  const problems = claims.flatMap((claim, i) => {
    const other = existing.get(claim.key)
    return other && other.negotiationId !== null && other.negotiationId !== ids.negotiationId
      ? [
          {
            path: `$.claims[${i}].key`,
            message: `claim "${claim.key}" belongs to another negotiation`,
          },
        ]
      : []
  })
  if (problems.length > 0) throw invalidInput('claims clash with the ledger', problems)

  let created = 0
  let updated = 0
  for (const claim of claims) {
    const values = {
      negotiationId: ids.negotiationId,
      text: claim.text,
      claimant: claim.claimant,
      claimantActorKey: claim.claimantActor ?? null,
      statedOn: claim.statedOn,
      sourceId: ids.sourceIds.get(claim.source)!,
      status: claim.status,
      credibility: claim.credibility ?? null,
      statedShare: claim.statedShare ?? null,
      verdict: claim.verdict ?? null,
      reviewedOn: claim.reviewedOn ?? null,
    }
    const before = existing.get(claim.key)
    let claimId: number
    if (before) {
      claimId = (await updateClaim(db, before.id, values)).id
      await deleteSourceEvidence(db, claimId)
      updated++
    } else {
      claimId = (await insertClaim(db, { key: claim.key, ...values })).id
      created++
    }
    await insertEvidence(db, [
      ...claim.supports.map((key, position) => ({
        claimId,
        stance: 'supports' as const,
        sourceId: ids.sourceIds.get(key)!,
        position,
      })),
      ...claim.contradicts.map((key, position) => ({
        claimId,
        stance: 'contradicts' as const,
        sourceId: ids.sourceIds.get(key)!,
        position,
      })),
    ])
  }
  return { created, updated }
}
