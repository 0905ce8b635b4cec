import type { Db } from '../../platform/db/client.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import { parseBody, ReasonBody } from '../forecast.inputs.ts'
import { requireResolvedQuestion, updateQuestion } from '../forecasts.repository.ts'
import { resolutionOf } from '../forecasts.ts'

/** Reopens a question resolved by mistake: it is open (or closed) again and no longer scored. */
export async function reopenQuestion(
  db: Db,
  actor: Actor,
  key: string,
  value: unknown,
): Promise<void> {
  const { reason } = parseBody(ReasonBody, value)
  await db.transaction(async (tx) => {
    const data = await requireResolvedQuestion(tx, key)
    await updateQuestion(tx, data.id, {
      resolution: null,
      resolvedOn: null,
      resolutionNote: null,
      resolutionSourceId: null,
    })
    await recordAudit(tx, actor, {
      action: 'reopen',
      entity: 'forecast_question',
      entityId: key,
      before: resolutionOf(data),
      after: { outcome: null, reason },
    })
  })
}
