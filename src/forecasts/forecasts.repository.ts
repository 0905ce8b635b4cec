import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { claims } from '../negotiations/claims.tables.ts'
import { negotiations } from '../negotiations/negotiations.tables.ts'
import type { Db } from '../platform/db/client.ts'
import { AppError, notFound } from '../platform/errors.ts'
import { sourceRefColumns, sourcesByOwner } from '../sources/sources.repository.ts'
import { sources } from '../sources/sources.tables.ts'
import {
  forecastCriteria,
  forecastEvidence,
  forecastQuestions,
  forecastSources,
  forecasts,
} from './forecasts.tables.ts'
import type { EvidenceEntry, ForecastEntry, QuestionData, SourceCitation } from './forecasts.ts'

export type QuestionRow = typeof forecastQuestions.$inferSelect
export type NewQuestionRow = typeof forecastQuestions.$inferInsert
export type CriteriaRow = typeof forecastCriteria.$inferSelect
export type ForecastRow = typeof forecasts.$inferSelect
export type EvidenceRow = typeof forecastEvidence.$inferSelect

export async function findQuestionByKey(db: Db, key: string): Promise<QuestionRow | undefined> {
  const [row] = await db.select().from(forecastQuestions).where(eq(forecastQuestions.key, key))
  return row
}

export async function listQuestionsByKey(db: Db, keys: readonly string[]): Promise<QuestionRow[]> {
  if (keys.length === 0) return []
  return db
    .select()
    .from(forecastQuestions)
    .where(inArray(forecastQuestions.key, [...keys]))
}

export async function insertQuestion(db: Db, values: NewQuestionRow): Promise<QuestionRow> {
  const [row] = await db.insert(forecastQuestions).values(values).returning()
  return row!
}

export async function updateQuestion(
  db: Db,
  id: number,
  values: Partial<Omit<NewQuestionRow, 'id' | 'key' | 'createdAt'>>,
): Promise<void> {
  await db
    .update(forecastQuestions)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(forecastQuestions.id, id))
}

export async function deleteQuestion(db: Db, id: number): Promise<void> {
  // Evidence and forecast sources restrict deletes of sources, not of questions: cascades clear them.
  await db.delete(forecastQuestions).where(eq(forecastQuestions.id, id))
}

export async function insertCriteria(
  db: Db,
  values: typeof forecastCriteria.$inferInsert,
): Promise<void> {
  await db.insert(forecastCriteria).values(values)
}

/** Rewrites the text of a criteria version (only while no forecast rests on it). */
export async function updateCriteriaText(
  db: Db,
  questionId: number,
  version: number,
  values: { text: string; datedOn?: string },
): Promise<void> {
  await db
    .update(forecastCriteria)
    .set(values)
    .where(and(eq(forecastCriteria.questionId, questionId), eq(forecastCriteria.version, version)))
}

export async function findForecast(
  db: Db,
  questionId: number,
  forecaster: string,
  madeOn: string,
): Promise<ForecastRow | undefined> {
  const [row] = await db
    .select()
    .from(forecasts)
    .where(
      and(
        eq(forecasts.questionId, questionId),
        eq(forecasts.forecaster, forecaster),
        eq(forecasts.madeOn, madeOn),
      ),
    )
  return row
}

/** Inserts a forecast, or replaces the one of the same forecaster on the same day. */
export async function upsertForecast(
  db: Db,
  values: typeof forecasts.$inferInsert,
  sourceIds: readonly number[],
): Promise<number> {
  const existing = await findForecast(db, values.questionId, values.forecaster, values.madeOn)
  let id: number
  if (existing) {
    await db.update(forecasts).set(values).where(eq(forecasts.id, existing.id))
    await db.delete(forecastSources).where(eq(forecastSources.forecastId, existing.id))
    id = existing.id
  } else {
    const [row] = await db.insert(forecasts).values(values).returning({ id: forecasts.id })
    id = row!.id
  }
  if (sourceIds.length > 0) {
    await db
      .insert(forecastSources)
      .values(sourceIds.map((sourceId, position) => ({ forecastId: id, sourceId, position })))
  }
  return id
}

export async function insertEvidence(
  db: Db,
  values: Omit<typeof forecastEvidence.$inferInsert, 'position'>,
): Promise<number> {
  const [row] = await db
    .insert(forecastEvidence)
    .values({
      ...values,
      // After the last entry, not at the count: a withdrawn entry leaves a gap in the positions.
      position: sql`(select coalesce(max(position) + 1, 0) from forecast_evidence where question_id = ${values.questionId})`,
    })
    .returning({ id: forecastEvidence.id })
  return row!.id
}

export async function findForecastById(
  db: Db,
  questionId: number,
  id: number,
): Promise<ForecastRow | undefined> {
  const [row] = await db
    .select()
    .from(forecasts)
    .where(and(eq(forecasts.questionId, questionId), eq(forecasts.id, id)))
  return row
}

/** Deletes a forecast; its cited sources go with it (cascade). */
export async function deleteForecast(db: Db, id: number): Promise<void> {
  await db.delete(forecasts).where(eq(forecasts.id, id))
}

export async function findEvidenceById(
  db: Db,
  questionId: number,
  id: number,
): Promise<EvidenceRow | undefined> {
  const [row] = await db
    .select()
    .from(forecastEvidence)
    .where(and(eq(forecastEvidence.questionId, questionId), eq(forecastEvidence.id, id)))
  return row
}

export async function deleteEvidence(db: Db, id: number): Promise<void> {
  await db.delete(forecastEvidence).where(eq(forecastEvidence.id, id))
}

export interface QuestionListItem {
  key: string
  title: string
  negotiationSlug: string | null
  closeOn: string
  resolution: QuestionRow['resolution']
  resolvedOn: string | null
}

/** Every question, open ones first (by close date), then resolved ones (newest first). */
export async function listQuestionKeys(db: Db): Promise<QuestionListItem[]> {
  return db
    .select({
      key: forecastQuestions.key,
      title: forecastQuestions.title,
      negotiationSlug: negotiations.slug,
      closeOn: forecastQuestions.closeOn,
      resolution: forecastQuestions.resolution,
      resolvedOn: forecastQuestions.resolvedOn,
    })
    .from(forecastQuestions)
    .leftJoin(negotiations, eq(negotiations.id, forecastQuestions.negotiationId))
    .orderBy(
      sql`${forecastQuestions.resolution} is not null`,
      asc(forecastQuestions.closeOn),
      asc(forecastQuestions.key),
    )
}

/**
 * Questions with everything the measures need: criteria versions, forecasts with their sources,
 * evidence with its source or claim. All questions when `filter` is absent.
 */
export async function loadQuestions(
  db: Db,
  filter: { keys?: readonly string[]; negotiationId?: number } = {},
): Promise<QuestionData[]> {
  const conditions = [
    filter.keys === undefined ? undefined : inArray(forecastQuestions.key, [...filter.keys]),
    filter.negotiationId === undefined
      ? undefined
      : eq(forecastQuestions.negotiationId, filter.negotiationId),
  ].filter((c) => c !== undefined)
  if (filter.keys !== undefined && filter.keys.length === 0) return []
  const rows = await db
    .select({
      question: forecastQuestions,
      negotiationSlug: negotiations.slug,
      negotiationTitle: negotiations.title,
    })
    .from(forecastQuestions)
    .leftJoin(negotiations, eq(negotiations.id, forecastQuestions.negotiationId))
    .where(conditions.length === 0 ? undefined : and(...conditions))
    .orderBy(asc(forecastQuestions.id))
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.question.id)
  const [criteria, forecastRows, forecastLinks, evidenceRows, resolutionSources] =
    await Promise.all([
      db
        .select()
        .from(forecastCriteria)
        .where(inArray(forecastCriteria.questionId, ids))
        .orderBy(asc(forecastCriteria.version)),
      db
        .select()
        .from(forecasts)
        .where(inArray(forecasts.questionId, ids))
        .orderBy(asc(forecasts.madeOn), asc(forecasts.id)),
      db
        .select({ ownerId: forecastSources.forecastId, ...sourceRefColumns })
        .from(forecastSources)
        .innerJoin(forecasts, eq(forecasts.id, forecastSources.forecastId))
        .innerJoin(sources, eq(sources.id, forecastSources.sourceId))
        .where(inArray(forecasts.questionId, ids))
        .orderBy(asc(forecastSources.position)),
      db
        .select({
          evidence: forecastEvidence,
          source: sourceRefColumns,
          claimKey: claims.key,
          claimText: claims.text,
        })
        .from(forecastEvidence)
        .leftJoin(sources, eq(sources.id, forecastEvidence.sourceId))
        .leftJoin(claims, eq(claims.id, forecastEvidence.claimId))
        .where(inArray(forecastEvidence.questionId, ids))
        .orderBy(asc(forecastEvidence.position), asc(forecastEvidence.id)),
      db
        .select({ ownerId: forecastQuestions.id, ...sourceRefColumns })
        .from(forecastQuestions)
        .innerJoin(sources, eq(sources.id, forecastQuestions.resolutionSourceId))
        .where(inArray(forecastQuestions.id, ids)),
    ])
  const linksOf = sourcesByOwner(forecastLinks)
  const resolutionOf = sourcesByOwner(resolutionSources)
  return rows.map(({ question: q, negotiationSlug, negotiationTitle }) => ({
    id: q.id,
    key: q.key,
    title: q.title,
    negotiation:
      negotiationSlug === null || negotiationTitle === null
        ? null
        : { slug: negotiationSlug, title: negotiationTitle },
    closeOn: q.closeOn,
    prior: q.prior,
    priorNote: q.priorNote,
    resolution: q.resolution,
    resolvedOn: q.resolvedOn,
    resolutionNote: q.resolutionNote,
    resolutionSource: resolutionOf.get(q.id)?.[0] ?? null,
    criteria: criteria
      .filter((c) => c.questionId === q.id)
      .map((c) => ({ version: c.version, datedOn: c.datedOn, text: c.text, reason: c.reason })),
    forecasts: forecastRows
      .filter((f) => f.questionId === q.id)
      .map(
        (f): ForecastEntry => ({
          id: f.id,
          forecaster: f.forecaster,
          staffId: f.staffId,
          probability: f.probability,
          madeOn: f.madeOn,
          rationale: f.rationale,
          criteriaVersion: f.criteriaVersion,
          sources: linksOf.get(f.id) ?? [],
        }),
      ),
    evidence: evidenceRows
      .filter((e) => e.evidence.questionId === q.id)
      .map(
        (e): EvidenceEntry => ({
          id: e.evidence.id,
          notedOn: e.evidence.notedOn,
          description: e.evidence.description,
          likelihoodRatio: e.evidence.likelihoodRatio,
          source: e.source?.key ? (e.source as SourceCitation) : null,
          claim:
            e.claimKey === null || e.claimText === null
              ? null
              : { key: e.claimKey, text: e.claimText },
        }),
      ),
  }))
}

export async function findQuestionData(db: Db, key: string): Promise<QuestionData | undefined> {
  return (await loadQuestions(db, { keys: [key] }))[0]
}

/** Every question's public page and when it last changed: the sitemap's list. */
export async function listQuestionPages(db: Db): Promise<{ key: string; updatedAt: Date }[]> {
  return db
    .select({ key: forecastQuestions.key, updatedAt: forecastQuestions.updatedAt })
    .from(forecastQuestions)
    .orderBy(asc(forecastQuestions.key))
}

/** The question's row; not found is an error. */
export async function requireQuestion(db: Db, key: string): Promise<QuestionRow> {
  const question = await findQuestionByKey(db, key)
  if (!question) throw notFound(`question "${key}"`)
  return question
}

/** The question with its criteria, forecasts and evidence; not found is an error. */
export async function requireQuestionData(db: Db, key: string): Promise<QuestionData> {
  const data = await findQuestionData(db, key)
  if (!data) throw notFound(`question "${key}"`)
  return data
}

/** A question that has been resolved; an open one is a conflict (nothing to correct or reopen). */
export async function requireResolvedQuestion(db: Db, key: string): Promise<QuestionData> {
  const data = await requireQuestionData(db, key)
  if (data.resolution === null)
    throw new AppError('conflict', `the question "${key}" is not resolved`)
  return data
}
