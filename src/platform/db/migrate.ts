import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { readMigrationFiles } from 'drizzle-orm/migrator'
import type { Database } from './client.ts'

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../drizzle', import.meta.url))

// Several server processes may start at once against one PostgreSQL: one migrates, the rest wait.
const MIGRATION_LOCK = 72_417_001

/** Applies pending migrations; returns how many were applied. */
export async function migrate(database: Database): Promise<number> {
  const migrations = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER })
  // One transaction on one connection: the advisory lock is released when it ends.
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`)
    await tx.execute(sql`create schema if not exists drizzle`)
    await tx.execute(sql`
      create table if not exists drizzle.__drizzle_migrations (
        id serial primary key, hash text not null, created_at bigint)`)
    const rows = await tx.execute(
      sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
    )
    const last = Number(rowsOf<{ created_at: string | number }>(rows)[0]?.created_at ?? 0)
    const pending = migrations.filter((migration) => migration.folderMillis > last)
    for (const migration of pending) {
      for (const statement of migration.sql) {
        if (statement.trim() !== '') await tx.execute(sql.raw(statement))
      }
      await tx.execute(
        sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${migration.hash}, ${migration.folderMillis})`,
      )
    }
    return pending.length
  })
}

/** `execute` answers `{ rows }` on both drivers. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows
}
