import { createReadStream } from 'node:fs'
import { access } from 'node:fs/promises'
import path from 'node:path'
import {
  type CliContext,
  type Command,
  printJson,
  readJsonFile,
  UsageError,
} from '../platform/cli/command.ts'
import { AppError, invalidInput, notFound } from '../platform/errors.ts'
import { cliActor } from '../staff/audit.repository.ts'
import { importEvents } from './actions/import-events.ts'
import { importStrikes, readWeaponTable } from './actions/import-strikes.ts'
import { describeImport, MISSILE_ATTACKS_DATASET } from './datasets.ts'
import { findNight, type Measure, rankWindow } from './intensity.ts'
import { isCalendarDate } from './kyiv-time.ts'
import { findNightlySeries } from './strikes.repository.ts'
import { nightView, windowView } from './views.ts'

async function readable(file: string, what: string): Promise<void> {
  await access(file).catch((error: NodeJS.ErrnoException) => {
    throw invalidInput(
      `cannot read ${what} ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`,
    )
  })
}

/** A progress line on stderr at most once a second, so that a long import is seen to move. */
function progressLine(ctx: { stderr: (text: string) => void }): (rows: number) => void {
  let last = Date.now()
  return (rows) => {
    const now = Date.now()
    if (now - last < 1000) return
    last = now
    ctx.stderr(`${rows.toLocaleString('en-GB')} rows read…\n`)
  }
}

function stream(file: string) {
  return createReadStream(file, { highWaterMark: 1 << 20 })
}

const importStrikesCommand: Command = {
  name: 'import strikes',
  summary: 'import strike reports ("Massive Missile Attacks on Ukraine" CSV), one transaction',
  usage: 'FILE [--weapons missiles_and_uavs.csv] [--dataset KEY] [--skip-bad-rows] [--json]',
  options: {
    weapons: { type: 'string' },
    dataset: { type: 'string' },
    'skip-bad-rows': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(ctx, values, positionals) {
    const file = positionals[0]
    if (!file) throw new UsageError('FILE is required')
    await readable(file, 'the strike file')
    // The data set ships its weapon table beside the daily file; use it when it is there.
    let weaponsFile = typeof values.weapons === 'string' ? values.weapons : undefined
    if (weaponsFile) await readable(weaponsFile, 'the weapon table')
    else {
      const beside = path.join(path.dirname(file), 'missiles_and_uavs.csv')
      weaponsFile = await access(beside).then(
        () => beside,
        () => undefined,
      )
    }
    const weapons = weaponsFile ? await readWeaponTable(stream(weaponsFile)) : undefined
    const database = await ctx.openDatabase()
    const report = await importStrikes(database.db, cliActor, stream(file), {
      ...(typeof values.dataset === 'string' ? { dataset: values.dataset } : {}),
      skipBadRows: values['skip-bad-rows'] === true,
      ...(weapons ? { weapons } : {}),
      onProgress: progressLine(ctx),
    })
    if (values.json) printJson(ctx, report)
    else {
      if (weaponsFile) ctx.stdout(`weapon table: ${weaponsFile}\n`)
      ctx.stdout(describeImport(report))
    }
    await ctx.dataChanged({ data: 'strikes' })
    return 0
  },
}

const importEventsCommand: Command = {
  name: 'import events',
  summary: 'import an event table: GDELT 2.0 export, or any CSV with a mapping file',
  usage: 'FILE --format gdelt|csv [--map MAPPING.json] [--dataset KEY] [--skip-bad-rows] [--json]',
  options: {
    format: { type: 'string' },
    map: { type: 'string' },
    dataset: { type: 'string' },
    'skip-bad-rows': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(ctx, values, positionals) {
    const file = positionals[0]
    if (!file) throw new UsageError('FILE is required')
    const format = values.format
    if (format !== 'gdelt' && format !== 'csv')
      throw new UsageError('--format gdelt or --format csv')
    if (format === 'csv' && typeof values.map !== 'string')
      throw new UsageError('--format csv needs --map MAPPING.json')
    if (format === 'gdelt' && values.map !== undefined)
      throw new UsageError('--map is for --format csv')
    await readable(file, 'the event file')
    let mapping: unknown
    if (format === 'csv') {
      const mapFile = values.map as string
      await readable(mapFile, 'the mapping file')
      mapping = await readJsonFile(mapFile)
      if (typeof values.dataset === 'string')
        mapping = { ...(mapping as object), dataset: values.dataset }
    }
    const database = await ctx.openDatabase()
    const skipBadRows = values['skip-bad-rows'] === true
    const onProgress = progressLine(ctx)
    const report = await importEvents(
      database.db,
      cliActor,
      stream(file),
      format === 'csv'
        ? { format, mapping, skipBadRows, onProgress }
        : {
            format,
            skipBadRows,
            onProgress,
            ...(typeof values.dataset === 'string' ? { dataset: values.dataset } : {}),
          },
    )
    if (values.json) printJson(ctx, report)
    else ctx.stdout(describeImport(report))
    return 0
  },
}

function dateOption(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new UsageError(`--${name} YYYY-MM-DD is required`)
  if (!isCalendarDate(value)) throw new UsageError(`--${name} must be a date YYYY-MM-DD`)
  return value
}

const MEASURES: readonly Measure[] = ['total', 'drones', 'missiles']

const intensityCommand: Command = {
  name: 'intensity',
  summary: 'launched and destroyed for a night, or a window with its rank among all windows',
  usage:
    '--night YYYY-MM-DD | --window N --ending YYYY-MM-DD [--measure total|drones|missiles] [--dataset KEY] [--json]',
  options: {
    night: { type: 'string' },
    window: { type: 'string' },
    ending: { type: 'string' },
    measure: { type: 'string' },
    dataset: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(ctx: CliContext, values) {
    const dataset =
      typeof values.dataset === 'string' ? values.dataset : MISSILE_ATTACKS_DATASET.key
    if ((values.night === undefined) === (values.window === undefined))
      throw new UsageError('give either --night or --window with --ending')
    const database = await ctx.openDatabase()
    const series = await findNightlySeries(database.db, dataset)
    if (!series) throw notFound(`strike data for data set "${dataset}"`)
    if (values.night !== undefined) {
      const night = dateOption(values.night, 'night')
      const totals = findNight(series, night)
      if (!totals)
        throw new AppError(
          'not_found',
          `no night ${night} in the series (${series.first} … ${series.last})`,
        )
      const view = nightView(totals)
      if (values.json) ctx.stdout(`${JSON.stringify(view)}\n`)
      else
        ctx.stdout(
          `${night}: launched ${view.launched.total} (${view.launched.drones} drones, ${view.launched.missiles} missiles); ` +
            `destroyed ${view.destroyed.total} (${view.destroyed.drones} drones, ${view.destroyed.missiles} missiles)\n`,
        )
      return 0
    }
    const length = Number(values.window)
    if (!Number.isInteger(length) || length < 1 || length > 3660)
      throw new UsageError('--window must be a whole number of nights, 1–3660')
    const ending = dateOption(values.ending, 'ending')
    const measure = (values.measure ?? 'total') as Measure
    if (!MEASURES.includes(measure)) throw new UsageError('--measure is total, drones or missiles')
    const ranked = rankWindow(series, length, ending, measure)
    if (!ranked.ok) throw new AppError('not_found', ranked.message)
    const view = windowView(ranked.window)
    if (values.json) ctx.stdout(`${JSON.stringify(view)}\n`)
    else
      ctx.stdout(
        `${length} nights ${view.from} … ${view.ending}: launched ${view.launched.total} ` +
          `(${view.launched.drones} drones, ${view.launched.missiles} missiles), destroyed ${view.destroyed.total}\n` +
          `rank ${view.rank} of ${view.of} windows of ${length} nights by ${measure} launched ` +
          `(at least as heavy as ${view.percentile}% of them)\n`,
      )
    return 0
  },
}

export const timelineCommands: Command[] = [
  importStrikesCommand,
  importEventsCommand,
  intensityCommand,
]
