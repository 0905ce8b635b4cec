/**
 * Importing a large event table: `parley import events --format csv` on 1,000,000 generated rows,
 * beside the database's own COPY of the same file into a plain table with the same indexes as
 * `external_events` (the physical limit of loading it), in alternating rounds (medians of 3); then
 * the time of the 7-day rank query over the imported table.
 *
 *   BENCH_DATABASE_URL=postgres://user@127.0.0.1:5432/postgres node --import tsx bench/import.bench.ts
 *
 * On PostgreSQL the COPY is psql's \copy (client-side, like an import); on PGlite (BENCH_PGLITE=1)
 * it is `COPY … FROM '/dev/blob'` with the file as the blob. The URL must let this user create and
 * drop a scratch database; nothing else on that server is touched, and nothing is started here.
 *
 * Settings: BENCH_ROWS (default 1000000), BENCH_ROUNDS (default 3); BENCH_PGLITE=1 also measures
 * an embedded PGlite. Each run is a child process of its own so that its peak resident memory is
 * its own.
 */
import { spawn, spawnSync } from 'node:child_process'
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { finished } from 'node:stream/promises'
import { sql } from 'drizzle-orm'
import pg from 'pg'

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000)
const DATASET = 'bench-events'
const RANK_RUNS = 5
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)

const MAPPING = {
  dataset: DATASET,
  title: 'Generated benchmark events',
  id: 'id',
  columns: {
    date: 'date',
    actor1Country: 'actor1',
    actor2Country: 'actor2',
    eventCode: 'code',
    goldstein: 'goldstein',
    numSources: 'sources',
    isRoot: 'root',
    quantity: 'quantity',
  },
}

const COUNTRIES = [
  'RUS',
  'UKR',
  'USA',
  'CHN',
  'TUR',
  'DEU',
  'FRA',
  'GBR',
  'POL',
  'BLR',
  'IRN',
  'ARE',
]

/** Writes `rows` generated events (deterministic: a linear congruential generator). */
async function generate(file: string, rows: number): Promise<void> {
  let seed = 20_260_203
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
    return seed / 2_147_483_648
  }
  const out = createWriteStream(file)
  out.write('id,date,actor1,actor2,code,goldstein,sources,root,quantity\n')
  const start = Date.parse('2016-01-01T00:00:00Z')
  let chunk = ''
  for (let i = 1; i <= rows; i++) {
    const day = new Date(start + Math.floor(next() * 3653) * 86_400_000).toISOString().slice(0, 10)
    const a = COUNTRIES[Math.floor(next() * COUNTRIES.length)]!
    const b = COUNTRIES[Math.floor(next() * COUNTRIES.length)]!
    const code = String(10 + Math.floor(next() * 190)).padStart(3, '0')
    const goldstein = (Math.round((next() * 20 - 10) * 10) / 10).toFixed(1)
    const sources = 1 + Math.floor(next() ** 3 * 20)
    const root = next() < 0.5 ? 1 : 0
    const quantity = Math.floor(next() * 50)
    chunk += `ev-${i},${day},${a},${b},${code},${goldstein},${sources},${root},${quantity}\n`
    if (i % 10_000 === 0) {
      if (!out.write(chunk))
        await new Promise<void>((resolve) => out.once('drain', () => resolve()))
      chunk = ''
    }
  }
  out.end(chunk)
  await finished(out)
}

// The columns and indexes of external_events, so that COPY pays for the same index upkeep.
const COPY_TABLE = `create table if not exists copy_target (id serial primary key, dataset text not null
    default 'bench', external_id text not null, occurred_on date not null, actor1 text, actor2 text,
    code text, goldstein float8, sources int, root boolean, quantity float8,
    unique (dataset, external_id));
  create index if not exists copy_target_day_idx on copy_target (dataset, occurred_on)`
const COPY_COLUMNS =
  '(external_id, occurred_on, actor1, actor2, code, goldstein, sources, root, quantity)'

interface ChildResult {
  seconds: number
  maxRssMb: number | null
  report?: { inserted: number; updated: number; unchanged: number; rows: number }
  rank?: { ms: number[]; days: number; windows: number; rank: number }
}

/** Child: open the database, migrate, import the file, time the rank query; print one JSON line. */
async function child(
  mode: 'postgres' | 'pglite' | 'copy-pglite',
  file: string,
  target: string,
): Promise<void> {
  if (mode === 'copy-pglite') return copyChild(file, target)
  const { createReadStream } = await import('node:fs')
  const { openDatabase } = await import('../src/platform/db/client.ts')
  const { migrate } = await import('../src/platform/db/migrate.ts')
  const { cliActor } = await import('../src/staff/audit.repository.ts')
  const { importEvents } = await import('../src/timeline/actions/import-events.ts')
  const { listDailyEventTotals } = await import('../src/timeline/external-events.repository.ts')
  const { continuousDaily, rankDailyWindow } = await import('../src/timeline/intensity.ts')
  const database =
    mode === 'postgres'
      ? await openDatabase({ databaseUrl: target, dataDir: '' })
      : await openDatabase({ dataDir: target })
  await migrate(database)
  await database.db.execute(sql`delete from external_events where dataset = ${DATASET}`)
  await database.db.execute(sql`delete from external_event_days where dataset = ${DATASET}`)
  const started = performance.now()
  const report = await importEvents(
    database.db,
    cliActor,
    createReadStream(file, { highWaterMark: 1 << 20 }),
    { format: 'csv', mapping: MAPPING },
  )
  const seconds = (performance.now() - started) / 1000
  const maxRssMb = process.resourceUsage().maxRSS / 1024
  // The 7-day rank query: daily totals from the table, laid on a calendar, one window ranked.
  const ms: number[] = []
  let last: ReturnType<typeof rankDailyWindow> | undefined
  let days = 0
  for (let run = 0; run < RANK_RUNS; run++) {
    const t0 = performance.now()
    const daily = continuousDaily(
      (await listDailyEventTotals(database.db, DATASET)).map((d) => ({
        day: d.day,
        value: d.quantity,
      })),
    )!
    last = rankDailyWindow(daily.first, daily.values, 7, daily.last)
    ms.push(performance.now() - t0)
    days = daily.values.length
  }
  await database.close()
  const result: ChildResult = {
    seconds,
    maxRssMb,
    report,
    rank: {
      ms,
      days,
      windows: last?.ok ? last.window.of : 0,
      rank: last?.ok ? last.window.rank : 0,
    },
  }
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`)
}

/** Child: COPY the file into copy_target in a PGlite data directory (emptied first). */
async function copyChild(file: string, dir: string): Promise<void> {
  const { readFile } = await import('node:fs/promises')
  const { PGlite } = await import('@electric-sql/pglite')
  const { mkdirSync } = await import('node:fs')
  mkdirSync(dir, { recursive: true })
  const client = await PGlite.create(dir)
  await client.exec(`${COPY_TABLE}; truncate copy_target`)
  const started = performance.now()
  const blob = new Blob([await readFile(file)])
  await client.query(
    `copy copy_target ${COPY_COLUMNS} from '/dev/blob' with (format csv, header true)`,
    [],
    { blob },
  )
  const seconds = (performance.now() - started) / 1000
  await client.close()
  const result: ChildResult = { seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 }
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`)
}

function runChild(args: string[]): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
    })
    proc.once('exit', (code) => {
      const line = /^RESULT (.*)$/m.exec(out)?.[1]
      if (code !== 0 || !line) reject(new Error(`child ${args[0]} exited ${code}:\n${out}`))
      else resolve(JSON.parse(line) as ChildResult)
    })
  })
}

/** PostgreSQL's COPY through psql's \copy (client-side, like an import): wall time and psql's peak RSS. */
function copyWithPsql(url: string, file: string): { seconds: number; maxRssMb: number | null } {
  const command = `\\copy copy_target ${COPY_COLUMNS} from '${file}' with (format csv, header true)`
  const time = '/usr/bin/time'
  const useTime = spawnSync(time, ['-f', '%M', 'true']).status === 0
  const started = performance.now()
  const run = useTime
    ? spawnSync(time, ['-f', 'MAXRSS %M', 'psql', url, '-v', 'ON_ERROR_STOP=1', '-qc', command], {
        encoding: 'utf8',
      })
    : spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qc', command], { encoding: 'utf8' })
  const seconds = (performance.now() - started) / 1000
  if (run.status !== 0) throw new Error(`psql \\copy failed: ${run.stderr}`)
  const kb = /MAXRSS (\d+)/.exec(run.stderr ?? '')?.[1]
  return { seconds, maxRssMb: kb ? Number(kb) / 1024 : null }
}

function scratchUrl(base: string, name: string): string {
  const url = new URL(base)
  url.pathname = `/${name}`
  return url.toString()
}

async function admin(base: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: base })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

const fmt = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 })
const fmt1 = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 })
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function main(): Promise<void> {
  const base = process.env.BENCH_DATABASE_URL
  if (!base) {
    process.stdout.write(
      'import.bench: BENCH_DATABASE_URL is not set; skipped (it needs a PostgreSQL server for COPY — see the comment at the top of bench/import.bench.ts)\n',
    )
    return
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'parley-bench-import-'))
  const file = path.join(dir, 'events.csv')
  const parleyDb = `parley_bench_import_${process.pid}`
  const copyDb = `parley_bench_copy_${process.pid}`
  try {
    const t0 = performance.now()
    await generate(file, ROWS)
    const megabytes = statSync(file).size / 1_048_576
    process.stdout.write(
      `generated ${fmt.format(ROWS)} events, ${fmt1.format(megabytes)} MB, in ${fmt1.format((performance.now() - t0) / 1000)} s\n`,
    )

    await admin(base, `create database ${copyDb}`)
    await admin(scratchUrl(base, copyDb), COPY_TABLE)
    await admin(base, `create database ${parleyDb}`)
    const copyUrl = scratchUrl(base, copyDb)
    const parleyUrl = scratchUrl(base, parleyDb)
    const pgliteDir = path.join(dir, 'pglite-data')
    const copyDir = path.join(dir, 'pglite-copy')
    const withPglite = process.env.BENCH_PGLITE === '1'

    const runs = {
      pgCopy: [] as ChildResult[],
      pgImport: [] as ChildResult[],
      liteCopy: [] as ChildResult[],
      liteImport: [] as ChildResult[],
    }
    for (let round = 1; round <= ROUNDS; round++) {
      // Alternating, so that a change in the machine's load falls on both sides.
      await admin(copyUrl, 'truncate copy_target')
      runs.pgCopy.push(copyWithPsql(copyUrl, file))
      runs.pgImport.push(await runChild(['postgres', file, parleyUrl]))
      if (withPglite) {
        runs.liteCopy.push(await runChild(['copy-pglite', file, copyDir]))
        runs.liteImport.push(await runChild(['pglite', file, pgliteDir]))
      }
      process.stdout.write(`round ${round} of ${ROUNDS} done\n`)
    }

    const med = (xs: ChildResult[]) => median(xs.map((x) => x.seconds))
    const rss = (xs: ChildResult[]) => Math.max(...xs.map((x) => x.maxRssMb ?? 0))
    const row = (label: string, xs: ChildResult[], copy: ChildResult[]) =>
      `${label.padEnd(44)}${fmt1.format(med(xs)).padStart(9)}${fmt.format(ROWS / med(xs)).padStart(12)}${`${fmt.format(rss(xs))} MB`.padStart(12)}${(med(copy) / med(xs)).toFixed(2).padStart(10)}\n`
    process.stdout.write(
      `\n${ROUNDS} alternating rounds; medians\n${''.padEnd(44)}${'seconds'.padStart(9)}${'rows/s'.padStart(12)}${'peak RSS'.padStart(12)}${'of COPY'.padStart(10)}\n`,
    )
    process.stdout.write(
      row('PostgreSQL COPY (psql \\copy, same indexes)', runs.pgCopy, runs.pgCopy),
    )
    process.stdout.write(row('parley import events (PostgreSQL)', runs.pgImport, runs.pgCopy))
    if (withPglite) {
      process.stdout.write(
        row('PGlite COPY (/dev/blob, same indexes)', runs.liteCopy, runs.liteCopy),
      )
      process.stdout.write(row('parley import events (PGlite)', runs.liteImport, runs.liteCopy))
    }
    const report = runs.pgImport.at(-1)?.report
    if (report)
      process.stdout.write(
        `(last report: ${fmt.format(report.inserted)} inserted, ${report.unchanged} unchanged)\n`,
      )
    for (const [label, results] of [
      ['PostgreSQL', runs.pgImport],
      ['PGlite', runs.liteImport],
    ] as const) {
      const ms = results.flatMap((r) => r.rank?.ms ?? [])
      const rank = results.at(-1)?.rank
      if (!rank || ms.length === 0) continue
      process.stdout.write(
        `7-day rank query (${label}): median ${fmt1.format(median(ms))} ms of ${ms.length} ` +
          `(day totals of ${fmt.format(ROWS)} rows → ${fmt.format(rank.days)} days; the last window ranks ` +
          `${rank.rank} of ${fmt.format(rank.windows)})\n`,
      )
    }
  } finally {
    await admin(base, `drop database if exists ${parleyDb} with (force)`).catch(() => undefined)
    await admin(base, `drop database if exists ${copyDb} with (force)`).catch(() => undefined)
    rmSync(dir, { recursive: true, force: true })
  }
}

const [mode, file, target] = process.argv.slice(2)
if (mode === 'postgres' || mode === 'pglite' || mode === 'copy-pglite')
  await child(mode, file!, target!)
else await main()
