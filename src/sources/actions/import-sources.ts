import type { Db } from '../../platform/db/client.ts'
import { invalidInput } from '../../platform/errors.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import { queueSourcesForArchive } from '../archive-queue.repository.ts'
import { parseCslImport } from '../csl.ts'
import {
  insertSources,
  listSourcesByKey,
  listSourcesByNormalizedUrl,
} from '../sources.repository.ts'
import { normalizeUrl } from '../url.ts'

export interface CslImportReport {
  created: string[]
  /** Items whose address is in the ledger already, by their key there. */
  existing: { id: string; key: string }[]
  /** New sources put in the archive queue (none with `archive: false`). */
  queued: number
}

export interface CslImportOptions {
  /** Queue the new sources for the archive job; true unless `--no-archive`. */
  archive?: boolean
  now?: Date
}

/**
 * Imports a CSL-JSON array in one transaction. An item whose address is in the ledger already is
 * left as it is and reported; an id that is taken by a different address is refused, as is any
 * malformed item — naming its JSON path. Nothing is fetched here: the new sources are queued for
 * the archive job in the same transaction (unless `archive` is false).
 */
export async function importCslSources(
  db: Db,
  actor: Actor,
  value: unknown,
  options: CslImportOptions = {},
): Promise<CslImportReport> {
  const parsed = parseCslImport(value)
  if (!parsed.ok)
    throw invalidInput(
      `the CSL-JSON has ${parsed.problems.length} problem${parsed.problems.length === 1 ? '' : 's'}`,
      parsed.problems,
    )
  return db.transaction(async (tx) => {
    const items = parsed.items.map((item) => ({ ...item, normalizedUrl: normalizeUrl(item.url)! }))
    const byUrl = new Map(
      (
        await listSourcesByNormalizedUrl(
          tx,
          items.map((i) => i.normalizedUrl),
        )
      ).map((s) => [s.normalizedUrl, s]),
    )
    const byKey = new Map(
      (
        await listSourcesByKey(
          tx,
          items.map((i) => i.key),
        )
      ).map((s) => [s.key, s]),
    )
    const problems: { path: string; message: string }[] = []
    const seenKeys = new Map<string, number>()
    const seenUrls = new Map<string, number>()
    const report: CslImportReport = { created: [], existing: [], queued: 0 }
    const toCreate: typeof items = []
    items.forEach((item, index) => {
      const sameUrl = byUrl.get(item.normalizedUrl)
      if (sameUrl) {
        report.existing.push({ id: item.key, key: sameUrl.key })
        return
      }
      const sameKey = byKey.get(item.key)
      if (sameKey)
        problems.push({
          path: `$[${index}].id`,
          message: `key "${item.key}" is used in the ledger for ${sameKey.url}`,
        })
      if (seenKeys.has(item.key))
        problems.push({
          path: `$[${index}].id`,
          message: `same id as $[${seenKeys.get(item.key)}]`,
        })
      if (seenUrls.has(item.normalizedUrl))
        problems.push({
          path: `$[${index}].URL`,
          message: `same address as $[${seenUrls.get(item.normalizedUrl)}]`,
        })
      seenKeys.set(item.key, index)
      seenUrls.set(item.normalizedUrl, index)
      toCreate.push(item)
    })
    if (problems.length > 0)
      throw invalidInput('the CSL-JSON clashes with the ledger; nothing imported', problems)
    const created = await insertSources(tx, toCreate)
    report.created = created.map((s) => s.key)
    if (options.archive !== false)
      report.queued = await queueSourcesForArchive(
        tx,
        created.map((s) => s.id),
        options.now ?? new Date(),
      )
    await recordAudit(tx, actor, {
      action: 'import',
      entity: 'source',
      entityId: null,
      after: {
        format: 'csl-json',
        created: report.created,
        existing: report.existing.length,
        queued: report.queued,
      },
    })
    return report
  })
}
