import { sql } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { rowsOf } from '../db/migrate.ts'

export interface RateLimit {
  /** Attempts allowed per window. */
  limit: number
  windowMs: number
}

export interface RateDecision {
  allowed: boolean
  remaining: number
  /** Seconds until the window resets. */
  retryAfter: number
}

/**
 * Counts one attempt in `bucket` (e.g. `staff-login:ip:203.0.113.9`) and says whether it is
 * allowed. One upsert, so concurrent processes count correctly.
 */
export async function hitRateLimit(
  db: Db,
  bucket: string,
  rule: RateLimit,
  now: Date,
): Promise<RateDecision> {
  const { start, retryAfter } = windowAt(rule, now)
  const result = await db.execute(sql`
    insert into rate_limits (bucket, window_start, count) values (${bucket}, ${start.toISOString()}, 1)
    on conflict (bucket, window_start) do update set count = rate_limits.count + 1
    returning count`)
  const count = Number(rowsOf<{ count: number }>(result)[0]?.count ?? 1)
  return { allowed: count <= rule.limit, remaining: Math.max(0, rule.limit - count), retryAfter }
}

/**
 * How many attempts `bucket` has counted in the current window, without counting one. For limits
 * that count only failures: the check reads, and only a failure writes.
 */
export async function peekRateLimit(
  db: Db,
  bucket: string,
  rule: RateLimit,
  now: Date,
): Promise<RateDecision> {
  const { start, retryAfter } = windowAt(rule, now)
  const result = await db.execute(sql`
    select count from rate_limits where bucket = ${bucket} and window_start = ${start.toISOString()}`)
  const count = Number(rowsOf<{ count: number }>(result)[0]?.count ?? 0)
  return { allowed: count < rule.limit, remaining: Math.max(0, rule.limit - count), retryAfter }
}

/** The window `now` falls in (windows are aligned to the epoch) and the seconds until it resets. */
function windowAt(rule: RateLimit, now: Date): { start: Date; retryAfter: number } {
  const start = new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs)
  const retryAfter = Math.ceil((start.getTime() + rule.windowMs - now.getTime()) / 1000)
  return { start, retryAfter }
}

/** Forgets windows that ended before `before`; run from time to time. */
export async function pruneRateLimits(db: Db, before: Date): Promise<void> {
  await db.execute(sql`delete from rate_limits where window_start < ${before.toISOString()}`)
}
