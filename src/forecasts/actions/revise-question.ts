import type { Db } from '../../platform/db/client.ts'
import { AppError, invalidInput } from '../../platform/errors.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import { parseBody, QuestionPatchBody } from '../forecast.inputs.ts'
import {
  insertCriteria,
  requireQuestionData,
  updateCriteriaText,
  updateQuestion,
} from '../forecasts.repository.ts'

/**
 * Changes a question. New criteria replace the current version while no forecast exists; after
 * that they are refused unless a reason is given, and then become a new version: the forecasts
 * already made keep the version they were made under.
 */
export async function reviseQuestion(
  db: Db,
  actor: Actor,
  key: string,
  value: unknown,
  today: string,
): Promise<{ criteriaVersion: number | undefined }> {
  const body = parseBody(QuestionPatchBody, value)
  return db.transaction(async (tx) => {
    const data = await requireQuestionData(tx, key)
    const current = data.criteria.at(-1)!
    let criteriaVersion: number | undefined
    if (body.criteria !== undefined && body.criteria !== current.text) {
      const forecasts = data.forecasts.length
      const on = body.criteriaOn ?? today
      if (forecasts > 0 && body.reason === undefined) {
        throw new AppError(
          'conflict',
          `the criteria are frozen: ${forecasts} forecast${forecasts === 1 ? ' rests' : 's rest'} on version ${current.version}`,
          [{ path: 'reason', message: 'say why the criteria change, to record a new version' }],
        )
      }
      if (on < current.datedOn) {
        throw invalidInput('a new version cannot predate the current one', [
          { path: 'criteriaOn', message: `before version ${current.version} (${current.datedOn})` },
        ])
      }
      if (forecasts === 0 && body.reason === undefined) {
        await updateCriteriaText(tx, data.id, current.version, { text: body.criteria })
        criteriaVersion = current.version
      } else {
        criteriaVersion = current.version + 1
        await insertCriteria(tx, {
          questionId: data.id,
          version: criteriaVersion,
          datedOn: on,
          text: body.criteria,
          reason: body.reason ?? null,
        })
      }
    }
    const closeOn = body.closeOn ?? data.closeOn
    if (closeOn < data.criteria[0]!.datedOn) {
      throw invalidInput('the question closes before it is asked', [
        { path: 'closeOn', message: `before ${data.criteria[0]!.datedOn}` },
      ])
    }
    const lastForecast = data.forecasts.at(-1)?.madeOn
    if (lastForecast !== undefined && closeOn < lastForecast) {
      throw invalidInput('forecasts were made after that date', [
        { path: 'closeOn', message: `a forecast is dated ${lastForecast}` },
      ])
    }
    const changes = {
      title: body.title ?? data.title,
      closeOn,
      prior: body.prior === undefined ? data.prior : body.prior,
      priorNote: body.priorNote ?? data.priorNote,
    }
    await updateQuestion(tx, data.id, changes)
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'forecast_question',
      entityId: key,
      before: {
        title: data.title,
        closeOn: data.closeOn,
        prior: data.prior,
        priorNote: data.priorNote,
        criteria: { version: current.version, text: current.text },
      },
      after: {
        ...changes,
        ...(criteriaVersion === undefined
          ? {}
          : { criteria: { version: criteriaVersion, text: body.criteria, reason: body.reason } }),
      },
    })
    return { criteriaVersion }
  })
}
