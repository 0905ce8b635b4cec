import assert from 'node:assert/strict'
import { test } from 'node:test'
import { buildTestApp, ORIGIN } from '../../../test/app.ts'
import { openTestDatabase } from '../../../test/db.ts'
import { BODY_LIMITS, bodyLimitFor } from './body-limit.ts'

const database = await openTestDatabase()
const app = buildTestApp(database)

/** A form post of `bytes` bytes, sent chunked (no Content-Length) unless `declare` says so. */
function bigPost(path: string, bytes: number, declare = false) {
  const chunk = new Uint8Array(64 * 1024).fill(0x61)
  let sent = 0
  let pulled = 0
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) return controller.close()
      const part = chunk.subarray(0, Math.min(chunk.length, bytes - sent))
      sent += part.length
      pulled += 1
      controller.enqueue(part)
    },
  })
  const request = new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: ORIGIN,
      ...(declare ? { 'content-length': String(bytes) } : {}),
    },
    body,
    duplex: 'half',
  } as RequestInit)
  return { request, pulled: () => pulled }
}

test('a declared body over the form limit is refused with 413 before any of it is read', async () => {
  const { request, pulled } = bigPost('/members/signup', 200 * 1024 * 1024, true)

  const res = await app.request(request)

  assert.equal(res.status, 413)
  assert.match(JSON.stringify(await res.json()), /at most 64 KiB/)
  assert.ok(pulled() <= 1, `read ${pulled()} chunks`)
})

test('a chunked body is cut off at the limit, not read to its end', async () => {
  const { request, pulled } = bigPost('/staff/login', 200 * 1024 * 1024)

  const res = await app.request(request)

  assert.equal(res.status, 413)
  assert.ok(pulled() < 10, `read ${pulled()} chunks of 64 KiB`)
})

test('a form under the limit goes through to its route', async () => {
  const res = await app.request(
    new Request(`${ORIGIN}/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: `email=a%40example.org&password=${'x'.repeat(1000)}`,
    }),
  )

  assert.equal(res.status, 401)
})

test('named routes get their larger limits: an article may be larger than a form, but not unbounded', async () => {
  assert.equal(bodyLimitFor('/members/signup'), BODY_LIMITS.form)
  assert.equal(bodyLimitFor('/staff/login'), BODY_LIMITS.form)
  assert.equal(bodyLimitFor('/staff/articles/12'), BODY_LIMITS.article)
  assert.equal(bodyLimitFor('/api/sources/import'), BODY_LIMITS.sourcesImport)
  assert.equal(bodyLimitFor('/api/timeline/imports/events'), BODY_LIMITS.upload)
  assert.equal(bodyLimitFor('/staff/timeline/import'), BODY_LIMITS.upload)
  assert.equal(bodyLimitFor('/negotiations/x/edit/positions'), BODY_LIMITS.staffEdit)

  // An article-sized body passes the limit (and meets the sign-in check); a larger one does not.
  const fits = bigPost('/staff/articles', 1024 * 1024, true)
  const over = bigPost('/staff/articles', 3 * 1024 * 1024, true)
  assert.notEqual((await app.request(fits.request)).status, 413)
  assert.equal((await app.request(over.request)).status, 413)
})
