import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  readlinkSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeSync,
} from 'node:fs'
import { hostname } from 'node:os'
import path from 'node:path'
import { AppError } from '../errors.ts'

/**
 * PGlite does not protect a data directory from a second process: in a probe a committed row of
 * the second opener vanished without an error. So whoever opens the directory (server or CLI)
 * holds `parley.lock` (O_EXCL create, pid inside) and everyone else refuses before touching it.
 *
 * A pid means something only inside one pid namespace on one boot of one machine, and two
 * containers sharing a volume are not that (docs/decisions/0006-data-directory-lock.md). So the
 * lock also names its holder's host, boot id and pid namespace; a lock from elsewhere is never
 * judged by its pid, only refused, and its holder touches it every few seconds (the heartbeat) so
 * that a refusal can say whether that holder still looks alive.
 */
export interface DataDirLock {
  readonly path: string
  release(): void
}

const LOCK_NAME = 'parley.lock'
/** How often the holder refreshes the lock file's modification time, in milliseconds. */
export const HEARTBEAT_MS = 5_000
/** A heartbeat older than this (in milliseconds) is reported as stopped. */
export const HEARTBEAT_STALE_MS = 30_000
const TAKEOVER_NAME = 'parley.lock.takeover'
// A takeover marker older than this was left by a process that died mid-takeover.
const TAKEOVER_STALE_MS = 10_000

/** Where a pid is meaningful: this machine, this boot, this pid namespace. */
export interface LockOwner {
  pid: number | undefined
  host: string | undefined
  bootId: string | undefined
  pidNamespace: string | undefined
  started: string | undefined
}

function readQuietly(read: () => string): string | undefined {
  try {
    return read().trim() || undefined
  } catch {
    return undefined
  }
}

/** This process as a lock holder (boot id and namespace are Linux's; elsewhere they are absent). */
export function currentOwner(): LockOwner {
  return {
    pid: process.pid,
    host: hostname(),
    bootId: readQuietly(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8')),
    // "pid:[4026531836]": the namespace's inode, the same for every process that shares it.
    pidNamespace: readQuietly(() => readlinkSync('/proc/self/ns/pid')),
    started: new Date(Date.now() - process.uptime() * 1000).toISOString(),
  }
}

function lockContent(owner: LockOwner): string {
  // The pid stays the first line, as locks written before the other fields were added have it.
  return [
    `${owner.pid}`,
    `host=${owner.host ?? ''}`,
    `boot=${owner.bootId ?? ''}`,
    `pidns=${owner.pidNamespace ?? ''}`,
    `started=${owner.started ?? ''}`,
    '',
  ].join('\n')
}

function readOwner(file: string): LockOwner | undefined {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
  const [first = '', ...rest] = text.split('\n')
  const fields = new Map(
    rest.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  )
  const pid = Number.parseInt(first.trim(), 10)
  const field = (name: string) => fields.get(name)?.trim() || undefined
  return {
    pid: Number.isNaN(pid) ? undefined : pid,
    host: field('host'),
    bootId: field('boot'),
    pidNamespace: field('pidns'),
    started: field('started'),
  }
}

/**
 * True when the lock's pid can be checked from here: same host, boot and pid namespace. A lock
 * that does not say (written before these fields existed) is taken as local, as it always was.
 */
export function sameNamespace(holder: LockOwner, self: LockOwner): boolean {
  const differs = (a: string | undefined, b: string | undefined) =>
    a !== undefined && b !== undefined && a !== b
  return !(
    differs(holder.host, self.host) ||
    differs(holder.bootId, self.bootId) ||
    differs(holder.pidNamespace, self.pidNamespace)
  )
}

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readPid(file: string): number | undefined {
  return readOwner(file)?.pid
}

function createExclusive(file: string, content: string): boolean {
  try {
    const fd = openSync(file, 'wx', 0o644)
    writeSync(fd, content)
    closeSync(fd)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file)
  } catch {
    // already gone
  }
}

function lockedBy(pid: number | undefined, dir: string): AppError {
  return new AppError(
    'locked',
    `the data directory ${dir} is in use by another Parley process (pid ${pid ?? 'unknown'}); stop it first or use another PARLEY_DATA_DIR`,
  )
}

function lockedElsewhere(owner: LockOwner, lockPath: string, dir: string): AppError {
  const beatAgo = Math.round((Date.now() - safeMtime(lockPath)) / 1000)
  const who =
    `Parley pid ${owner.pid ?? 'unknown'} on host ${owner.host ?? 'unknown'}` +
    ` (pid namespace ${owner.pidNamespace ?? 'unknown'}, boot ${owner.bootId ?? 'unknown'}` +
    `${owner.started ? `, started ${owner.started}` : ''})`
  const state =
    beatAgo * 1000 > HEARTBEAT_STALE_MS
      ? `its heartbeat stopped ${beatAgo} s ago, so it may be gone: make sure no Parley on that host or container uses ${dir}, then delete ${lockPath}`
      : `its heartbeat is ${beatAgo} s old, so it is running: stop it first or use another PARLEY_DATA_DIR`
  return new AppError(
    'locked',
    `the data directory ${dir} is in use by ${who}, another machine or container sharing this directory; ${state}`,
  )
}

/**
 * Takes the lock on `dir` (created if missing), or throws `locked` naming the holder: its pid, and
 * for a holder in another host, boot or pid namespace, that too and how fresh its heartbeat is.
 */
export function acquireDataDirLock(
  dir: string,
  options: { heartbeatMs?: number } = {},
): DataDirLock {
  mkdirSync(dir, { recursive: true })
  const lockPath = path.join(dir, LOCK_NAME)
  const takeoverPath = path.join(dir, TAKEOVER_NAME)
  const self = currentOwner()
  const content = lockContent(self)
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS

  for (let attempt = 0; attempt < 3; attempt++) {
    if (createExclusive(lockPath, content)) return held(lockPath, heartbeatMs)

    const owner = readOwner(lockPath)
    // Its pid names some other process here, or none: never a reason to take the lock over.
    if (owner && !sameNamespace(owner, self)) throw lockedElsewhere(owner, lockPath, dir)
    const holder = owner?.pid
    if (holder === process.pid) throw lockedBy(holder, dir)
    if (holder !== undefined && pidAlive(holder)) throw lockedBy(holder, dir)
    // The lock may be mid-write (pid not yet in it): treat a fresh unreadable lock as held.
    if (holder === undefined) {
      const age = Date.now() - safeMtime(lockPath)
      if (age < TAKEOVER_STALE_MS) throw lockedBy(undefined, dir)
    }

    // Stale: its holder is gone. Only one process may clear it, or two could both "take over".
    if (!createExclusive(takeoverPath, content)) {
      if (Date.now() - safeMtime(takeoverPath) > TAKEOVER_STALE_MS) removeQuietly(takeoverPath)
      continue
    }
    try {
      if (readPid(lockPath) === holder) removeQuietly(lockPath)
      if (createExclusive(lockPath, content)) return held(lockPath, heartbeatMs)
    } finally {
      removeQuietly(takeoverPath)
    }
  }
  throw lockedBy(readPid(lockPath), dir)
}

function safeMtime(file: string): number {
  try {
    return statSync(file).mtimeMs
  } catch {
    return 0
  }
}

function held(lockPath: string, heartbeatMs: number): DataDirLock {
  let released = false
  // The heartbeat: a process in another container cannot ask whether our pid lives, but it can
  // see the lock file's modification time move.
  const heartbeat = setInterval(() => {
    try {
      const now = new Date()
      utimesSync(lockPath, now, now)
    } catch {
      // Removed under us; the next opener will say so. Nothing to refresh.
    }
  }, heartbeatMs)
  heartbeat.unref()
  return {
    path: lockPath,
    release() {
      if (released) return
      released = true
      clearInterval(heartbeat)
      if (readPid(lockPath) === process.pid) removeQuietly(lockPath)
    },
  }
}
