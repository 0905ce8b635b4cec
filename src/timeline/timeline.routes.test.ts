import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { test } from 'node:test'
import { buildTestApp, ORIGIN } from '../../test/app.ts'
import { openTestDatabase } from '../../test/db.ts'
import { signedInStaff } from '../../test/factories.ts'
import { sharedData } from '../../test/shared-data.ts'
import { DEMO_CASE_PATH } from '../app/load-demo.ts'
import { importCase } from '../casefile/import-case.ts'
import { listAudit, systemActor } from '../staff/audit.repository.ts'
import { loadDemoStrikesIfEmpty } from './actions/load-demo-strikes.ts'

const GDELT = sharedData('gdelt-sample', 'gdelt_events_20201113.csv')

const database = await openTestDatabase()
const app = buildTestApp(database)
await importCase(database.db, systemActor, JSON.parse(await readFile(DEMO_CASE_PATH, 'utf8')))
const loaded = await loadDemoStrikesIfEmpty(database.db)

// A negotiation whose events are of the kinds added by #13, inside the demo strike series.
const newKindEvent = (key: string, date: string, kind: string, title: string) => ({
  key,
  date,
  kind,
  title,
  summary: `${title}.`,
  sources: ['kinds-wire'],
})
await importCase(database.db, systemActor, {
  format: 'parley-case/1',
  negotiation: {
    slug: 'kinds-on-the-timeline',
    title: 'Kinds on the timeline',
    summary: 'Events of every kind but talks.',
    startedOn: '2025-10-01',
  },
  sources: [{ key: 'kinds-wire', url: 'https://example.org/kinds', publisher: 'Example Wire' }],
  events: [
    newKindEvent('k-signing', '2025-10-10', 'signing', 'Memorandum signed'),
    newKindEvent('k-ceasefire', '2025-10-12', 'ceasefire', 'Energy truce begins'),
    newKindEvent('k-line', '2025-10-15', 'territorial-change', 'Village changes hands'),
    newKindEvent('k-deadline', '2025-10-20', 'deadline', 'Deadline for a reply'),
    newKindEvent('k-strike', '2025-10-11', 'strike', 'Strike on a power plant'),
  ],
})

const { cookie } = await signedInStaff(database.db, 'analyst', {
  email: 'an@example.org',
  name: 'An',
})

function upload(pathAndQuery: string, body: BodyInit, type?: string) {
  return app.request(
    new Request(`${ORIGIN}${pathAndQuery}`, {
      method: 'POST',
      headers: { origin: ORIGIN, cookie, ...(type ? { 'content-type': type } : {}) },
      body,
    }),
  )
}

test('the bundled demo table loads the demo window once, and its nights match the data set', async () => {
  const again = await loadDemoStrikesIfEmpty(database.db)

  const res = await app.request('/api/timeline/intensity?night=2025-12-27')

  assert.equal(loaded, 280)
  assert.equal(again, 0)
  assert.deepEqual(await res.json(), {
    night: '2025-12-27',
    launched: { drones: 519, missiles: 40, total: 559 },
    destroyed: { drones: 474, missiles: 29, total: 503 },
  })
})

test('a window is answered with its rank as JSON and as CSV', async () => {
  const json = await (
    await app.request('/api/timeline/intensity?window=7&ending=2026-02-03')
  ).json()
  const csv = await app.request('/api/timeline/intensity?window=7&ending=2026-02-03&format=csv')

  assert.equal(json.window, 7)
  assert.equal(json.from, '2026-01-28')
  assert.equal(typeof json.rank, 'number')
  assert.equal(json.of, 280 - 6)
  assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8')
  const [header, row] = (await csv.text()).trim().split('\r\n')
  assert.match(header!, /^window,from,ending,measure,drones_launched/)
  assert.ok(row!.startsWith(`7,2026-01-28,2026-02-03,launched.total,`))
  assert.ok(row!.endsWith(`,${json.rank},${json.of},${json.percentile}`))
})

test('a night outside the series is not found, and a malformed date is named', async () => {
  const outside = await app.request('/api/timeline/intensity?night=2024-01-01')
  const malformed = await app.request('/api/timeline/intensity?night=2025-13-01')

  assert.equal(outside.status, 404)
  assert.equal(malformed.status, 400)
  assert.equal((await malformed.json()).error.details[0].path, 'night')
})

test('nights come with their rolling 7- and 30-night sums', async () => {
  const body = await (
    await app.request('/api/timeline/nights?from=2025-10-01&to=2025-10-07')
  ).json()

  assert.equal(body.nights.length, 7)
  assert.equal(body.series.first, '2025-09-01')
  const all = await (await app.request('/api/timeline/nights?to=2025-10-07')).json()
  const last7 = all.nights
    .slice(-7)
    .reduce((s: number, n: { launched: { total: number } }) => s + n.launched.total, 0)
  assert.equal(body.nights[6].rolling7, last7)
  assert.equal(all.nights[5].rolling7, null)
})

test('each diplomatic event gets its talks-window ratio; events before the series get none', async () => {
  const body = await (
    await app.request('/api/timeline/negotiations/russia-ukraine-2025/ratios')
  ).json()

  const abuDhabi = body.events.find((e: { key: string }) => e.key === 'ua26-abu-dhabi-2')
  const istanbul = body.events.find((e: { key: string }) => e.key === 'ua25-istanbul-2025')
  // Computed independently from the raw CSV: 265.0 a night around 4 Feb, 148.93 in the weeks before.
  assert.ok(Math.abs(abuDhabi.ratio - 1.7794) < 1e-4)
  assert.equal(abuDhabi.around.mean, 265)
  assert.equal(istanbul.ratio, null)
  assert.match(istanbul.note, /outside the strike series/)
  assert.ok(body.events.every((e: { kind: string }) => e.kind !== 'strike'))
})

test('the timeline page draws the nights and numbers the diplomatic events on the chart', async () => {
  const res = await app.request(
    '/negotiations/russia-ukraine-2025/timeline?from=2026-01-15&to=2026-02-20',
    { headers: { accept: 'text/html' } },
  )
  const html = await res.text()

  assert.equal(res.status, 200)
  assert.match(html, /<svg[^>]* id="timeline-chart"[^>]*>/)
  assert.match(/<svg[^>]* id="timeline-chart"[^>]*>/.exec(html)![0], /class="chart"/)
  assert.equal((html.match(/<g[^>]*class="bar-drones"/g) ?? []).length, 1)
  assert.match(
    html,
    /<title>\d+\. 2026-02-04 meeting: Second trilateral round in Abu Dhabi<\/title>/,
  )
  assert.match(html, /R = 1\.78/)
  assert.doesNotMatch(html, /style="/)
})

test('ceasefires, signings, territorial changes and deadlines are marked and labelled like talks', async () => {
  const ratios = await (
    await app.request('/api/timeline/negotiations/kinds-on-the-timeline/ratios')
  ).json()
  const res = await app.request(
    '/negotiations/kinds-on-the-timeline/timeline?from=2025-10-01&to=2025-10-31',
    { headers: { accept: 'text/html' } },
  )
  const html = await res.text()

  assert.deepEqual(
    ratios.events.map((e: { key: string; kind: string }) => `${e.key} ${e.kind}`),
    [
      'k-signing signing',
      'k-ceasefire ceasefire',
      'k-line territorial-change',
      'k-deadline deadline',
    ],
  )
  assert.equal(res.status, 200)
  assert.match(html, /<title>2\. 2025-10-12 ceasefire takes effect: Energy truce begins<\/title>/)
  assert.match(html, /<title>3\. 2025-10-15 territorial change: Village changes hands<\/title>/)
  assert.match(html, /<span class="tag">deadline<\/span> Deadline for a reply/)
  assert.match(html, /<span class="tag">signing<\/span> Memorandum signed/)
  assert.doesNotMatch(html, /Strike on a power plant/)
})

test('an upload by an analyst imports strikes and reports what it did; a bad row names line and column', async () => {
  const file = [
    'time_start,time_end,model,target,launched,destroyed,source',
    '2026-03-02 18:00,2026-03-03 08:00,Shahed-136/131,Ukraine,100,90,kpszsu/posts/a',
    '2026-03-02 18:00,2026-03-03 08:00,Kalibr,Ukraine,-2,0,kpszsu/posts/a',
  ].join('\n')

  const refused = await upload(
    '/api/timeline/imports/strikes?dataset=upload-test',
    file,
    'text/csv',
  )
  const skipped = await upload(
    '/api/timeline/imports/strikes?dataset=upload-test&skipBadRows=1',
    file,
    'text/csv',
  )

  assert.equal(refused.status, 400)
  assert.deepEqual(
    (await refused.json()).error.details.map((d: { path: string }) => d.path),
    ['line 3, column launched'],
  )
  assert.equal(skipped.status, 200)
  const report = await skipped.json()
  assert.equal(report.inserted, 1)
  assert.deepEqual(report.skipped, [
    { line: 3, problems: [{ column: 'launched', message: '-2 is negative (a count cannot be)' }] },
  ])
  const audit = await listAudit(database.db, { entity: 'strike_reports', entityId: 'upload-test' })
  assert.equal(audit[0]?.actor, 'an@example.org')
})

test('a GDELT export uploaded as multipart feeds the weekly dyad index', async () => {
  const form = new FormData()
  form.set('file', new Blob([await readFile(GDELT)]), 'gdelt.csv')

  const first = await upload('/api/timeline/imports/events?format=gdelt', form)
  const second = await upload('/api/timeline/imports/events?format=gdelt', form)
  const dyad = await (await app.request('/api/timeline/dyad?a=USA&b=CHN')).json()

  assert.equal(first.status, 200)
  assert.equal((await first.json()).inserted, 2824)
  assert.deepEqual(((r) => [r.inserted, r.updated, r.unchanged])(await second.json()), [0, 0, 2824])
  assert.equal(dyad.weeks.length, 1)
  assert.equal(dyad.weeks[0].week, '2020-11-09')
  assert.ok(dyad.weeks[0].events > 0)
})

test('imports are for staff only', async () => {
  const res = await app.request(
    new Request(`${ORIGIN}/api/timeline/imports/strikes`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'text/csv' },
      body: 'time_start,time_end,model,launched,destroyed\n',
    }),
  )

  assert.equal(res.status, 401)
})
