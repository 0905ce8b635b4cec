import type { Db } from '../../platform/db/client.ts'
import { AppError } from '../../platform/errors.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import { parseBody, ResolutionBody } from '../forecast.inputs.ts'
import { requireQuestionData } from '../forecasts.repository.ts'
import { writeResolution } from './write-resolution.ts'

/** Resolves a question yes, no or annulled, once. */
export async function resolveQuestion(
  db: Db,
  actor: Actor,
  key: string,
  value: unknown,
  today: string,
): Promise<void> {
  const body = parseBody(ResolutionBody, value)
  await db.transaction(async (tx) => {
    const data = await requireQuestionData(tx, key)
    if (data.resolution !== null)
      throw new AppError(
        'conflict',
        `the question resolved ${data.resolution} on ${data.resolvedOn}`,
      )
    await writeResolution(tx, data, body, today)
    await recordAudit(tx, actor, {
      action: 'resolve',
      entity: 'forecast_question',
      entityId: key,
      after: body,
    })
  })
}
