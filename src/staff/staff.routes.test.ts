import assert from 'node:assert/strict'
import { test } from 'node:test'
import { buildTestApp, cookieFrom, formPost } from '../../test/app.ts'
import { openTestDatabase } from '../../test/db.ts'
import { fixedClock } from '../shared/time.ts'
import { STAFF_COOKIE } from '../web/auth.ts'
import { addStaff } from './add-staff.ts'
import { cliActor, listAudit } from './audit.repository.ts'

const database = await openTestDatabase()
const clock = fixedClock('2026-01-22T10:00:00Z')
const app = buildTestApp(database, { clock })
const password = 'a long enough password'

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
  await addStaff(database.db, cliActor, {
    email: 'ed@example.org',
    name: 'Ed',
    role: 'editor',
    password,
  })

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
  const wrong = await signIn('ed@example.org', 'not the password at all')
  const unknown = await signIn('nobody@example.org', 'not the password at all')

  assert.equal(wrong.status, 401)
  assert.equal(unknown.status, 401)
  assert.equal(
    (await wrong.text()).includes('do not match an account'),
    (await unknown.text()).includes('do not match an account'),
  )
})

test('repeated failures lock the account out, and the limit survives a new app on the same database', async () => {
  await addStaff(database.db, cliActor, {
    email: 'target@example.org',
    name: 'T',
    role: 'analyst',
    password,
  })
  for (let i = 0; i < 5; i++)
    await signIn('target@example.org', 'wrong password here', `203.0.113.${i}`)

  const fresh = buildTestApp(database, { clock })
  const res = await fresh.request(
    formPost(
      '/staff/login',
      { email: 'target@example.org', password },
      { 'x-forwarded-for': '203.0.113.99' },
    ),
  )

  assert.equal(res.status, 429)
  assert.ok(Number(res.headers.get('retry-after')) > 0)
})

test('the role check sends anonymous readers to sign in and refuses a lower role', async () => {
  const anonymousPage = await app.request('/staff', { headers: { accept: 'text/html' } })
  const anonymousApi = await app.request('/api/audit')
  const analyst = await signIn('analyst@example.org')
  const forbidden = await app.request('/api/audit', {
    headers: { cookie: cookieFrom(analyst, STAFF_COOKIE)! },
  })

  assert.equal(anonymousPage.status, 303)
  assert.match(anonymousPage.headers.get('location')!, /^\/staff\/login\?next=/)
  assert.equal(anonymousApi.status, 401)
  assert.equal(forbidden.status, 403)
})

test('signing out ends the session', async () => {
  const res = await signIn('ed@example.org')
  const cookie = cookieFrom(res, STAFF_COOKIE)!

  await app.request(formPost('/staff/logout', {}, { cookie }))

  const after = await app.request('/api/audit', { headers: { cookie } })
  assert.equal(after.status, 401)
})
