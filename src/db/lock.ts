import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import path from 'node:path'
import { AppError } from '../shared/errors.ts'

/**
 * PGlite does not protect a data directory from a second process: in a probe a committed row of
 * the second opener vanished without an error. So whoever opens the directory (server or CLI)
 * holds `parley.lock` (O_EXCL create, pid inside) and everyone else refuses before touching it.
 */
export interface DataDirLock {
  readonly path: string
  release(): void
}

const LOCK_NAME = 'parley.lock'
const TAKEOVER_NAME = 'parley.lock.takeover'
// A takeover marker older than this was left by a process that died mid-takeover.
const TAKEOVER_STALE_MS = 10_000

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
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim().split('\n')[0] ?? '', 10)
    return Number.isNaN(pid) ? undefined : pid
  } catch {
    return undefined
  }
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

/** Takes the lock on `dir` (created if missing), or throws `locked` naming the holder's pid. */
export function acquireDataDirLock(dir: string): DataDirLock {
  mkdirSync(dir, { recursive: true })
  const lockPath = path.join(dir, LOCK_NAME)
  const takeoverPath = path.join(dir, TAKEOVER_NAME)
  const content = `${process.pid}\n${new Date().toISOString()}\n`

  for (let attempt = 0; attempt < 3; attempt++) {
    if (createExclusive(lockPath, content)) return held(lockPath)

    const holder = readPid(lockPath)
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
      if (createExclusive(lockPath, content)) return held(lockPath)
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

function held(lockPath: string): DataDirLock {
  let released = false
  return {
    path: lockPath,
    release() {
      if (released) return
      released = true
      if (readPid(lockPath) === process.pid) removeQuietly(lockPath)
    },
  }
}
