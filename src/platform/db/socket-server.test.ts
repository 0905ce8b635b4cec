import assert from 'node:assert/strict'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, test } from 'node:test'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { openDatabase } from './client.ts'
import { rowsOf } from './migrate.ts'
import { SOCKET_PORT, socketPathOf, startSocketServer } from './socket-server.ts'

// The bridge is the embedded database's alone: these run on PGlite whatever TEST_DATABASE_URL says.
function freshDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'parley-socket-'))
  after(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

const dir = freshDir()
const held = await openDatabase({ dataDir: dir })
let writes = 0
const socket = await startSocketServer({
  pglite: held.pglite as NonNullable<typeof held.pglite>,
  dataDir: dir,
  onWrite: () => {
    writes++
  },
})
after(async () => {
  await socket.close()
  await held.close()
})
await held.db.execute(sql`create table tally (n int not null)`)

function client(): pg.Client {
  return new pg.Client({ host: dir, port: SOCKET_PORT, user: 'postgres', database: 'postgres' })
}

async function count(): Promise<number> {
  return Number(
    rowsOf<{ n: number }>(await held.db.execute(sql`select count(*)::int as n from tally`))[0]?.n,
  )
}

test('the socket is only its owner’s', () => {
  const stat = statSync(socketPathOf(dir))

  assert.ok(stat.isSocket())
  assert.equal(stat.mode & 0o777, 0o600)
})

test('the server’s own queries wait while a client is inside a transaction, and see its commit', async () => {
  const c = client()
  await c.connect()
  await c.query('begin')
  await c.query('insert into tally values (1)')
  const before = writes

  let seen: number | undefined
  const serverQuery = count().then((n) => {
    seen = n
  })
  await new Promise((resolve) => setTimeout(resolve, 300))
  const seenDuringTransaction = seen
  await c.query('insert into tally values (2)')
  await c.query('commit')
  await serverQuery
  await c.end()

  // Without the session held, the server's count would have run inside the client's transaction.
  assert.equal(seenDuringTransaction, undefined)
  assert.equal(seen, 2)
  assert.equal(writes, before + 1)
})

test('a client that vanishes inside a transaction is rolled back and the session freed', async () => {
  const c = client()
  await c.connect()
  await c.query('begin')
  await c.query('insert into tally values (3)')

  // The client's own complaint about the cut connection is expected, not a failure.
  c.on('error', () => {})
  const gone = new Promise((resolve) => c.once('end', resolve))
  ;(c as unknown as { connection: { stream: net.Socket } }).connection.stream.destroy()
  await gone
  // Same session: had the transaction been left open, the server would count its row (and a
  // session never handed back would keep this waiting).
  const n = await count()

  assert.equal(n, 2)
})

test('a failed statement in a client’s transaction does not leave the server in it', async () => {
  const c = client()
  await c.connect()
  await c.query('begin')
  await assert.rejects(c.query('select * from no_such_table'))
  await c.query('rollback')
  await c.end()

  const n = await count()

  assert.equal(n, 2)
})

test('a stale socket (no server behind it) is ignored and removed, and the CLI opens the directory', async () => {
  const other = freshDir()
  // A socket nobody listens on, as a crashed server leaves it.
  const listener = net.createServer()
  const staging = path.join(other, 'staging')
  await new Promise<void>((resolve) => listener.listen(staging, resolve))
  chmodSync(staging, 0o600)
  renameSync(staging, socketPathOf(other))
  await new Promise<void>((resolve) => listener.close(() => resolve()))
  assert.ok(existsSync(socketPathOf(other)))

  const opened = await openDatabase({ dataDir: other, viaRunningServer: true })
  const kind = opened.kind
  const removed = !existsSync(socketPathOf(other))
  await opened.close()

  assert.equal(kind, 'pglite')
  assert.equal(removed, true)
})

test('the socket is not offered in a directory other users can write to', async () => {
  const open = freshDir()
  chmodSync(open, 0o777)

  await assert.rejects(
    startSocketServer({
      pglite: held.pglite as NonNullable<typeof held.pglite>,
      dataDir: open,
    }),
    /writable by other users/,
  )
  assert.equal(existsSync(socketPathOf(open)), false)
})

test('a data directory too deep for a socket path is refused, not served from a shortened path', async () => {
  const deep = path.join(freshDir(), 'd'.repeat(100))
  mkdirSync(deep)

  await assert.rejects(
    startSocketServer({
      pglite: held.pglite as NonNullable<typeof held.pglite>,
      dataDir: deep,
    }),
    /longer than a Unix socket path may be/,
  )
  assert.deepEqual(readdirSync(deep), [])
})
