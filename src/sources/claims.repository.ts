import { and, asc, eq, isNotNull } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { claims } from './claims.schema.ts'
import { sources } from './sources.schema.ts'

export type ClaimRow = typeof claims.$inferSelect
export type NewClaimRow = typeof claims.$inferInsert

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
  return rows.map((row) => ({ ...row, statedShare: row.statedShare! }))
}
