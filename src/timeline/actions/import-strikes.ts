import type { Db } from '../../platform/db/client.ts'
import { AppError, invalidInput } from '../../platform/errors.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import { problemPath, type RowProblem, readCsv } from '../csv.ts'
import {
  groupByLine,
  type ImportReport,
  MAX_LISTED_PROBLEMS,
  MISSILE_ATTACKS_DATASET,
} from '../datasets.ts'
import { nightlyTotals } from '../intensity.ts'
import { createStage, loadStage, type StageValue } from '../staging.repository.ts'
import { parseStrikeFile } from '../strike-file.ts'
import {
  deleteStagedStrikeLines,
  deleteStrikeNights,
  foldExactRepeats,
  listConflictingRepeats,
  listReportFigures,
  mergeStagedStrikes,
  STRIKE_STAGE,
  STRIKE_STAGE_COLUMNS,
  strikeStageRow,
  upsertDataset,
  upsertStrikeNights,
} from '../strikes.repository.ts'
import { EMPTY_WEAPON_TABLE, parseWeaponTable, type WeaponTable } from '../weapons.ts'

export type TextInput = string | AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>

export interface ImportStrikesOptions {
  /** Data set key; the public data set's by default. */
  dataset?: string
  /** Import the good rows and list the bad ones, instead of refusing the whole file. */
  skipBadRows?: boolean
  weapons?: WeaponTable
  /** For a data set other than the public one: how to credit it. */
  title?: string
  attribution?: string
  /** Called every few thousand rows with the number of data rows read so far. */
  onProgress?: (rows: number) => void
}

const BATCH = 10_000

/**
 * Imports a strike file in one transaction. Idempotent: rows are keyed (see strike-file.ts), so the
 * same file twice inserts nothing and a corrected row updates its record. A row that repeats an
 * earlier one exactly is counted once (`duplicates`); repeats with different figures are bad rows. A bad row refuses the
 * whole file — nothing is written — unless `skipBadRows` is set, and then each is reported.
 */
export async function importStrikes(
  db: Db,
  actor: Actor,
  input: TextInput,
  options: ImportStrikesOptions = {},
): Promise<ImportReport> {
  const dataset = options.dataset ?? MISSILE_ATTACKS_DATASET.key
  const weapons = options.weapons ?? EMPTY_WEAPON_TABLE
  return db.transaction(async (tx) => {
    await createStage(tx, STRIKE_STAGE, STRIKE_STAGE_COLUMNS)
    const problems: RowProblem[] = []
    let rows = 0
    let batch: StageValue[][] = []
    // One batch is written while the next is parsed.
    let writing: Promise<void> = Promise.resolve()
    const flush = async () => {
      if (batch.length > 0) {
        const staged = batch
        await writing
        writing = loadStage(tx, STRIKE_STAGE, STRIKE_STAGE_COLUMNS, staged)
        // Handled when awaited above or below; this only keeps Node from calling it unhandled meanwhile.
        writing.catch(() => undefined)
      }
      batch = []
    }
    for await (const item of parseStrikeFile(readCsv(input), weapons)) {
      if (item.kind === 'fatal') throw rowsError('the file cannot be imported', item.problems)
      rows++
      if (item.kind === 'bad_row') problems.push(...item.problems)
      else batch.push(strikeStageRow(item.report.line, item.report))
      if (batch.length >= BATCH) {
        await flush()
        options.onProgress?.(rows)
      }
    }
    await flush()
    await writing
    const conflicts = await listConflictingRepeats(tx)
    for (const lines of conflicts) {
      for (const line of lines) {
        problems.push({
          line,
          column: '(row)',
          message: `lines ${lines.join(', ')} give the same report (time_start, time_end, model, target, launch_place, source) different figures`,
        })
      }
    }
    const skipped = groupByLine(problems)
    if (skipped.length > 0 && !options.skipBadRows) {
      throw rowsError(
        `${skipped.length} of ${rows} rows are bad; nothing was imported (fix them, or skip bad rows: --skip-bad-rows, or skipBadRows=1 over the API)`,
        problems.sort((a, b) => a.line - b.line),
      )
    }
    // Which of the conflicting lines is right cannot be told: skipping drops them all.
    await deleteStagedStrikeLines(tx, conflicts.flat())
    const duplicates = await foldExactRepeats(tx)
    const { inserted, updated, nights } = await mergeStagedStrikes(tx, dataset)
    const totals = nightlyTotals(await listReportFigures(tx, dataset, nights))
    await upsertStrikeNights(tx, dataset, totals, 'reports')
    // A night left with regional tallies only (say, a row re-labelled upstream) has no total.
    const counted = new Set(totals.map((t) => t.night))
    await deleteStrikeNights(
      tx,
      dataset,
      nights.filter((night) => !counted.has(night)),
    )
    await upsertDataset(tx, datasetEntry(dataset, options))
    const report: ImportReport = {
      dataset,
      format: 'strikes',
      rows,
      inserted,
      updated,
      unchanged: rows - skipped.length - duplicates - inserted - updated,
      duplicates,
      skipped,
      nights: nights.length,
    }
    await recordAudit(tx, actor, {
      action: 'import',
      entity: 'strike_reports',
      entityId: dataset,
      after: { ...report, skipped: skipped.length },
    })
    return report
  })
}

function datasetEntry(dataset: string, options: ImportStrikesOptions) {
  if (dataset === MISSILE_ATTACKS_DATASET.key && !options.attribution)
    return MISSILE_ATTACKS_DATASET
  return {
    key: dataset,
    kind: 'strikes' as const,
    title: options.title ?? dataset,
    attribution:
      options.attribution ?? `Strike reports imported as "${dataset}"; source not recorded.`,
    url: null,
  }
}

/** An invalid-input error listing each problem as `line N, column C`. */
export function rowsError(message: string, problems: readonly RowProblem[]): AppError {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => ({
    path: problemPath(p),
    message: p.message,
  }))
  if (problems.length > MAX_LISTED_PROBLEMS) {
    listed.push({
      path: '(more)',
      message: `${problems.length - MAX_LISTED_PROBLEMS} more problems not listed`,
    })
  }
  return invalidInput(message, listed)
}

/** Reads a weapon table (missiles_and_uavs.csv); a table without `model` and `category` is refused. */
export async function readWeaponTable(input: TextInput): Promise<WeaponTable> {
  const records = []
  for await (const record of readCsv(input)) records.push(record)
  const { table, problems } = parseWeaponTable(records)
  if (problems.length > 0) throw rowsError('the weapon table cannot be read', problems)
  if (table.size === 0) throw new AppError('invalid_input', 'the weapon table lists no weapons')
  return table
}
