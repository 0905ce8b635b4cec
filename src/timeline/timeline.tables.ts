import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core'

export const timelineDatasets = pgTable('timeline_datasets', {
  key: text('key').primaryKey(),
  kind: text('kind', { enum: ['strikes', 'events'] }).notNull(),
  title: text('title').notNull(),
  /** Who compiled it, from what, where it is published and under which licence (if stated). */
  attribution: text('attribution').notNull(),
  url: text('url'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/**
 * One row of a strike data set ("Massive Missile Attacks on Ukraine" format): one attack wave ×
 * one weapon label. `row_key` identifies the row across re-imports so that upstream corrections
 * update it (see docs/timeline.md for why it is more than time_start, time_end and model).
 */
export const strikeReports = pgTable(
  'strike_reports',
  {
    id: serial('id').primaryKey(),
    dataset: text('dataset').notNull(),
    rowKey: text('row_key').notNull(),
    /** As written in the file, local (Kyiv) time: `YYYY-MM-DD` or `YYYY-MM-DD HH:MM`. */
    timeStart: text('time_start').notNull(),
    timeEnd: text('time_end').notNull(),
    /** The night the wave belongs to: the Kyiv date on which it ended. */
    night: date('night', { mode: 'string' }).notNull(),
    model: text('model').notNull(),
    weaponClass: text('weapon_class', { enum: ['drone', 'missile', 'bomb'] }).notNull(),
    /** `regional`: a regional air command's tally, which overlaps the national report. */
    scope: text('scope', { enum: ['national', 'regional'] }).notNull(),
    target: text('target'),
    launchPlace: text('launch_place'),
    launched: integer('launched'),
    destroyed: integer('destroyed'),
    notReachGoal: integer('not_reach_goal'),
    stillAttacking: integer('still_attacking'),
    source: text('source'),
    /** The file's dict- and list-like text columns, parsed (NaN becomes null). */
    details: jsonb('details'),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('strike_reports_dataset_row_key').on(t.dataset, t.rowKey),
    index('strike_reports_night_idx').on(t.dataset, t.night),
  ],
)

/**
 * Nightly totals of national reports, drones and missiles apart: recomputed from `strike_reports`
 * for every night an import touches, or loaded from a bundled derived table (`origin = bundled`).
 */
export const strikeNights = pgTable(
  'strike_nights',
  {
    dataset: text('dataset').notNull(),
    night: date('night', { mode: 'string' }).notNull(),
    dronesLaunched: integer('drones_launched').notNull(),
    missilesLaunched: integer('missiles_launched').notNull(),
    dronesDestroyed: integer('drones_destroyed').notNull(),
    missilesDestroyed: integer('missiles_destroyed').notNull(),
    origin: text('origin', { enum: ['reports', 'bundled'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.dataset, t.night] })],
)

/**
 * A machine-coded or tabular event from an outside data set: GDELT 2.0 exports, or any CSV mapped
 * onto these columns. Kept apart from the negotiation's own diplomatic `events`.
 */
export const externalEvents = pgTable(
  'external_events',
  {
    id: serial('id').primaryKey(),
    dataset: text('dataset').notNull(),
    externalId: text('external_id').notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    actor1Code: text('actor1_code'),
    actor1Name: text('actor1_name'),
    actor1Country: text('actor1_country'),
    actor2Code: text('actor2_code'),
    actor2Name: text('actor2_name'),
    actor2Country: text('actor2_country'),
    /** CAMEO event code as written (leading zeros kept) and its two-digit root. */
    eventCode: text('event_code'),
    rootCode: text('root_code'),
    quadClass: smallint('quad_class'),
    /** Goldstein scale, −10 (most conflictual) … +10 (most cooperative). */
    goldstein: doublePrecision('goldstein'),
    numMentions: integer('num_mentions'),
    numSources: integer('num_sources'),
    numArticles: integer('num_articles'),
    isRoot: boolean('is_root'),
    /** A count the data set attaches to the event (fatalities, munitions…), if any. */
    quantity: doublePrecision('quantity'),
    location: text('location'),
    sourceUrl: text('source_url'),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('external_events_dataset_id').on(t.dataset, t.externalId),
    index('external_events_day_idx').on(t.dataset, t.occurredOn),
  ],
)

/**
 * Per-day totals of an event data set, kept by the import in the same transaction as the rows it
 * changes (issue 15): ranking a window reads one row a day instead of aggregating every event.
 */
export const externalEventDays = pgTable(
  'external_event_days',
  {
    dataset: text('dataset').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    events: integer('events').notNull(),
    /** Sum of the events' `quantity`; 0 when none carries one. */
    quantity: doublePrecision('quantity').notNull(),
  },
  (t) => [primaryKey({ columns: [t.dataset, t.day] })],
)
