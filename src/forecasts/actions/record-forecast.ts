import type { Db } from '../../platform/db/client.ts'
import { AppError, invalidInput } from '../../platform/errors.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import type { StaffUser } from '../../staff/staff.ts'
import { ForecastBody, parseBody } from '../forecast.inputs.ts'
import { findForecast, requireQuestionData, upsertForecast } from '../forecasts.repository.ts'
import { criteriaInForce } from '../forecasts.ts'
import { requireSourceIds } from './require-source-ids.ts'

/**
 * Records a forecast under the criteria version in force on its date; a second forecast by the
 * same forecaster on the same day replaces the first.
 */
export async function recordForecast(
  db: Db,
  actor: Actor,
  staff: StaffUser | undefined,
  key: string,
  value: unknown,
  today: string,
): Promise<{ id: number; criteriaVersion: number }> {
  const body = parseBody(ForecastBody, value)
  const madeOn = body.madeOn ?? today
  const forecaster = body.forecaster ?? staff?.name
  if (forecaster === undefined)
    throw invalidInput('name the forecaster', [{ path: 'forecaster', message: 'required' }])
  if (madeOn > today)
    throw invalidInput('a forecast cannot be dated in the future', [
      { path: 'madeOn', message: `after today (${today})` },
    ])
  return db.transaction(async (tx) => {
    const data = await requireQuestionData(tx, key)
    if (data.resolution !== null && madeOn >= data.resolvedOn!)
      throw new AppError('conflict', `the question resolved on ${data.resolvedOn}`, [
        { path: 'madeOn', message: 'no forecast after the resolution' },
      ])
    if (madeOn > data.closeOn)
      throw invalidInput(`the question closed on ${data.closeOn}`, [
        { path: 'madeOn', message: 'after the close date' },
      ])
    const version = criteriaInForce(data.criteria, madeOn)
    if (!version)
      throw invalidInput('the question was not yet asked on that date', [
        { path: 'madeOn', message: `before the criteria of ${data.criteria[0]!.datedOn}` },
      ])
    const sourceIds = await requireSourceIds(tx, body.sources, 'sources')
    const before = await findForecast(tx, data.id, forecaster, madeOn)
    const id = await upsertForecast(
      tx,
      {
        questionId: data.id,
        forecaster,
        staffId: staff !== undefined && forecaster === staff.name ? staff.id : null,
        probability: body.probability,
        madeOn,
        rationale: body.rationale,
        criteriaVersion: version.version,
      },
      sourceIds,
    )
    await recordAudit(tx, actor, {
      action: before ? 'update' : 'create',
      entity: 'forecast',
      entityId: id,
      before: before ? { probability: before.probability, rationale: before.rationale } : undefined,
      after: { question: key, ...body, forecaster, madeOn, criteriaVersion: version.version },
    })
    return { id, criteriaVersion: version.version }
  })
}
