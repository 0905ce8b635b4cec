import type { Db } from '../../platform/db/client.ts'
import { notFound } from '../../platform/errors.ts'
import { type BibliographyStyle, formatBibliography } from '../bibliography.ts'
import { type CslItem, sourceToCsl } from '../csl.ts'
import { firstArchivedAt, listSnapshotsForExport } from '../snapshots.repository.ts'
import { listSources, listSourcesByKey, type SourceRow } from '../sources.repository.ts'
import { buildWarc } from '../warc.ts'

export const SourceExportFormats = ['csl-json', 'apa', 'chicago'] as const
export type SourceExportFormat = (typeof SourceExportFormats)[number]

async function selectSources(db: Db, keys?: readonly string[]): Promise<SourceRow[]> {
  if (keys === undefined || keys.length === 0) return listSources(db, { limit: 100_000 })
  const rows = await listSourcesByKey(db, keys)
  const missing = keys.filter((key) => !rows.some((r) => r.key === key))
  if (missing.length > 0) throw notFound(`source "${missing[0]}"`)
  return rows
}

/** Sources as CSL-JSON items; without URLs when `includeUrls` is false (anonymous readers). */
export async function exportCslItems(
  db: Db,
  options: { keys?: readonly string[]; includeUrls: boolean },
): Promise<CslItem[]> {
  const rows = await selectSources(db, options.keys)
  const accessed = options.includeUrls
    ? await firstArchivedAt(
        db,
        rows.map((r) => r.id),
      )
    : new Map<number, Date>()
  return rows
    .map((row) =>
      sourceToCsl(row, { includeUrl: options.includeUrls, accessed: accessed.get(row.id) }),
    )
    .sort((a, b) => a.id.localeCompare(b.id))
}

/** `parley export sources --format csl-json|apa|chicago`: the ledger in one document. */
export async function exportSources(
  db: Db,
  options: {
    format: SourceExportFormat
    keys?: readonly string[]
    includeUrls: boolean
    html?: boolean
  },
): Promise<string> {
  const items = await exportCslItems(db, options)
  if (options.format === 'csl-json') return `${JSON.stringify(items, null, 2)}\n`
  return formatBibliography(
    items,
    options.format as BibliographyStyle,
    options.html ? 'html' : 'text',
  )
}

/** `parley export warc`: every snapshot (or some sources' snapshots) as one WARC file. */
export async function exportWarc(
  db: Db,
  options: { keys?: readonly string[]; filename: string },
): Promise<{ warc: Uint8Array; records: number }> {
  const sourceIds =
    options.keys === undefined || options.keys.length === 0
      ? undefined
      : (await selectSources(db, options.keys)).map((s) => s.id)
  const snapshots = await listSnapshotsForExport(db, sourceIds)
  const warc = await buildWarc(snapshots, {
    filename: options.filename,
    software: 'Parley evidence ledger',
  })
  return { warc, records: snapshots.length }
}
