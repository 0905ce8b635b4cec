import assert from 'node:assert/strict'
import { test } from 'node:test'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { sql } from 'drizzle-orm'
import { rowsOf } from '../src/platform/db/migrate.ts'
import { ORIGIN } from './app.ts'
import { openDemoApp } from './demo-app.ts'

// Hostile input against every public route, as an outside probe sends it (issue 9, items 3 and
// 10): nothing may answer 500, oversized bodies answer 413, and memory stays bounded. The routes
// come from the app itself, so a new route is fuzzed without touching this file.
const { db, app } = await openDemoApp()

const first = async (query: ReturnType<typeof sql>) =>
  String(
    Object.values(rowsOf<Record<string, unknown>>(await db.execute(query))[0] ?? { v: 'x' })[0],
  )
const known: Record<string, string> = {
  slug: await first(sql`select slug from negotiations order by slug limit 1`),
  source: await first(sql`select key from sources order by key limit 1`),
  claim: await first(sql`select key from claims order by key limit 1`),
  forecast: await first(sql`select key from forecast_questions order by key limit 1`),
  article: await first(sql`select slug from articles order by slug limit 1`),
}

/** A real value for a path parameter, so that the query parameters reach the handler. */
function paramValue(path: string, name: string): string {
  if (name === 'slug')
    return path.startsWith('/articles') || path.startsWith('/api/articles')
      ? known.article!
      : known.slug!
  if (name === 'key')
    return path.includes('claims')
      ? known.claim!
      : path.includes('forecasts')
        ? known.forecast!
        : known.source!
  return '1'
}

// Already percent-encoded (or deliberately not): they go into the URL as they are.
const PAYLOADS = [
  '%00',
  'a%00b',
  '%0D%0ASet-Cookie:%20x=1',
  '1e309',
  '-1',
  '9999999999999999999',
  'x'.repeat(5000),
  '%ZZ',
  '%E0%A4%A',
  '%2F%09%2Fevil.example',
]
// Every query parameter a route reads (grep "req.query(" and the routes' query schemas).
const QUERY_PARAMS = [
  'q',
  'status',
  'kind',
  'keys',
  'limit',
  'offset',
  'format',
  'from',
  'to',
  'next',
  'returnTo',
  'token',
  'entity',
  'entityId',
  'at',
  'done',
  'source',
  'framework',
  'a',
  'b',
  'alpha',
  'dataset',
  'directed',
  'night',
  'window',
  'welcome',
  'saved',
]

const routes = (method: string) => [
  ...new Set(
    app.routes.filter((r) => r.method === method && !r.path.includes('*')).map((r) => r.path),
  ),
]
const fill = (path: string) => path.replace(/:(\w+)/g, (_, name: string) => paramValue(path, name))

async function expectNo500(url: string, init?: RequestInit) {
  const res = await app.request(url, init)
  await res.arrayBuffer()
  assert.ok(
    res.status < 500,
    `${init?.method ?? 'GET'} ${url.slice(0, 200)} answered ${res.status}`,
  )
  return res
}

// Measured after a full collection, so that garbage not yet collected is not counted as growth.
setFlagsFromString('--expose-gc')
const collect = runInNewContext('gc') as () => void

function memory() {
  collect()
  const { rss, heapUsed } = process.memoryUsage()
  return { rss, heapUsed }
}

test('no public GET route answers 500 to a hostile query parameter or path parameter', async () => {
  const before = memory()
  const paths = routes('GET')
  assert.ok(paths.length > 40, `found ${paths.length} routes`)

  for (const [r, path] of paths.entries()) {
    const headers = { accept: path.startsWith('/api/') ? 'application/json' : 'text/html' }
    const target = `${ORIGIN}${fill(path)}`
    // Every payload in every parameter at once, then each parameter alone with two payloads
    // (turn about, so that over the routes each parameter meets each payload).
    for (const payload of PAYLOADS)
      await expectNo500(`${target}?${QUERY_PARAMS.map((name) => `${name}=${payload}`).join('&')}`, {
        headers,
      })
    for (const [i, name] of QUERY_PARAMS.entries())
      for (const k of [0, 1])
        await expectNo500(`${target}?${name}=${PAYLOADS[(r + i + k * 5) % PAYLOADS.length]}`, {
          headers,
        })
    if (path.includes(':'))
      for (const payload of PAYLOADS)
        await expectNo500(`${ORIGIN}${path.replace(/:(\w+)/g, payload)}`, { headers })
  }

  const grown = memory()
  assert.ok(
    grown.heapUsed - before.heapUsed < 256 * 1024 * 1024,
    `heap grew ${(grown.heapUsed - before.heapUsed) >> 20} MB`,
  )
})

// Fields the public forms read; every POST route gets them all.
const FORM_FIELDS = [
  'email',
  'password',
  'next',
  'returnTo',
  'token',
  'website',
  'name',
  'newsletter',
  'confirm',
]
const FIELD_VALUES = [
  '\u0000',
  'a\u0000b@example.org',
  '\r\n',
  '1e309',
  '-1',
  '9999999999999999999',
  'x'.repeat(5000),
  '%ZZ',
  '/\t/evil.example',
]

test('no POST route answers 500 to a hostile form field', async () => {
  for (const path of routes('POST')) {
    for (const value of FIELD_VALUES) {
      const body = new URLSearchParams(FORM_FIELDS.map((name) => [name, value]))
      await expectNo500(`${ORIGIN}${fill(path)}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: ORIGIN,
          accept: 'text/html',
        },
        body,
      })
      await expectNo500(`${ORIGIN}${fill(path)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        body: JSON.stringify(Object.fromEntries(body)),
      })
    }
    // Invalid percent-encoding and a body that is not what the content type says.
    await expectNo500(`${ORIGIN}${fill(path)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: 'email=%E0%A4%A&password=%ZZ',
    })
  }
})

/** A body of `bytes` bytes that is produced only as it is read, so an unread one costs nothing. */
function lazyBody(bytes: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(64 * 1024).fill(0x61)
  let sent = 0
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close()
      const part = chunk.subarray(0, Math.min(chunk.length, bytes - sent))
      sent += part.length
      controller.enqueue(part)
    },
  })
}

test('an oversized body to any POST route answers 413, and memory does not grow with it', async () => {
  const before = memory()

  for (const path of routes('POST')) {
    const declared = await app.request(`${ORIGIN}${fill(path)}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: ORIGIN,
        'content-length': String(200 * 1024 * 1024),
      },
      body: lazyBody(200 * 1024 * 1024),
      duplex: 'half',
    } as RequestInit)
    assert.equal(declared.status, 413, `${path} with a declared 200 MB body`)
  }
  // Chunked: the public forms read their bodies, and are cut off at the form limit.
  for (const path of [
    '/members/signup',
    '/members/signin',
    '/members/verify',
    '/staff/login',
    '/staff/setup',
    '/newsletter/unsubscribe',
  ]) {
    const chunked = await app.request(`${ORIGIN}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: lazyBody(200 * 1024 * 1024),
      duplex: 'half',
    } as RequestInit)
    assert.equal(chunked.status, 413, `${path} with a chunked 200 MB body`)
  }

  const grown = memory()
  assert.ok(
    grown.rss - before.rss < 256 * 1024 * 1024,
    `RSS grew ${(grown.rss - before.rss) >> 20} MB`,
  )
})

test('the probe’s public 500s answer 400 naming the parameter', async () => {
  for (const url of [
    '/api/sources?q=%00',
    '/api/sources?status=%00',
    '/api/bibliography?keys=%00',
    '/api/claims?status=%00',
    '/sources?q=a%00b',
  ]) {
    const res = await app.request(`${ORIGIN}${url}`)
    assert.equal(res.status, 400, url)
    const name = /\?(\w+)=/.exec(url)![1]!
    assert.match(JSON.stringify(await res.json()), new RegExp(`"path":"${name}"`), url)
  }
  const huge = await app.request(`${ORIGIN}/api/sources?offset=1e309`)
  assert.equal(huge.status, 400)
  assert.match(JSON.stringify(await huge.json()), /"path":"offset"/)
})
