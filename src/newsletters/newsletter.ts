import { z } from 'zod'
import { escapeHtml } from '../platform/html.ts'
import type { OutgoingMail } from '../platform/mailer.ts'

/** What an issue is: the article, or a corrected version sent as a correction notice. */
export type IssueKind = 'article' | 'correction'

/** queued → sent, or → failed after MAX_ATTEMPTS; skipped when the member stopped the newsletter. */
export type DeliveryStatus = 'queued' | 'sent' | 'failed' | 'skipped'

/** The confirm button's form: the version the editor looked at, and as what it goes out. */
export const SendForm = z.object({
  versionId: z.coerce
    .number({ error: 'expected the id of the version in the preview' })
    .int('expected the id of the version in the preview')
    .positive('expected the id of the version in the preview'),
  kind: z.enum(['article', 'correction'], { error: 'expected "article" or "correction"' }),
})

/** "Send when published": on or off. */
export const WhenPublishedForm = z.object({
  send: z.enum(['yes', 'no'], { error: 'expected "yes" or "no"' }),
})

/** Tries per recipient before a delivery is marked failed. */
export const MAX_ATTEMPTS = 5

/**
 * Deliveries claimed in one statement. Large, so that claiming costs one round trip per few
 * hundred messages; the next batch is claimed while this one is being sent.
 */
export const DELIVERY_BATCH = 500

/** Connections the pooled SMTP transport keeps open (src/mail/actions/open-mailer.ts). */
export const POOL_WIDTH = 5

/**
 * Messages handed to the transport and not yet recorded as sent, at most: the pool's width × 8.
 * Enough to keep every connection busy while sent rows are recorded in groups, and the bound on
 * the copies a member can get twice when the sending process dies (docs/publishing.md).
 */
export const IN_FLIGHT = POOL_WIDTH * 20

/** Sent rows are recorded in one statement once this many have gone (or when the pass ends). */
export const RECORD_GROUP = POOL_WIDTH * 4

/**
 * How long a claimed row is held by the process that claimed it. A process that dies mid-batch
 * leaves its rows to be claimed again after this.
 */
export const CLAIM_LEASE_MS = 10 * 60_000

/** Wait before try n + 1 after n failed tries: 1, 5, 25, 125 minutes. */
export function retryDelayMs(attempts: number): number {
  return 60_000 * 5 ** Math.max(0, attempts - 1)
}

/** What a failed try leaves: queued again later, or failed for good after the last try. */
export function afterFailure(
  attempts: number,
  now: Date,
): { status: 'queued' | 'failed'; nextAttemptAt: Date } {
  if (attempts >= MAX_ATTEMPTS) return { status: 'failed', nextAttemptAt: now }
  return { status: 'queued', nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) }
}

/** A transport error as one short line for the delivery row and the staff page. */
export function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const code = (error as { code?: unknown } | null)?.code
  const line = `${typeof code === 'string' ? `${code}: ` : ''}${message}`.replace(/\s+/g, ' ')
  return line.length > 500 ? `${line.slice(0, 497)}...` : line
}

export function unsubscribeUrl(siteUrl: string, token: string): string {
  return `${siteUrl.replace(/\/$/, '')}/newsletter/unsubscribe?token=${encodeURIComponent(token)}`
}

/** The per-recipient end of each copy: who it went to, their unsubscribe link, their account. */
export function newsletterFooter(recipient: {
  to: string
  unsubscribeUrl: string
  siteUrl: string
}): { html: string; text: string } {
  const account = `${recipient.siteUrl.replace(/\/$/, '')}/account`
  return {
    html: [
      '<hr>',
      `<p class="meta">You receive the Parley newsletter as ${escapeHtml(recipient.to)}. `,
      `<a href="${escapeHtml(recipient.unsubscribeUrl)}">Unsubscribe</a> (one click, no sign-in)`,
      ` · <a href="${escapeHtml(account)}">Your account</a></p>`,
    ].join(''),
    text: [
      '--',
      `You receive the Parley newsletter as ${recipient.to}.`,
      `Unsubscribe (one click, no sign-in): ${recipient.unsubscribeUrl}`,
      `Your account: ${account}`,
      '',
    ].join('\n'),
  }
}

/** The headers of each copy (RFC 8058 one-click unsubscribe, RFC 2919 list id). */
export function newsletterHeaders(recipient: {
  unsubscribeUrl: string
  siteUrl: string
}): Record<string, string> {
  return {
    'List-Unsubscribe': `<${recipient.unsubscribeUrl}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'List-Id': `Parley newsletter <newsletter.${new URL(recipient.siteUrl).hostname}>`,
  }
}

/** One recipient of an issue copy: their address and their own unsubscribe address. */
export interface IssueRecipient {
  to: string
  unsubscribeUrl: string
}

/**
 * An issue's e-mail built once per issue, returning the function that makes each recipient's
 * copy: the stored body, then a footer with their own unsubscribe link, and the headers that let
 * mail programs offer one-click unsubscribe (RFC 8058): the program POSTs
 * `List-Unsubscribe=One-Click` to the https address, no sign-in needed. Only the footer, the
 * unsubscribe headers and `To` are made per recipient.
 */
export function issueLetter(
  issue: { subject: string; html: string; text: string },
  siteUrl: string,
): (recipient: IssueRecipient) => OutgoingMail {
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(issue.subject)}</title></head><body>${issue.html}`
  const text = `${issue.text}\n`
  const listId = newsletterHeaders({ unsubscribeUrl: '', siteUrl })['List-Id']!
  return (recipient) => {
    const footer = newsletterFooter({ ...recipient, siteUrl })
    return {
      to: recipient.to,
      subject: issue.subject,
      html: `${html}${footer.html}</body></html>`,
      text: `${text}${footer.text}`,
      headers: {
        'List-Unsubscribe': `<${recipient.unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'List-Id': listId,
      },
    }
  }
}

/** One recipient's copy of an issue (the preview, and tests); the job uses `issueLetter`. */
export function newsletterMail(
  issue: { subject: string; html: string; text: string },
  recipient: { to: string; unsubscribeUrl: string; siteUrl: string },
): OutgoingMail {
  return issueLetter(issue, recipient.siteUrl)(recipient)
}
