import { listClaimsByKey } from '../../negotiations/claims.repository.ts'
import type { Db } from '../../platform/db/client.ts'
import { invalidInput } from '../../platform/errors.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import { EvidenceBody, parseBody } from '../forecast.inputs.ts'
import { insertEvidence, requireQuestion } from '../forecasts.repository.ts'
import { requireSourceIds } from './require-source-ids.ts'

/** Adds a likelihood ratio tied to a ledger source or a claim. */
export async function addEvidence(
  db: Db,
  actor: Actor,
  key: string,
  value: unknown,
  today: string,
): Promise<{ id: number }> {
  const body = parseBody(EvidenceBody, value)
  return db.transaction(async (tx) => {
    const question = await requireQuestion(tx, key)
    const [sourceId] = body.source ? await requireSourceIds(tx, [body.source], 'source') : [null]
    let claimId: number | null = null
    if (body.claim !== undefined) {
      const [claim] = await listClaimsByKey(tx, [body.claim])
      if (!claim)
        throw invalidInput('the evidence cites an unknown claim', [
          { path: 'claim', message: `unknown claim "${body.claim}"` },
        ])
      claimId = claim.id
    }
    const on = body.on ?? today
    const id = await insertEvidence(tx, {
      questionId: question.id,
      notedOn: on,
      description: body.description,
      likelihoodRatio: body.likelihoodRatio,
      sourceId: sourceId ?? null,
      claimId,
    })
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'forecast_evidence',
      entityId: id,
      after: { question: key, ...body, on },
    })
    return { id }
  })
}
