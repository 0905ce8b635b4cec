import { eq, inArray } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { sources } from './sources.schema.ts'

export type SourceRow = typeof sources.$inferSelect
export type NewSourceRow = typeof sources.$inferInsert

export async function findSourceByKey(db: Db, key: string): Promise<SourceRow | undefined> {
  const [row] = await db.select().from(sources).where(eq(sources.key, key))
  return row
}

export async function listSourcesByNormalizedUrl(
  db: Db,
  urls: readonly string[],
): Promise<SourceRow[]> {
  if (urls.length === 0) return []
  return db
    .select()
    .from(sources)
    .where(inArray(sources.normalizedUrl, [...urls]))
}

export async function listSourcesByKey(db: Db, keys: readonly string[]): Promise<SourceRow[]> {
  if (keys.length === 0) return []
  return db
    .select()
    .from(sources)
    .where(inArray(sources.key, [...keys]))
}

export async function insertSources(db: Db, rows: readonly NewSourceRow[]): Promise<SourceRow[]> {
  if (rows.length === 0) return []
  return db
    .insert(sources)
    .values([...rows])
    .returning()
}
