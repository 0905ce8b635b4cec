import { z } from 'zod'
import { ClaimStatuses } from '../negotiations/claims.ts'
import { IsoDate, Key, shareOf } from '../platform/values.ts'
import type { CaseProblem } from './case-problem.ts'

/**
 * The `claims` section of a case file (docs/case-file.md): statements made during the
 * negotiation, where they appeared, and the desk's assessment, with the sources for and against.
 * Quotes are not part of the file: they anchor in archived snapshots, which a file cannot carry.
 */
export const CaseClaim = z
  .object({
    key: Key,
    text: z.string().min(1),
    /** Who made the claim, as a name. */
    claimant: z.string().min(1),
    /** The claimant's key among the file's actors, when they are one. */
    claimantActor: Key.optional(),
    statedOn: IsoDate,
    /** Key of the source where the claim appeared. */
    source: Key,
    status: z.enum(ClaimStatuses).default('unreviewed'),
    /** Admiralty credibility, 1 (confirmed) … 6 (cannot be judged). */
    credibility: z.number().int().min(1).max(6).optional(),
    /** For a progress claim: the share claimed, 0–1 ("90% complete" → 0.9, or "90%"). */
    statedShare: shareOf('statedShare').optional(),
    verdict: z.string().min(1).optional(),
    reviewedOn: IsoDate.optional(),
    supports: z.array(Key).default([]),
    contradicts: z.array(Key).default([]),
  })
  .strict()
export type CaseClaim = z.infer<typeof CaseClaim>
export type CaseClaimInput = z.input<typeof CaseClaim>

/** Claim keys unique; every source and actor key declared in the file. */
export function checkClaimReferences(
  claims: readonly CaseClaim[],
  known: { sources: ReadonlySet<string>; actors: ReadonlySet<string> },
): CaseProblem[] {
  const problems: CaseProblem[] = []
  const seen = new Set<string>()
  claims.forEach((claim, i) => {
    const at = `$.claims[${i}]`
    if (seen.has(claim.key))
      problems.push({ path: `${at}.key`, message: `duplicate key "${claim.key}"` })
    seen.add(claim.key)
    if (!known.sources.has(claim.source))
      problems.push({ path: `${at}.source`, message: `unknown source "${claim.source}"` })
    if (claim.claimantActor !== undefined && !known.actors.has(claim.claimantActor))
      problems.push({
        path: `${at}.claimantActor`,
        message: `unknown actor "${claim.claimantActor}"`,
      })
    for (const stance of ['supports', 'contradicts'] as const) {
      claim[stance].forEach((key, j) => {
        if (!known.sources.has(key))
          problems.push({ path: `${at}.${stance}[${j}]`, message: `unknown source "${key}"` })
      })
    }
    if (claim.reviewedOn !== undefined && claim.reviewedOn < claim.statedOn)
      problems.push({ path: `${at}.reviewedOn`, message: 'reviewed before the claim was made' })
  })
  return problems
}
