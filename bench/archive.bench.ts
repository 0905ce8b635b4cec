import { openDatabase, openMemoryDatabase } from '../src/db/client.ts'
import { migrate } from '../src/db/migrate.ts'
import { systemClock } from '../src/shared/time.ts'
import { addSource } from '../src/sources/add-source.ts'
import { startPageServer } from '../src/sources/testing/page-server.ts'
import { cliActor } from '../src/staff/audit.repository.ts'

/**
 * Archiving throughput (issue 3): 200 article pages served by a local server are added to the
 * ledger one after another — fetch, readable-text extraction, both hashes, one transaction per
 * source. Prints pages/s and the peak resident memory. PGlite in memory by default; set
 * BENCH_DATABASE_URL to run against PostgreSQL instead.
 */
const PAGES = Number(process.env.BENCH_PAGES ?? 200)

// Pages shaped like news articles: navigation and scripts around ~12 paragraphs of text (~20 kB).
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

const baseline = process.memoryUsage().rss
let peak = baseline
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss)
}, 20)

const options = { clock: systemClock, fetch: { allowPrivate: true } }
const started = performance.now()
let bytes = 0
for (let n = 0; n < PAGES; n++) {
  const { archive } = await addSource(
    database.db,
    cliActor,
    { url: `${server.origin}/report/${n}?run=${started}`, publisher: 'Bench Wire' },
    options,
  )
  bytes += archive?.snapshot.byteLength ?? 0
}
const seconds = (performance.now() - started) / 1000
clearInterval(sampler)
peak = Math.max(peak, process.memoryUsage().rss)

console.log(
  `archived ${PAGES} pages (${(bytes / 1024 / 1024).toFixed(1)} MB of HTML) on ${database.kind} in ${seconds.toFixed(2)} s`,
)
console.log(`  ${(PAGES / seconds).toFixed(1)} pages/s`)
console.log(
  `  peak RSS ${(peak / 1024 / 1024).toFixed(0)} MB (${(baseline / 1024 / 1024).toFixed(0)} MB before the first page, database open)`,
)

await database.close()
await server.close()
