import type { Db } from '../../platform/db/client.ts'
import { notFound } from '../../platform/errors.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import { parseBody, parseRowId, ReasonBody } from '../forecast.inputs.ts'
import { deleteEvidence, findEvidenceById, requireQuestionData } from '../forecasts.repository.ts'

/** Withdraws an evidence entry recorded by mistake; the audit entry keeps the whole row. */
export async function withdrawEvidence(
  db: Db,
  actor: Actor,
  key: string,
  evidenceId: string,
  value: unknown,
): Promise<void> {
  const { reason } = parseBody(ReasonBody, value)
  await db.transaction(async (tx) => {
    const data = await requireQuestionData(tx, key)
    const what = `evidence ${evidenceId} on question "${key}"`
    const row = await findEvidenceById(tx, data.id, parseRowId(evidenceId, what))
    if (!row) throw notFound(what)
    const entry = data.evidence.find((e) => e.id === row.id)
    await deleteEvidence(tx, row.id)
    await recordAudit(tx, actor, {
      action: 'delete',
      entity: 'forecast_evidence',
      entityId: row.id,
      before: {
        question: key,
        ...row,
        source: entry?.source?.key ?? null,
        claim: entry?.claim?.key ?? null,
      },
      after: { reason },
    })
  })
}
