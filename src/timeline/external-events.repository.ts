import { sql } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { rowsOf } from '../db/migrate.ts'
import type { DyadEvent } from './dyad.ts'
import type { ExternalEvent } from './event-file.ts'

/**
 * Inserts new events and updates changed ones in one statement per batch; returns how many were
 * inserted and how many updated. Rows whose values did not change are not touched. The batch
 * travels as one JSON parameter (`json_to_recordset`): measured here, a third faster than one
 * array parameter per column, since JSON.stringify and the server's JSON reader are both native.
 */
export async function upsertExternalEvents(
  db: Db,
  dataset: string,
  events: readonly ExternalEvent[],
): Promise<{ inserted: number; updated: number }> {
  if (events.length === 0) return { inserted: 0, updated: 0 }
  const result = await db.execute(sql`
    insert into external_events as t (dataset, external_id, occurred_on, actor1_code, actor1_name,
      actor1_country, actor2_code, actor2_name, actor2_country, event_code, root_code, quad_class,
      goldstein, num_mentions, num_sources, num_articles, is_root, quantity, location, source_url)
    select ${dataset}::text, r.* from json_to_recordset(${JSON.stringify(events)}::json) as r(
      "externalId" text, "occurredOn" date, "actor1Code" text, "actor1Name" text,
      "actor1Country" text, "actor2Code" text, "actor2Name" text, "actor2Country" text,
      "eventCode" text, "rootCode" text, "quadClass" smallint, goldstein float8,
      "numMentions" int, "numSources" int, "numArticles" int, "isRoot" bool, quantity float8,
      location text, "sourceUrl" text)
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
    returning (xmax = 0) as inserted`)
  const rows = rowsOf<{ inserted: boolean }>(result)
  const inserted = rows.filter((r) => r.inserted).length
  return { inserted, updated: rows.length - inserted }
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

/** Per-day totals of an event data set: how many events, and the sum of their quantity. */
export async function listDailyEventTotals(
  db: Db,
  dataset: string,
): Promise<{ day: string; events: number; quantity: number }[]> {
  const result = await db.execute(sql`
    select occurred_on::text as day, count(*)::int as events,
      coalesce(sum(quantity), 0)::float8 as quantity
    from external_events where dataset = ${dataset}
    group by occurred_on order by occurred_on`)
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
