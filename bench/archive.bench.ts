import { createHash } from 'node:crypto'
import { openDatabase, openMemoryDatabase } from '../src/platform/db/client.ts'
import { migrate } from '../src/platform/db/migrate.ts'
import { systemClock } from '../src/platform/time.ts'
import { addSource } from '../src/sources/actions/add-source.ts'
import { extractReadableText } from '../src/sources/readable-text.ts'
import { startPageServer } from '../src/sources/testing/page-server.ts'
import { cliActor } from '../src/staff/audit.repository.ts'

/**
 * Archiving throughput (issue 3): 200 article pages served by a local server are added to the
 * ledger one after another — fetch, readable-text extraction, both hashes, one transaction per
 * source — beside the same pages only fetched and hashed (the physical limit), and fetched, hashed
 * and extracted without a database, in alternating rounds of one run. Prints the median pages/s of
 * each, the ratios, and Parley's peak resident memory. PGlite in memory by default; set
 * BENCH_DATABASE_URL to run against PostgreSQL instead.
 */
const PAGES = Number(process.env.BENCH_PAGES ?? 200)

// Pages shaped like news articles: navigation and scripts around 12 paragraphs of text (~7.5 kB).
function articleHtml(n: number): string {
  const paragraphs = Array.from(
    { length: 12 },
    (_, p) =>
      `<p>Paragraph ${p + 1} of report ${n}: the delegations met for several hours and discussed the ` +
      `framework point by point, including security guarantees, the energy infrastructure and the ` +
      `exchange of prisoners; officials said that territory remained the hardest question, and that ` +
      `no map had been agreed. ${'Analysts noted the strikes that preceded the round. '.repeat(4)}</p>`,
  ).join('\n')
  return `<!doctype html><html><head><title>Report ${n}: talks continue</title>
<script>window.dataLayer = []</script><style>body { margin: 0 }</style></head><body>
<nav>${Array.from({ length: 30 }, (_, i) => `<a href="/section/${i}">Section ${i}</a>`).join(' ')}</nav>
<article><h1>Report ${n}: talks continue</h1>${paragraphs}</article>
<footer>${'<a href="/about">About</a> '.repeat(20)}</footer></body></html>`
}

const server = await startPageServer()
for (let n = 0; n < PAGES; n++) server.set(`/report/${n}`, { body: articleHtml(n) })
const url = process.env.BENCH_DATABASE_URL
const database = url
  ? await openDatabase({ databaseUrl: url, dataDir: '' })
  : await openMemoryDatabase()
await migrate(database)

const options = { clock: systemClock, fetch: { allowPrivate: true } }
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)

/** Each way of taking the pages, timed over all of them; returns pages/s. */
type Way = (round: number) => Promise<void>

// The physical limit: fetch each page and hash its bytes, keep nothing.
const fetchAndHash: Way = async (round) => {
  for (let n = 0; n < PAGES; n++) {
    const res = await fetch(`${server.origin}/report/${n}?round=${round}`)
    createHash('sha256')
      .update(new Uint8Array(await res.arrayBuffer()))
      .digest('hex')
  }
}
// The same plus the readable text and its hash: what extraction costs, still without a database.
const fetchHashExtract: Way = async (round) => {
  for (let n = 0; n < PAGES; n++) {
    const res = await fetch(`${server.origin}/report/${n}?round=${round}`)
    const body = new Uint8Array(await res.arrayBuffer())
    createHash('sha256').update(body).digest('hex')
    const { text } = await extractReadableText(body, res.headers.get('content-type') ?? 'text/html')
    createHash('sha256')
      .update(text ?? '')
      .digest('hex')
  }
}
// Parley: the guarded fetch, extraction, both hashes, the source and its snapshot in one
// transaction, the audit entry — `parley source add URL` for each page.
let bytes = 0
const parley: Way = async (round) => {
  for (let n = 0; n < PAGES; n++) {
    const { archive } = await addSource(
      database.db,
      cliActor,
      { url: `${server.origin}/report/${n}?round=${round}`, publisher: 'Bench Wire' },
      options,
    )
    bytes += archive?.snapshot.byteLength ?? 0
  }
}

const ways: [string, Way][] = [
  ['fetch + SHA-256 (no extraction, no database)', fetchAndHash],
  ['fetch + SHA-256 + readable text (no database)', fetchHashExtract],
  [`parley source add (${database.kind})`, parley],
]
const rates = new Map<string, number[]>(ways.map(([name]) => [name, []]))

const before = process.memoryUsage().rss
let peak = before
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss)
}, 20)

// Rounds alternate the three ways so that a change in the machine's load touches all of them.
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, way] of ways) {
    const started = performance.now()
    await way(round)
    rates.get(name)!.push(PAGES / ((performance.now() - started) / 1000))
  }
}
clearInterval(sampler)
peak = Math.max(peak, process.memoryUsage().rss)

const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
console.log(
  `${PAGES} pages (${(bytes / ROUNDS / 1024 / 1024).toFixed(1)} MB of HTML) per round, ${ROUNDS} rounds; medians:`,
)
const limit = median(rates.get(ways[0]![0])!)
for (const [name] of ways) {
  const rate = median(rates.get(name)!)
  console.log(
    `  ${name.padEnd(48)} ${rate.toFixed(1).padStart(7)} pages/s   ${(rate / limit).toFixed(2)} of fetch + SHA-256`,
  )
}
console.log(
  `  peak RSS ${(peak / 1024 / 1024).toFixed(0)} MB (${(before / 1024 / 1024).toFixed(0)} MB before the first page, database open)`,
)

await database.close()
await server.close()
