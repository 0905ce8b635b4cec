import { sql } from 'drizzle-orm'
import {
  boolean,
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
import { sources } from '../sources/sources.tables.ts'

export const negotiations = pgTable('negotiations', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  title: text('title').notNull(),
  summary: text('summary').notNull(),
  startedOn: date('started_on', { mode: 'string' }).notNull(),
  endedOn: date('ended_on', { mode: 'string' }),
  attribution: text('attribution'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/** A state, organisation or person in a negotiation; a person may represent another actor. */
export const actors = pgTable(
  'actors',
  {
    id: serial('id').primaryKey(),
    negotiationId: integer('negotiation_id')
      .notNull()
      .references(() => negotiations.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    name: text('name').notNull(),
    kind: text('kind', {
      enum: ['state', 'organisation', 'person', 'armed-group', 'group'],
    }).notNull(),
    representsKey: text('represents_key'),
    role: text('role'),
    /** For a group: its members' actor keys; null when the case file gives none. */
    memberKeys: text('member_keys').array(),
  },
  (t) => [unique('actors_negotiation_key').on(t.negotiationId, t.key)],
)

/** An issue under negotiation (territory, guarantees, …). */
export const negotiationIssues = pgTable(
  'negotiation_issues',
  {
    id: serial('id').primaryKey(),
    negotiationId: integer('negotiation_id')
      .notNull()
      .references(() => negotiations.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    statusLatest: text('status_latest'),
    core: boolean('core').notNull().default(false),
    divisible: boolean('divisible').notNull().default(true),
    position: integer('position').notNull().default(0),
  },
  (t) => [unique('issues_negotiation_key').on(t.negotiationId, t.key)],
)

/** A framework document (one version of it): the 28-point plan, the 20-point framework. */
export const frameworkDocuments = pgTable(
  'framework_documents',
  {
    id: serial('id').primaryKey(),
    negotiationId: integer('negotiation_id')
      .notNull()
      .references(() => negotiations.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    title: text('title').notNull(),
    datedOn: date('dated_on', { mode: 'string' }).notNull(),
    supersedesKey: text('supersedes_key'),
    textStatus: text('text_status'),
  },
  (t) => [unique('documents_negotiation_key').on(t.negotiationId, t.key)],
)

/** One point of a framework document. */
export const provisions = pgTable(
  'provisions',
  {
    id: serial('id').primaryKey(),
    documentId: integer('document_id')
      .notNull()
      .references(() => frameworkDocuments.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    topic: text('topic').notNull(),
    issueId: integer('issue_id').references(() => negotiationIssues.id, { onDelete: 'set null' }),
    text: text('text').notNull(),
    reportedStatus: text('reported_status'),
    uncertain: boolean('uncertain').notNull().default(false),
  },
  (t) => [unique('provisions_document_number').on(t.documentId, t.number)],
)

const sourceRef = () =>
  integer('source_id')
    .notNull()
    .references(() => sources.id, { onDelete: 'restrict' })

export const documentSources = pgTable(
  'document_sources',
  {
    documentId: integer('document_id')
      .notNull()
      .references(() => frameworkDocuments.id, { onDelete: 'cascade' }),
    sourceId: sourceRef(),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.sourceId] }),
    index('document_sources_source_idx').on(t.sourceId),
  ],
)

export const provisionSources = pgTable(
  'provision_sources',
  {
    provisionId: integer('provision_id')
      .notNull()
      .references(() => provisions.id, { onDelete: 'cascade' }),
    sourceId: sourceRef(),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.provisionId, t.sourceId] }),
    index('provision_sources_source_idx').on(t.sourceId),
  ],
)

export const issueSources = pgTable(
  'issue_sources',
  {
    issueId: integer('issue_id')
      .notNull()
      .references(() => negotiationIssues.id, { onDelete: 'cascade' }),
    sourceId: sourceRef(),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.issueId, t.sourceId] }),
    index('issue_sources_source_idx').on(t.sourceId),
  ],
)

// ——— The tracker: parties and roles, weights, positions, lineage, bottom lines (issue #4) ———

/** The case file's own list of sources, in its order, so that an export gives back the same file. */
export const negotiationSources = pgTable(
  'negotiation_sources',
  {
    negotiationId: integer('negotiation_id')
      .notNull()
      .references(() => negotiations.id, { onDelete: 'cascade' }),
    sourceId: sourceRef(),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.negotiationId, t.sourceId] }),
    index('negotiation_sources_source_idx').on(t.sourceId),
  ],
)

/** A party (an actor) in one role over a period; `to_on` is the last day, null while it lasts. */
export const partyRoles = pgTable(
  'party_roles',
  {
    id: serial('id').primaryKey(),
    negotiationId: integer('negotiation_id')
      .notNull()
      .references(() => negotiations.id, { onDelete: 'cascade' }),
    actorId: integer('actor_id')
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    role: text('role', {
      enum: ['principal', 'mediator', 'guarantor', 'consulted', 'observer', 'sidelined'],
    }).notNull(),
    fromOn: date('from_on', { mode: 'string' }).notNull(),
    toOn: date('to_on', { mode: 'string' }),
    note: text('note'),
  },
  (t) => [
    index('party_roles_negotiation_idx').on(t.negotiationId),
    check('party_roles_period', sql`${t.toOn} is null or ${t.toOn} >= ${t.fromOn}`),
  ],
)

export const partyRoleSources = pgTable(
  'party_role_sources',
  {
    roleId: integer('role_id')
      .notNull()
      .references(() => partyRoles.id, { onDelete: 'cascade' }),
    sourceId: sourceRef(),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.roleId, t.sourceId] }),
    index('party_role_sources_source_idx').on(t.sourceId),
  ],
)

/**
 * An analyst's weights for the points of one framework version (docs/decisions/0002): who set
 * them, when and why. The newest set (by `set_on`, then id) is the published one.
 */
export const weightSets = pgTable(
  'weight_sets',
  {
    id: serial('id').primaryKey(),
    documentId: integer('document_id')
      .notNull()
      .references(() => frameworkDocuments.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    setBy: text('set_by').notNull(),
    setOn: date('set_on', { mode: 'string' }).notNull(),
    rationale: text('rationale').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('weight_sets_document_key').on(t.documentId, t.key)],
)

/** w_i of one point in one weight set; the weights of a set sum to 1. */
export const provisionWeights = pgTable(
  'provision_weights',
  {
    weightSetId: integer('weight_set_id')
      .notNull()
      .references(() => weightSets.id, { onDelete: 'cascade' }),
    provisionId: integer('provision_id')
      .notNull()
      .references(() => provisions.id, { onDelete: 'cascade' }),
    weight: doublePrecision('weight').notNull(),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.weightSetId, t.provisionId] }),
    check('provision_weights_non_negative', sql`${t.weight} >= 0`),
  ],
)

/** A party's standing on a provision from a date on: 0 rejected or absent … 3 agreed, verifiable text. */
export const positions = pgTable(
  'positions',
  {
    id: serial('id').primaryKey(),
    provisionId: integer('provision_id')
      .notNull()
      .references(() => provisions.id, { onDelete: 'cascade' }),
    actorId: integer('actor_id')
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    statedOn: date('stated_on', { mode: 'string' }).notNull(),
    level: integer('level').notNull(),
    note: text('note'),
  },
  (t) => [
    unique('positions_provision_actor_date').on(t.provisionId, t.actorId, t.statedOn),
    index('positions_actor_idx').on(t.actorId),
    check('positions_level_ladder', sql`${t.level} between 0 and 3`),
  ],
)

export const positionSources = pgTable(
  'position_sources',
  {
    positionId: integer('position_id')
      .notNull()
      .references(() => positions.id, { onDelete: 'cascade' }),
    sourceId: sourceRef(),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.positionId, t.sourceId] }),
    index('position_sources_source_idx').on(t.sourceId),
  ],
)

/** Lineage: a point of a later version descends from a point of an earlier one. */
export const provisionLinks = pgTable(
  'provision_links',
  {
    fromProvisionId: integer('from_provision_id')
      .notNull()
      .references(() => provisions.id, { onDelete: 'cascade' }),
    toProvisionId: integer('to_provision_id')
      .notNull()
      .references(() => provisions.id, { onDelete: 'cascade' }),
    note: text('note'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.fromProvisionId, t.toProvisionId] }),
    index('provision_links_to_idx').on(t.toProvisionId),
  ],
)

/** The scale on which parties' bottom lines on an issue are stated (0–1, meaning given here). */
export const issueScales = pgTable('issue_scales', {
  issueId: integer('issue_id')
    .primaryKey()
    .references(() => negotiationIssues.id, { onDelete: 'cascade' }),
  scale: text('scale').notNull(),
})

/** A party's bottom line on an issue: the interval [min, max] of its scale it can accept. */
export const bottomLines = pgTable(
  'bottom_lines',
  {
    id: serial('id').primaryKey(),
    issueId: integer('issue_id')
      .notNull()
      .references(() => negotiationIssues.id, { onDelete: 'cascade' }),
    actorId: integer('actor_id')
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    statedOn: date('stated_on', { mode: 'string' }).notNull(),
    min: doublePrecision('min').notNull(),
    max: doublePrecision('max').notNull(),
    note: text('note'),
  },
  (t) => [
    unique('bottom_lines_issue_actor_date').on(t.issueId, t.actorId, t.statedOn),
    check('bottom_lines_interval', sql`0 <= ${t.min} and ${t.min} <= ${t.max} and ${t.max} <= 1`),
  ],
)

export const bottomLineSources = pgTable(
  'bottom_line_sources',
  {
    bottomLineId: integer('bottom_line_id')
      .notNull()
      .references(() => bottomLines.id, { onDelete: 'cascade' }),
    sourceId: sourceRef(),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.bottomLineId, t.sourceId] }),
    index('bottom_line_sources_source_idx').on(t.sourceId),
  ],
)

// ——— Implementation: obligations, implementation records, disputed readings (issue #13) ———

/** What a point obliges one party to do, by when (`due_on` null when the text sets no date). */
export const obligations = pgTable(
  'obligations',
  {
    id: serial('id').primaryKey(),
    provisionId: integer('provision_id')
      .notNull()
      .references(() => provisions.id, { onDelete: 'cascade' }),
    actorId: integer('actor_id')
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    action: text('action').notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    note: text('note'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    unique('obligations_provision_key').on(t.provisionId, t.key),
    index('obligations_actor_idx').on(t.actorId),
  ],
)

export const obligationSources = pgTable(
  'obligation_sources',
  {
    obligationId: integer('obligation_id')
      .notNull()
      .references(() => obligations.id, { onDelete: 'cascade' }),
    sourceId: sourceRef(),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.obligationId, t.sourceId] }),
    index('obligation_sources_source_idx').on(t.sourceId),
  ],
)

/** A dated assessment of an obligation: 0 not initiated … 3 full, with flags beside the rung. */
export const implementationRecords = pgTable(
  'implementation_records',
  {
    id: serial('id').primaryKey(),
    obligationId: integer('obligation_id')
      .notNull()
      .references(() => obligations.id, { onDelete: 'cascade' }),
    recordedOn: date('recorded_on', { mode: 'string' }).notNull(),
    rung: integer('rung').notNull(),
    reversed: boolean('reversed').notNull().default(false),
    disputed: boolean('disputed').notNull().default(false),
    note: text('note'),
  },
  (t) => [
    index('implementation_records_obligation_idx').on(t.obligationId),
    check('implementation_records_rung_ladder', sql`${t.rung} between 0 and 3`),
  ],
)

export const implementationRecordSources = pgTable(
  'implementation_record_sources',
  {
    recordId: integer('record_id')
      .notNull()
      .references(() => implementationRecords.id, { onDelete: 'cascade' }),
    sourceId: sourceRef(),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.recordId, t.sourceId] }),
    index('implementation_record_sources_source_idx').on(t.sourceId),
  ],
)

/** A party's reading of what an obligation requires, where the parties read it differently. */
export const obligationDisputes = pgTable(
  'obligation_disputes',
  {
    id: serial('id').primaryKey(),
    obligationId: integer('obligation_id')
      .notNull()
      .references(() => obligations.id, { onDelete: 'cascade' }),
    actorId: integer('actor_id')
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    statedOn: date('stated_on', { mode: 'string' }),
    reading: text('reading').notNull(),
  },
  (t) => [index('obligation_disputes_obligation_idx').on(t.obligationId)],
)

export const obligationDisputeSources = pgTable(
  'obligation_dispute_sources',
  {
    disputeId: integer('dispute_id')
      .notNull()
      .references(() => obligationDisputes.id, { onDelete: 'cascade' }),
    sourceId: sourceRef(),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.disputeId, t.sourceId] }),
    index('obligation_dispute_sources_source_idx').on(t.sourceId),
  ],
)
