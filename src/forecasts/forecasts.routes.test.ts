import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sql } from 'drizzle-orm'
import { buildTestApp, formPost, ORIGIN } from '../../test/app.ts'
import { openTestDatabase } from '../../test/db.ts'
import { signedInStaff } from '../../test/factories.ts'
import { loadDemoIfEmpty } from '../app/load-demo.ts'
import { rowsOf } from '../platform/db/migrate.ts'
import { fixedClock } from '../platform/time.ts'
import { listAudit } from '../staff/audit.repository.ts'

const database = await openTestDatabase()
const { db } = database
await loadDemoIfEmpty(db)
const app = buildTestApp(database, { clock: fixedClock('2026-03-01T09:00:00Z') })
const { cookie } = await signedInStaff(db, 'analyst', {
  email: 'analyst@example.org',
  name: 'Ana Lyst',
})
const DEMO = 'ru-ua-signed-agreement-by-2026-06-30'

const html = (path: string, headers: Record<string, string> = {}) =>
  app.request(`${ORIGIN}${path}`, { headers: { accept: 'text/html', ...headers } })
const send = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(`${ORIGIN}${path}`, {
    method,
    headers: { 'content-type': 'application/json', origin: ORIGIN, cookie, ...headers },
    body: JSON.stringify(body),
  })
const count = async (table: string) =>
  rowsOf<{ n: number }>(await db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n

const demoUrls = rowsOf<{ url: string }>(
  await db.execute(sql`
    select s.url from forecast_sources fs join sources s on s.id = fs.source_id`),
).map((r) => r.url)

test('the forecasts page shows each question with its aggregate, large and labelled', async () => {
  const res = await html('/forecasts')

  assert.equal(res.status, 200)
  const page = await res.text()
  assert.match(
    page,
    /Will Russia and Ukraine sign a ceasefire or framework agreement by 30 June 2026\?/,
  )
  assert.match(
    page,
    /<span class="value">15%<\/span><span class="label">chance of yes: the recency-weighted median of 3 forecasters’ latest forecasts<\/span>/,
  )
  assert.match(page, /href="\/forecasts"/, 'the site navigation links the forecasts')
})

test('a question page gives the criteria, a chart, the aggregates and evidence, and no source address to anonymous readers', async () => {
  const res = await html(`/forecasts/${DEMO}`)

  const page = await res.text()
  assert.equal(res.status, 200)
  assert.match(page, /Version 1, from <time datetime="2025-12-29">/)
  assert.match(page, /<svg[^>]*id="forecast-chart"/)
  assert.match(
    page,
    /No extremized aggregate: extremizing needs at least 5 forecasters \(there are 3\)/,
  )
  // Prior 15%, LRs 1.1 · 0.7 · 1.5 · 0.8 = 0.924: odds 0.1765 × 0.924 = 0.1631, p = 14.0%.
  assert.match(
    page,
    /After the evidence to <time[^>]*>[^<]*<\/time>: <strong>14%<\/strong> \(the odds × 0\.92\)/,
  )
  assert.ok(demoUrls.length > 0)
  for (const url of demoUrls) assert.ok(!page.includes(url), `anonymous page shows ${url}`)
  const api = await (await app.request(`${ORIGIN}/api/forecasts/${DEMO}`)).text()
  for (const url of demoUrls) assert.ok(!api.includes(url), `anonymous API shows ${url}`)
})

test('staff see the original address beside each source of a forecast', async () => {
  const page = await (await html(`/forecasts/${DEMO}`, { cookie })).text()

  assert.ok(demoUrls.some((url) => page.includes(`href="${url}"`)))
})

test('criteria freeze once a forecast exists: a change needs a reason and becomes a new version', async () => {
  const created = await send('POST', '/api/forecasts', {
    key: 'test-q-freeze',
    title: 'Will the test question resolve?',
    closeOn: '2026-06-30',
    criteria: 'Yes if it does.',
    criteriaOn: '2026-02-01',
  })
  assert.equal(created.status, 201)
  const early = await send('PATCH', '/api/forecasts/test-q-freeze', {
    criteria: 'Yes if it really does.',
  })
  assert.equal(early.status, 200, 'before any forecast the text is simply replaced')
  const first = await send('POST', '/api/forecasts/test-q-freeze/forecasts', {
    probability: 0.4,
    madeOn: '2026-02-10',
    rationale: 'Even-ish.',
    sources: ['peoplesdaily-2026-01-24-abu-dhabi-talks'],
  })
  assert.equal(first.status, 201)

  const refused = await send('PATCH', '/api/forecasts/test-q-freeze', {
    criteria: 'Yes if it does, by any measure.',
  })
  const accepted = await send('PATCH', '/api/forecasts/test-q-freeze', {
    criteria: 'Yes if it does, by any measure.',
    criteriaOn: '2026-02-15',
    reason: 'The first version did not say which measure.',
  })
  const later = await send('POST', '/api/forecasts/test-q-freeze/forecasts', {
    probability: 0.45,
    madeOn: '2026-02-20',
    rationale: 'Wider criteria.',
  })

  assert.equal(refused.status, 409)
  assert.match(
    (await refused.json()).error.message,
    /the criteria are frozen: 1 forecast rests on version 1/,
  )
  assert.equal(accepted.status, 200)
  assert.deepEqual(await accepted.json(), { criteriaVersion: 2 })
  assert.equal((await later.json()).criteriaVersion, 2)
  const body = await (await app.request(`${ORIGIN}/api/forecasts/test-q-freeze`)).json()
  assert.deepEqual(
    body.criteria.map((c: { version: number; text: string }) => [c.version, c.text]),
    [
      [1, 'Yes if it really does.'],
      [2, 'Yes if it does, by any measure.'],
    ],
  )
  assert.deepEqual(
    body.forecasts.map((f: { criteriaVersion: number; forecaster: string }) => [
      f.forecaster,
      f.criteriaVersion,
    ]),
    [
      ['Ana Lyst', 1],
      ['Ana Lyst', 2],
    ],
  )
  assert.equal(body.aggregate.forecasters, 1, 'one forecaster counts once')
  assert.equal(body.aggregate.value, 0.45)
  const audit = await listAudit(db, { entity: 'forecast_question', entityId: 'test-q-freeze' })
  assert.deepEqual(
    audit.map((a) => a.action),
    ['update', 'update', 'create'],
  )
})

test('a probability of 1 is refused naming the field, and nothing is written', async () => {
  const before = { forecasts: await count('forecasts'), audit: await count('audit_log') }

  const res = await send('POST', `/api/forecasts/${DEMO}/forecasts`, {
    probability: 1,
    madeOn: '2026-02-25',
    rationale: 'Certain.',
  })

  assert.equal(res.status, 400)
  const body = await res.json()
  assert.equal(body.error.details[0].path, 'probability')
  assert.match(body.error.details[0].message, /strictly between 0 and 1/)
  assert.deepEqual({ forecasts: await count('forecasts'), audit: await count('audit_log') }, before)
})

test('an unknown source key is named and the forecast is not recorded', async () => {
  const before = await count('forecasts')

  const res = await send('POST', `/api/forecasts/${DEMO}/forecasts`, {
    probability: 0.3,
    madeOn: '2026-02-25',
    rationale: 'Cites a ghost.',
    sources: ['no-such-source'],
  })

  assert.equal(res.status, 400)
  assert.deepEqual((await res.json()).error.details, [
    { path: 'sources.0', message: 'unknown source "no-such-source"' },
  ])
  assert.equal(await count('forecasts'), before)
})

test('resolving a question scores every forecaster and the aggregate', async () => {
  await send('POST', '/api/forecasts', {
    key: 'test-q-scored',
    title: 'Will the scored question resolve yes?',
    closeOn: '2026-02-28',
    criteria: 'Yes if so.',
    criteriaOn: '2026-02-01',
  })
  await send('POST', '/api/forecasts/test-q-scored/forecasts', {
    forecaster: 'A',
    probability: 0.8,
    madeOn: '2026-02-02',
    rationale: 'Likely.',
  })
  await send('POST', '/api/forecasts/test-q-scored/forecasts', {
    forecaster: 'B',
    probability: 0.25,
    madeOn: '2026-02-03',
    rationale: 'Unlikely.',
  })

  const unsourced = await send('POST', '/api/forecasts/test-q-scored/resolution', {
    outcome: 'yes',
    on: '2026-02-27',
  })
  const beforeForecast = await send('POST', '/api/forecasts/test-q-scored/resolution', {
    outcome: 'yes',
    on: '2026-02-03',
    source: 'newsaz-2026-02-18-no-breakthrough',
  })
  const res = await send('POST', '/api/forecasts/test-q-scored/resolution', {
    outcome: 'yes',
    on: '2026-02-27',
    source: 'newsaz-2026-02-18-no-breakthrough',
  })

  assert.equal(unsourced.status, 400)
  assert.equal((await unsourced.json()).error.details[0].path, 'source')
  assert.equal(beforeForecast.status, 400, 'a resolution may not precede a forecast')
  assert.deepEqual((await beforeForecast.json()).error.details, [
    { path: 'on', message: 'a forecast is dated 2026-02-03' },
  ])
  assert.equal(res.status, 200)
  const body = await (await app.request(`${ORIGIN}/api/forecasts/test-q-scored`)).json()
  assert.equal(body.status, 'yes')
  const [a, b] = body.scores.forecasters
  assert.ok(Math.abs(a.brier - 0.04) < 1e-9)
  assert.ok(Math.abs(b.baseline - -100) < 1e-9, '100 · log2(0.25 / 0.5)')
  const page = await (await html('/forecasts/test-q-scored')).text()
  assert.match(page, /Resolution and scores/)
  const board = await (await html('/forecasts')).text()
  assert.match(board, /Mean\s+Brier score 0\.301 = reliability 0\.301/, '(0.04 + 0.5625) / 2')
  const late = await send('POST', '/api/forecasts/test-q-scored/forecasts', {
    forecaster: 'C',
    probability: 0.5,
    madeOn: '2026-02-28',
    rationale: 'Too late.',
  })
  assert.equal(late.status, 409)
})

test('the desk forms work without JavaScript, and another site cannot post them', async () => {
  const ok = await app.request(
    formPost(
      `/staff/forecasts/${DEMO}/forecast`,
      { percent: '18', madeOn: '2026-02-26', rationale: 'From the form.', sources: '' },
      { cookie },
    ),
  )
  const bad = await app.request(
    formPost(
      `/staff/forecasts/${DEMO}/forecast`,
      { percent: '18', madeOn: '2026-02-26', rationale: '' },
      { cookie, accept: 'text/html' },
    ),
  )
  const foreign = await app.request(
    formPost(
      `/staff/forecasts/${DEMO}/forecast`,
      { percent: '18', rationale: 'Forged.' },
      { cookie, origin: 'https://evil.example' },
    ),
  )

  assert.equal(ok.status, 303)
  assert.match(
    decodeURIComponent(ok.headers.get('location')!),
    /forecast recorded under criteria version 1/,
  )
  assert.equal(bad.status, 400)
  assert.match(await bad.text(), /<strong>rationale<\/strong>: a rationale is required/)
  assert.equal(foreign.status, 403)

  const outOfRange = await app.request(
    formPost(
      `/staff/forecasts/${DEMO}/forecast`,
      { percent: '100', madeOn: '2026-02-26', rationale: 'Certain.' },
      { cookie, accept: 'text/html' },
    ),
  )
  const inherited = await app.request(
    formPost(`/staff/forecasts/${DEMO}/toString`, { percent: '18' }, { cookie }),
  )
  assert.equal(inherited.status, 404, 'only the named forms answer')

  assert.equal(outOfRange.status, 400)
  assert.match(
    await outOfRange.text(),
    /<strong>percent<\/strong>: expected a chance strictly between 0 and 100 per cent/,
  )
  const body = await (await app.request(`${ORIGIN}/api/forecasts/${DEMO}`)).json()
  const mine = body.forecasts.filter((f: { forecaster: string }) => f.forecaster === 'Ana Lyst')
  assert.deepEqual(
    mine.map((f: { probability: number; madeOn: string }) => [f.probability, f.madeOn]),
    [[0.18, '2026-02-26']],
  )
})

test('readers who are not staff cannot write', async () => {
  const res = await app.request(`${ORIGIN}/api/forecasts/${DEMO}/evidence`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({ description: 'x', likelihoodRatio: 2, source: 'x' }),
  })

  assert.equal(res.status, 401)
})
