import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm'
import type { Db } from '../platform/db/client.ts'
import { rowsOf } from '../platform/db/migrate.ts'
import {
  continuousSeries,
  munitions,
  type NightlySeries,
  type NightTotals,
  type ReportFigures,
} from './intensity.ts'
import type { StageColumn, StageValue } from './staging.repository.ts'
import type { StrikeReport } from './strike-file.ts'
import { strikeNights, strikeReports, timelineDatasets } from './timeline.tables.ts'

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

/** The staging table a strike import loads (see staging.repository.ts). */
export const STRIKE_STAGE = 'strike_stage'
export const STRIKE_STAGE_COLUMNS: readonly StageColumn[] = [
  { name: 'line', type: 'int' },
  { name: 'base_key', type: 'text' },
  { name: 'time_start', type: 'text' },
  { name: 'time_end', type: 'text' },
  { name: 'night', type: 'date' },
  { name: 'model', type: 'text' },
  { name: 'weapon_class', type: 'text' },
  { name: 'scope', type: 'text' },
  { name: 'target', type: 'text' },
  { name: 'launch_place', type: 'text' },
  { name: 'launched', type: 'int' },
  { name: 'destroyed', type: 'int' },
  { name: 'not_reach_goal', type: 'int' },
  { name: 'still_attacking', type: 'int' },
  { name: 'source', type: 'text' },
  { name: 'details', type: 'jsonb' },
]

/** A parsed report as a staging row, in the order of STRIKE_STAGE_COLUMNS. */
export function strikeStageRow(line: number, r: StrikeReport): StageValue[] {
  return [
    line,
    r.baseKey,
    r.timeStart,
    r.timeEnd,
    r.night,
    r.model,
    r.weaponClass,
    r.scope,
    r.target,
    r.launchPlace,
    r.launched,
    r.destroyed,
    r.notReachGoal,
    r.stillAttacking,
    r.source,
    r.details,
  ]
}

// Two rows are the same report when these agree (docs/timeline.md, "Repeated rows"); the figures
// are what may differ between a report and its repeat.
const IDENTITY = 'time_start, time_end, model, target, launch_place, source'
const FIGURES = 'jsonb_build_array(launched, destroyed, not_reach_goal, still_attacking, details)'

/** Groups of staged lines that repeat one report with different figures, in file order. */
export async function listConflictingRepeats(db: Db): Promise<number[][]> {
  const result = await db.execute(
    sql.raw(`
    select array_agg(line order by line) as lines from ${STRIKE_STAGE}
    group by ${IDENTITY} having count(distinct ${FIGURES}) > 1
    order by min(line)`),
  )
  return rowsOf<{ lines: number[] }>(result).map((r) => r.lines.map(Number))
}

/** Drops the given lines from the staging table. */
export async function deleteStagedStrikeLines(db: Db, lines: readonly number[]): Promise<void> {
  if (lines.length === 0) return
  await db.execute(
    sql`${sql.raw(`delete from ${STRIKE_STAGE} where line = any(`)}${sql.param([...lines])}${sql.raw('::int[])')}`,
  )
}

/** Folds exact repeats (same report, same figures) into their first line; returns how many went. */
export async function foldExactRepeats(db: Db): Promise<number> {
  const result = await db.execute(
    sql.raw(`
    with gone as (
      delete from ${STRIKE_STAGE} where line in (
        select line from (
          select line, row_number() over (partition by ${IDENTITY}, ${FIGURES} order by line) as n
          from ${STRIKE_STAGE}) s
        where n > 1)
      returning 1)
    select count(*)::int as n from gone`),
  )
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0)
}

export interface UpsertCounts {
  inserted: number
  updated: number
  /** Nights of the rows inserted or changed: their totals must be recomputed. */
  nights: string[]
}

/**
 * Merges the staged reports into `strike_reports` in one statement: each keyed by its base key and
 * its place among the rows sharing it (see createRowKeyer), new keys inserted, changed rows
 * updated, unchanged rows not touched.
 */
export async function mergeStagedStrikes(db: Db, dataset: string): Promise<UpsertCounts> {
  const result = await db.execute(sql`
    with merged as (
      insert into strike_reports as t (dataset, row_key, time_start, time_end, night, model,
        weapon_class, scope, target, launch_place, launched, destroyed, not_reach_goal,
        still_attacking, source, details)
      select ${dataset}::text,
        base_key || '#' || row_number() over (partition by base_key order by line),
        time_start, time_end, night, model, weapon_class, scope, target, launch_place, launched,
        destroyed, not_reach_goal, still_attacking, source, details
      from ${sql.raw(STRIKE_STAGE)}
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
      returning (xmax = 0) as inserted, night)
    select night::text as night, count(*) filter (where inserted)::int as inserted,
      count(*)::int as changed
    from merged group by night`)
  const rows = rowsOf<{ night: string; inserted: number; changed: number }>(result)
  const inserted = rows.reduce((s, r) => s + Number(r.inserted), 0)
  const changed = rows.reduce((s, r) => s + Number(r.changed), 0)
  return { inserted, updated: changed - inserted, nights: rows.map((r) => r.night) }
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
