import { z } from 'zod'
import type { CsvRecord, RowProblem } from './csv.ts'
import { isCalendarDate, parseLocalTime } from './kyiv-time.ts'
import { parseCount } from './strike-file.ts'

/** An event from an outside data set (GDELT, or any table mapped onto these fields). */
export interface ExternalEvent {
  externalId: string
  occurredOn: string
  actor1Code: string | null
  actor1Name: string | null
  actor1Country: string | null
  actor2Code: string | null
  actor2Name: string | null
  actor2Country: string | null
  eventCode: string | null
  rootCode: string | null
  quadClass: number | null
  goldstein: number | null
  numMentions: number | null
  numSources: number | null
  numArticles: number | null
  isRoot: boolean | null
  quantity: number | null
  location: string | null
  sourceUrl: string | null
}

type ValueField = Exclude<keyof ExternalEvent, 'externalId' | 'occurredOn'>
export type EventField = ValueField | 'id' | 'date'

export const DATE_FORMATS = [
  'YYYY-MM-DD',
  'YYYYMMDD',
  'DD.MM.YYYY',
  'DD/MM/YYYY',
  'MM/DD/YYYY',
] as const
export type DateFormat = (typeof DATE_FORMATS)[number]

/** How a file's columns map onto event fields: field → column index, and the column's name. */
export interface EventLayout {
  format: 'gdelt' | 'csv'
  hasHeader: boolean
  width: number
  fields: Partial<Record<EventField, { index: number; name: string }>>
  /** Columns whose values, joined, identify the row (GDELT: GLOBALEVENTID). */
  idColumns: { index: number; name: string }[]
  dateFormat: DateFormat
}

export type LayoutResult = { ok: true; layout: EventLayout } | { ok: false; problems: RowProblem[] }

/** The 61 columns of a GDELT 2.0 event export, in order (the files carry no header line). */
// biome-ignore format: the columns read best in GDELT's own groups
export const GDELT2_COLUMNS = [
  'GLOBALEVENTID', 'SQLDATE', 'MonthYear', 'Year', 'FractionDate',
  'Actor1Code', 'Actor1Name', 'Actor1CountryCode', 'Actor1KnownGroupCode', 'Actor1EthnicCode',
  'Actor1Religion1Code', 'Actor1Religion2Code', 'Actor1Type1Code', 'Actor1Type2Code', 'Actor1Type3Code',
  'Actor2Code', 'Actor2Name', 'Actor2CountryCode', 'Actor2KnownGroupCode', 'Actor2EthnicCode',
  'Actor2Religion1Code', 'Actor2Religion2Code', 'Actor2Type1Code', 'Actor2Type2Code', 'Actor2Type3Code',
  'IsRootEvent', 'EventCode', 'EventBaseCode', 'EventRootCode', 'QuadClass',
  'GoldsteinScale', 'NumMentions', 'NumSources', 'NumArticles', 'AvgTone',
  'Actor1Geo_Type', 'Actor1Geo_FullName', 'Actor1Geo_CountryCode', 'Actor1Geo_ADM1Code', 'Actor1Geo_ADM2Code',
  'Actor1Geo_Lat', 'Actor1Geo_Long', 'Actor1Geo_FeatureID',
  'Actor2Geo_Type', 'Actor2Geo_FullName', 'Actor2Geo_CountryCode', 'Actor2Geo_ADM1Code', 'Actor2Geo_ADM2Code',
  'Actor2Geo_Lat', 'Actor2Geo_Long', 'Actor2Geo_FeatureID',
  'ActionGeo_Type', 'ActionGeo_FullName', 'ActionGeo_CountryCode', 'ActionGeo_ADM1Code', 'ActionGeo_ADM2Code',
  'ActionGeo_Lat', 'ActionGeo_Long', 'ActionGeo_FeatureID',
  'DATEADDED', 'SOURCEURL',
] as const

/** Lower-case letters and digits only: `Actor_1_Name` and `Actor1Name` are the same column. */
function squash(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '')
}

// Names each field goes by: GDELT's own, then the renamed headers found in circulating extracts
// (e.g. `Global_Event_ID`, `Day`, `Goldstein_Scale`, `ST_PR_CNTRY` for ActionGeo_FullName).
const GDELT_NAMES: Record<Exclude<EventField, 'date' | 'id'>, string[]> & {
  id: string[]
  date: string[]
} = {
  id: ['globaleventid'],
  date: ['sqldate', 'day'],
  actor1Code: ['actor1code'],
  actor1Name: ['actor1name'],
  actor1Country: ['actor1countrycode'],
  actor2Code: ['actor2code'],
  actor2Name: ['actor2name'],
  actor2Country: ['actor2countrycode'],
  eventCode: ['eventcode'],
  rootCode: ['eventrootcode'],
  quadClass: ['quadclass'],
  goldstein: ['goldsteinscale'],
  numMentions: ['nummentions'],
  numSources: ['numsources'],
  numArticles: ['numarticles'],
  isRoot: ['isrootevent'],
  quantity: [],
  location: ['actiongeofullname', 'stprcntry'],
  sourceUrl: ['sourceurl'],
}

const GDELT_REQUIRED: readonly EventField[] = ['id', 'date', 'goldstein', 'numSources', 'isRoot']

/**
 * The layout of a GDELT event file: a headerless 61-column export (tab-separated, as GDELT
 * publishes it), or a file whose first line names GDELT's columns (or their renamed forms).
 */
export function gdeltLayout(first: CsvRecord): LayoutResult {
  const squashed = first.fields.map(squash)
  if (!squashed.some((name) => name === 'globaleventid')) {
    if (first.fields.length !== GDELT2_COLUMNS.length) {
      return {
        ok: false,
        problems: [
          {
            line: first.line,
            column: '(header)',
            message: `not a GDELT 2.0 event file: no GLOBALEVENTID column in a header, and ${first.fields.length} fields where a headerless export has ${GDELT2_COLUMNS.length}`,
          },
        ],
      }
    }
    const fields: EventLayout['fields'] = {}
    for (const [field, names] of Object.entries(GDELT_NAMES) as [EventField, string[]][]) {
      const index = GDELT2_COLUMNS.findIndex((c) => names.includes(squash(c)))
      if (index !== -1) fields[field] = { index, name: GDELT2_COLUMNS[index]! }
    }
    return {
      ok: true,
      layout: {
        format: 'gdelt',
        hasHeader: false,
        width: GDELT2_COLUMNS.length,
        fields,
        idColumns: [fields.id!],
        dateFormat: 'YYYYMMDD',
      },
    }
  }
  // One circulating extract renamed Actor1Code to "Actor_1_Country_Code" and Actor1CountryCode to
  // "Actor_1_Country_ABBR"; when the ABBR column is there, read the pair that way round.
  const renamed = squashed.includes('actor1countryabbr')
  const names: Record<string, string[]> = renamed
    ? {
        ...GDELT_NAMES,
        actor1Code: ['actor1countrycode'],
        actor1Country: ['actor1countryabbr'],
        actor2Code: ['actor2countrycode'],
        actor2Country: ['actor2countryabbr'],
      }
    : GDELT_NAMES
  const fields: EventLayout['fields'] = {}
  for (const [field, candidates] of Object.entries(names) as [EventField, string[]][]) {
    const index = squashed.findIndex((name) => candidates.includes(name))
    if (index !== -1) fields[field] = { index, name: first.fields[index]! }
  }
  const problems = GDELT_REQUIRED.filter((field) => !fields[field]).map((field) => ({
    line: first.line,
    column: GDELT_NAMES[field][0]!,
    message: `the header has no column for ${field} (looked for ${GDELT_NAMES[field].join(' or ')})`,
  }))
  if (problems.length > 0) return { ok: false, problems }
  return {
    ok: true,
    layout: {
      format: 'gdelt',
      hasHeader: true,
      width: first.fields.length,
      fields,
      idColumns: [fields.id!],
      dateFormat: 'YYYYMMDD',
    },
  }
}

const column = z.string().min(1, 'name a column')

/** A mapping file for `--format csv`: which of the file's columns holds which event field. */
export const CsvMapping = z
  .object({
    dataset: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, 'lower-case letters, digits, ".", "_" or "-"'),
    title: z.string().min(1).optional(),
    attribution: z.string().min(1).optional(),
    url: z.url({ protocol: /^https?$/ }).optional(),
    delimiter: z.enum([',', ';', '\t', 'tab']).optional(),
    /** The column, or columns, whose values together identify a row across re-imports. */
    id: z.union([column, z.array(column).min(1)]),
    dateFormat: z.enum(DATE_FORMATS).default('YYYY-MM-DD'),
    columns: z
      .object({
        date: column,
        actor1Code: column,
        actor1Name: column,
        actor1Country: column,
        actor2Code: column,
        actor2Name: column,
        actor2Country: column,
        eventCode: column,
        rootCode: column,
        quadClass: column,
        goldstein: column,
        numMentions: column,
        numSources: column,
        numArticles: column,
        isRoot: column,
        quantity: column,
        location: column,
        sourceUrl: column,
      })
      .partial()
      .required({ date: true })
      .strict(),
  })
  .strict()
export type CsvMapping = z.infer<typeof CsvMapping>

/** The layout a mapping gives a file, checked against the file's header line. */
export function mappedLayout(mapping: CsvMapping, header: CsvRecord): LayoutResult {
  const at = new Map(header.fields.map((name, index) => [name.trim(), index]))
  const problems: RowProblem[] = []
  const find = (name: string, where: string) => {
    const index = at.get(name)
    if (index === undefined) {
      problems.push({
        line: header.line,
        column: name,
        message: `the mapping's ${where} names "${name}", which the header does not have (it has: ${header.fields.join(', ')})`,
      })
    }
    return index
  }
  const fields: EventLayout['fields'] = {}
  for (const [field, name] of Object.entries(mapping.columns) as [EventField, string][]) {
    const index = find(name, `columns.${field}`)
    if (index !== undefined) fields[field] = { index, name }
  }
  const idColumns = (typeof mapping.id === 'string' ? [mapping.id] : mapping.id).flatMap((name) => {
    const index = find(name, 'id')
    return index === undefined ? [] : [{ index, name }]
  })
  if (problems.length > 0) return { ok: false, problems }
  return {
    ok: true,
    layout: {
      format: 'csv',
      hasHeader: true,
      width: header.fields.length,
      fields,
      idColumns,
      dateFormat: mapping.dateFormat,
    },
  }
}

export type EventRowResult =
  | { ok: true; event: ExternalEvent }
  | { ok: false; problems: RowProblem[] }

/** Parses one data row by its layout; every problem names the line and the column. */
export function parseEventRow(record: CsvRecord, layout: EventLayout): EventRowResult {
  const problems: RowProblem[] = []
  if (record.fields.length < layout.width) {
    return {
      ok: false,
      problems: [
        {
          line: record.line,
          column: '(row)',
          message: `expected ${layout.width} fields, found ${record.fields.length}`,
        },
      ],
    }
  }
  const raw = (field: EventField): { text: string; name: string } | undefined => {
    const spec = layout.fields[field]
    if (!spec) return undefined
    return { text: (record.fields[spec.index] ?? '').trim(), name: spec.name }
  }
  const problem = (name: string, message: string) =>
    problems.push({ line: record.line, column: name, message })
  const text = (field: EventField): string | null => {
    const value = raw(field)
    return value && value.text !== '' ? value.text : null
  }
  const number = (field: EventField, check?: (n: number) => string | undefined): number | null => {
    const value = raw(field)
    if (!value || value.text === '' || /^nan$/i.test(value.text)) return null
    const n = Number(value.text)
    if (!Number.isFinite(n)) {
      problem(value.name, `"${value.text}" is not a number`)
      return null
    }
    const wrong = check?.(n)
    if (wrong) {
      problem(value.name, wrong)
      return null
    }
    return n
  }
  const count = (field: EventField): number | null => {
    const value = raw(field)
    if (!value) return null
    const parsed = parseCount(value.text)
    if (!parsed.ok) {
      problem(value.name, parsed.message)
      return null
    }
    return parsed.value
  }

  const idParts = layout.idColumns.map((c) => (record.fields[c.index] ?? '').trim())
  if (idParts.every((p) => p === '')) {
    problem(layout.idColumns.map((c) => c.name).join('+'), 'the row has no identifier')
  }
  const dateValue = raw('date')
  let occurredOn: string | undefined
  if (!dateValue || dateValue.text === '') problem(dateValue?.name ?? 'date', 'a date is required')
  else {
    const parsed = parseDate(dateValue.text, layout.dateFormat)
    if (parsed.ok) occurredOn = parsed.day
    else problem(dateValue.name, parsed.message)
  }
  const goldstein = number('goldstein', (g) =>
    g < -10 || g > 10 ? `${g} is outside the Goldstein scale (−10 … +10)` : undefined,
  )
  const quadClass = number('quadClass', (q) =>
    Number.isInteger(q) && q >= 1 && q <= 4 ? undefined : `${q} is not a quad class (1–4)`,
  )
  const isRootValue = raw('isRoot')
  let isRoot: boolean | null = null
  if (isRootValue && isRootValue.text !== '') {
    const t = isRootValue.text.toLowerCase()
    if (['1', 'true', 'yes', 't', 'y'].includes(t)) isRoot = true
    else if (['0', 'false', 'no', 'f', 'n'].includes(t)) isRoot = false
    else problem(isRootValue.name, `"${isRootValue.text}" is not 1/0 or true/false`)
  }
  const eventCode = text('eventCode')
  const event: Omit<ExternalEvent, 'occurredOn'> = {
    externalId: idParts.join('|'),
    actor1Code: text('actor1Code'),
    actor1Name: text('actor1Name'),
    actor1Country: text('actor1Country'),
    actor2Code: text('actor2Code'),
    actor2Name: text('actor2Name'),
    actor2Country: text('actor2Country'),
    eventCode,
    rootCode: rootCodeOf(text('rootCode'), eventCode),
    quadClass,
    goldstein,
    numMentions: count('numMentions'),
    numSources: count('numSources'),
    numArticles: count('numArticles'),
    isRoot,
    quantity: number('quantity', (q) => (q < 0 ? `${q} is negative` : undefined)),
    location: text('location'),
    sourceUrl: text('sourceUrl'),
  }
  if (problems.length > 0 || occurredOn === undefined) return { ok: false, problems }
  return { ok: true, event: { ...event, occurredOn } }
}

/**
 * The two-digit CAMEO root ("02" APPEAL). Spreadsheets drop leading zeros ("2", "26"), so a
 * given root is padded, and a missing one is read off a three- or four-digit event code.
 */
export function rootCodeOf(root: string | null, eventCode: string | null): string | null {
  if (root !== null && /^\d{1,2}$/.test(root)) return root.padStart(2, '0')
  if (eventCode !== null && /^\d{3,4}$/.test(eventCode)) return eventCode.slice(0, 2)
  if (eventCode !== null && /^\d{2}$/.test(eventCode)) return eventCode
  return root
}

/** Reads a date in the given layout; ISO dates may carry a time (a time with an offset is taken in Kyiv). */
export function parseDate(
  text: string,
  format: DateFormat,
): { ok: true; day: string } | { ok: false; message: string } {
  const fail = { ok: false as const, message: `"${text}" is not a date in the form ${format}` }
  let day: string
  switch (format) {
    case 'YYYY-MM-DD': {
      const parsed = parseLocalTime(text)
      if (!parsed.ok) return { ok: false, message: parsed.message }
      return { ok: true, day: parsed.value.date }
    }
    case 'YYYYMMDD': {
      // GDELT writes SQLDATE as 8 digits; some tools append ".0".
      const m = /^(\d{4})(\d{2})(\d{2})(?:\.0+)?$/.exec(text)
      if (!m) return fail
      day = `${m[1]}-${m[2]}-${m[3]}`
      break
    }
    case 'DD.MM.YYYY':
    case 'DD/MM/YYYY': {
      const m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(text)
      if (!m) return fail
      day = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`
      break
    }
    case 'MM/DD/YYYY': {
      const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text)
      if (!m) return fail
      day = `${m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`
      break
    }
  }
  if (!isCalendarDate(day)) return { ok: false, message: `"${text}" is not a calendar date` }
  return { ok: true, day }
}
