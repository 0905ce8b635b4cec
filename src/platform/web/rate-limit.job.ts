import type { Db } from '../db/client.ts'
import type { Logger } from '../logger.ts'
import { type Repeating, repeatEvery } from '../repeat.ts'
import type { Clock } from '../time.ts'
import { pruneRateLimits } from './rate-limit.repository.ts'

/**
 * Rate-limit windows are at most an hour long (member links); one that started two hours ago has
 * ended and counts for nothing.
 */
export const RATE_LIMIT_RETENTION_MS = 2 * 3_600_000

const PRUNE_EVERY_MS = 10 * 60_000

/** Deletes ended rate-limit windows every ten minutes (and once at start), so the table stays small. */
export function startRateLimitPruning(
  deps: { db: Db; clock: Clock; logger: Logger },
  options: { intervalMs?: number } = {},
): Repeating {
  return repeatEvery(
    options.intervalMs ?? PRUNE_EVERY_MS,
    () => pruneRateLimits(deps.db, new Date(deps.clock.now().getTime() - RATE_LIMIT_RETENTION_MS)),
    (error) => deps.logger.error('rate-limit pruning failed', { error: String(error) }),
    { immediately: true },
  )
}
