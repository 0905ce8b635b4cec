import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import pg from 'pg'
import { acquireDataDirLock, type DataDirLock } from './lock.ts'

/**
 * The database handle every repository takes first. A transaction is one too, so the same
 * repository function works inside and outside a transaction.
 */
export type Db = PgDatabase<PgQueryResultHKT>

export type DatabaseKind = 'pglite' | 'postgres'

export interface Database {
  db: Db
  kind: DatabaseKind
  close(): Promise<void>
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined
  dataDir: string
  /** Pool size for PostgreSQL. */
  poolSize?: number
}

/** Opens PGlite in `dataDir` (holding its lock) or PostgreSQL at `databaseUrl`. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10)
  const lock = acquireDataDirLock(options.dataDir)
  try {
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
