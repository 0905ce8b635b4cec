import {
  deleteQuestion,
  insertCriteria,
  insertEvidence,
  insertQuestion,
  listQuestionsByKey,
  upsertForecast,
} from '../forecasts/forecasts.repository.ts'
import { listClaimsByKey } from '../negotiations/claims.repository.ts'
import type { Db } from '../platform/db/client.ts'
import { invalidInput } from '../platform/errors.ts'
import type { CaseQuestion } from './case-forecasts.ts'

export interface ForecastsImportReport {
  questions: number
  forecasts: number
  evidence: number
}

/**
 * Writes a case file's forecasting questions inside the importer's transaction (references are
 * checked already; claims are written first). A question whose key exists is replaced when it
 * belongs to this negotiation or to none (as after `--replace`); one of another negotiation is a
 * conflict. The file is the whole record of a question: its forecasts and evidence come with it.
 */
export async function importCaseForecasts(
  db: Db,
  questions: readonly CaseQuestion[],
  ids: { negotiationId: number; sourceIds: ReadonlyMap<string, number> },
): Promise<ForecastsImportReport> {
  const report = { questions: 0, forecasts: 0, evidence: 0 }
  if (questions.length === 0) return report
  const existing = new Map(
    (
      await listQuestionsByKey(
        db,
        questions.map((q) => q.key),
      )
    ).map((q) => [q.key, q]),
  )
  const problems = questions.flatMap((q, i) => {
    const other = existing.get(q.key)
    return other && other.negotiationId !== null && other.negotiationId !== ids.negotiationId
      ? [
          {
            path: `$.forecasts[${i}].key`,
            message: `question "${q.key}" belongs to another negotiation`,
          },
        ]
      : []
  })
  if (problems.length > 0) throw invalidInput('forecasting questions clash', problems)
  const claimIds = new Map(
    (
      await listClaimsByKey(
        db,
        questions.flatMap((q) => q.evidence.flatMap((e) => (e.claim ? [e.claim] : []))),
      )
    ).map((c) => [c.key, c.id]),
  )
  const sourceId = (key: string | undefined) => (key === undefined ? null : ids.sourceIds.get(key)!)

  for (const q of questions) {
    const before = existing.get(q.key)
    if (before) await deleteQuestion(db, before.id)
    const row = await insertQuestion(db, {
      key: q.key,
      negotiationId: ids.negotiationId,
      title: q.title,
      closeOn: q.closeOn,
      prior: q.prior ?? null,
      priorNote: q.priorNote ?? null,
      resolution: q.resolution?.outcome ?? null,
      resolvedOn: q.resolution?.on ?? null,
      resolutionNote: q.resolution?.note ?? null,
      resolutionSourceId: sourceId(q.resolution?.source),
    })
    for (const c of q.criteria) {
      await insertCriteria(db, {
        questionId: row.id,
        version: c.version,
        datedOn: c.on,
        text: c.text,
        reason: c.reason ?? null,
      })
    }
    for (const f of q.forecasts) {
      await upsertForecast(
        db,
        {
          questionId: row.id,
          forecaster: f.forecaster,
          probability: f.probability,
          madeOn: f.on,
          rationale: f.rationale,
          criteriaVersion: f.criteriaVersion,
        },
        f.sources.map((key) => ids.sourceIds.get(key)!),
      )
    }
    for (const e of q.evidence) {
      await insertEvidence(db, {
        questionId: row.id,
        notedOn: e.on,
        description: e.description,
        likelihoodRatio: e.likelihoodRatio,
        sourceId: sourceId(e.source),
        claimId: e.claim === undefined ? null : claimIds.get(e.claim)!,
      })
    }
    report.questions++
    report.forecasts += q.forecasts.length
    report.evidence += q.evidence.length
  }
  return report
}
