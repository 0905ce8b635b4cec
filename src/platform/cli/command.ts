import { readFile } from 'node:fs/promises'
import type { ParseArgsConfig } from 'node:util'
import type { DataChanged } from '../changes.ts'
import type { Config } from '../config.ts'
import type { Database } from '../db/client.ts'
import { invalidInput } from '../errors.ts'
import type { Logger } from '../logger.ts'
import { decodeUtf8Text } from '../text-file.ts'

/** What a CLI command gets: nothing global, so commands run the same in tests. */
export interface CliContext {
  config: Config
  logger: Logger
  /** Opens (and migrates) the configured database; the runner closes it afterwards. */
  openDatabase(): Promise<Database>
  stdout: (text: string) => void
  stderr: (text: string) => void
  readStdin(): Promise<string>
  /** To call after a write commits, naming the data that changed; `app/` wires who follows. */
  dataChanged: DataChanged
}

export type CliValues = Record<string, string | boolean | (string | boolean)[] | undefined>

export interface Command {
  /** One or two words: `migrate`, `staff add`, `import case`. */
  name: string
  summary: string
  /** Usage after the command name, e.g. `FILE [--replace]`. */
  usage: string
  options: NonNullable<ParseArgsConfig['options']>
  run(ctx: CliContext, values: CliValues, positionals: string[]): Promise<number | undefined>
}

/** A usage mistake: the runner prints it with the command's usage and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** An option given as a string; undefined when absent (or a flag). */
export function optionalString(values: CliValues, name: string): string | undefined {
  const value = values[name]
  return typeof value === 'string' ? value : undefined
}

/** The named string options that were given, as form fields for a use case's input. */
export function fieldsOf(values: CliValues, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of names) {
    const value = optionalString(values, name)
    if (value !== undefined) out[name] = value
  }
  return out
}

export function requireString(values: CliValues, name: string): string {
  const value = values[name]
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`)
  return value
}

export function printJson(ctx: CliContext, value: unknown): void {
  ctx.stdout(`${JSON.stringify(value, null, 2)}\n`)
}

/**
 * Reads a UTF-8 text file named on the command line (case files, CSL-JSON, mappings, articles): a
 * byte-order mark is dropped, invalid UTF-8 refused naming the byte offset, and a missing or
 * unreadable file is `invalid_input`.
 */
export async function readTextFile(file: string): Promise<string> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(file)
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException
    throw invalidInput(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : message}`)
  }
  return decodeUtf8Text(bytes, file)
}

/** Reads and parses a JSON file named on the command line, naming the parser's reason if it fails. */
export async function readJsonFile(file: string): Promise<unknown> {
  const text = await readTextFile(file)
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw invalidInput(`${file} is not valid JSON: ${(error as Error).message}`)
  }
}
