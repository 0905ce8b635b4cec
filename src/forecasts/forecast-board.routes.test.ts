import assert from 'node:assert/strict'
import { test } from 'node:test'
import { buildTestApp, ORIGIN } from '../../test/app.ts'
import { openTestDatabase } from '../../test/db.ts'
import { importCase } from '../casefile/import-case.ts'
import { fixedClock } from '../platform/time.ts'
import { cliActor } from '../staff/audit.repository.ts'

// Today, for every page in this file: questions closing before it are past their close date.
const clock = fixedClock('2026-03-01T09:00:00Z')

/** A case with the given questions, each with one criteria version and the forecasts given. */
function caseWithQuestions(slug: string, questions: Record<string, unknown>[]) {
  return {
    format: 'parley-case/1',
    negotiation: { slug, title: 'Board case', summary: 'Questions.', startedOn: '2025-01-01' },
    forecasts: questions.map((q) => ({
      criteria: [{ version: 1, on: '2025-01-01', text: 'Yes if it happens.' }],
      ...q,
    })),
  }
}

const forecast = (probability: number) => ({
  forecaster: 'Fay',
  on: '2025-02-01',
  probability,
  criteriaVersion: 1,
  rationale: 'A reason.',
})

/** The page's section headed `heading`, up to the next heading. */
function section(page: string, heading: string): string {
  const start = page.indexOf(`>${heading}</h2>`)
  assert.ok(start >= 0, `no section "${heading}"`)
  const end = page.indexOf('<h2', start)
  return page.slice(start, end < 0 ? undefined : end)
}

test('questions are grouped as open, closed awaiting resolution, and resolved with their outcome', async () => {
  const database = await openTestDatabase()
  const app = buildTestApp(database, { clock })
  await importCase(
    database.db,
    cliActor,
    caseWithQuestions('board-grouped', [
      { key: 'q-open', title: 'Still open?', closeOn: '2026-06-30' },
      { key: 'q-closed', title: 'Closed and waiting?', closeOn: '2026-01-31' },
      {
        key: 'q-yes',
        title: 'Resolved yes early?',
        closeOn: '2026-12-31',
        resolution: { outcome: 'yes', on: '2026-02-01' },
      },
      {
        key: 'q-annulled',
        title: 'Annulled?',
        closeOn: '2025-12-31',
        resolution: { outcome: 'annulled', on: '2026-01-05' },
      },
    ]),
  )

  const res = await app.request(`${ORIGIN}/forecasts`, { headers: { accept: 'text/html' } })
  const page = await res.text()

  assert.equal(res.status, 200)
  const open = section(page, 'Open questions')
  const awaiting = section(page, 'Closed, awaiting resolution')
  const resolved = section(page, 'Resolved questions')
  assert.match(open, /Still open\?/)
  assert.doesNotMatch(open, /Closed and waiting|Resolved yes early|Annulled\?/)
  assert.match(awaiting, /Closed and waiting\?/)
  assert.match(awaiting, /closed 31 Jan 2026, awaiting resolution/)
  assert.doesNotMatch(awaiting, /Still open|Resolved yes early|Annulled\?/)
  assert.match(resolved, /Resolved yes early\?[\s\S]*Resolved yes on 1 Feb 2026/)
  assert.match(resolved, /Annulled\?[\s\S]*Annulled on 5 Jan 2026/)
  assert.doesNotMatch(resolved, /Still open|Closed and waiting/)
  assert.doesNotMatch(page, /none has resolved/)
})

test('calibration says none has resolved only while none has, and otherwise that there was nothing to score', async () => {
  const database = await openTestDatabase()
  const app = buildTestApp(database, { clock })
  await importCase(
    database.db,
    cliActor,
    caseWithQuestions('board-unresolved', [
      { key: 'q-open', title: 'Still open?', closeOn: '2026-06-30', forecasts: [forecast(0.3)] },
      { key: 'q-closed', title: 'Closed and waiting?', closeOn: '2026-01-31' },
    ]),
  )
  const page = async () =>
    (await app.request(`${ORIGIN}/forecasts`, { headers: { accept: 'text/html' } })).text()

  const before = await page()
  await importCase(
    database.db,
    cliActor,
    caseWithQuestions('board-resolved', [
      {
        key: 'q-no',
        title: 'Resolved no?',
        closeOn: '2026-01-31',
        resolution: { outcome: 'no', on: '2026-02-01' },
      },
    ]),
  )
  const after = await page()

  assert.match(section(before, 'Calibration'), /none has resolved yes or no yet/)
  assert.match(section(before, 'Resolved questions'), /No question has resolved yet/)
  // Resolved, but with nothing to score: the page says so instead of denying the resolution.
  assert.doesNotMatch(after, /none has resolved/)
  assert.match(section(after, 'Calibration'), /the questions resolved\s+so far had none/)
})
