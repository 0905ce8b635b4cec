import type { Db } from '../../platform/db/client.ts'
import { invalidInput } from '../../platform/errors.ts'
import { listSourcesByKey } from '../../sources/sources.repository.ts'

/** The ids of the ledger sources a write cites, in order; an unknown key is refused by its field. */
export async function requireSourceIds(
  db: Db,
  keys: readonly string[],
  field: string,
): Promise<number[]> {
  const rows = await listSourcesByKey(db, keys)
  const byKey = new Map(rows.map((r) => [r.key, r.id]))
  const unknown = keys
    .map((key, i) => ({ key, i }))
    .filter(({ key }) => !byKey.has(key))
    .map(({ key, i }) => ({
      path: keys.length === 1 && field !== 'sources' ? field : `${field}.${i}`,
      message: `unknown source "${key}"`,
    }))
  if (unknown.length > 0) throw invalidInput('the change cites unknown sources', unknown)
  return keys.map((key) => byKey.get(key)!)
}
