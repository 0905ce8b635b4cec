import { Readable } from 'node:stream'
import Papa from 'papaparse'

/** One record of a delimited file and the line on which it starts (1-based, header included). */
export interface CsvRecord {
  line: number
  fields: string[]
}

/** Where a value is wrong: the file line and the column name, as people read a spreadsheet. */
export interface RowProblem {
  line: number
  column: string
  message: string
}

export type CsvDelimiter = ',' | '\t' | ';'

/**
 * Reads delimited text (a string, or chunks as they arrive) into records with their line numbers.
 * Quoted fields may span lines; blank lines are skipped but counted. Bytes are decoded as UTF-8
 * across chunk boundaries, so a Cyrillic label split between two reads stays whole.
 */
export async function* readCsv(
  input: string | AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: { delimiter?: CsvDelimiter } = {},
): AsyncGenerator<CsvRecord> {
  const text = decodeChunks(typeof input === 'string' ? [input] : input)
  // The delimiter is decided from the first line; papaparse's guess does not run on streams.
  const first = await text.next()
  if (first.done) return
  const head = stripBom(first.value)
  const delimiter = options.delimiter ?? guessDelimiter(head)
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { delimiter, skipEmptyLines: false })
  const source = Readable.from(
    (async function* () {
      yield head
      for (let next = await text.next(); !next.done; next = await text.next()) yield next.value
    })(),
  )
  source.on('error', (error) => parser.destroy(error))
  source.pipe(parser)
  let line = 1
  for await (const fields of parser as AsyncIterable<string[]>) {
    const at = line
    line += 1
    for (const field of fields) line += countNewlines(field)
    // A file mixing CRLF and LF line ends leaves a carriage return on the last field.
    const last = fields.length - 1
    if (fields[last]?.endsWith('\r')) fields[last] = fields[last].slice(0, -1)
    if (fields.length === 1 && fields[0] === '') continue
    yield { line: at, fields }
  }
}

async function* decodeChunks(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8')
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })
    if (text !== '') yield text
  }
  const rest = decoder.decode()
  if (rest !== '') yield rest
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/** Tab if the first line has more tabs than commas, else semicolon likewise, else comma. */
export function guessDelimiter(sample: string): CsvDelimiter {
  const end = sample.indexOf('\n')
  const firstLine = end === -1 ? sample : sample.slice(0, end)
  const count = (ch: string) => firstLine.split(ch).length - 1
  const tabs = count('\t')
  const commas = count(',')
  const semicolons = count(';')
  if (tabs > commas && tabs >= semicolons) return '\t'
  if (semicolons > commas) return ';'
  return ','
}

function countNewlines(text: string): number {
  let n = 0
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++
  return n
}

/** A record whose field count differs from the header's, explained for the operator. */
export function fieldCountProblem(record: CsvRecord, expected: number): RowProblem | undefined {
  if (record.fields.length === expected) return undefined
  const spansLines = record.fields.some((f) => f.includes('\n'))
  return {
    line: record.line,
    column: '(row)',
    message:
      `expected ${expected} fields, found ${record.fields.length}` +
      (spansLines ? ' (a quoted field runs over several lines: is a closing quote missing?)' : ''),
  }
}

/** Serialises rows as RFC 4180 CSV (CRLF, quotes doubled), with a header line. */
export function toCsv(
  columns: readonly string[],
  rows: readonly (readonly (string | number | boolean | null | undefined)[])[],
): string {
  const cell = (value: string | number | boolean | null | undefined) => {
    if (value === null || value === undefined) return ''
    const text = String(value)
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
  }
  return `${[columns, ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`
}

/** `line 12, column launched` — the form every import error uses. */
export function problemPath(problem: RowProblem): string {
  return `line ${problem.line}, column ${problem.column}`
}
