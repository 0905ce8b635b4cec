import { randomBytes } from 'node:crypto'
import { after } from 'node:test'
import pg from 'pg'
import { type Database, openDatabase, openMemoryDatabase } from '../src/db/client.ts'
import { migrate } from '../src/db/migrate.ts'

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

async function openScratchPostgres(url: string): Promise<Database> {
  const name = `parley_test_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const scratch = new URL(url)
  scratch.pathname = `/${name}`
  const database = await openDatabase({ databaseUrl: scratch.toString(), dataDir: '', poolSize: 4 })
  return {
    ...database,
    async close() {
      await database.close()
      const dropper = new pg.Client({ connectionString: url })
      await dropper.connect()
      await dropper.query(`drop database if exists ${name} with (force)`)
      await dropper.end()
    },
  }
}

/** True when the suite runs against a PostgreSQL server. */
export const onPostgres = Boolean(process.env.TEST_DATABASE_URL)
