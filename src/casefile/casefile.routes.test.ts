import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { buildTestApp, ORIGIN } from '../../test/app.ts'
import { openTestDatabase } from '../../test/db.ts'
import { DEMO_CASE_PATH } from '../app/load-demo.ts'
import { randomToken } from '../platform/ids.ts'
import { fixedClock } from '../platform/time.ts'
import { STAFF_COOKIE } from '../platform/web/auth.ts'
import { addStaff } from '../staff/actions/add-staff.ts'
import { cliActor } from '../staff/audit.repository.ts'
import { insertSession } from '../staff/staff.repository.ts'
import { parseCaseFile } from './case-file.ts'
import { exportCase } from './export-case.ts'
import { importCase } from './import-case.ts'

const database = await openTestDatabase()
const { db } = database
const app = buildTestApp(database, { clock: fixedClock('2026-03-01T09:00:00Z') })
const SLUG = 'russia-ukraine-2025'
const demo = JSON.parse(readFileSync(DEMO_CASE_PATH, 'utf8')) as Record<string, unknown>
await importCase(db, cliActor, demo)

const analyst = await addStaff(db, cliActor, {
  email: 'analyst@example.org',
  name: 'Ana Lyst',
  role: 'analyst',
  password: 'a long enough password',
})
const token = randomToken()
await insertSession(db, token, analyst.id, new Date('2030-01-01T00:00:00Z'))
const asStaff = { cookie: `${STAFF_COOKIE}=${token}` }

const getJson = async (path: string, headers: Record<string, string> = {}) => {
  const res = await app.request(`${ORIGIN}${path}`, { headers })
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers are read field by field in the assertions
  return { status: res.status, body: (await res.json()) as Record<string, any> }
}

test('export then import gives back the same case file', async () => {
  const exported = await exportCase(db, SLUG)
  const elsewhere = await openTestDatabase()

  await importCase(elsewhere.db, cliActor, JSON.parse(JSON.stringify(exported)))
  const second = await exportCase(elsewhere.db, SLUG)

  const normalize = (value: unknown) => {
    const parsed = parseCaseFile(value)
    assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems.slice(0, 3)))
    return JSON.parse(JSON.stringify(parsed.file))
  }
  assert.deepEqual(normalize(exported), normalize(demo))
  assert.deepEqual(normalize(second), normalize(demo))
})

test('the case file export is for staff only and carries the source addresses', async () => {
  const anonymous = await app.request(`${ORIGIN}/api/negotiations/${SLUG}/case.json`)
  const staff = await getJson(`/api/negotiations/${SLUG}/case.json`, asStaff)

  assert.equal(anonymous.status, 401)
  assert.equal(staff.status, 200)
  assert.equal(staff.body.format, 'parley-case/1')
  assert.match(staff.body.sources[0].url, /^https?:\/\//)
})
