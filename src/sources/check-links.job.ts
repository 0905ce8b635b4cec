import type { Db } from '../platform/db/client.ts'
import type { Logger } from '../platform/logger.ts'
import type { Clock } from '../platform/time.ts'
import { systemActor } from '../staff/audit.repository.ts'
import { checkLinks } from './actions/check-links.ts'
import type { FetchOptions } from './archive-fetch.ts'
import { claimSourcesDueForCheck } from './snapshots.repository.ts'

export interface LinkCheckJob {
  /** Runs one pass now (for tests and operators); resolves with how many sources it checked. */
  runOnce(): Promise<number>
  /** Stops scheduling and waits for a pass in progress to end. */
  stop(): Promise<void>
}

export interface LinkCheckJobOptions {
  db: Db
  clock: Clock
  logger: Logger
  fetch: FetchOptions
  /** Hours between two checks of the same source. */
  intervalHours: number
  /** How often the job looks for due sources, in milliseconds. */
  tickMs?: number
  /** Delay before the first look, so that a starting server is not busy fetching at once. */
  firstTickMs?: number
  /** Sources checked per pass. */
  batch?: number
}

/**
 * The scheduled link check (issue 3): every source is checked again once `intervalHours` have
 * passed since its last check, a batch at a time. Sources are claimed in the database, so
 * several server processes can run the job without checking a source twice.
 */
export function startLinkCheckJob(options: LinkCheckJobOptions): LinkCheckJob {
  const tickMs = options.tickMs ?? 5 * 60_000
  const batch = options.batch ?? 20
  let timer: NodeJS.Timeout | undefined
  let running: Promise<number> | undefined
  let stopped = false

  const runOnce = async (): Promise<number> => {
    const now = options.clock.now()
    const dueBefore = new Date(now.getTime() - options.intervalHours * 3_600_000)
    const ids = await claimSourcesDueForCheck(options.db, dueBefore, now, batch)
    if (ids.length === 0) return 0
    const results = await checkLinks(options.db, systemActor, {
      clock: options.clock,
      fetch: options.fetch,
      sourceIds: ids,
    })
    const changed = results.filter((r) => r.status !== 'ok')
    options.logger.info('link check pass', {
      checked: results.length,
      notOk: changed.map((r) => `${r.sourceKey}: ${r.status}`),
    })
    return results.length
  }

  const schedule = (delay: number) => {
    if (stopped) return
    timer = setTimeout(() => {
      running = runOnce()
        .catch((error: unknown) => {
          options.logger.error('link check pass failed', {
            error: error instanceof Error ? error.message : String(error),
          })
          return 0
        })
        .finally(() => {
          running = undefined
          schedule(tickMs)
        })
    }, delay)
    // A pending check never keeps the process alive on its own.
    timer.unref()
  }
  if (options.intervalHours > 0) schedule(options.firstTickMs ?? tickMs)

  return {
    runOnce,
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await running
    },
  }
}
