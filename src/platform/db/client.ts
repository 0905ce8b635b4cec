import { lstatSync } from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import pg from 'pg'
import { acquireDataDirLock, type DataDirLock } from './lock.ts'
import { removeStaleSocket, SOCKET_PORT, socketPathOf } from './socket-server.ts'

/**
 * The database handle every repository takes first. A transaction is one too, so the same
 * repository function works inside and outside a transaction.
 */
export type Db = PgDatabase<PgQueryResultHKT>

export type DatabaseKind = 'pglite' | 'postgres'

export interface Database {
  db: Db
  kind: DatabaseKind
  /** The embedded database itself, when this process holds the data directory. */
  pglite?: PGlite
  /** True when the database is a running server's, reached through its socket. */
  viaServer?: boolean
  close(): Promise<void>
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined
  dataDir: string
  /** Pool size for PostgreSQL. */
  poolSize?: number
  /**
   * Use the database of a server running on `dataDir` through its socket, if there is one (the
   * CLI); a server never does, so that a second one is still refused.
   */
  viaRunningServer?: boolean
}

/**
 * Opens PostgreSQL at `databaseUrl`; else, with `viaRunningServer`, the embedded database of a
 * server running on `dataDir` through its socket; else PGlite in `dataDir`, holding its lock.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10)
  if (options.viaRunningServer) {
    const viaServer = await openServerSocket(options.dataDir)
    if (viaServer) return viaServer
  }
  const lock = acquireDataDirLock(options.dataDir)
  try {
    // Holding the lock, no server runs here: a socket left behind is a crashed one's.
    removeStaleSocket(options.dataDir)
    return await openPglite(path.join(options.dataDir, 'pglite'), lock)
  } catch (error) {
    lock.release()
    throw error
  }
}

async function openPglite(dir: string, lock: DataDirLock | undefined): Promise<Database> {
  const client = await PGlite.create(dir)
  const db = drizzlePglite(client) as unknown as Db
  return {
    db,
    kind: 'pglite',
    pglite: client,
    async close() {
      try {
        await client.close()
      } finally {
        lock?.release()
      }
    },
  }
}

/** An in-memory PGlite, for tests and benchmarks: nothing on disk, nothing to lock. */
export async function openMemoryDatabase(): Promise<Database> {
  const client = await PGlite.create()
  return {
    db: drizzlePglite(client) as unknown as Db,
    kind: 'pglite',
    pglite: client,
    close: () => client.close(),
  }
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max })
  // An idle connection the server drops (restart, failover, admin) is discarded by the pool; without
  // a listener its 'error' event would crash the process.
  pool.on('error', () => {})
  // Fail now, with the server's reason, rather than on the first request.
  const probe = await pool.connect()
  probe.release()
  return {
    db: drizzlePg(pool) as unknown as Db,
    kind: 'postgres',
    close: () => pool.end(),
  }
}

/**
 * The database of the server running on `dataDir`, over its socket, or undefined when there is
 * none to use: no socket, one not ours (another user's, or open to others), or one nobody listens
 * on (a server that crashed; the lock then decides). Its kind is 'postgres': the server speaks the
 * PostgreSQL protocol, and the CLI takes the same code path as on a PostgreSQL server.
 */
async function openServerSocket(dataDir: string): Promise<Database | undefined> {
  if (typeof process.getuid !== 'function') return undefined
  const file = socketPathOf(dataDir)
  try {
    const stat = lstatSync(file)
    if (!stat.isSocket() || stat.uid !== process.getuid() || (stat.mode & 0o077) !== 0)
      return undefined
  } catch {
    return undefined
  }
  // One connection: the server's session is one, and it serves one client at a time anyway.
  const pool = new pg.Pool({
    host: path.resolve(dataDir),
    port: SOCKET_PORT,
    user: 'postgres',
    database: 'postgres',
    // A local socket has nothing to encrypt; PGSSLMODE in the environment must not ask for it.
    ssl: false,
    max: 1,
  })
  pool.on('error', () => {})
  try {
    const probe = await pool.connect()
    probe.release()
  } catch (error) {
    await pool.end().catch(() => {})
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ECONNREFUSED' || code === 'ENOENT') return undefined
    throw error
  }
  return {
    db: drizzlePg(pool) as unknown as Db,
    kind: 'postgres',
    viaServer: true,
    close: () => pool.end(),
  }
}
