import type { Db } from '../../platform/db/client.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import { parseBody, ResolutionCorrectionBody } from '../forecast.inputs.ts'
import { requireResolvedQuestion } from '../forecasts.repository.ts'
import { resolutionOf } from '../forecasts.ts'
import { writeResolution } from './write-resolution.ts'

/**
 * Corrects a resolution recorded by mistake: the outcome, date, source and note are replaced as a
 * whole, under the same rules as the first resolution, and the reason is kept in the audit entry.
 */
export async function correctResolution(
  db: Db,
  actor: Actor,
  key: string,
  value: unknown,
  today: string,
): Promise<void> {
  const body = parseBody(ResolutionCorrectionBody, value)
  await db.transaction(async (tx) => {
    const data = await requireResolvedQuestion(tx, key)
    await writeResolution(tx, data, body, today)
    await recordAudit(tx, actor, {
      action: 'correct_resolution',
      entity: 'forecast_question',
      entityId: key,
      before: resolutionOf(data),
      after: body,
    })
  })
}
