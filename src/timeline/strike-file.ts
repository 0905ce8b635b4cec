import type { CsvRecord, RowProblem } from './csv.ts'
import { formatLocalTime, type LocalTime, parseLocalTime } from './kyiv-time.ts'
import { type JsonValue, parsePythonLiteral } from './python-literal.ts'
import { classifyWeapon, normalizeLabel, type WeaponClass, type WeaponTable } from './weapons.ts'

/**
 * The strike file format: the public "Massive Missile Attacks on Ukraine" data set
 * (missile_attacks_daily.csv). One row per attack wave and weapon label; times are Kyiv local.
 */
export const STRIKE_REQUIRED_COLUMNS = [
  'time_start',
  'time_end',
  'model',
  'launched',
  'destroyed',
] as const

const OPTIONAL_COLUMNS = [
  'target',
  'target_main',
  'launch_place',
  'not_reach_goal',
  'still_attacking',
  'border_crossing',
  'is_shahed',
  'num_hit_location',
  'num_fall_fragment_location',
  'carrier',
  'turbojet',
  'turbojet_destroyed',
  'affected region',
  'destroyed_details',
  'launched_details',
  'launch_place_details',
  'source',
] as const

type StrikeColumn = (typeof STRIKE_REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number]

/** Column name → field index; built once from the header line. */
export type StrikeHeader = ReadonlyMap<StrikeColumn, number> & { readonly width: number }

export type HeaderResult =
  | { ok: true; header: StrikeHeader }
  | { ok: false; problems: RowProblem[] }

function canonical(name: string): string {
  // "affected region" is spelt with a space upstream; accept the underscore too.
  return name.trim().toLowerCase().replace(/_/g, ' ')
}

/** Checks the header line names every required column; unknown columns are ignored. */
export function readStrikeHeader(record: CsvRecord): HeaderResult {
  const byName = new Map(record.fields.map((name, index) => [canonical(name), index]))
  const header = new Map<StrikeColumn, number>() as Map<StrikeColumn, number> & { width: number }
  header.width = record.fields.length
  const problems: RowProblem[] = []
  for (const column of [...STRIKE_REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]) {
    const index = byName.get(canonical(column))
    if (index !== undefined) header.set(column, index)
    else if ((STRIKE_REQUIRED_COLUMNS as readonly string[]).includes(column)) {
      problems.push({
        line: record.line,
        column,
        message: `the header has no "${column}" column (it has: ${record.fields.join(', ')})`,
      })
    }
  }
  if (problems.length > 0 && /^\d{4}-\d{2}-\d{2}/.test(record.fields[0] ?? '')) {
    return {
      ok: false,
      problems: [
        {
          line: record.line,
          column: '(header)',
          message: `the first line must name the columns; it holds data ("${record.fields[0]}")`,
        },
      ],
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, header }
}

/** A strike row as Parley stores it. */
export interface StrikeReport {
  /** Identity without the repeat counter; see `createRowKeyer`. */
  baseKey: string
  timeStart: string
  timeEnd: string
  /** The Kyiv date on which the wave ended: the night it is counted in. */
  night: string
  model: string
  weaponClass: WeaponClass
  scope: 'national' | 'regional'
  target: string | null
  launchPlace: string | null
  launched: number | null
  destroyed: number | null
  notReachGoal: number | null
  stillAttacking: number | null
  source: string | null
  details: { [key: string]: JsonValue } | null
}

export type StrikeRowResult =
  | { ok: true; report: StrikeReport }
  | { ok: false; problems: RowProblem[] }

/** Parses and checks one data row; every problem names the line and the column. */
export function parseStrikeRow(
  record: CsvRecord,
  header: StrikeHeader,
  weapons: WeaponTable,
): StrikeRowResult {
  const problems: RowProblem[] = []
  const get = (column: StrikeColumn): string => {
    const index = header.get(column)
    return index === undefined ? '' : (record.fields[index] ?? '').trim()
  }
  const problem = (column: string, message: string) =>
    problems.push({ line: record.line, column, message })

  if (record.fields.length < header.width) {
    problem('(row)', `expected ${header.width} fields, found ${record.fields.length}`)
    return { ok: false, problems }
  }

  const time = (column: 'time_start' | 'time_end'): LocalTime | undefined => {
    const text = get(column)
    if (text === '') {
      problem(column, 'a time is required')
      return undefined
    }
    const parsed = parseLocalTime(text)
    if (!parsed.ok) {
      problem(column, parsed.message)
      return undefined
    }
    return parsed.value
  }
  const start = time('time_start')
  const end = time('time_end')
  if (start && end && endsBeforeStart(start, end)) {
    problem('time_end', `${formatLocalTime(end)} is before time_start ${formatLocalTime(start)}`)
  }

  const model = normalizeLabel(get('model'))
  let weaponClass: WeaponClass | undefined
  if (model === '') problem('model', 'a weapon label is required')
  else {
    const classified = classifyWeapon(model, weapons)
    if (classified.ok) weaponClass = classified.weaponClass
    else problem('model', `cannot classify as drones or missiles: ${classified.message}`)
  }

  const count = (column: StrikeColumn): number | null => {
    const parsed = parseCount(get(column))
    if (!parsed.ok) {
      problem(column, parsed.message)
      return null
    }
    return parsed.value
  }
  const launched = count('launched')
  const destroyed = count('destroyed')
  const notReachGoal = count('not_reach_goal')
  const stillAttacking = count('still_attacking')
  const details: { [key: string]: JsonValue } = {}
  for (const [column, key] of [
    ['num_hit_location', 'hitLocations'],
    ['num_fall_fragment_location', 'fragmentLocations'],
    ['turbojet', 'turbojet'],
    ['turbojet_destroyed', 'turbojetDestroyed'],
  ] as const) {
    const value = count(column)
    if (value !== null) details[key] = value
  }
  const share = get('is_shahed')
  if (share !== '' && !isNaNText(share)) {
    const value = Number(share)
    if (Number.isFinite(value)) details.shahedShare = value
    else problem('is_shahed', `"${share}" is not a number`)
  }
  for (const [column, key] of [
    ['target_main', 'targetMain'],
    ['carrier', 'carrier'],
  ] as const) {
    const value = get(column)
    if (value !== '' && !isNaNText(value)) details[key] = value
  }
  for (const [column, key] of [
    ['destroyed_details', 'destroyedByRegion'],
    ['launched_details', 'launchedByModel'],
    ['launch_place_details', 'launchPlaceByModel'],
    ['border_crossing', 'borderCrossing'],
    ['affected region', 'affectedRegions'],
  ] as const) {
    const value = literal(get(column))
    if (value !== undefined) details[key] = value
  }

  if (problems.length > 0 || !start || !end || !weaponClass) return { ok: false, problems }
  const target = textOrNull(get('target'))
  const source = textOrNull(get('source'))
  const timeStart = formatLocalTime(start)
  const timeEnd = formatLocalTime(end)
  return {
    ok: true,
    report: {
      baseKey: [timeStart, timeEnd, model, target ?? ''].join('|'),
      timeStart,
      timeEnd,
      night: end.date,
      model,
      weaponClass,
      scope: scopeOf(target, source),
      target,
      launchPlace: textOrNull(get('launch_place')),
      launched,
      destroyed,
      notReachGoal,
      stillAttacking,
      source,
      details: Object.keys(details).length > 0 ? details : null,
    },
  }
}

function endsBeforeStart(start: LocalTime, end: LocalTime): boolean {
  if (end.date !== start.date) return end.date < start.date
  return start.time !== undefined && end.time !== undefined && end.time < start.time
}

function isNaNText(text: string): boolean {
  return /^(nan|none|null)$/i.test(text)
}

function textOrNull(text: string): string | null {
  return text === '' || isNaNText(text) ? null : text
}

/** A count: a whole number ≥ 0, written `236` or `236.0`; empty or NaN means "not reported". */
export function parseCount(
  text: string,
): { ok: true; value: number | null } | { ok: false; message: string } {
  if (text === '' || isNaNText(text)) return { ok: true, value: null }
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text))
    return { ok: false, message: `"${text}" is not a number` }
  const value = Number(text)
  if (value < 0) return { ok: false, message: `${text} is negative (a count cannot be)` }
  if (!Number.isInteger(value)) return { ok: false, message: `${text} is not a whole number` }
  if (value > 2_147_483_647) return { ok: false, message: `${text} is too large` }
  return { ok: true, value }
}

// Text that pandas wrote from a dict or list. Kept as text when it is not a literal we can read:
// these columns are context, not figures Parley computes with.
function literal(text: string): JsonValue | undefined {
  if (text === '' || text === '{}' || text === '[]' || isNaNText(text)) return undefined
  const parsed = parsePythonLiteral(text)
  return parsed.ok ? parsed.value : text
}

// Regional air commands (Air Command South "PvKPivden", East "pvkshid", West "PvkZahid", Centre
// "PvkCenter") post their own daily tallies, which overlap the Air Force's national report.
const REGIONAL_ACCOUNT = /^pvk/i
const COMPASS = /^(south|east|north|west|centre|center)(-(south|east|north|west))?$/i
const NATIONAL_ACCOUNTS = new Set(['kpszsu', 'generalstaff.ua', 'cincafu'])

/** Which account posted the row: the first path segment of `source`, hosts stripped. */
export function sourceAccount(source: string | null): string {
  if (!source) return ''
  const path = source.replace(/^https?:\/\/(www\.)?(t\.me|facebook\.com|fb\.com)\//i, '')
  return (path.split('/')[0] ?? '').toLowerCase()
}

/**
 * National or regional: a row posted by a regional air command is regional; so is a row aimed at a
 * compass region ("south") unless the Air Force's national report posted it — there "south" is
 * where the missiles flew, and the row appears nowhere else.
 */
export function scopeOf(target: string | null, source: string | null): 'national' | 'regional' {
  const account = sourceAccount(source)
  if (REGIONAL_ACCOUNT.test(account)) return 'regional'
  if (target !== null && COMPASS.test(target) && !NATIONAL_ACCOUNTS.has(account)) return 'regional'
  return 'national'
}

/**
 * Gives each row a key that survives re-import. The data set repeats (time_start, time_end, model)
 * for different targets, and a few times even with the same target, so the key is those four
 * plus the repeat's place in the file (`#1`, `#2`…).
 */
export function createRowKeyer(): (baseKey: string) => string {
  const seen = new Map<string, number>()
  return (baseKey) => {
    const n = (seen.get(baseKey) ?? 0) + 1
    seen.set(baseKey, n)
    return `${baseKey}#${n}`
  }
}

/** A strike report with the key it is stored under. */
export interface KeyedStrikeReport extends StrikeReport {
  rowKey: string
  line: number
}

export type StrikeFileItem =
  | { kind: 'report'; report: KeyedStrikeReport }
  | { kind: 'bad_row'; problems: RowProblem[] }
  /** The file cannot be read at all (no header, wrong columns): nothing after it is parsed. */
  | { kind: 'fatal'; problems: RowProblem[] }

/** Parses a whole strike file, record by record, keying each row (see `createRowKeyer`). */
export async function* parseStrikeFile(
  records: AsyncIterable<CsvRecord>,
  weapons: WeaponTable,
): AsyncGenerator<StrikeFileItem> {
  let header: StrikeHeader | undefined
  const keyOf = createRowKeyer()
  for await (const record of records) {
    if (!header) {
      const read = readStrikeHeader(record)
      if (!read.ok) {
        yield { kind: 'fatal', problems: read.problems }
        return
      }
      header = read.header
      continue
    }
    const parsed = parseStrikeRow(record, header, weapons)
    if (parsed.ok) {
      yield {
        kind: 'report',
        report: { ...parsed.report, rowKey: keyOf(parsed.report.baseKey), line: record.line },
      }
    } else yield { kind: 'bad_row', problems: parsed.problems }
  }
  if (!header) {
    yield {
      kind: 'fatal',
      problems: [{ line: 1, column: '(header)', message: 'the file is empty' }],
    }
  }
}
