import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { sql } from 'drizzle-orm'
import { readMigrationFiles } from 'drizzle-orm/migrator'
import { createScratchDatabase, onPostgres } from '../../../test/db.ts'
import { type Database, openDatabase, openMemoryDatabase } from './client.ts'
import { MIGRATIONS_FOLDER, migrate, rowsOf } from './migrate.ts'

const migrationCount = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).length

/**
 * Two handles on one fresh database. On PostgreSQL they are two pools, as two server processes
 * starting at once would hold; PGlite has one connection, so both are the same handle.
 */
async function twoHandles(): Promise<[Database, Database]> {
  if (!onPostgres) {
    const database = await openMemoryDatabase()
    after(() => database.close())
    return [database, database]
  }
  const scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL!)
  const first = await openDatabase({ databaseUrl: scratch.url, dataDir: '', poolSize: 2 })
  const second = await openDatabase({ databaseUrl: scratch.url, dataDir: '', poolSize: 2 })
  after(async () => {
    await first.close()
    await second.close()
    await scratch.drop()
  })
  return [first, second]
}

test('two migrations started at once apply each migration exactly once', async () => {
  const [first, second] = await twoHandles()

  const applied = await Promise.all([migrate(first), migrate(second)])

  assert.equal(applied[0] + applied[1], migrationCount)
  assert.ok(applied.includes(0), `one run waits and finds nothing left: ${applied}`)
  const rows = rowsOf<{ n: string | number }>(
    await first.db.execute(sql`select count(*) as n from drizzle.__drizzle_migrations`),
  )
  assert.equal(Number(rows[0]!.n), migrationCount)
})

test('migrating an up-to-date database applies nothing and changes nothing', async () => {
  const [database] = await twoHandles()
  await migrate(database)

  const again = await migrate(database)

  assert.equal(again, 0)
  const rows = rowsOf<{ n: string | number }>(
    await database.db.execute(sql`select count(*) as n from drizzle.__drizzle_migrations`),
  )
  assert.equal(Number(rows[0]!.n), migrationCount)
})
