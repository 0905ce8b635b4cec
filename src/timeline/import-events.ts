import type { Db } from '../db/client.ts'
import { detailsFromZod, invalidInput } from '../shared/errors.ts'
import { type Actor, recordAudit } from '../staff/audit.repository.ts'
import { type CsvDelimiter, type RowProblem, readCsv } from './csv.ts'
import { groupByLine, type ImportReport } from './datasets.ts'
import {
  CsvMapping,
  type EventLayout,
  type ExternalEvent,
  gdeltLayout,
  mappedLayout,
  parseEventRow,
} from './event-file.ts'
import { upsertExternalEvents } from './external-events.repository.ts'
import { rowsError, type TextInput } from './import-strikes.ts'
import { upsertDataset } from './strikes.repository.ts'

export type ImportEventsOptions =
  | { format: 'gdelt'; dataset?: string; skipBadRows?: boolean }
  | { format: 'csv'; mapping: unknown; skipBadRows?: boolean }

export const GDELT_DATASET = {
  key: 'gdelt',
  kind: 'events' as const,
  title: 'GDELT 2.0 Event Database',
  attribution:
    'The GDELT Project (gdeltproject.org): machine-coded events from news reports, free to use with attribution. ' +
    'Signal, not incident data: Parley keeps root events or events carried by two or more sources, and aggregates them.',
  url: 'https://www.gdeltproject.org/',
}

const BATCH = 1000

/** Checks a mapping file's JSON value; errors name the field (`columns.date`). */
export function parseMapping(value: unknown): CsvMapping {
  const parsed = CsvMapping.safeParse(value)
  if (!parsed.success)
    throw invalidInput('the mapping file is not valid', detailsFromZod(parsed.error.issues))
  return parsed.data
}

/**
 * Imports an event table — a GDELT 2.0 export, or any CSV through a mapping — in one transaction.
 * Rows are keyed by the data set's own identifier, so a re-import inserts nothing and a corrected
 * row updates its record. A bad row refuses the file unless bad rows are to be skipped.
 */
export async function importEvents(
  db: Db,
  actor: Actor,
  input: TextInput,
  options: ImportEventsOptions,
): Promise<ImportReport> {
  const mapping = options.format === 'csv' ? parseMapping(options.mapping) : undefined
  const dataset =
    mapping?.dataset ??
    (options.format === 'gdelt' ? options.dataset : undefined) ??
    GDELT_DATASET.key
  const delimiter: CsvDelimiter | undefined =
    mapping?.delimiter === 'tab' ? '\t' : (mapping?.delimiter as CsvDelimiter | undefined)
  return db.transaction(async (tx) => {
    const problems: RowProblem[] = []
    const seen = new Map<string, number>()
    let layout: EventLayout | undefined
    let rows = 0
    let inserted = 0
    let updated = 0
    let batch: ExternalEvent[] = []
    // One batch is written while the next is parsed: the database and the parser each get a core.
    let writing: Promise<void> = Promise.resolve()
    const flush = async () => {
      if (batch.length > 0 && (problems.length === 0 || options.skipBadRows)) {
        const rows = batch
        await writing
        writing = upsertExternalEvents(tx, dataset, rows).then((counts) => {
          inserted += counts.inserted
          updated += counts.updated
        })
        // Handled when awaited above or below; this only keeps Node from calling it unhandled meanwhile.
        writing.catch(() => undefined)
      }
      batch = []
    }
    for await (const record of readCsv(input, delimiter ? { delimiter } : {})) {
      if (!layout) {
        const read = mapping ? mappedLayout(mapping, record) : gdeltLayout(record)
        if (!read.ok) throw rowsError('the file cannot be imported', read.problems)
        layout = read.layout
        if (layout.hasHeader) continue
      }
      rows++
      const parsed = parseEventRow(record, layout)
      if (!parsed.ok) {
        problems.push(...parsed.problems)
        continue
      }
      const earlier = seen.get(parsed.event.externalId)
      if (earlier !== undefined) {
        problems.push({
          line: record.line,
          column: layout.idColumns.map((c) => c.name).join('+'),
          message: `"${parsed.event.externalId}" identifies line ${earlier} already`,
        })
        continue
      }
      seen.set(parsed.event.externalId, record.line)
      batch.push(parsed.event)
      if (batch.length >= BATCH) await flush()
    }
    if (!layout) throw invalidInput('the file is empty')
    await flush()
    await writing
    const skipped = groupByLine(problems)
    if (skipped.length > 0 && !options.skipBadRows) {
      throw rowsError(
        `${skipped.length} of ${rows} rows are bad; nothing was imported (fix them, or skip bad rows: --skip-bad-rows, or skipBadRows=1 over the API)`,
        problems,
      )
    }
    await upsertDataset(
      tx,
      mapping
        ? {
            key: dataset,
            kind: 'events',
            title: mapping.title ?? dataset,
            attribution:
              mapping.attribution ?? `Events imported as "${dataset}"; source not recorded.`,
            url: mapping.url ?? null,
          }
        : dataset === GDELT_DATASET.key
          ? GDELT_DATASET
          : { ...GDELT_DATASET, key: dataset },
    )
    const report: ImportReport = {
      dataset,
      format: options.format,
      rows,
      inserted,
      updated,
      unchanged: rows - skipped.length - inserted - updated,
      skipped,
    }
    await recordAudit(tx, actor, {
      action: 'import',
      entity: 'external_events',
      entityId: dataset,
      after: { ...report, skipped: skipped.length },
    })
    return report
  })
}
