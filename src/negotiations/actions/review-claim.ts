import type { Db } from '../../platform/db/client.ts'
import { detailsFromZod, invalidInput, notFound } from '../../platform/errors.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import { type ClaimRow, findClaimByKey, updateClaim } from '../claims.repository.ts'
import { ClaimReviewBody } from '../claims.ts'

/** The desk's review: status, credibility, verdict. Audited with before and after. */
export async function reviewClaim(
  db: Db,
  actor: Actor,
  key: string,
  input: unknown,
): Promise<ClaimRow> {
  const parsed = ClaimReviewBody.safeParse(input)
  if (!parsed.success) throw invalidInput('invalid review', detailsFromZod(parsed.error.issues))
  const body = parsed.data
  return db.transaction(async (tx) => {
    const before = await findClaimByKey(tx, key)
    if (!before) throw notFound(`claim "${key}"`)
    const patch: Parameters<typeof updateClaim>[2] = { status: body.status }
    if (body.credibility !== undefined) patch.credibility = body.credibility
    if (body.verdict !== undefined) patch.verdict = body.verdict
    if (body.reviewedOn !== undefined) patch.reviewedOn = body.reviewedOn
    if (body.statedShare !== undefined) patch.statedShare = body.statedShare
    const after = await updateClaim(tx, before.id, patch)
    await recordAudit(tx, actor, {
      action: 'review',
      entity: 'claim',
      entityId: key,
      before,
      after,
    })
    return after
  })
}
