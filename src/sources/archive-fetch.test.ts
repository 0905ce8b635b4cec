import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import type { Writable } from 'node:stream'
import { after, before, test } from 'node:test'
import { gzipSync } from 'node:zlib'
import { isAppError } from '../platform/errors.ts'
import { fetchGuarded } from './archive-fetch.ts'
import { type PageServer, startPageServer } from './testing/page-server.ts'

let server: PageServer
before(async () => {
  server = await startPageServer()
})
after(() => server.close())

const allow = { allowPrivate: true }

function code(error: unknown): string | undefined {
  return isAppError(error) ? error.code : undefined
}

test('a page on a local server is fetched with its bytes, status and type', async () => {
  server.set('/plain', { body: 'hello ledger', headers: { 'content-type': 'text/plain' } })

  const page = await fetchGuarded(`${server.origin}/plain`, allow)

  assert.equal(page.status, 200)
  assert.equal(page.contentType, 'text/plain')
  assert.equal(Buffer.from(page.body).toString(), 'hello ledger')
})

test('a loopback address is refused unless private fetching is allowed', async () => {
  server.set('/secret', { body: 'inside' })

  await assert.rejects(fetchGuarded(`${server.origin}/secret`), (error) => {
    assert.equal(code(error), 'invalid_input')
    assert.match((error as Error).message, /127\.0\.0\.1 is a private, loopback or link-local/)
    return true
  })
  assert.equal(server.hits('/secret'), 0)
})

test('a name that resolves to loopback is refused too', async () => {
  const port = new URL(server.origin).port

  await assert.rejects(fetchGuarded(`http://localhost:${port}/secret`), /loopback/)
})

test('only http and https are fetched', async () => {
  await assert.rejects(fetchGuarded('file:///etc/passwd', allow), /is not http or https/)
  await assert.rejects(fetchGuarded('not a url', allow), /is not a valid URL/)
})

test('redirects are followed up to the limit and then refused', async () => {
  server.set('/r0', { status: 302, headers: { location: '/r1' }, body: '' })
  server.set('/r1', { status: 301, headers: { location: '/final' }, body: '' })
  server.set('/final', { body: '<p>arrived</p>' })

  const page = await fetchGuarded(`${server.origin}/r0`, allow)
  await assert.rejects(
    fetchGuarded(`${server.origin}/r0`, { ...allow, maxRedirects: 1 }),
    /more than 1 redirects/,
  )

  assert.equal(page.finalUrl, `${server.origin}/final`)
  assert.equal(page.requestedUrl, `${server.origin}/r0`)
})

test('every redirect hop is checked again', async () => {
  server.set('/to-file', { status: 302, headers: { location: 'file:///etc/passwd' }, body: '' })

  await assert.rejects(
    fetchGuarded(`${server.origin}/to-file`, allow),
    /redirects to "file:\/\/\/etc\/passwd" is not http or https/,
  )
})

test('a body over the size cap is refused, even when it arrives compressed', async () => {
  server.set('/big', { body: 'x'.repeat(5000) })
  const zipped = gzipSync(Buffer.from('y'.repeat(50_000)))
  server.set('/bomb', { body: zipped, headers: { 'content-encoding': 'gzip' } })

  await assert.rejects(fetchGuarded(`${server.origin}/big`, { ...allow, maxBytes: 1000 }), (e) => {
    assert.equal(code(e), 'payload_too_large')
    return true
  })
  await assert.rejects(fetchGuarded(`${server.origin}/bomb`, { ...allow, maxBytes: 1000 }), (e) => {
    assert.equal(code(e), 'payload_too_large')
    return true
  })
})

test('a gzip body is stored decoded, and the encoding header is dropped', async () => {
  const html = '<html><body><p>decoded</p></body></html>'
  server.set('/gz', { body: gzipSync(Buffer.from(html)), headers: { 'content-encoding': 'gzip' } })

  const page = await fetchGuarded(`${server.origin}/gz`, allow)

  assert.equal(
    createHash('sha256').update(page.body).digest('hex'),
    createHash('sha256').update(html).digest('hex'),
  )
  assert.equal(
    page.headers.some(([name]) => name === 'content-encoding'),
    false,
  )
})

test('a server that never answers runs into the deadline', async () => {
  server.set('/hang', () => {})

  await assert.rejects(fetchGuarded(`${server.origin}/hang`, { ...allow, timeoutMs: 300 }), (e) => {
    assert.equal(code(e), 'unavailable')
    assert.match((e as Error).message, /within 0.3 s/)
    return true
  })
})

test('a refused content type is not downloaded', async () => {
  server.set('/image', { body: new Uint8Array(10), headers: { 'content-type': 'image/png' } })

  await assert.rejects(
    fetchGuarded(`${server.origin}/image`, {
      ...allow,
      refuseType: (type) => (type.startsWith('image/') ? `serves ${type}, not text` : undefined),
    }),
    /serves image\/png, not text/,
  )
})

test('a closed port is reported unreachable', async () => {
  await assert.rejects(fetchGuarded('http://127.0.0.1:9/', { ...allow, timeoutMs: 2000 }), (e) => {
    assert.equal(code(e), 'unavailable')
    return true
  })
})

/** Rejects with the fetch's error, and how long it took to give up, in milliseconds. */
async function timedFailure(
  path: string,
  timeoutMs: number,
): Promise<{ error: unknown; ms: number }> {
  const started = Date.now()
  try {
    await fetchGuarded(`${server.origin}${path}`, { ...allow, timeoutMs })
  } catch (error) {
    return { error, ms: Date.now() - started }
  }
  assert.fail(`${path} was fetched as if it were whole`)
}

// Writes `piece` every `everyMs` until the client goes away, so the body never finishes in time.
function drip(out: Writable, piece: string, everyMs: number) {
  const timer = setInterval(() => {
    if (out.destroyed) clearInterval(timer)
    else out.write(piece)
  }, everyMs)
  out.once('close', () => clearInterval(timer))
}

test('a gzip body cut short and stalled ends at the deadline with a clear error', async () => {
  const zipped = gzipSync(Buffer.from('<p>never finished</p>'.repeat(200)))
  server.set('/gzip-stall', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' })
    res.write(zipped.subarray(0, 20))
  })

  const { error, ms } = await timedFailure('/gzip-stall', 400)

  assert.equal(code(error), 'unavailable')
  assert.match((error as Error).message, /did not finish loading within 0.4 s; nothing stored/)
  assert.ok(ms < 400 + 1000, `gave up after ${ms} ms`)
})

test('a slow body without a length is refused at the deadline, not stored as whole', async () => {
  // Neither a length nor chunked encoding: the body ends when the connection closes, so the
  // deadline closing it must not read as the end of the page.
  server.set('/no-length', (req) => {
    req.socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n')
    drip(req.socket, 'sixteen bytes...', 40)
  })

  const { error, ms } = await timedFailure('/no-length', 400)

  assert.equal(code(error), 'unavailable')
  assert.match((error as Error).message, /did not finish loading within 0.4 s; nothing stored/)
  assert.ok(ms < 400 + 1000, `gave up after ${ms} ms`)
})

test('a slow-loris body that keeps trickling ends at the deadline', async () => {
  server.set('/loris', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': '100000' })
    res.flushHeaders()
    drip(res, 'x', 30)
  })

  const { error, ms } = await timedFailure('/loris', 400)

  assert.equal(code(error), 'unavailable')
  assert.match((error as Error).message, /did not finish loading within 0.4 s; nothing stored/)
  assert.ok(ms < 400 + 1000, `gave up after ${ms} ms`)
})
