import { sql } from 'drizzle-orm'
import type { Db } from '../platform/db/client.ts'
import { rowsOf } from '../platform/db/migrate.ts'
import type { DyadEvent } from './dyad.ts'
import type { ExternalEvent } from './event-file.ts'
import type { StageColumn, StageValue } from './staging.repository.ts'

/** The staging table an event import loads (see staging.repository.ts): the file's line, then the event. */
export const EVENT_STAGE_COLUMNS: readonly StageColumn[] = [
  { name: 'line', type: 'int' },
  { name: 'external_id', type: 'text' },
  { name: 'occurred_on', type: 'date' },
  { name: 'actor1_code', type: 'text' },
  { name: 'actor1_name', type: 'text' },
  { name: 'actor1_country', type: 'text' },
  { name: 'actor2_code', type: 'text' },
  { name: 'actor2_name', type: 'text' },
  { name: 'actor2_country', type: 'text' },
  { name: 'event_code', type: 'text' },
  { name: 'root_code', type: 'text' },
  { name: 'quad_class', type: 'smallint' },
  { name: 'goldstein', type: 'float8' },
  { name: 'num_mentions', type: 'int' },
  { name: 'num_sources', type: 'int' },
  { name: 'num_articles', type: 'int' },
  { name: 'is_root', type: 'bool' },
  { name: 'quantity', type: 'float8' },
  { name: 'location', type: 'text' },
  { name: 'source_url', type: 'text' },
]

/** An event as a staging row, in the order of EVENT_STAGE_COLUMNS. */
export function stageRow(line: number, e: ExternalEvent): StageValue[] {
  return [
    line,
    e.externalId,
    e.occurredOn,
    e.actor1Code,
    e.actor1Name,
    e.actor1Country,
    e.actor2Code,
    e.actor2Name,
    e.actor2Country,
    e.eventCode,
    e.rootCode,
    e.quadClass,
    e.goldstein,
    e.numMentions,
    e.numSources,
    e.numArticles,
    e.isRoot,
    e.quantity,
    e.location,
    e.sourceUrl,
  ]
}

/** Staged rows whose identifier an earlier line of the file already used, in file order. */
export async function listRepeatedEventIds(
  db: Db,
  stage: string,
): Promise<{ line: number; externalId: string; firstLine: number }[]> {
  const result = await db.execute(
    sql.raw(`
    select line, external_id, first_line from (
      select line, external_id, min(line) over (partition by external_id) as first_line
      from ${stage}
      where external_id in (select external_id from ${stage} group by external_id having count(*) > 1)
    ) s where line > first_line order by line`),
  )
  return rowsOf<{ line: number; external_id: string; first_line: number }>(result).map((r) => ({
    line: Number(r.line),
    externalId: r.external_id,
    firstLine: Number(r.first_line),
  }))
}

/** Drops the given lines from the staging table (the repeats the operator chose to skip). */
export async function deleteStagedLines(
  db: Db,
  stage: string,
  lines: readonly number[],
): Promise<void> {
  if (lines.length === 0) return
  await db.execute(
    sql`${sql.raw(`delete from ${stage} where line = any(`)}${sql.param([...lines])}${sql.raw('::int[])')}`,
  )
}

/**
 * Merges the staged events into `external_events` in one statement: new identifiers inserted,
 * changed rows updated, unchanged rows not touched. Then recomputes the day totals of every day
 * a staged row lands on or leaves (a corrected date moves an event between days).
 */
export async function mergeStagedEvents(
  db: Db,
  dataset: string,
  stage: string,
): Promise<{ inserted: number; updated: number }> {
  const stageTable = sql.raw(stage)
  const touched = sql.raw(`${stage}_days`)
  await db.execute(sql`
    create temporary table ${touched} on commit drop as
    select distinct occurred_on as day from ${stageTable}
    union
    select e.occurred_on from external_events e join ${stageTable} s
      on e.dataset = ${dataset} and e.external_id = s.external_id
    where e.occurred_on <> s.occurred_on`)
  const result = await db.execute(sql`
    with merged as (
      insert into external_events as t (dataset, external_id, occurred_on, actor1_code,
        actor1_name, actor1_country, actor2_code, actor2_name, actor2_country, event_code,
        root_code, quad_class, goldstein, num_mentions, num_sources, num_articles, is_root,
        quantity, location, source_url)
      select ${dataset}::text, external_id, occurred_on, actor1_code, actor1_name, actor1_country,
        actor2_code, actor2_name, actor2_country, event_code, root_code, quad_class, goldstein,
        num_mentions, num_sources, num_articles, is_root, quantity, location, source_url
      from ${stageTable}
      on conflict (dataset, external_id) do update set
        occurred_on = excluded.occurred_on, actor1_code = excluded.actor1_code,
        actor1_name = excluded.actor1_name, actor1_country = excluded.actor1_country,
        actor2_code = excluded.actor2_code, actor2_name = excluded.actor2_name,
        actor2_country = excluded.actor2_country, event_code = excluded.event_code,
        root_code = excluded.root_code, quad_class = excluded.quad_class,
        goldstein = excluded.goldstein, num_mentions = excluded.num_mentions,
        num_sources = excluded.num_sources, num_articles = excluded.num_articles,
        is_root = excluded.is_root, quantity = excluded.quantity, location = excluded.location,
        source_url = excluded.source_url, updated_at = now()
      where (t.occurred_on, t.actor1_code, t.actor1_name, t.actor1_country, t.actor2_code,
             t.actor2_name, t.actor2_country, t.event_code, t.root_code, t.quad_class, t.goldstein,
             t.num_mentions, t.num_sources, t.num_articles, t.is_root, t.quantity, t.location,
             t.source_url)
        is distinct from
            (excluded.occurred_on, excluded.actor1_code, excluded.actor1_name,
             excluded.actor1_country, excluded.actor2_code, excluded.actor2_name,
             excluded.actor2_country, excluded.event_code, excluded.root_code, excluded.quad_class,
             excluded.goldstein, excluded.num_mentions, excluded.num_sources,
             excluded.num_articles, excluded.is_root, excluded.quantity, excluded.location,
             excluded.source_url)
      returning (xmax = 0) as inserted)
    select count(*) filter (where inserted)::int as inserted, count(*)::int as changed
    from merged`)
  const [counts] = rowsOf<{ inserted: number; changed: number }>(result)
  await db.execute(sql`
    delete from external_event_days
    where dataset = ${dataset} and day in (select day from ${touched})`)
  await db.execute(sql`
    insert into external_event_days (dataset, day, events, quantity)
    select ${dataset}::text, occurred_on, count(*)::int, coalesce(sum(quantity), 0)
    from external_events
    where dataset = ${dataset} and occurred_on in (select day from ${touched})
    group by occurred_on`)
  const inserted = Number(counts?.inserted ?? 0)
  return { inserted, updated: Number(counts?.changed ?? 0) - inserted }
}

export interface DyadQuery {
  /** Country codes (GDELT Actor1CountryCode / Actor2CountryCode), e.g. RUS and UKR. */
  a: string
  b: string
  /** Only events from a to b, not also from b to a. */
  directed?: boolean
  dataset?: string | undefined
  from?: string | undefined
  to?: string | undefined
}

/**
 * The events between two actors, matched on country code (or, when an actor has none, the first
 * three letters of its actor code). A row that names no source count or root flag — a curated
 * table rather than machine-coded news — counts as one root event.
 */
export async function listDyadEvents(db: Db, query: DyadQuery): Promise<DyadEvent[]> {
  const a = query.a.toUpperCase()
  const b = query.b.toUpperCase()
  const one = sql`coalesce(actor1_country, left(actor1_code, 3))`
  const two = sql`coalesce(actor2_country, left(actor2_code, 3))`
  const pair = query.directed
    ? sql`(${one} = ${a} and ${two} = ${b})`
    : sql`((${one} = ${a} and ${two} = ${b}) or (${one} = ${b} and ${two} = ${a}))`
  const result = await db.execute(sql`
    select occurred_on::text as day, goldstein, coalesce(num_sources, 1) as num_sources,
      coalesce(is_root, true) as is_root
    from external_events
    where goldstein is not null and ${pair}
      ${query.dataset === undefined ? sql`` : sql`and dataset = ${query.dataset}`}
      ${query.from === undefined ? sql`` : sql`and occurred_on >= ${query.from}`}
      ${query.to === undefined ? sql`` : sql`and occurred_on <= ${query.to}`}
    order by occurred_on`)
  return rowsOf<{ day: string; goldstein: number; num_sources: number; is_root: boolean }>(
    result,
  ).map((r) => ({
    day: r.day,
    goldstein: Number(r.goldstein),
    numSources: Number(r.num_sources),
    isRoot: r.is_root,
  }))
}

/**
 * Per-day totals of an event data set: how many events, and the sum of their quantity. Read from
 * `external_event_days`, which the import keeps, so the cost is one row a day, not one an event.
 */
export async function listDailyEventTotals(
  db: Db,
  dataset: string,
): Promise<{ day: string; events: number; quantity: number }[]> {
  const result = await db.execute(sql`
    select day::text as day, events, quantity from external_event_days
    where dataset = ${dataset} order by day`)
  return rowsOf<{ day: string; events: number; quantity: number }>(result).map((r) => ({
    day: r.day,
    events: Number(r.events),
    quantity: Number(r.quantity),
  }))
}

export async function countExternalEvents(db: Db, dataset: string): Promise<number> {
  const result = await db.execute(
    sql`select count(*)::int as n from external_events where dataset = ${dataset}`,
  )
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0)
}
