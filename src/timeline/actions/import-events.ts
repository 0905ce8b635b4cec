import type { Db } from '../../platform/db/client.ts'
import { detailsFromZod, invalidInput } from '../../platform/errors.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import { type CsvDelimiter, type RowProblem, readCsv } from '../csv.ts'
import { groupByLine, type ImportReport } from '../datasets.ts'
import {
  CsvMapping,
  type EventLayout,
  gdeltLayout,
  mappedLayout,
  parseEventRow,
} from '../event-file.ts'
import {
  deleteStagedLines,
  EVENT_STAGE_COLUMNS,
  listRepeatedEventIds,
  mergeStagedEvents,
  stageRow,
} from '../external-events.repository.ts'
import { createStage, loadStage, type StageValue } from '../staging.repository.ts'
import { upsertDataset } from '../strikes.repository.ts'
import { rowsError, type TextInput } from './import-strikes.ts'

export type ImportEventsOptions =
  | ({ format: 'gdelt'; dataset?: string } & ImportProgress)
  | ({ format: 'csv'; mapping: unknown } & ImportProgress)

interface ImportProgress {
  skipBadRows?: boolean
  /** Called every few thousand rows with the number of data rows read so far. */
  onProgress?: (rows: number) => void
}

export const GDELT_DATASET = {
  key: 'gdelt',
  kind: 'events' as const,
  title: 'GDELT 2.0 Event Database',
  attribution:
    'The GDELT Project (gdeltproject.org): machine-coded events from news reports, free to use with attribution. ' +
    'Signal, not incident data: Parley keeps root events or events carried by two or more sources, and aggregates them.',
  url: 'https://www.gdeltproject.org/',
}

// Rows per staging write: a COPY of 10,000 rows is about 0.5 MB of text.
const BATCH = 10_000
const EVENT_STAGE = 'event_stage'

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
    await createStage(tx, EVENT_STAGE, EVENT_STAGE_COLUMNS)
    const problems: RowProblem[] = []
    let layout: EventLayout | undefined
    let rows = 0
    let batch: StageValue[][] = []
    // One batch is written while the next is parsed: the database and the parser each get a core.
    let writing: Promise<void> = Promise.resolve()
    const flush = async () => {
      // Staged even after a bad row: repeated identifiers are found in the staging table.
      if (batch.length > 0) {
        const staged = batch
        await writing
        writing = loadStage(tx, EVENT_STAGE, EVENT_STAGE_COLUMNS, staged)
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
      if (!parsed.ok) problems.push(...parsed.problems)
      else batch.push(stageRow(record.line, parsed.event))
      if (batch.length >= BATCH) {
        await flush()
        options.onProgress?.(rows)
      }
    }
    if (!layout) throw invalidInput('the file is empty')
    await flush()
    await writing
    // Identifiers are checked in the database, so memory does not grow with the file.
    const idColumn = layout.idColumns.map((c) => c.name).join('+')
    const repeats = await listRepeatedEventIds(tx, EVENT_STAGE)
    for (const repeat of repeats) {
      problems.push({
        line: repeat.line,
        column: idColumn,
        message: `"${repeat.externalId}" identifies line ${repeat.firstLine} already`,
      })
    }
    const skipped = groupByLine(problems)
    if (skipped.length > 0 && !options.skipBadRows) {
      throw rowsError(
        `${skipped.length} of ${rows} rows are bad; nothing was imported (fix them, or skip bad rows: --skip-bad-rows, or skipBadRows=1 over the API)`,
        problems.sort((a, b) => a.line - b.line),
      )
    }
    // Skipping bad rows keeps the first line of a repeated identifier, as the file reads.
    await deleteStagedLines(
      tx,
      EVENT_STAGE,
      repeats.map((r) => r.line),
    )
    const { inserted, updated } = await mergeStagedEvents(tx, dataset, EVENT_STAGE)
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
