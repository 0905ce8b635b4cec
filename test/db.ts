import { randomBytes } from 'node:crypto'
import { after } from 'node:test'
import pg from 'pg'
import { type Database, openDatabase, openMemoryDatabase } from '../src/platform/db/client.ts'
import { migrate } from '../src/platform/db/migrate.ts'

/**
 * A migrated database for one test file: an in-memory PGlite, or — with TEST_DATABASE_URL set —
 * a fresh database created on that PostgreSQL server and dropped afterwards. Closed after the file.
 */
export async function openTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL
  const database = url ? await openScratchPostgres(url) : await openMemoryDatabase()
  await migrate(database)
  after(() => database.close())
  return database
}

/**
 * Creates an empty database on the server at `url` and returns its URL, with a function that
 * drops it. For tests that open the database themselves (the CLI, the real server).
 */
export async function createScratchDatabase(
  url: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `parley_test_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const scratch = new URL(url)
  scratch.pathname = `/${name}`
  return {
    url: scratch.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: url })
      await dropper.connect()
      await dropper.query(`drop database if exists ${name} with (force)`)
      await dropper.end()
    },
  }
}

async function openScratchPostgres(url: string): Promise<Database> {
  const scratch = await createScratchDatabase(url)
  const database = await openDatabase({ databaseUrl: scratch.url, dataDir: '', poolSize: 4 })
  return {
    ...database,
    async close() {
      await database.close()
      await scratch.drop()
    },
  }
}

/** True when the suite runs against a PostgreSQL server. */
export const onPostgres = Boolean(process.env.TEST_DATABASE_URL)
