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

// Correcting mistakes in forecasting data: a resolution corrected or reopened, a forecast or an
// evidence entry withdrawn. Each test asks its own question, so they keep apart.
const database = await openTestDatabase()
const { db } = database
await loadDemoIfEmpty(db)
const app = buildTestApp(database, { clock: fixedClock('2026-03-01T09:00:00Z') })
const { cookie } = await signedInStaff(db, 'analyst', {
  email: 'analyst@example.org',
  name: 'Ana Lyst',
})
const DEMO = 'ru-ua-signed-agreement-by-2026-06-30'
const SOURCE = 'newsaz-2026-02-18-no-breakthrough'
const OTHER_SOURCE = 'peoplesdaily-2026-01-24-abu-dhabi-talks'
const ARTICLE = '/articles/ninety-per-cent-of-what'

const send = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(`${ORIGIN}${path}`, {
    method,
    headers: { 'content-type': 'application/json', origin: ORIGIN, cookie, ...headers },
    body: JSON.stringify(body),
  })
const read = async (key: string) => (await app.request(`${ORIGIN}/api/forecasts/${key}`)).json()
const count = async (table: string) =>
  rowsOf<{ n: number }>(await db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n

/** A question asked on 1 February with forecasts by A (80%) and B (25%), resolved yes if asked. */
async function askQuestion(key: string, options: { resolve?: boolean; prior?: number } = {}) {
  const created = await send('POST', '/api/forecasts', {
    key,
    title: `Will ${key} resolve yes?`,
    closeOn: '2026-02-28',
    criteria: 'Yes if so.',
    criteriaOn: '2026-02-01',
    prior: options.prior,
  })
  assert.equal(created.status, 201, await created.clone().text())
  const ids: number[] = []
  for (const [forecaster, probability, madeOn] of [
    ['A', 0.8, '2026-02-02'],
    ['B', 0.25, '2026-02-03'],
  ] as const) {
    const res = await send('POST', `/api/forecasts/${key}/forecasts`, {
      forecaster,
      probability,
      madeOn,
      rationale: `${forecaster}'s reasons.`,
      sources: [OTHER_SOURCE],
    })
    assert.equal(res.status, 201)
    ids.push((await res.json()).id)
  }
  if (options.resolve) {
    const resolved = await send('POST', `/api/forecasts/${key}/resolution`, {
      outcome: 'yes',
      on: '2026-02-27',
      source: SOURCE,
    })
    assert.equal(resolved.status, 200)
  }
  return ids
}

test('a resolution recorded wrongly is corrected, the scores follow and the audit keeps the reason', async () => {
  await askQuestion('fix-q-correct', { resolve: true })

  const res = await send('PUT', '/api/forecasts/fix-q-correct/resolution', {
    outcome: 'no',
    on: '2026-02-26',
    source: OTHER_SOURCE,
    note: 'The signing was of a prisoner exchange.',
    reason: 'Recorded as yes by mistake.',
  })

  assert.equal(res.status, 200)
  const body = await read('fix-q-correct')
  assert.equal(body.status, 'no')
  assert.equal(body.resolvedOn, '2026-02-26')
  assert.equal(body.resolutionSource.key, OTHER_SOURCE)
  const [a, b] = body.scores.forecasters
  assert.ok(Math.abs(a.brier - 0.64) < 1e-9, '(0.8 − 0)²')
  assert.ok(Math.abs(b.brier - 0.0625) < 1e-9, '(0.25 − 0)²')
  const [entry] = await listAudit(db, { entity: 'forecast_question', entityId: 'fix-q-correct' })
  assert.equal(entry!.action, 'correct_resolution')
  assert.deepEqual(entry!.before, { outcome: 'yes', on: '2026-02-27', source: SOURCE, note: null })
  assert.deepEqual(entry!.after, {
    outcome: 'no',
    on: '2026-02-26',
    source: OTHER_SOURCE,
    note: 'The signing was of a prisoner exchange.',
    reason: 'Recorded as yes by mistake.',
  })
})

test('a correction without a reason, or dated before a forecast, is refused naming the field, and nothing changes', async () => {
  await askQuestion('fix-q-refused', { resolve: true })
  const before = { audit: await count('audit_log'), body: await read('fix-q-refused') }

  const unreasoned = await send('PUT', '/api/forecasts/fix-q-refused/resolution', {
    outcome: 'no',
    on: '2026-02-26',
    source: SOURCE,
  })
  const early = await send('PUT', '/api/forecasts/fix-q-refused/resolution', {
    outcome: 'no',
    on: '2026-02-03',
    source: SOURCE,
    reason: 'Resolved earlier than recorded.',
  })
  const unsourced = await send('PUT', '/api/forecasts/fix-q-refused/resolution', {
    outcome: 'no',
    on: '2026-02-26',
    reason: 'Wrong outcome.',
  })

  assert.equal(unreasoned.status, 400)
  assert.deepEqual(
    (await unreasoned.json()).error.details.map((d: { path: string }) => d.path),
    ['reason'],
  )
  assert.equal(early.status, 400)
  assert.deepEqual((await early.json()).error.details, [
    { path: 'on', message: 'a forecast is dated 2026-02-03' },
  ])
  assert.equal(unsourced.status, 400)
  assert.equal((await unsourced.json()).error.details[0].path, 'source')
  assert.equal(await count('audit_log'), before.audit)
  assert.deepEqual(await read('fix-q-refused'), before.body)
})

test('reopening puts a question back to unresolved, drops its scores and is audited', async () => {
  await askQuestion('fix-q-reopen', { resolve: true })

  const unreasoned = await send('DELETE', '/api/forecasts/fix-q-reopen/resolution', {})
  const res = await send('DELETE', '/api/forecasts/fix-q-reopen/resolution', {
    reason: 'Resolved before the signing was confirmed.',
  })
  const again = await send('DELETE', '/api/forecasts/fix-q-reopen/resolution', {
    reason: 'Twice.',
  })

  assert.equal(unreasoned.status, 400)
  assert.equal((await unreasoned.json()).error.details[0].path, 'reason')
  assert.equal(res.status, 200)
  assert.equal(again.status, 409, 'an unresolved question cannot be reopened')
  const body = await read('fix-q-reopen')
  assert.equal(body.resolution, null)
  assert.equal(body.scores, null)
  assert.ok(['open', 'closed'].includes(body.status))
  const page = await (await app.request(`${ORIGIN}/forecasts/fix-q-reopen`)).text()
  assert.doesNotMatch(page, /Resolution and scores/)
  const audit = await listAudit(db, { entity: 'forecast_question', entityId: 'fix-q-reopen' })
  assert.deepEqual(
    audit.map((a) => a.action),
    ['reopen', 'resolve', 'create'],
  )
  assert.deepEqual(audit[0]!.after, {
    outcome: null,
    reason: 'Resolved before the signing was confirmed.',
  })
  assert.equal((audit[0]!.before as { outcome: string }).outcome, 'yes')
})

test('a withdrawn forecast leaves the aggregate at once, and the audit keeps the whole row', async () => {
  const [, bId] = await askQuestion('fix-q-withdraw')
  const before = await count('forecasts')

  const unreasoned = await send('DELETE', `/api/forecasts/fix-q-withdraw/forecasts/${bId}`, {
    reason: '  ',
  })
  const unchanged = await count('forecasts')
  const res = await send('DELETE', `/api/forecasts/fix-q-withdraw/forecasts/${bId}`, {
    reason: 'B forecast on the wrong question.',
  })
  const gone = await send('DELETE', `/api/forecasts/fix-q-withdraw/forecasts/${bId}`, {
    reason: 'Twice.',
  })
  const malformed = await send('DELETE', '/api/forecasts/fix-q-withdraw/forecasts/abc', {
    reason: 'Not an id.',
  })

  assert.equal(unreasoned.status, 400)
  assert.equal((await unreasoned.json()).error.details[0].path, 'reason')
  assert.equal(unchanged, before, 'a refused withdrawal deletes nothing')
  assert.equal(res.status, 200)
  assert.equal(gone.status, 404)
  assert.equal(malformed.status, 404)
  assert.equal(await count('forecasts'), before - 1)
  const body = await read('fix-q-withdraw')
  assert.equal(body.aggregate.forecasters, 1)
  assert.equal(body.aggregate.value, 0.8)
  assert.deepEqual(
    body.forecasts.map((f: { forecaster: string }) => f.forecaster),
    ['A'],
  )
  const [entry] = await listAudit(db, { entity: 'forecast', entityId: String(bId) })
  assert.equal(entry!.action, 'delete')
  assert.deepEqual(entry!.after, { reason: 'B forecast on the wrong question.' })
  const row = entry!.before as Record<string, unknown>
  assert.equal(row.question, 'fix-q-withdraw')
  assert.equal(row.forecaster, 'B')
  assert.equal(row.probability, 0.25)
  assert.equal(row.madeOn, '2026-02-03')
  assert.equal(row.rationale, "B's reasons.")
  assert.equal(row.criteriaVersion, 1)
  assert.deepEqual(row.sources, [OTHER_SOURCE])
})

test('a forecast can only be withdrawn through its own question', async () => {
  const [aId] = await askQuestion('fix-q-own')
  await askQuestion('fix-q-other')

  const res = await send('DELETE', `/api/forecasts/fix-q-other/forecasts/${aId}`, {
    reason: 'Wrong address.',
  })

  assert.equal(res.status, 404)
  assert.equal((await read('fix-q-own')).forecasts.length, 2)
})

test('withdrawn evidence leaves the evidence update on the public page at once', async () => {
  await askQuestion('fix-q-evidence', { prior: 0.5 })
  const added = []
  for (const [description, likelihoodRatio] of [
    ['A wrongly entered report.', 3],
    ['A real report.', 2],
  ] as const) {
    const res = await send('POST', '/api/forecasts/fix-q-evidence/evidence', {
      description,
      likelihoodRatio,
      source: SOURCE,
      on: '2026-02-05',
    })
    added.push((await res.json()).id as number)
  }
  assert.ok(Math.abs((await read('fix-q-evidence')).evidenceUpdate.posterior - 6 / 7) < 1e-9)

  const unreasoned = await send('DELETE', `/api/forecasts/fix-q-evidence/evidence/${added[0]}`, {})
  const res = await send('DELETE', `/api/forecasts/fix-q-evidence/evidence/${added[0]}`, {
    reason: 'The report was about another round.',
  })
  const third = await send('POST', '/api/forecasts/fix-q-evidence/evidence', {
    description: 'A later report.',
    likelihoodRatio: 1.5,
    source: SOURCE,
    on: '2026-02-06',
  })

  assert.equal(unreasoned.status, 400)
  assert.equal((await unreasoned.json()).error.details[0].path, 'reason')
  assert.equal(res.status, 200)
  assert.equal(third.status, 201)
  const body = await read('fix-q-evidence')
  assert.deepEqual(
    body.evidence.map((e: { description: string }) => e.description),
    ['A real report.', 'A later report.'],
    'an entry added after a withdrawal goes last',
  )
  assert.ok(Math.abs(body.evidenceUpdate.posterior - 0.75) < 1e-9, 'odds 1 × 2 × 1.5 = 3')
  const page = await (await app.request(`${ORIGIN}/forecasts/fix-q-evidence`)).text()
  assert.doesNotMatch(page, /A wrongly entered report\./)
  const [entry] = await listAudit(db, { entity: 'forecast_evidence', entityId: String(added[0]) })
  assert.equal(entry!.action, 'delete')
  assert.equal((entry!.before as { description: string }).description, 'A wrongly entered report.')
  assert.equal((entry!.before as { likelihoodRatio: number }).likelihoodRatio, 3)
  assert.equal((entry!.before as { source: string }).source, SOURCE)
  assert.deepEqual(entry!.after, { reason: 'The report was about another round.' })
})

test('the desk forms correct, reopen and withdraw without JavaScript, and name a missing reason', async () => {
  const [aId] = await askQuestion('fix-q-forms', { resolve: true })
  const desk = await (
    await app.request(`${ORIGIN}/staff/forecasts/fix-q-forms`, { headers: { cookie } })
  ).text()
  assert.match(desk, /action="\/staff\/forecasts\/fix-q-forms\/correct-resolution"/)
  assert.match(desk, /action="\/staff\/forecasts\/fix-q-forms\/withdraw-forecast"/)

  const noReason = await app.request(
    formPost(
      '/staff/forecasts/fix-q-forms/correct-resolution',
      { outcome: 'no', on: '2026-02-26', source: SOURCE, note: '', reason: '' },
      { cookie, accept: 'text/html' },
    ),
  )
  const corrected = await app.request(
    formPost(
      '/staff/forecasts/fix-q-forms/correct-resolution',
      { outcome: 'no', on: '2026-02-26', source: SOURCE, note: '', reason: 'Wrong outcome.' },
      { cookie },
    ),
  )
  const withdrawn = await app.request(
    formPost(
      '/staff/forecasts/fix-q-forms/withdraw-forecast',
      { id: String(aId), reason: 'Entered twice.' },
      { cookie },
    ),
  )
  const reopened = await app.request(
    formPost('/staff/forecasts/fix-q-forms/reopen', { reason: 'Not settled yet.' }, { cookie }),
  )

  assert.equal(noReason.status, 400)
  assert.match(await noReason.text(), /<strong>reason<\/strong>: a reason is required/)
  assert.equal(corrected.status, 303)
  assert.match(decodeURIComponent(corrected.headers.get('location')!), /resolution corrected/)
  assert.equal(withdrawn.status, 303)
  assert.equal(reopened.status, 303)
  const body = await read('fix-q-forms')
  assert.equal(body.resolution, null)
  assert.deepEqual(
    body.forecasts.map((f: { forecaster: string }) => f.forecaster),
    ['B'],
  )
  const actions = (await listAudit(db, { limit: 3 })).map((a) => a.action)
  assert.deepEqual(actions, ['reopen', 'delete', 'correct_resolution'])
})

test('another site cannot withdraw, and readers who are not staff cannot', async () => {
  const [aId] = await askQuestion('fix-q-guard')

  const foreign = await send(
    'DELETE',
    `/api/forecasts/fix-q-guard/forecasts/${aId}`,
    { reason: 'Forged.' },
    { origin: 'https://evil.example' },
  )
  const anonymous = await send(
    'DELETE',
    `/api/forecasts/fix-q-guard/forecasts/${aId}`,
    { reason: 'Anonymous.' },
    { cookie: '' },
  )

  assert.equal(foreign.status, 403)
  assert.equal(anonymous.status, 401)
  assert.equal((await read('fix-q-guard')).forecasts.length, 2)
})

test('withdrawing a forecast re-renders the published article that embeds the question', async () => {
  const before = await (await app.request(ARTICLE)).text()
  const latest = (await read(DEMO)).forecasts.at(-1) as { id: number; forecaster: string }

  const res = await send('DELETE', `/api/forecasts/${DEMO}/forecasts/${latest.id}`, {
    reason: 'Recorded against the wrong forecaster.',
  })
  // Served pages are rechecked against the stored render at most once a second.
  await new Promise((resolve) => setTimeout(resolve, 1100))
  const after = await (await app.request(ARTICLE)).text()

  assert.equal(res.status, 200)
  assert.notEqual(embedFigures(after), embedFigures(before))
})

/** The text of the article's embeds (their figures), without the rest of the page. */
function embedFigures(html: string): string {
  return [...html.matchAll(/<figure[^>]*embed[^>]*>[\s\S]*?<\/figure>/g)]
    .map((m) => m[0].replace(/<[^>]+>/g, ' '))
    .join('|')
}
