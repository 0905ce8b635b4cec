import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sql } from 'drizzle-orm'
import { buildTestApp, cookieFrom, formPost } from '../../test/app.ts'
import { openTestDatabase } from '../../test/db.ts'
import { addTestStaff } from '../../test/factories.ts'
import { rowsOf } from '../platform/db/migrate.ts'
import { fixedClock } from '../platform/time.ts'
import { STAFF_COOKIE } from '../platform/web/auth.ts'
import { addStaff } from './actions/add-staff.ts'
import { cliActor, listAudit } from './audit.repository.ts'

const database = await openTestDatabase()
const clock = fixedClock('2026-01-22T10:00:00Z')
const app = buildTestApp(database, { clock, env: { PARLEY_TRUST_PROXY: '1' } })
const password = 'a long enough password'

async function rateLimitRows(): Promise<number> {
  const result = await database.db.execute(sql`select count(*)::int as n from rate_limits`)
  return Number(rowsOf<{ n: number }>(result)[0]?.n)
}

async function signIn(email: string, pass = password, ip = '198.51.100.1') {
  return app.request(formPost('/staff/login', { email, password: pass }, { 'x-forwarded-for': ip }))
}

test('a new staff account is stored with an argon2id hash and audited', async () => {
  const created = await addStaff(database.db, cliActor, {
    email: 'Analyst@Example.org',
    name: 'Ana',
    role: 'analyst',
    password,
  })

  assert.equal(created.email, 'analyst@example.org')
  const audit = await listAudit(database.db, { entity: 'staff', entityId: String(created.id) })
  assert.equal(audit[0]?.action, 'create')
  assert.equal(audit[0]?.actor, 'cli')
  assert.doesNotMatch(JSON.stringify(audit[0]?.after), /password/i)
})

test('a short password or an unknown role is refused naming the field', async () => {
  await assert.rejects(
    addStaff(database.db, cliActor, {
      email: 'x@example.org',
      name: 'X',
      role: 'boss',
      password: 'short',
    }),
    (error: Error & { details?: { path: string }[] }) =>
      error.details!.some((d) => d.path === 'role') &&
      error.details!.some((d) => d.path === 'password'),
  )
})

test('signing in sets an HttpOnly, SameSite=Lax, Secure session cookie and opens the desk', async () => {
  await addTestStaff(database.db, 'editor', { email: 'ed@example.org', name: 'Ed', password })

  const res = await signIn('ed@example.org')

  assert.equal(res.status, 303)
  const header = res.headers.getSetCookie().find((c) => c.startsWith(`${STAFF_COOKIE}=`))!
  assert.match(header, /HttpOnly/)
  assert.match(header, /SameSite=Lax/)
  assert.match(header, /Secure/)
  const desk = await app.request('/staff', { headers: { cookie: cookieFrom(res, STAFF_COOKIE)! } })
  assert.equal(desk.status, 200)
  assert.match(await desk.text(), /Signed in as Ed \(editor\)/)
})

test('a wrong password is refused without saying whether the account exists', async () => {
  const { email } = await addTestStaff(database.db, 'editor', { password })

  const wrong = await signIn(email, 'not the password at all')
  const unknown = await signIn('nobody@example.org', 'not the password at all')

  assert.equal(wrong.status, 401)
  assert.equal(unknown.status, 401)
  assert.equal(
    (await wrong.text()).includes('do not match an account'),
    (await unknown.text()).includes('do not match an account'),
  )
})

test('repeated failures from one address lock that address out of the account, and the limit survives a new app', async () => {
  await addTestStaff(database.db, 'analyst', { email: 'target@example.org', name: 'T', password })
  for (let i = 0; i < 5; i++)
    await signIn('target@example.org', 'wrong password here', '203.0.113.7')

  const fresh = buildTestApp(database, { clock, env: { PARLEY_TRUST_PROXY: '1' } })
  const res = await fresh.request(
    formPost(
      '/staff/login',
      { email: 'target@example.org', password },
      { 'x-forwarded-for': '203.0.113.7' },
    ),
  )

  assert.equal(res.status, 429)
  assert.ok(Number(res.headers.get('retry-after')) > 0)
})

test("a stranger's failures do not lock the owner out: the right password from another address signs in", async () => {
  await addTestStaff(database.db, 'owner', { email: 'owner@example.org', name: 'O', password })
  for (let i = 0; i < 12; i++)
    await signIn('owner@example.org', 'a guess at the password', '203.0.113.66')

  const owner = await signIn('owner@example.org', password, '198.51.100.200')

  assert.equal(owner.status, 303)
  assert.ok(cookieFrom(owner, STAFF_COOKIE))
})

test('a burst of sign-ins from one address adds a bounded number of rows to the limits table', async () => {
  const before = await rateLimitRows()

  for (let i = 0; i < 200; i++)
    await signIn(`made-up-${i}@example.org`, 'not the password', '203.0.113.200')

  // One row for the address, and one per account tried before the address was refused (20).
  assert.ok((await rateLimitRows()) - before <= 21, `${(await rateLimitRows()) - before} rows`)
})

test('a signed-in staff member is only ever sent to a path on this site', async () => {
  const { email } = await addTestStaff(database.db, 'editor', { password })
  const cookie = cookieFrom(await signIn(email), STAFF_COOKIE)!
  const payloads = [
    '%2F%09%2Fevil.example',
    '%2F%0A%2Fevil.example',
    '%2F%0D%2Fevil.example',
    '%2F%5Cevil.example',
    '%2F%2Fevil.example',
    'https%3A%2F%2Fevil.example',
    '%2F%0D%0ASet-Cookie%3A%20x%3D1',
    '%2F%7F%2Fevil.example',
  ]

  for (const payload of payloads) {
    const res = await app.request(`/staff/login?next=${payload}`, { headers: { cookie } })
    assert.equal(res.status, 303, payload)
    assert.equal(res.headers.get('location'), '/staff', payload)
  }
  const ok = await app.request('/staff/login?next=%2Fstaff%2Farticles%3Fa%3D1', {
    headers: { cookie },
  })
  assert.equal(ok.headers.get('location'), '/staff/articles?a=1')
})

test('the role check sends anonymous readers to sign in and refuses a lower role', async () => {
  const { email } = await addTestStaff(database.db, 'analyst', { password })

  const anonymousPage = await app.request('/staff', { headers: { accept: 'text/html' } })
  const anonymousApi = await app.request('/api/audit')
  const analyst = await signIn(email)
  const forbidden = await app.request('/api/audit', {
    headers: { cookie: cookieFrom(analyst, STAFF_COOKIE)! },
  })

  assert.equal(anonymousPage.status, 303)
  assert.match(anonymousPage.headers.get('location')!, /^\/staff\/login\?next=/)
  assert.equal(anonymousApi.status, 401)
  assert.equal(forbidden.status, 403)
})

test('signing out ends the session', async () => {
  const { email } = await addTestStaff(database.db, 'editor', { password })
  const res = await signIn(email)
  const cookie = cookieFrom(res, STAFF_COOKIE)!

  await app.request(formPost('/staff/logout', {}, { cookie }))

  const after = await app.request('/api/audit', { headers: { cookie } })
  assert.equal(after.status, 401)
})
