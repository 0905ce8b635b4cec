import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { after, test } from 'node:test'
import { sql } from 'drizzle-orm'
import { createScratchDatabase } from '../../test/db.ts'
import { seedIssue } from '../../test/newsletter-issue.ts'
import { startSmtpSink } from '../../test/smtp-sink.ts'
import { type Database, openDatabase } from '../platform/db/client.ts'
import { migrate, rowsOf } from '../platform/db/migrate.ts'
import { IN_FLIGHT } from './newsletter.ts'

// The send loop runs in child processes against a real SMTP server in this one, on PostgreSQL
// (TEST_DATABASE_URL) or a PGlite data directory: each test gets a database of its own.
const postgresUrl = process.env.TEST_DATABASE_URL
const script = path.join(import.meta.dirname, '../../test/deliver-newsletters.ts')
const site = { url: 'https://parley.example' }

interface Place {
  env: Record<string, string>
  open(): Promise<Database>
}

async function freshPlace(): Promise<Place> {
  if (postgresUrl) {
    const scratch = await createScratchDatabase(postgresUrl)
    after(() => scratch.drop())
    return {
      env: { DELIVER_DATABASE_URL: scratch.url },
      open: () => openDatabase({ databaseUrl: scratch.url, dataDir: '', poolSize: 2 }),
    }
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'parley-deliver-'))
  after(() => rmSync(dir, { recursive: true, force: true }))
  return { env: { DELIVER_DATA_DIR: dir }, open: () => openDatabase({ dataDir: dir }) }
}

/** Members with an issue queued to each; the database is closed again (PGlite has one owner). */
async function seeded(place: Place, members: number): Promise<void> {
  const database = await place.open()
  await migrate(database)
  await seedIssue(database.db, { members, site, now: new Date() })
  await database.close()
}

async function statuses(place: Place): Promise<Record<string, number>> {
  const database = await place.open()
  const rows = rowsOf<{ status: string; n: number }>(
    await database.db.execute(
      sql`select status, count(*)::int as n from newsletter_deliveries group by status`,
    ),
  )
  await database.close()
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]))
}

interface Sender {
  child: ChildProcess
  ready: Promise<void>
  /** The final report line, or undefined when the process was killed. */
  done: Promise<{ sent: number } | undefined>
  go(): void
}

function startSender(env: Record<string, string>): Sender {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })
  const lines = createInterface({ input: child.stdout! })
  let last: string | undefined
  const ready = new Promise<void>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line === 'ready') resolve()
      else last = line
    })
    child.on('exit', () => reject(new Error('the sender exited before it was ready')))
  })
  const done = new Promise<{ sent: number } | undefined>((resolve) => {
    child.on('exit', (code, signal) => {
      if (signal) resolve(undefined)
      else if (code !== 0) resolve(undefined)
      else resolve(last ? JSON.parse(last) : undefined)
    })
  })
  return { child, ready, done, go: () => child.stdin!.write('go\n') }
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

test(`a sender killed mid-issue and started again misses nobody and sends at most ${IN_FLIGHT} copies twice`, async () => {
  const members = 1500
  const place = await freshPlace()
  await seeded(place, members)
  const sink = await startSmtpSink()
  after(() => sink.close())
  // A short lease, so that the restarted sender takes over the dead one's rows in seconds; half of
  // it (3 s) is what a handed message has to be sent and recorded in, ample on a loaded machine.
  const env = { ...place.env, DELIVER_SMTP_URL: sink.url, DELIVER_LEASE_MS: '6000' }

  const first = startSender(env)
  await first.ready
  first.go()
  await until(() => sink.total() >= members / 3, 120_000)
  first.child.kill('SIGKILL')
  assert.equal(await first.done, undefined, 'the first sender was killed, not finished')
  const atKill = sink.total()
  const second = startSender(env)
  await second.ready
  second.go()
  const report = await second.done

  assert.ok(atKill < members, `killed mid-issue (${atKill} of ${members} received)`)
  assert.ok(report && report.sent > 0, 'the second sender carried on')
  const missed = Array.from({ length: members }, (_, i) => `member-${i + 1}@example.org`).filter(
    (address) => !sink.received.has(address),
  )
  assert.deepEqual(missed, [], 'every member received the issue')
  const twice = sink.total() - members
  assert.ok(twice <= IN_FLIGHT, `${twice} copies sent twice; at most ${IN_FLIGHT} were in flight`)
  assert.deepEqual(await statuses(place), { sent: members })
})

test('two senders on one PostgreSQL database send one issue with nobody receiving it twice', {
  skip: postgresUrl
    ? false
    : 'two processes cannot share a PGlite data directory; set TEST_DATABASE_URL to run it',
}, async () => {
  const members = 3000
  const place = await freshPlace()
  await seeded(place, members)
  const sink = await startSmtpSink()
  after(() => sink.close())
  // Small batches, so that both senders take many of them and their claims interleave.
  const env = { ...place.env, DELIVER_SMTP_URL: sink.url, DELIVER_BATCH: '100' }
  const senders = [startSender(env), startSender(env)]
  await Promise.all(senders.map((s) => s.ready))

  for (const sender of senders) sender.go()
  const reports = await Promise.all(senders.map((s) => s.done))

  assert.ok(
    reports.every((r) => r && r.sent > 0),
    `both senders sent: ${JSON.stringify(reports)}`,
  )
  assert.equal(reports[0]!.sent + reports[1]!.sent, members)
  assert.equal(sink.received.size, members)
  const twice = [...sink.received].filter(([, n]) => n > 1)
  assert.deepEqual(twice, [], 'no member received it twice')
  assert.equal(sink.total(), members)
  assert.deepEqual(await statuses(place), { sent: members })
})
