import nodemailer from 'nodemailer'
import type { Db } from '../../platform/db/client.ts'
import type { Logger } from '../../platform/logger.ts'
import type { Mailer, OutgoingMail } from '../../platform/mailer.ts'
import { type EmbeddedInbox, startEmbeddedInbox } from './start-embedded-inbox.ts'

/** A pooled nodemailer transport to `url` (smtp:// or smtps://), sending as `from`. */
export function createSmtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ url, pool: true, maxConnections: 5 })
  return {
    async send(mail: OutgoingMail) {
      await transport.sendMail({ from, ...mail })
    },
    async close() {
      transport.close()
    },
  }
}

export interface OpenedMailer {
  mailer: Mailer
  /** Present when mail is caught by the embedded inbox rather than sent out. */
  inbox: EmbeddedInbox | undefined
  close(): Promise<void>
}

/**
 * Mail as configured: through SMTP_URL when it is set, otherwise into the embedded inbox, so that
 * sign-up works on a fresh machine and staff read the mail at /staff/inbox.
 */
export async function openMailer(
  settings: { smtpUrl: string | undefined; mailFrom: string },
  db: Db,
  logger: Logger,
): Promise<OpenedMailer> {
  if (settings.smtpUrl) {
    const mailer = createSmtpMailer(settings.smtpUrl, settings.mailFrom)
    return { mailer, inbox: undefined, close: () => mailer.close() }
  }
  const inbox = await startEmbeddedInbox(db, logger)
  // Plain SMTP on loopback: the inbox offers no STARTTLS, so nodemailer sends in the clear.
  const mailer = createSmtpMailer(inbox.url, settings.mailFrom)
  return {
    mailer,
    inbox,
    async close() {
      await mailer.close()
      await inbox.stop()
    },
  }
}
