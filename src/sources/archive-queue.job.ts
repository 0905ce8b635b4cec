import { setTimeout as sleep } from 'node:timers/promises'
import type { Db } from '../platform/db/client.ts'
import { AppError } from '../platform/errors.ts'
import type { Logger } from '../platform/logger.ts'
import { repeatEvery } from '../platform/repeat.ts'
import type { Clock } from '../platform/time.ts'
import { type Actor, systemActor } from '../staff/audit.repository.ts'
import { capturePage, storeCapture } from './actions/archive-source.ts'
import type { FetchOptions } from './archive-fetch.ts'
import {
  type ClaimedArchive,
  claimArchiveQueue,
  countQueueStatus,
  hasSnapshot,
  markArchiveDone,
  nextArchiveDue,
} from './archive-queue.repository.ts'
import { ARCHIVE_LEASE_MS, afterArchiveFailure, archiveFailureReason } from './archive-queue.ts'
import { findSourceById } from './sources.repository.ts'

export interface ArchiveQueueOptions {
  db: Db
  clock: Clock
  fetch: FetchOptions
  actor?: Actor
  /** Fetches in flight at once, across hosts. */
  concurrency?: number
  /** Real milliseconds between two requests to the same host. */
  hostGapMs?: number
  /** Rows claimed at a time. */
  batch?: number
  /** Stop after this many sources have been tried (tests, operators); unbounded when absent. */
  limit?: number
  onResult?: (item: ArchiveQueueItem) => void
  /** Asked between batches: a stopping server ends the pass there instead of at the queue's end. */
  shouldStop?: () => boolean
}

export interface ArchiveQueueItem {
  sourceKey: string
  /** archived: stored now; already: had a capture, not fetched; retrying / failed: this try failed. */
  outcome: 'archived' | 'already' | 'retrying' | 'failed'
  attempts: number
  reason?: string
}

export const ARCHIVE_CONCURRENCY = 3
export const ARCHIVE_HOST_GAP_MS = 2_000

/**
 * One pass of the archive queue: claims due rows a batch at a time and archives them, a few at
 * once and never two requests to one host within `hostGapMs`, until none is due. A source with a
 * capture already is marked archived without a fetch, and a capture is stored in the same
 * transaction that marks its row archived — so a process killed mid-queue never fetches an
 * archived source again after a restart.
 */
export async function runArchiveQueue(options: ArchiveQueueOptions): Promise<ArchiveQueueItem[]> {
  const results: ArchiveQueueItem[] = []
  const concurrency = options.concurrency ?? ARCHIVE_CONCURRENCY
  const hostGapMs = options.hostGapMs ?? ARCHIVE_HOST_GAP_MS
  // Real time, not the clock: the pause is politeness to a remote host, which lives in real time.
  const lastRequestAt = new Map<string, number>()
  const busyHosts = new Set<string>()
  for (;;) {
    const room = options.limit === undefined ? Infinity : options.limit - results.length
    if (room <= 0 || options.shouldStop?.()) break
    const now = options.clock.now()
    const lease = new Date(now.getTime() + ARCHIVE_LEASE_MS)
    const claimed = await claimArchiveQueue(
      options.db,
      now,
      lease,
      Math.min(room, options.batch ?? 6),
    )
    if (claimed.length === 0) break
    const pending = [...claimed]
    const worker = async () => {
      while (pending.length > 0) {
        const at = performance.now()
        const index = pending.findIndex((item) => {
          const host = hostOf(item.url)
          return !busyHosts.has(host) && at - (lastRequestAt.get(host) ?? -Infinity) >= hostGapMs
        })
        if (index < 0) {
          await sleep(Math.min(hostGapMs, 50) || 5)
          continue
        }
        const [item] = pending.splice(index, 1)
        const host = hostOf(item!.url)
        busyHosts.add(host)
        try {
          const result = await archiveOne(options, item!, lease, () =>
            lastRequestAt.set(host, performance.now()),
          )
          results.push(result)
          options.onResult?.(result)
        } finally {
          busyHosts.delete(host)
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, worker))
  }
  return results
}

/**
 * Runs the queue to its end (`parley archive --all`): pass after pass, waiting between them for
 * rows that wait for a retry, until no row is queued.
 */
export async function drainArchiveQueue(
  db: Db,
  options: Omit<ArchiveQueueOptions, 'db'> & {
    onWait?: (until: Date, waiting: number) => void
    wait?: (ms: number) => Promise<unknown>
  },
): Promise<ArchiveQueueItem[]> {
  const results: ArchiveQueueItem[] = []
  for (;;) {
    results.push(...(await runArchiveQueue({ ...options, db })))
    const due = await nextArchiveDue(db)
    if (!due) return results
    const ms = due.getTime() - options.clock.now().getTime()
    if (ms > 0) {
      options.onWait?.(due, await countQueueStatus(db, 'queued'))
      await (options.wait ?? sleep)(ms)
    }
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase()
  } catch {
    return url
  }
}

async function archiveOne(
  options: ArchiveQueueOptions,
  item: ClaimedArchive,
  lease: Date,
  onRequest: () => void,
): Promise<ArchiveQueueItem> {
  const { db, clock } = options
  const base = { sourceKey: item.key, attempts: item.attempts }
  if (await hasSnapshot(db, item.sourceId)) {
    await markArchiveDone(db, item.sourceId, lease, { status: 'archived', at: clock.now() })
    return { ...base, outcome: 'already' }
  }
  let capture: Awaited<ReturnType<typeof capturePage>>
  try {
    onRequest()
    capture = await capturePage(item.url, { clock, fetch: options.fetch })
  } catch (error) {
    const message =
      error instanceof AppError
        ? error.message
        : `the fetch failed (${error instanceof Error ? error.message : String(error)})`
    const reason = archiveFailureReason(message, item.url)
    const now = clock.now()
    const next = afterArchiveFailure(item.attempts, now)
    await markArchiveDone(db, item.sourceId, lease, { ...next, error: reason, at: now })
    return { ...base, outcome: next.status === 'failed' ? 'failed' : 'retrying', reason }
  } finally {
    onRequest()
  }
  await db.transaction(async (tx) => {
    const source = await findSourceById(tx, item.sourceId)
    if (source) await storeCapture(tx, options.actor ?? systemActor, source, capture)
    await markArchiveDone(tx, item.sourceId, lease, { status: 'archived', at: clock.now() })
  })
  return { ...base, outcome: 'archived' }
}

export interface ArchiveJob {
  /** One pass now (tests, operators). */
  runOnce(): Promise<ArchiveQueueItem[]>
  /** Stops scheduling and waits for a pass in progress. */
  stop(): Promise<void>
}

/** The job looks for due rows this often. */
export const ARCHIVE_EVERY_MS = 30_000

/** Runs the archive queue in the server, every `intervalMs`. */
export function startArchiveJob(
  options: ArchiveQueueOptions & { logger: Logger; intervalMs?: number },
): ArchiveJob {
  let stopping = false
  const runOnce = () => runArchiveQueue({ ...options, shouldStop: () => stopping })
  const repeating = repeatEvery(
    options.intervalMs ?? ARCHIVE_EVERY_MS,
    async () => {
      const results = await runOnce()
      if (results.length > 0)
        options.logger.info('archive queue pass', {
          archived: results.filter((r) => r.outcome === 'archived').length,
          retrying: results.filter((r) => r.outcome === 'retrying').length,
          failed: results
            .filter((r) => r.outcome === 'failed')
            .map((r) => `${r.sourceKey}: ${r.reason}`),
        })
    },
    (error) =>
      options.logger.error('archive queue pass failed', {
        error: error instanceof Error ? error.message : String(error),
      }),
  )
  return {
    runOnce,
    stop() {
      stopping = true
      return repeating.stop()
    },
  }
}
