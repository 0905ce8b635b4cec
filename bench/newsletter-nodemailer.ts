import nodemailer from 'nodemailer'
import pg from 'pg'
import { IN_FLIGHT, issueLetter, unsubscribeUrl } from '../src/newsletters/newsletter.ts'
import { randomToken } from '../src/platform/ids.ts'
import { timeFromGo } from '../test/timed-run.ts'

/**
 * The baseline of bench/newsletter.bench.ts: nodemailer's pooled transport (5 connections, as
 * Parley's) sending the same messages — the issue's stored e-mail with each member's own footer,
 * unsubscribe headers and To — to the same sink, with IN_FLIGHT messages queued at once, and no
 * database work while it sends (the members' addresses are read before `go`). Prints one JSON
 * line like test/deliver-newsletters.ts.
 */
const env = process.env
const client = new pg.Client({ connectionString: env.DELIVER_DATABASE_URL })
await client.connect()
const issue = (
  await client.query<{ subject: string; html: string; text: string }>(
    'select subject, html, text from newsletter_issues order by id desc limit 1',
  )
).rows[0]!
const addresses = (
  await client.query<{ email: string }>('select email from members where newsletter order by id')
).rows.map((r) => r.email)
await client.end()
const site = env.DELIVER_SITE_URL ?? 'https://parley.example'
const transport = nodemailer.createTransport({
  url: env.DELIVER_SMTP_URL,
  pool: true,
  maxConnections: 5,
})
const result = await timeFromGo(async () => {
  const letter = issueLetter(issue, site)
  let nextIndex = 0
  let sent = 0
  async function worker(): Promise<void> {
    while (nextIndex < addresses.length) {
      const to = addresses[nextIndex++]!
      await transport.sendMail({
        from: 'Parley <desk@parley.test>',
        ...letter({ to, unsubscribeUrl: unsubscribeUrl(site, randomToken(32)) }),
      })
      sent++
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, () => worker()))
  return sent
})
transport.close()
process.stdout.write(`${JSON.stringify(result)}\n`)
