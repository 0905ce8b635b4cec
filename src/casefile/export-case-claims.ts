import { fromReal, listClaimsForExport } from '../negotiations/claims.repository.ts'
import type { Db } from '../platform/db/client.ts'
import type { CaseClaimInput } from './case-claims.ts'

/**
 * A negotiation's claims as the case file's `claims` section, so that export then import gives
 * the same claims back. Evidence resting on quotes stays in the ledger (a file has no snapshots).
 */
export async function exportCaseClaims(db: Db, negotiationId: number): Promise<CaseClaimInput[]> {
  const rows = await listClaimsForExport(db, negotiationId)
  return rows.map((c) => {
    const out: CaseClaimInput = {
      key: c.key,
      text: c.text,
      claimant: c.claimant,
      statedOn: c.statedOn,
      source: c.sourceKey,
      status: c.status,
    }
    if (c.claimantActorKey !== null) out.claimantActor = c.claimantActorKey
    if (c.credibility !== null) out.credibility = c.credibility
    if (c.statedShare !== null) out.statedShare = fromReal(c.statedShare)
    if (c.verdict !== null) out.verdict = c.verdict
    if (c.reviewedOn !== null) out.reviewedOn = c.reviewedOn
    const supports = c.evidence.filter((e) => e.stance === 'supports').map((e) => e.sourceKey)
    const contradicts = c.evidence.filter((e) => e.stance === 'contradicts').map((e) => e.sourceKey)
    if (supports.length > 0) out.supports = supports
    if (contradicts.length > 0) out.contradicts = contradicts
    return out
  })
}

/**
 * The case exporter's `claims` section (src/negotiations/export-case.ts, caseSections): the
 * claims, with every source they name added to the file's cited sources.
 */
export async function exportClaimsSection(ctx: {
  db: Db
  data: { negotiation: { id: number } }
  cited: Set<string>
}): Promise<CaseClaimInput[]> {
  const claims = await exportCaseClaims(ctx.db, ctx.data.negotiation.id)
  for (const claim of claims)
    for (const key of [claim.source, ...(claim.supports ?? []), ...(claim.contradicts ?? [])])
      ctx.cited.add(key)
  return claims
}
