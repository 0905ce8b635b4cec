import type { z } from 'zod'
import { listClaimsByKey } from '../negotiations/claims.repository.ts'
import { findNegotiationBySlug } from '../negotiations/negotiations.repository.ts'
import type { Db } from '../platform/db/client.ts'
import { AppError, detailsFromZod, invalidInput, notFound } from '../platform/errors.ts'
import { listSourcesByKey } from '../sources/sources.repository.ts'
import { type Actor, recordAudit } from '../staff/audit.repository.ts'
import type { StaffUser } from '../staff/staff.ts'
import {
  EvidenceBody,
  ForecastBody,
  NewQuestionBody,
  QuestionPatchBody,
  ReasonBody,
  ResolutionBody,
  ResolutionCorrectionBody,
} from './forecast.inputs.ts'
import {
  deleteEvidence,
  deleteForecast,
  findEvidenceById,
  findForecast,
  findForecastById,
  findQuestionByKey,
  findQuestionData,
  insertCriteria,
  insertEvidence,
  insertQuestion,
  loadQuestions,
  updateCriteriaText,
  updateQuestion,
  upsertForecast,
} from './forecasts.repository.ts'
import {
  criteriaInForce,
  type QuestionData,
  scoreQuestion,
  summarizeQuestion,
} from './forecasts.ts'
import { murphyDecomposition, type ScoredForecast } from './scoring.ts'

/**
 * The forecasting desk's use cases: each write validates its body, writes and audits in one
 * transaction; the board is what the public and staff pages read. Routes and the CLI call these.
 */

export function parseBody<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    throw invalidInput('the change was refused', detailsFromZod(parsed.error.issues))
  }
  return parsed.data
}

async function sourceIdsFor(db: Db, keys: readonly string[], field: string): Promise<number[]> {
  const rows = await listSourcesByKey(db, keys)
  const byKey = new Map(rows.map((r) => [r.key, r.id]))
  const unknown = keys
    .map((key, i) => ({ key, i }))
    .filter(({ key }) => !byKey.has(key))
    .map(({ key, i }) => ({
      path: keys.length === 1 && field !== 'sources' ? field : `${field}.${i}`,
      message: `unknown source "${key}"`,
    }))
  if (unknown.length > 0) throw invalidInput('the change cites unknown sources', unknown)
  return keys.map((key) => byKey.get(key)!)
}

export async function requireQuestion(db: Db, key: string) {
  const question = await findQuestionByKey(db, key)
  if (!question) throw notFound(`question "${key}"`)
  return question
}

/** The question with its criteria, forecasts and evidence; not found is an error. */
async function requireQuestionData(db: Db, key: string): Promise<QuestionData> {
  const data = await findQuestionData(db, key)
  if (!data) throw notFound(`question "${key}"`)
  return data
}

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
    const sourceIds = await sourceIdsFor(tx, body.sources, 'sources')
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
    const [sourceId] = body.source ? await sourceIdsFor(tx, [body.source], 'source') : [null]
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

/**
 * Writes a resolution, first or corrected, under one set of rules: not in the future, not before
 * the question was asked, and not on or before a forecast (no forecast may follow the resolution,
 * which scoring relies on); a yes or no cites its source.
 */
async function writeResolution(
  tx: Db,
  data: QuestionData,
  body: { outcome: 'yes' | 'no' | 'annulled'; on: string; source?: string; note?: string },
  today: string,
): Promise<void> {
  if (body.on > today)
    throw invalidInput('a resolution cannot be dated in the future', [
      { path: 'on', message: `after today (${today})` },
    ])
  if (body.on < data.criteria[0]!.datedOn)
    throw invalidInput('resolved before it was asked', [
      { path: 'on', message: `before ${data.criteria[0]!.datedOn}` },
    ])
  const lastForecast = data.forecasts.at(-1)?.madeOn
  if (lastForecast !== undefined && body.on <= lastForecast)
    throw invalidInput('forecasts were made on or after that date', [
      { path: 'on', message: `a forecast is dated ${lastForecast}` },
    ])
  const [sourceId] = body.source ? await sourceIdsFor(tx, [body.source], 'source') : [null]
  await updateQuestion(tx, data.id, {
    resolution: body.outcome,
    resolvedOn: body.on,
    resolutionNote: body.note ?? null,
    resolutionSourceId: sourceId ?? null,
  })
}

/** A question's resolution as the audit log keeps it. */
function resolutionOf(data: QuestionData) {
  return {
    outcome: data.resolution,
    on: data.resolvedOn,
    source: data.resolutionSource?.key ?? null,
    note: data.resolutionNote,
  }
}

async function requireResolvedQuestion(db: Db, key: string): Promise<QuestionData> {
  const data = await requireQuestionData(db, key)
  if (data.resolution === null)
    throw new AppError('conflict', `the question "${key}" is not resolved`)
  return data
}

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

/** A row id from the address; anything but a positive integer names no row. */
function parseRowId(value: string, what: string): number {
  const id = /^[1-9]\d{0,9}$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(id) || id > 2147483647) throw notFound(what)
  return id
}

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

// ——— Reading ———

/** Every question with its summary today; and the calibration of all resolved ones. */
export async function loadForecastBoard(db: Db, today: string) {
  const questions = await loadQuestions(db)
  const entries = questions
    .map((question) => ({ question, summary: summarizeQuestion(question, { today }) }))
    .sort(
      (a, b) =>
        Number(a.question.resolution !== null) - Number(b.question.resolution !== null) ||
        a.question.closeOn.localeCompare(b.question.closeOn) ||
        a.question.key.localeCompare(b.question.key),
    )
  const scored: ScoredForecast[] = questions.flatMap((q) => {
    const scores = scoreQuestion(q)
    return scores
      ? scores.forecasters.map((f) => ({ p: f.probability, outcome: scores.outcome }))
      : []
  })
  return { entries, calibration: murphyDecomposition(scored) }
}
