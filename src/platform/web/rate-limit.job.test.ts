import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sql } from 'drizzle-orm'
import { openTestDatabase } from '../../../test/db.ts'
import { rowsOf } from '../db/migrate.ts'
import { silentLogger } from '../logger.ts'
import { fixedClock } from '../time.ts'
import { startRateLimitPruning } from './rate-limit.job.ts'
import { hitRateLimit } from './rate-limit.repository.ts'

const { db } = await openTestDatabase()

test('ended rate-limit windows are pruned on a schedule; current ones are kept', async () => {
  const rule = { limit: 5, windowMs: 15 * 60_000 }
  const now = new Date('2026-01-22T12:00:00Z')
  await hitRateLimit(db, 'test:old', rule, new Date('2026-01-22T08:00:00Z'))
  await hitRateLimit(db, 'test:current', rule, now)

  const job = startRateLimitPruning({ db, clock: fixedClock(now), logger: silentLogger })
  await job.stop()

  const buckets = rowsOf<{ bucket: string }>(
    await db.execute(sql`select bucket from rate_limits order by bucket`),
  ).map((row) => row.bucket)
  assert.deepEqual(buckets, ['test:current'])
})
