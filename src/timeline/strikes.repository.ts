import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { rowsOf } from '../db/migrate.ts'
import {
  continuousSeries,
  munitions,
  type NightlySeries,
  type NightTotals,
  type ReportFigures,
} from './intensity.ts'
import type { KeyedStrikeReport } from './strike-file.ts'
import { strikeNights, strikeReports, timelineDatasets } from './timeline.schema.ts'

export type DatasetRow = typeof timelineDatasets.$inferSelect
export type NewDataset = Omit<typeof timelineDatasets.$inferInsert, 'updatedAt'>

/** Creates or refreshes a data set's title and attribution. */
export async function upsertDataset(db: Db, dataset: NewDataset): Promise<void> {
  await db
    .insert(timelineDatasets)
    .values(dataset)
    .onConflictDoUpdate({
      target: timelineDatasets.key,
      set: {
        kind: dataset.kind,
        title: dataset.title,
        attribution: dataset.attribution,
        url: dataset.url ?? null,
        updatedAt: sql`now()`,
      },
    })
}

export async function findDataset(db: Db, key: string): Promise<DatasetRow | undefined> {
  const [row] = await db.select().from(timelineDatasets).where(eq(timelineDatasets.key, key))
  return row
}

export async function listDatasets(db: Db, kind?: 'strikes' | 'events'): Promise<DatasetRow[]> {
  return db
    .select()
    .from(timelineDatasets)
    .where(kind === undefined ? undefined : eq(timelineDatasets.kind, kind))
    .orderBy(asc(timelineDatasets.key))
}

export interface UpsertCounts {
  inserted: number
  updated: number
  /** Nights of the rows inserted or changed: their totals must be recomputed. */
  nights: string[]
}

/**
 * Inserts new reports and updates those whose key exists with different values, in one statement
 * per batch (a thousand rows cost one round trip). Unchanged rows are left alone and counted by the
 * caller as the rest.
 */
export async function upsertStrikeReports(
  db: Db,
  dataset: string,
  reports: readonly KeyedStrikeReport[],
): Promise<UpsertCounts> {
  if (reports.length === 0) return { inserted: 0, updated: 0, nights: [] }
  // One JSON parameter per batch (see upsertExternalEvents for why).
  const rows = reports.map((r) => ({
    rowKey: r.rowKey,
    timeStart: r.timeStart,
    timeEnd: r.timeEnd,
    night: r.night,
    model: r.model,
    weaponClass: r.weaponClass,
    scope: r.scope,
    target: r.target,
    launchPlace: r.launchPlace,
    launched: r.launched,
    destroyed: r.destroyed,
    notReachGoal: r.notReachGoal,
    stillAttacking: r.stillAttacking,
    source: r.source,
    details: r.details,
  }))
  const result = await db.execute(sql`
    insert into strike_reports as t (dataset, row_key, time_start, time_end, night, model,
      weapon_class, scope, target, launch_place, launched, destroyed, not_reach_goal,
      still_attacking, source, details)
    select ${dataset}::text, r.* from json_to_recordset(${JSON.stringify(rows)}::json) as r(
      "rowKey" text, "timeStart" text, "timeEnd" text, night date, model text,
      "weaponClass" text, scope text, target text, "launchPlace" text, launched int,
      destroyed int, "notReachGoal" int, "stillAttacking" int, source text, details jsonb)
    on conflict (dataset, row_key) do update set
      time_start = excluded.time_start, time_end = excluded.time_end, night = excluded.night,
      model = excluded.model, weapon_class = excluded.weapon_class, scope = excluded.scope,
      target = excluded.target, launch_place = excluded.launch_place,
      launched = excluded.launched, destroyed = excluded.destroyed,
      not_reach_goal = excluded.not_reach_goal, still_attacking = excluded.still_attacking,
      source = excluded.source, details = excluded.details, updated_at = now()
    where (t.night, t.weapon_class, t.scope, t.target, t.launch_place, t.launched, t.destroyed,
           t.not_reach_goal, t.still_attacking, t.source, t.details)
      is distinct from
          (excluded.night, excluded.weapon_class, excluded.scope, excluded.target,
           excluded.launch_place, excluded.launched, excluded.destroyed, excluded.not_reach_goal,
           excluded.still_attacking, excluded.source, excluded.details)
    returning (xmax = 0) as inserted, night::text as night`)
  const changed = rowsOf<{ inserted: boolean; night: string }>(result)
  const inserted = changed.filter((r) => r.inserted).length
  return {
    inserted,
    updated: changed.length - inserted,
    nights: [...new Set(changed.map((r) => r.night))],
  }
}

/** The figures of every report on the given nights, for recomputing their totals. */
export async function listReportFigures(
  db: Db,
  dataset: string,
  nights: readonly string[],
): Promise<ReportFigures[]> {
  if (nights.length === 0) return []
  return db
    .select({
      night: strikeReports.night,
      weaponClass: strikeReports.weaponClass,
      scope: strikeReports.scope,
      launched: strikeReports.launched,
      destroyed: strikeReports.destroyed,
    })
    .from(strikeReports)
    .where(and(eq(strikeReports.dataset, dataset), inArray(strikeReports.night, [...nights])))
}

/** Writes nightly totals, replacing what is stored for those nights. */
export async function upsertStrikeNights(
  db: Db,
  dataset: string,
  totals: readonly NightTotals[],
  origin: 'reports' | 'bundled',
): Promise<void> {
  for (let i = 0; i < totals.length; i += 1000) {
    const batch = totals.slice(i, i + 1000)
    const col = (pick: (n: NightTotals) => string | number) => sql.param(batch.map(pick))
    await db.execute(sql`
      insert into strike_nights as n (dataset, night, drones_launched, missiles_launched,
        drones_destroyed, missiles_destroyed, origin)
      select ${dataset}::text, *, ${origin}::text from unnest(${col((n) => n.night)}::date[],
        ${col((n) => n.launched.drones)}::int[], ${col((n) => n.launched.missiles)}::int[],
        ${col((n) => n.destroyed.drones)}::int[], ${col((n) => n.destroyed.missiles)}::int[])
      on conflict (dataset, night) do update set
        drones_launched = excluded.drones_launched, missiles_launched = excluded.missiles_launched,
        drones_destroyed = excluded.drones_destroyed,
        missiles_destroyed = excluded.missiles_destroyed, origin = excluded.origin`)
  }
}

/** Removes the stored totals of nights that no longer have a national report. */
export async function deleteStrikeNights(
  db: Db,
  dataset: string,
  nights: readonly string[],
): Promise<void> {
  if (nights.length === 0) return
  await db
    .delete(strikeNights)
    .where(and(eq(strikeNights.dataset, dataset), inArray(strikeNights.night, [...nights])))
}

/** Stored nightly totals of a data set, in date order, optionally within [from, to]. */
export async function listStrikeNights(
  db: Db,
  dataset: string,
  range: { from?: string | undefined; to?: string | undefined } = {},
): Promise<NightTotals[]> {
  const rows = await db
    .select()
    .from(strikeNights)
    .where(
      and(
        eq(strikeNights.dataset, dataset),
        range.from === undefined ? undefined : gte(strikeNights.night, range.from),
        range.to === undefined ? undefined : lte(strikeNights.night, range.to),
      ),
    )
    .orderBy(asc(strikeNights.night))
  return rows.map((r) => ({
    night: r.night,
    launched: munitions(r.dronesLaunched, r.missilesLaunched),
    destroyed: munitions(r.dronesDestroyed, r.missilesDestroyed),
  }))
}

export async function countStrikeNights(db: Db, dataset: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(strikeNights)
    .where(eq(strikeNights.dataset, dataset))
  return row?.n ?? 0
}

export async function countStrikeReports(db: Db, dataset: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(strikeReports)
    .where(eq(strikeReports.dataset, dataset))
  return row?.n ?? 0
}

/** A data set's whole nightly series, gaps filled with zero nights; undefined when it has none. */
export async function findNightlySeries(
  db: Db,
  dataset: string,
): Promise<NightlySeries | undefined> {
  return continuousSeries(await listStrikeNights(db, dataset))
}
