import assert from 'node:assert/strict'
import { existsSync, mkdtempSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, test } from 'node:test'
import { createScratchDatabase } from '../../test/db.ts'
import { parseConfig } from '../platform/config.ts'
import { isAppError } from '../platform/errors.ts'
import { silentLogger } from '../platform/logger.ts'
import { startServer } from './server.ts'

const scratch = process.env.TEST_DATABASE_URL
  ? await createScratchDatabase(process.env.TEST_DATABASE_URL)
  : undefined
if (scratch) after(() => scratch.drop())
const dataDir = mkdtempSync(path.join(tmpdir(), 'parley-server-'))
const config = parseConfig({
  PORT: '0',
  PARLEY_DATA_DIR: dataDir,
  DATABASE_URL: scratch?.url ?? '',
  NODE_ENV: 'test',
})
const printed: string[] = []
const server = await startServer(config, silentLogger, { print: (line) => printed.push(line) })

test('the server migrates, loads the demo case, prints a setup link and answers over HTTP', async () => {
  const health = await fetch(`${server.url}/healthz`)
  const home = await fetch(`${server.url}/`)

  assert.deepEqual(await health.json(), { status: 'ok', database: scratch ? 'postgres' : 'pglite' })
  assert.match(await home.text(), /russia-ukraine-2025/)
  assert.ok(printed.some((line) => /\/staff\/setup\?token=[\w-]{40,}/.test(line)))
})

test('a second process is refused on the same PGlite directory, and welcome on the same PostgreSQL', async () => {
  const second = startServer(config, silentLogger, { print: () => {} })

  if (scratch) {
    // Several web processes against one PostgreSQL is the scale-out design.
    const running = await second
    assert.equal((await fetch(`${running.url}/healthz`)).status, 200)
    await running.stop()
  } else {
    await assert.rejects(
      second,
      (error: unknown) =>
        isAppError(error) &&
        error.code === 'locked' &&
        error.message.includes(`pid ${process.pid}`),
    )
  }
})

/** Sends a GET and resolves once its bytes are on the wire; the answer arrives through `response`. */
function sendRequest(url: string) {
  let sent!: () => void
  const onWire = new Promise<void>((resolve) => {
    sent = resolve
  })
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.get(url, (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString()
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    request.on('error', reject)
    request.on('socket', (socket) => socket.on('connect', () => sent()))
  })
  return { onWire, response }
}

test('stopping lets an in-flight request finish, then closes the database and releases the lock', async () => {
  const inFlight = sendRequest(`${server.url}/negotiations/russia-ukraine-2025`)
  await inFlight.onWire
  // Give the server a moment to read the request, so that it is in flight rather than queued.
  await new Promise((resolve) => setTimeout(resolve, 250))

  await server.stop()

  const answer = await inFlight.response
  assert.equal(answer.status, 200)
  assert.match(answer.body, /<\/html>$/)
  await assert.rejects(fetch(`${server.url}/healthz`))
  assert.equal(existsSync(path.join(dataDir, 'parley.lock')), false)
})
