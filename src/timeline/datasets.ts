import type { RowProblem } from './csv.ts'

/** The strike data set Parley knows by name, with the attribution its README gives. */
export const MISSILE_ATTACKS_DATASET = {
  key: 'missile-attacks-ukraine',
  kind: 'strikes' as const,
  title: 'Massive Missile Attacks on Ukraine',
  attribution:
    'Massive Missile Attacks on Ukraine, compiled by Petro Ivaniuk (Kaggle piterfm/massive-missile-attacks-on-ukraine) ' +
    'from Ukrainian Air Force (kpszsu) posts; counts are claims of one party to the war. No licence is stated in the copy ' +
    'used (GitHub vovaara-droid/graphrag-learning, commit 1128331); the Kaggle page is the licensing authority.',
  url: 'https://www.kaggle.com/datasets/piterfm/massive-missile-attacks-on-ukraine',
}

/** What an import did: every data row is inserted, updated, unchanged or skipped (with reasons). */
export interface ImportReport {
  dataset: string
  format: 'strikes' | 'gdelt' | 'csv'
  /** Data rows read (the header not counted). */
  rows: number
  inserted: number
  updated: number
  unchanged: number
  /** Rows left out because the operator asked to skip bad rows; each with its problems. */
  skipped: SkippedRow[]
  /** Strikes only: rows that repeated an earlier row exactly, counted once. */
  duplicates?: number
  /** Strikes only: nights whose totals were recomputed. */
  nights?: number
}

export interface SkippedRow {
  line: number
  problems: { column: string; message: string }[]
}

/** Groups problems by line, lines in file order. */
export function groupByLine(problems: readonly RowProblem[]): SkippedRow[] {
  const byLine = new Map<number, SkippedRow>()
  for (const p of problems) {
    const row = byLine.get(p.line) ?? { line: p.line, problems: [] }
    row.problems.push({ column: p.column, message: p.message })
    byLine.set(p.line, row)
  }
  return [...byLine.values()].sort((a, b) => a.line - b.line)
}

/** The report as a few lines of text for the terminal, skipped rows listed one per line. */
export function describeImport(report: ImportReport): string {
  const lines = [
    `${report.dataset} (${report.format}): ${report.rows} rows read — ${report.inserted} inserted, ` +
      `${report.updated} updated, ${report.unchanged} unchanged, ${report.skipped.length} skipped` +
      (report.duplicates
        ? `, ${report.duplicates} exact repeats of earlier rows counted once`
        : '') +
      (report.nights === undefined ? '' : `; ${report.nights} nights recomputed`),
  ]
  for (const row of report.skipped) {
    lines.push(
      `  skipped line ${row.line}: ${row.problems.map((p) => `${p.column}: ${p.message}`).join('; ')}`,
    )
  }
  return `${lines.join('\n')}\n`
}

/** Most problems an error message lists; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 500
