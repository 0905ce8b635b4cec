import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

/** A real SMTP server on loopback that keeps nothing but how many copies each address got. */
export interface SmtpSink {
  url: string
  /** Copies received per recipient address. */
  received: Map<string, number>
  total(): number
  close(): Promise<void>
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const received = new Map<string, number>()
  let total = 0
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      stream.on('data', () => {})
      stream.on('error', callback)
      stream.on('end', () => {
        // Counted once the whole message is in, before the 250 that tells the sender so.
        for (const rcpt of session.envelope.rcptTo) {
          received.set(rcpt.address, (received.get(rcpt.address) ?? 0) + 1)
          total++
        }
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    total: () => total,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
