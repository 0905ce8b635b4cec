import assert from 'node:assert/strict'
import { test } from 'node:test'
import { buildTestApp, formPost } from '../../test/app.ts'
import { openTestDatabase } from '../../test/db.ts'
import { addTestStaff } from '../../test/factories.ts'
import { fixedClock } from '../platform/time.ts'
import { countStaff, insertSetupToken } from './staff.repository.ts'

const clock = fixedClock('2026-01-22T10:00:00Z')
// Setup behaves differently before and after the first account, so each test has a database of
// its own: one with no staff, one where an owner exists already.
const database = await openTestDatabase()
const app = buildTestApp(database, { clock })
const staffed = await openTestDatabase()
const staffedApp = buildTestApp(staffed, { clock })
await addTestStaff(staffed.db, 'owner')
const owner = { name: 'Owner', email: 'owner@example.org', password: 'a long enough password' }

test('a setup token creates the first owner once, and never again', async () => {
  await insertSetupToken(database.db, 'first-token', new Date('2026-01-23T10:00:00Z'))

  const first = await app.request(formPost('/staff/setup', { token: 'first-token', ...owner }))
  const reuse = await app.request(
    formPost('/staff/setup', { token: 'first-token', ...owner, email: 'two@example.org' }),
  )

  assert.equal(first.status, 303)
  assert.equal(reuse.status, 410)
  assert.equal(await countStaff(database.db), 1)
})

test('a fresh token is refused once staff exists', async () => {
  await insertSetupToken(staffed.db, 'second-token', new Date('2026-01-23T10:00:00Z'))

  const page = await staffedApp.request('/staff/setup?token=second-token')
  const post = await staffedApp.request(
    formPost('/staff/setup', { token: 'second-token', ...owner, email: 'x@example.org' }),
  )

  assert.equal(page.status, 410)
  assert.equal(post.status, 410)
  assert.equal(await countStaff(staffed.db), 1)
})
