/**
 * Derives the demo's bundled nightly strike table from the public "Massive Missile Attacks on
 * Ukraine" files, with the same parser, classifier and nightly sums as `parley import strikes`.
 * Only nightly totals leave this script, never rows of the data set.
 *
 *   node --import tsx scripts/derive-strikes-nightly.ts \
 *     [../shared/data/missile-attacks-ukraine] [--from 2025-09-01] [--to 2026-06-30] \
 *     [--out cases/russia-ukraine-2025.strikes-nightly.json]
 */
import { createReadStream } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { readWeaponTable } from '../src/timeline/actions/import-strikes.ts'
import { type BundledNights, DEMO_STRIKES_PATH } from '../src/timeline/actions/load-demo-strikes.ts'
import { readCsv } from '../src/timeline/csv.ts'
import { MISSILE_ATTACKS_DATASET } from '../src/timeline/datasets.ts'
import { continuousSeries, nightlyTotals, type ReportFigures } from '../src/timeline/intensity.ts'
import { parseStrikeFile } from '../src/timeline/strike-file.ts'

const ROOT = path.resolve(import.meta.dirname, '..')
const { values, positionals } = parseArgs({
  options: {
    from: { type: 'string', default: '2025-09-01' },
    to: { type: 'string', default: '2026-06-30' },
    out: { type: 'string', default: DEMO_STRIKES_PATH },
  },
  allowPositionals: true,
})
const dir = path.resolve(
  positionals[0] ?? path.join(ROOT, '../shared/data/missile-attacks-ukraine'),
)
const daily = path.join(dir, 'missile_attacks_daily.csv')
const weapons = await readWeaponTable(createReadStream(path.join(dir, 'missiles_and_uavs.csv')))

const reports: ReportFigures[] = []
let rows = 0
for await (const item of parseStrikeFile(readCsv(createReadStream(daily)), weapons)) {
  if (item.kind !== 'report') {
    process.stderr.write(`${JSON.stringify(item.problems)}\n`)
    process.exit(1)
  }
  rows++
  reports.push(item.report)
}
const series = continuousSeries(nightlyTotals(reports))!
const from = values.from!
const to = values.to!
const nights = series.nights.filter((n) => n.night >= from && n.night <= to)

const table: BundledNights = {
  format: 'parley-strike-nights/1',
  dataset: MISSILE_ATTACKS_DATASET.key,
  title: MISSILE_ATTACKS_DATASET.title,
  attribution: MISSILE_ATTACKS_DATASET.attribution,
  url: MISSILE_ATTACKS_DATASET.url,
  derivation:
    `Nightly totals computed by Parley's strike importer from missile_attacks_daily.csv (${rows} rows, ` +
    `${series.first} … ${series.last}) and missiles_and_uavs.csv: national reports only, drones and ` +
    'missiles apart, a night named by the Kyiv date on which it ends. Not a copy of the data set.',
  window: { from, to },
  columns: ['night', 'dronesLaunched', 'missilesLaunched', 'dronesDestroyed', 'missilesDestroyed'],
  nights: nights.map((n) => [
    n.night,
    n.launched.drones,
    n.launched.missiles,
    n.destroyed.drones,
    n.destroyed.missiles,
  ]),
}
// One night per line keeps the file diffable when upstream corrects a row.
const json = JSON.stringify(table, null, 2).replace(
  /\[\n\s+("\d{4}-\d{2}-\d{2}"),\n\s+(\d+),\n\s+(\d+),\n\s+(\d+),\n\s+(\d+)\n\s+\]/g,
  '[$1, $2, $3, $4, $5]',
)
await writeFile(values.out!, `${json}\n`)
process.stdout.write(
  `wrote ${nights.length} nights (${nights[0]?.night} … ${nights.at(-1)?.night}) to ${values.out}\n`,
)
