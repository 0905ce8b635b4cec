import { sql } from 'drizzle-orm'
import {
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core'
import { claims } from '../negotiations/claims.tables.ts'
import { negotiations } from '../negotiations/negotiations.tables.ts'
import { sources } from '../sources/sources.tables.ts'
import { staff } from '../staff/staff.tables.ts'

/**
 * A forecasting question (docs/forecasts.md): what is asked, until when, and how it resolved.
 * Its resolution criteria are versioned in `forecast_criteria`.
 */
export const forecastQuestions = pgTable(
  'forecast_questions',
  {
    id: serial('id').primaryKey(),
    /** Stable slug, cited by articles (`parley-embed forecast question=KEY`). */
    key: text('key').notNull().unique(),
    negotiationId: integer('negotiation_id').references(() => negotiations.id, {
      onDelete: 'set null',
    }),
    title: text('title').notNull(),
    /** Last day on which a forecast may be made. */
    closeOn: date('close_on', { mode: 'string' }).notNull(),
    /** The desk's prior for the evidence ledger, 0 < p < 1; null when none is recorded. */
    prior: doublePrecision('prior'),
    priorNote: text('prior_note'),
    resolution: text('resolution', { enum: ['yes', 'no', 'annulled'] }),
    resolvedOn: date('resolved_on', { mode: 'string' }),
    resolutionNote: text('resolution_note'),
    resolutionSourceId: integer('resolution_source_id').references(() => sources.id, {
      onDelete: 'restrict',
    }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('forecast_questions_negotiation_idx').on(t.negotiationId),
    check(
      'forecast_questions_prior',
      sql`${t.prior} is null or (${t.prior} > 0 and ${t.prior} < 1)`,
    ),
    check(
      'forecast_questions_resolution',
      sql`(${t.resolution} is null) = (${t.resolvedOn} is null)`,
    ),
  ],
)

/**
 * One version of a question's resolution criteria. Versions are appended, never edited, once a
 * forecast exists; each forecast names the version it was made under.
 */
export const forecastCriteria = pgTable(
  'forecast_criteria',
  {
    id: serial('id').primaryKey(),
    questionId: integer('question_id')
      .notNull()
      .references(() => forecastQuestions.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** From when this version holds. */
    datedOn: date('dated_on', { mode: 'string' }).notNull(),
    text: text('text').notNull(),
    /** Why the criteria changed (required from version 2 on). */
    reason: text('reason'),
  },
  (t) => [
    unique('forecast_criteria_question_version').on(t.questionId, t.version),
    check('forecast_criteria_version_positive', sql`${t.version} >= 1`),
  ],
)

/** One forecaster's probability on a question at a date. */
export const forecasts = pgTable(
  'forecasts',
  {
    id: serial('id').primaryKey(),
    questionId: integer('question_id')
      .notNull()
      .references(() => forecastQuestions.id, { onDelete: 'cascade' }),
    /** A named forecaster: an analyst, or an outside crowd such as "Metaculus community". */
    forecaster: text('forecaster').notNull(),
    /** The staff account of an in-house forecaster, when linked. */
    staffId: integer('staff_id').references(() => staff.id, { onDelete: 'set null' }),
    /** Strictly between 0 and 1. */
    probability: doublePrecision('probability').notNull(),
    madeOn: date('made_on', { mode: 'string' }).notNull(),
    rationale: text('rationale').notNull(),
    /** The criteria version in force when the forecast was made. */
    criteriaVersion: integer('criteria_version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('forecasts_question_forecaster_day').on(t.questionId, t.forecaster, t.madeOn),
    index('forecasts_question_idx').on(t.questionId, t.madeOn),
    check('forecasts_probability_open', sql`${t.probability} > 0 and ${t.probability} < 1`),
  ],
)

/** Sources from the ledger that a forecast's rationale cites. */
export const forecastSources = pgTable(
  'forecast_sources',
  {
    forecastId: integer('forecast_id')
      .notNull()
      .references(() => forecasts.id, { onDelete: 'cascade' }),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'restrict' }),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.forecastId, t.sourceId] }),
    index('forecast_sources_source_idx').on(t.sourceId),
  ],
)

/**
 * One piece of evidence on a question, as a likelihood ratio P(E | yes) / P(E | no) tied to a
 * claim or a source: logit p_post = logit p_prior + Σ ln LR.
 */
export const forecastEvidence = pgTable(
  'forecast_evidence',
  {
    id: serial('id').primaryKey(),
    questionId: integer('question_id')
      .notNull()
      .references(() => forecastQuestions.id, { onDelete: 'cascade' }),
    notedOn: date('noted_on', { mode: 'string' }).notNull(),
    description: text('description').notNull(),
    likelihoodRatio: doublePrecision('likelihood_ratio').notNull(),
    sourceId: integer('source_id').references(() => sources.id, { onDelete: 'restrict' }),
    claimId: integer('claim_id').references(() => claims.id, { onDelete: 'restrict' }),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    index('forecast_evidence_question_idx').on(t.questionId),
    check('forecast_evidence_ratio_positive', sql`${t.likelihoodRatio} > 0`),
    check('forecast_evidence_tied', sql`${t.sourceId} is not null or ${t.claimId} is not null`),
  ],
)
