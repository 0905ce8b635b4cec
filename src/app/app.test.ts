import assert from 'node:assert/strict'
import { test } from 'node:test'
import { buildTestApp, ORIGIN } from '../../test/app.ts'
import { openTestDatabase } from '../../test/db.ts'

const database = await openTestDatabase()
const app = buildTestApp(database)

test('the health check answers ok and names the database engine', async () => {
  const res = await app.request('/healthz')

  assert.equal(res.status, 200)
  assert.deepEqual(await res.json(), { status: 'ok', database: database.kind })
})

test('every response carries the security headers, errors included', async () => {
  for (const path of ['/healthz', '/', '/no-such-page']) {
    const res = await app.request(path, { headers: { accept: 'text/html' } })

    const csp = res.headers.get('content-security-policy') ?? ''
    assert.match(csp, /default-src 'self'/, path)
    assert.match(csp, /frame-ancestors 'none'/, path)
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path)
    assert.ok(res.headers.get('referrer-policy'), path)
  }
})

test('an unknown route answers 404 as JSON for the API and as a page for browsers', async () => {
  const api = await app.request('/api/nothing')
  const page = await app.request('/nothing', { headers: { accept: 'text/html' } })

  assert.equal(api.status, 404)
  assert.equal((await api.json()).error.code, 'not_found')
  assert.equal(page.status, 404)
  assert.match(await page.text(), /^<!DOCTYPE html>/)
})

test('an unexpected error answers 500 without its message', async () => {
  const failing = buildTestApp(database)
  failing.get('/api/explode', () => {
    throw new Error('connection string postgres://secret@db')
  })

  const res = await failing.request('/api/explode')

  assert.equal(res.status, 500)
  const text = await res.text()
  assert.doesNotMatch(text, /secret/)
  assert.match(text, /internal error/)
})

test('a state-changing request from another site is refused', async () => {
  const res = await app.request('/staff/logout', {
    method: 'POST',
    headers: { origin: 'https://evil.example' },
  })

  assert.equal(res.status, 403)
})

test('a state-changing request from the site itself passes the origin check', async () => {
  const res = await app.request(`${ORIGIN}/staff/logout`, {
    method: 'POST',
    headers: { origin: ORIGIN },
  })

  assert.equal(res.status, 303)
})
