import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core'
import { sources } from '../sources/sources.schema.ts'

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
    kind: text('kind', { enum: ['state', 'organisation', 'person'] }).notNull(),
    representsKey: text('represents_key'),
    role: text('role'),
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
