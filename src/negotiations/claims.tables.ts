import {
  date,
  index,
  integer,
  pgTable,
  real,
  serial,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core'
import { sourceQuotes, sources } from '../sources/sources.tables.ts'
import { ClaimStatuses } from './claims.ts'
import { negotiations } from './negotiations.tables.ts'

/**
 * An atomic statement someone made, where and when, with the desk's assessment of it.
 * Other modules read this table (the negotiation tracker sets progress claims beside its
 * measures): keep the columns below stable.
 */
export const claims = pgTable(
  'claims',
  {
    id: serial('id').primaryKey(),
    /** Stable slug, e.g. `witkoff-2025-12-19-90-percent`. */
    key: text('key').notNull().unique(),
    negotiationId: integer('negotiation_id').references(() => negotiations.id, {
      onDelete: 'set null',
    }),
    text: text('text').notNull(),
    /** Who made the claim, as a name ("Steve Witkoff"). */
    claimant: text('claimant').notNull(),
    /** The claimant's actor key in the negotiation, when they are one of its actors. */
    claimantActorKey: text('claimant_actor_key'),
    statedOn: date('stated_on', { mode: 'string' }).notNull(),
    /** Where the claim appeared. */
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'restrict' }),
    /** The claim's own words in the archived copy, when quoted. */
    quoteId: integer('quote_id').references(() => sourceQuotes.id, { onDelete: 'set null' }),
    status: text('status', { enum: ClaimStatuses }).notNull().default('unreviewed'),
    /** Admiralty credibility of the information, 1 (confirmed) … 6 (cannot be judged). */
    credibility: integer('credibility'),
    /** For a progress claim, the share claimed as a fraction 0–1 ("90% complete" → 0.9). */
    statedShare: real('stated_share'),
    /** The desk's reasoning for its status, for readers and for ClaimReview. */
    verdict: text('verdict'),
    reviewedOn: date('reviewed_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('claims_negotiation_idx').on(t.negotiationId, t.statedOn),
    index('claims_source_idx').on(t.sourceId),
  ],
)

/** A source (and optionally a quote from it) that supports or contradicts a claim. */
export const claimEvidence = pgTable(
  'claim_evidence',
  {
    id: serial('id').primaryKey(),
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    stance: text('stance', { enum: ['supports', 'contradicts'] }).notNull(),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'restrict' }),
    quoteId: integer('quote_id').references(() => sourceQuotes.id, { onDelete: 'restrict' }),
    note: text('note'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    unique('claim_evidence_claim_source_quote')
      .on(t.claimId, t.stance, t.sourceId, t.quoteId)
      .nullsNotDistinct(),
    index('claim_evidence_source_idx').on(t.sourceId),
  ],
)
