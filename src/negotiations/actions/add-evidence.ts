import type { Db } from '../../platform/db/client.ts'
import { detailsFromZod, invalidInput, notFound } from '../../platform/errors.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import { findClaimByKey, insertEvidence } from '../claims.repository.ts'
import { EvidenceBody } from '../claims.ts'
import { checkQuote, requireSource } from './add-claim.ts'

/** Adds a source (and optionally a quote from it) for or against a claim. */
export async function addEvidence(
  db: Db,
  actor: Actor,
  key: string,
  input: unknown,
): Promise<void> {
  const parsed = EvidenceBody.safeParse(input)
  if (!parsed.success) throw invalidInput('invalid evidence', detailsFromZod(parsed.error.issues))
  const body = parsed.data
  await db.transaction(async (tx) => {
    const claim = await findClaimByKey(tx, key)
    if (!claim) throw notFound(`claim "${key}"`)
    const source = await requireSource(tx, body.source, 'source')
    await checkQuote(tx, body.quoteId, source, 'quoteId')
    await insertEvidence(tx, [
      {
        claimId: claim.id,
        stance: body.stance,
        sourceId: source.id,
        quoteId: body.quoteId ?? null,
        note: body.note ?? null,
        position: 1000,
      },
    ])
    await recordAudit(tx, actor, {
      action: 'add-evidence',
      entity: 'claim',
      entityId: key,
      after: { stance: body.stance, source: source.key, quoteId: body.quoteId ?? null },
    })
  })
}
