import { findNegotiationBySlug } from '../../negotiations/negotiations.repository.ts'
import type { Db } from '../../platform/db/client.ts'
import { AppError, invalidInput } from '../../platform/errors.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import { NewQuestionBody, parseBody } from '../forecast.inputs.ts'
import { findQuestionByKey, insertCriteria, insertQuestion } from '../forecasts.repository.ts'

/** Asks a new question with the first version of its criteria. */
export async function createQuestion(
  db: Db,
  actor: Actor,
  value: unknown,
  today: string,
): Promise<{ key: string }> {
  const body = parseBody(NewQuestionBody, value)
  const criteriaOn = body.criteriaOn ?? today
  if (body.closeOn < criteriaOn) {
    throw invalidInput('the question closes before it is asked', [
      { path: 'closeOn', message: `before the criteria date ${criteriaOn}` },
    ])
  }
  return db.transaction(async (tx) => {
    if (await findQuestionByKey(tx, body.key)) {
      throw new AppError('conflict', `a question with key "${body.key}" exists already`, [
        { path: 'key', message: 'choose another key' },
      ])
    }
    let negotiationId: number | null = null
    if (body.negotiation !== undefined) {
      const negotiation = await findNegotiationBySlug(tx, body.negotiation)
      if (!negotiation)
        throw invalidInput('unknown negotiation', [
          { path: 'negotiation', message: `unknown negotiation "${body.negotiation}"` },
        ])
      negotiationId = negotiation.id
    }
    const row = await insertQuestion(tx, {
      key: body.key,
      negotiationId,
      title: body.title,
      closeOn: body.closeOn,
      prior: body.prior ?? null,
      priorNote: body.priorNote ?? null,
    })
    await insertCriteria(tx, {
      questionId: row.id,
      version: 1,
      datedOn: criteriaOn,
      text: body.criteria,
      reason: null,
    })
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'forecast_question',
      entityId: body.key,
      after: { ...body, criteriaOn },
    })
    return { key: body.key }
  })
}
