import { isoDay } from '../platform/time.ts'

/** Tries before a source is failed for good: the first and three retries. */
export const ARCHIVE_MAX_ATTEMPTS = 4

/** Wait before try n + 1 after n failed tries: 1, 5, 25 minutes. */
export function archiveRetryDelayMs(attempts: number): number {
  return 60_000 * 5 ** Math.max(0, attempts - 1)
}

/**
 * How long a claimed row is held by the process that claimed it. Longer than any one fetch (the
 * fetch deadline is well under a minute) so that a live process never loses a row it is working
 * on; a process that died leaves its rows to be claimed again after this.
 */
export const ARCHIVE_LEASE_MS = 10 * 60_000

/** What a failed try leaves: queued again later, or failed for good after the last try. */
export function afterArchiveFailure(
  attempts: number,
  now: Date,
): { status: 'queued' | 'failed'; nextAttemptAt: Date } {
  if (attempts >= ARCHIVE_MAX_ATTEMPTS) return { status: 'failed', nextAttemptAt: now }
  return {
    status: 'queued',
    nextAttemptAt: new Date(now.getTime() + archiveRetryDelayMs(attempts)),
  }
}

/**
 * A fetch error as the ledger says it: without the address (the page shows it already) and in
 * plain words for the common network failures. Messages come from archive-fetch.ts.
 */
export function archiveFailureReason(message: string, url: string): string {
  let reason = message.replace(/^\S+: (?=\S)/, (prefix) =>
    prefix === `${url}: ` || /^https?:\/\//.test(prefix) ? '' : prefix,
  )
  reason = reason.replace(/; nothing archived$/, '')
  // The reason shows on the public page, where readers without access may not see the address:
  // no address or host name stays in it.
  const refused = /^refused to fetch from \S+: (.*)$/.exec(reason)
  if (refused) reason = `refused by the address policy: ${refused[1]}`
  const host = hostnameOf(url)
  if (host) reason = reason.replaceAll(host, 'the host')
  const unreachable = /^unreachable \((.*)\)$/.exec(reason)
  if (unreachable) {
    const why = unreachable[1]!
    if (why === 'connection refused') return 'the host refused the connection'
    if (why === 'no such host') return 'no such host (the name does not resolve)'
    if (why === 'connection reset') return 'the host reset the connection'
    return `unreachable (${why})`
  }
  reason = reason.replace(/https?:\/\/\S+/g, 'another address')
  const line = reason.replace(/\s+/g, ' ').trim()
  return line.length > 300 ? `${line.slice(0, 297)}...` : line
}

function hostnameOf(url: string): string | undefined {
  try {
    return new URL(url).hostname || undefined
  } catch {
    return undefined
  }
}

/** The ledger's words for a source's archive state, one line. */
export function archiveStateLine(state: ArchiveState): string {
  switch (state.kind) {
    case 'archived':
      return `archived on ${isoDay(state.at)}`
    case 'queued':
      return state.attempts > 0
        ? `queued for archiving (tried ${times(state.attempts)} so far${state.lastError ? `: ${state.lastError}` : ''})`
        : 'queued for archiving'
    case 'failed':
      return `not archived: ${state.reason} (tried ${times(state.attempts)}${state.lastAttemptAt ? `, last on ${isoDay(state.lastAttemptAt)}` : ''})`
    case 'none':
      return 'not archived yet'
  }
}

function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`
}

/** Where a source stands: its first capture, its place in the queue, or nothing. */
export type ArchiveState =
  | { kind: 'archived'; at: Date }
  | { kind: 'queued'; attempts: number; lastError: string | null }
  | { kind: 'failed'; reason: string; attempts: number; lastAttemptAt: Date | null }
  | { kind: 'none' }

/** A source's state from its newest capture (if any) and its queue row (if any). */
export function archiveStateOf(
  lastArchivedAt: Date | null,
  queue:
    | {
        status: 'held' | 'queued' | 'archived' | 'failed'
        attempts: number
        lastError: string | null
        lastAttemptAt: Date | null
      }
    | undefined
    | null,
): ArchiveState {
  if (lastArchivedAt) return { kind: 'archived', at: lastArchivedAt }
  if (queue?.status === 'queued')
    return { kind: 'queued', attempts: queue.attempts, lastError: queue.lastError }
  if (queue?.status === 'failed')
    return {
      kind: 'failed',
      reason: queue.lastError ?? 'the fetch failed',
      attempts: queue.attempts,
      lastAttemptAt: queue.lastAttemptAt,
    }
  return { kind: 'none' }
}
