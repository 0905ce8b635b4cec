import {
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  unique,
} from 'drizzle-orm/pg-core'
import { sources } from '../sources/sources.tables.ts'
import { EventKinds } from './event-kinds.ts'
import { negotiations } from './negotiations.tables.ts'

/** Something that happened on a date: a meeting, a statement, a proposal, a strike, an agreement. */
export const events = pgTable(
  'events',
  {
    id: serial('id').primaryKey(),
    negotiationId: integer('negotiation_id').references(() => negotiations.id, {
      onDelete: 'cascade',
    }),
    key: text('key').notNull(),
    kind: text('kind', { enum: EventKinds }).notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    location: text('location'),
    confidence: text('confidence', { enum: ['reported', 'uncertain'] })
      .notNull()
      .default('reported'),
    note: text('note'),
  },
  (t) => [
    unique('events_negotiation_key').on(t.negotiationId, t.key),
    index('events_occurred_idx').on(t.occurredOn),
  ],
)

export const eventActors = pgTable(
  'event_actors',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    actorKey: text('actor_key').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.actorKey] })],
)

export const eventSources = pgTable(
  'event_sources',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'restrict' }),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.sourceId] }),
    index('event_sources_source_idx').on(t.sourceId),
  ],
)

/**
 * A data set whose rows Parley imported (strike reports, GDELT or other event tables), with the
 * attribution every chart built from it must carry.
 */
