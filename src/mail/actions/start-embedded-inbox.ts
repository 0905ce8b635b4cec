import type { AddressInfo } from 'node:net'
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import type { Db } from '../../platform/db/client.ts'
import type { Logger } from '../../platform/logger.ts'
import { insertInboxMessage } from '../inbox.repository.ts'

/** The embedded inbox: an SMTP server on loopback that keeps what it receives in the database. */
export interface EmbeddedInbox {
  /** `smtp://127.0.0.1:PORT`, for nodemailer. */
  url: string
  port: number
  stop(): Promise<void>
}

// Parley's own mail is a few kilobytes; anything near this is not ours.
const MAX_MESSAGE_BYTES = 1_000_000

/**
 * Starts an SMTP server on 127.0.0.1 (an ephemeral port unless `port` is given). It accepts
 * mail for any address without authentication, which is safe only because it listens on
 * loopback and delivers nowhere: messages land in `inbox_messages` for /staff/inbox.
 */
export async function startEmbeddedInbox(
  db: Db,
  logger: Logger,
  options: { port?: number } = {},
): Promise<EmbeddedInbox> {
  const server = new SMTPServer({
    name: 'parley.localhost',
    banner: 'Parley embedded inbox',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('error', callback)
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          callback(Object.assign(new Error('message too large'), { responseCode: 552 }))
          return
        }
        const raw = Buffer.concat(chunks)
        store(db, raw, session.envelope).then(
          () => callback(),
          (error: unknown) => {
            logger.error('embedded inbox could not store a message', {
              error: String(error),
              cause: String((error as { cause?: unknown }).cause ?? ''),
            })
            callback(Object.assign(new Error('could not store the message'), { responseCode: 451 }))
          },
        )
      })
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.server.address() as AddressInfo
  // A socket error on one connection must not take the process down.
  server.on('error', (error) => logger.warn('embedded inbox error', { error: String(error) }))
  logger.info('embedded inbox listening', { port })
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

async function store(
  db: Db,
  raw: Buffer,
  envelope: { mailFrom: { address: string } | false; rcptTo: { address: string }[] },
): Promise<void> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true })
  await insertInboxMessage(db, {
    envelopeFrom: envelope.mailFrom === false ? null : envelope.mailFrom.address.toLowerCase(),
    envelopeTo: envelope.rcptTo.map((r) => r.address.toLowerCase()),
    messageId: parsed.messageId ?? null,
    fromHeader: parsed.from?.text ?? null,
    toHeader: Array.isArray(parsed.to)
      ? parsed.to.map((a) => a.text).join(', ')
      : (parsed.to?.text ?? null),
    subject: parsed.subject ?? '',
    text: parsed.text ?? null,
    html: parsed.html === false ? null : parsed.html,
    headers: parsed.headerLines.map((h): [string, string] => [
      h.key,
      // The raw line, unfolded, without its "Name:" prefix.
      h.line
        .slice(h.line.indexOf(':') + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim(),
    ]),
    size: raw.length,
  })
}
