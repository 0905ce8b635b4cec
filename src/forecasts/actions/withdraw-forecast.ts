import type { Db } from '../../platform/db/client.ts'
import { notFound } from '../../platform/errors.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import { parseBody, parseRowId, ReasonBody } from '../forecast.inputs.ts'
import { deleteForecast, findForecastById, requireQuestionData } from '../forecasts.repository.ts'

/**
 * Withdraws a forecast recorded by mistake. The audit entry keeps the whole row with the sources
 * it cited; the aggregates and scores, computed on read, no longer count it.
 */
export async function withdrawForecast(
  db: Db,
  actor: Actor,
  key: string,
  forecastId: string,
  value: unknown,
): Promise<void> {
  const { reason } = parseBody(ReasonBody, value)
  await db.transaction(async (tx) => {
    const data = await requireQuestionData(tx, key)
    const what = `forecast ${forecastId} on question "${key}"`
    const row = await findForecastById(tx, data.id, parseRowId(forecastId, what))
    if (!row) throw notFound(what)
    const sources = data.forecasts.find((f) => f.id === row.id)?.sources.map((s) => s.key) ?? []
    await deleteForecast(tx, row.id)
    await recordAudit(tx, actor, {
      action: 'delete',
      entity: 'forecast',
      entityId: row.id,
      before: { question: key, ...row, sources },
      after: { reason },
    })
  })
}
