import type { Db } from '../../platform/db/client.ts'
import { invalidInput } from '../../platform/errors.ts'
import { listSourcesByKey } from '../../sources/sources.repository.ts'

/** The ids of the cited sources, in order; an unknown key is refused by its place in the list. */
export async function requireSourceIds(db: Db, keys: readonly string[]): Promise<number[]> {
  const rows = await listSourcesByKey(db, keys)
  const byKey = new Map(rows.map((r) => [r.key, r.id]))
  const unknown = keys
    .map((key, i) => ({ key, i }))
    .filter(({ key }) => !byKey.has(key))
    .map(({ key, i }) => ({ path: `sources.${i}`, message: `unknown source "${key}"` }))
  if (unknown.length > 0) throw invalidInput('the change cites unknown sources', unknown)
  return keys.map((key) => byKey.get(key)!)
}
