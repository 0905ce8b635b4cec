import { chmodSync, lstatSync, renameSync, statSync, unlinkSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import type { PGlite } from '@electric-sql/pglite'

/**
 * The running server's embedded database, offered to local `parley` commands over a Unix socket in
 * the data directory (docs/decisions/0008-cli-beside-server.md). PGlite is one process's and one
 * session's: the CLI cannot open the directory beside the server, so the server speaks the
 * PostgreSQL wire protocol for it and the CLI connects with node-postgres, as to any PostgreSQL.
 */

/**
 * The port number in the socket's name. node-postgres (like libpq) connects to a Unix socket as
 * `<host>/.s.PGSQL.<port>`; nothing listens on this port over TCP.
 */
export const SOCKET_PORT = 5432

/** Where the socket of a server holding `dataDir` is. */
export function socketPathOf(dataDir: string): string {
  // Absolute, as the CLI connects to it: the length limit below applies to the whole path.
  return path.resolve(dataDir, `.s.PGSQL.${SOCKET_PORT}`)
}

export interface SocketServer {
  readonly path: string
  /** Stops accepting, ends the connections (rolling back an open transaction), removes the file. */
  close(): Promise<void>
}

export interface SocketServerOptions {
  pglite: PGlite
  dataDir: string
  /** Called after a client's transaction that wrote anything ended (committed or not). */
  onWrite?: () => void
  onError?: (error: unknown) => void
}

// Request codes a client may send instead of a startup message (protocol 3.0, "Message Formats").
const SSL_REQUEST = 80_877_103
const GSSENC_REQUEST = 80_877_104
const CANCEL_REQUEST = 80_877_102
const TERMINATE = 0x58 // 'X'
const SYNC = Uint8Array.of(0x53, 0, 0, 0, 4) // 'S'
const READY_FOR_QUERY = 0x5a // 'Z'
const COMMAND_COMPLETE = 0x43 // 'C'
// Tags of statements that change rows; a CLI command's migration check (CREATE … IF NOT EXISTS)
// changes none and should not empty the server's caches.
const WRITE_TAGS = /^(INSERT|UPDATE|DELETE|MERGE|COPY|TRUNCATE)\b/
// sun_path holds 108 bytes on Linux and 104 on macOS, each with a closing NUL.
const MAX_SOCKET_PATH_BYTES = 103
// No startup or query message of ours comes near this; a bigger length is a broken or hostile client.
const MAX_MESSAGE_BYTES = 256 * 1024 * 1024

/**
 * Who holds the embedded database's session: PGlite's own queries and transactions take its two
 * mutexes, so a socket client that takes both is alone in the session, and keeps them from its
 * first message until the server answers "idle" (ReadyForQuery 'I'). A client's transaction thus
 * never interleaves with the server's own queries, nor the server's transactions with the
 * client's, and clients take turns: one at a time, the rest wait in the mutexes' queues.
 */
function acquireSession(pglite: PGlite): Promise<() => void> {
  return new Promise((granted) => {
    void pglite._runExclusiveTransaction(() =>
      pglite.runExclusive(() => new Promise<void>((release) => granted(release))),
    )
  })
}

function queryMessage(text: string): Uint8Array {
  const body = Buffer.from(`${text}\0`)
  const message = Buffer.alloc(5 + body.length)
  message[0] = 0x51 // 'Q'
  message.writeInt32BE(4 + body.length, 1)
  body.copy(message, 5)
  return message
}

interface Answer {
  /** The last ReadyForQuery status in the answer ('I' idle, 'T' in a transaction, 'E' failed one). */
  status: string | undefined
  wrote: boolean
}

function readAnswer(bytes: Uint8Array): Answer {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let status: string | undefined
  let wrote = false
  let at = 0
  while (at + 5 <= buffer.length) {
    const type = buffer[at]
    const length = buffer.readInt32BE(at + 1)
    if (type === READY_FOR_QUERY) status = String.fromCharCode(buffer[at + 5] ?? 0)
    if (type === COMMAND_COMPLETE && WRITE_TAGS.test(buffer.toString('latin1', at + 5, at + 15)))
      wrote = true
    at += 1 + length
  }
  return { status, wrote }
}

/**
 * Refuses to offer the socket in a directory another user could write to: they could put their
 * own socket in its place and be sent the CLI's queries.
 */
function checkDirectory(dataDir: string): void {
  if (typeof process.getuid !== 'function') throw new Error('Unix sockets are not offered here')
  const stat = statSync(dataDir)
  if (stat.uid !== process.getuid())
    throw new Error(`${dataDir} belongs to another user (uid ${stat.uid})`)
  if ((stat.mode & 0o022) !== 0)
    throw new Error(`${dataDir} is writable by other users (chmod go-w to share it with the CLI)`)
}

/** Removes a socket file left by a server that is gone; anything else at that path is left alone. */
export function removeStaleSocket(dataDir: string): void {
  const file = socketPathOf(dataDir)
  try {
    if (lstatSync(file).isSocket()) unlinkSync(file)
  } catch {
    // none there
  }
}

/**
 * Listens on `.s.PGSQL.5432` in `dataDir`, mode 0600. Call it only while holding the directory's
 * lock: any socket already there was left by a server that is gone, and is replaced.
 */
export async function startSocketServer(options: SocketServerOptions): Promise<SocketServer> {
  const { dataDir } = options
  checkDirectory(dataDir)
  const file = socketPathOf(dataDir)
  // Bound under a private name, made owner-only, then renamed into place: no moment at which the
  // socket is both where the CLI looks and open to other users.
  // The lock is ours, so no other server stages here at the same moment.
  const staging = path.resolve(dataDir, '.s.PGSQL.new')
  // Node silently cuts a longer path short and listens there, somewhere else entirely.
  if (Buffer.byteLength(file) > MAX_SOCKET_PATH_BYTES)
    throw new Error(
      `${file} is longer than a Unix socket path may be (${MAX_SOCKET_PATH_BYTES} bytes); use a shorter PARLEY_DATA_DIR`,
    )
  removeStaleSocket(dataDir)
  try {
    unlinkSync(staging)
  } catch {
    // none there
  }
  const connections = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    connections.add(socket)
    socket.once('close', () => connections.delete(socket))
    serveConnection(socket, options)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(staging, () => {
      server.off('error', reject)
      resolve()
    })
  })
  try {
    chmodSync(staging, 0o600)
    renameSync(staging, file)
  } catch (error) {
    server.close()
    throw error
  }
  let closing: Promise<void> | undefined
  return {
    path: file,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const socket of connections) socket.destroy()
      }).then(() => {
        // server.close() removed the staging name, not the one the file was renamed to.
        try {
          unlinkSync(file)
        } catch {
          // already gone
        }
      })
      return closing
    },
  }
}

/** One client connection: frames its bytes into messages and passes them to PGlite in order. */
function serveConnection(socket: net.Socket, options: SocketServerOptions): void {
  const { pglite } = options
  let pending: Buffer = Buffer.alloc(0)
  let started = false
  let release: (() => void) | undefined
  let wrote = false
  let closed = false
  // Messages are handled one after another, each after the answer to the one before.
  let queue: Promise<void> = Promise.resolve()

  const fail = (error: unknown) => {
    options.onError?.(error)
    socket.destroy()
  }

  const exec = async (message: Uint8Array): Promise<void> => {
    release ??= await acquireSession(pglite)
    const answer = await pglite.execProtocolRaw(message)
    const { status, wrote: thisWrote } = readAnswer(answer)
    wrote ||= thisWrote
    if (!closed) socket.write(answer)
    // Between transactions the session is handed back; inside one ('T', 'E') or mid-exchange
    // (no ReadyForQuery yet) it stays this client's.
    if (status === 'I') endTurn()
  }

  const endTurn = () => {
    const done = release
    release = undefined
    done?.()
    if (wrote) {
      wrote = false
      options.onWrite?.()
    }
  }

  // A client gone mid-transaction (or mid extended-protocol exchange) must not leave the session
  // in its transaction, nor keep it from everyone else: Sync ends the exchange, ROLLBACK the rest.
  const cleanUp = async () => {
    if (!release) return
    try {
      const synced = readAnswer(await pglite.execProtocolRaw(SYNC))
      if (synced.status !== 'I') await pglite.execProtocolRaw(queryMessage('ROLLBACK'))
    } catch (error) {
      options.onError?.(error)
    } finally {
      endTurn()
    }
  }

  const handle = (message: Buffer): Promise<void> | undefined => {
    if (!started) {
      const code = message.readInt32BE(4)
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
        // No encryption on a local socket: 'N', and the client goes on with its startup message.
        socket.write('N')
        return undefined
      }
      if (code === CANCEL_REQUEST) {
        socket.end()
        return undefined
      }
      started = true
      return exec(message)
    }
    if (message[0] === TERMINATE) {
      socket.end()
      return undefined
    }
    return exec(message)
  }

  // Until the first message is handled, the next bytes cannot be framed: a startup message has no
  // type byte, the messages after it do.
  let waitingForStartup = false
  const frame = () => {
    while (!waitingForStartup) {
      const header = started ? 5 : 4
      if (pending.length < header) return
      const length = started ? pending.readInt32BE(1) + 1 : pending.readInt32BE(0)
      if (length < header || length > MAX_MESSAGE_BYTES) {
        fail(new Error(`a socket client sent a message of ${length} bytes`))
        return
      }
      if (pending.length < length) return
      const message = Buffer.from(pending.subarray(0, length))
      pending = pending.subarray(length)
      queue = queue.then(() => (closed ? undefined : handle(message))).catch(fail)
      if (!started) {
        waitingForStartup = true
        queue = queue.then(() => {
          waitingForStartup = false
          frame()
        })
      }
    }
  }

  socket.on('data', (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk])
    frame()
  })
  socket.on('error', () => {
    // A client that vanished: 'close' follows and cleans up.
  })
  socket.once('close', () => {
    closed = true
    queue = queue.then(cleanUp, cleanUp)
  })
}
