import { sql } from 'drizzle-orm'
import { createSmtpMailer } from '../src/mail/actions/open-mailer.ts'
import { deliverNewsletters } from '../src/newsletters/newsletters.job.ts'
import { openDatabase } from '../src/platform/db/client.ts'
import { rowsOf } from '../src/platform/db/migrate.ts'
import { silentLogger } from '../src/platform/logger.ts'
import { systemClock } from '../src/platform/time.ts'
import { timeFromGo } from './timed-run.ts'

/**
 * The newsletter job's send loop in a process of its own, for tests that kill it or run two at
 * once, and for the benchmark. Opens the database (DELIVER_DATABASE_URL, or the PGlite data
 * directory DELIVER_DATA_DIR), prints `ready`, waits for `go` on stdin, then runs passes back to
 * back (as the server's job does) until no delivery is queued, and prints one JSON line: copies
 * sent, milliseconds from `go` to the end, and the process's resident memory in bytes at `go` and at its
 * peak.
 * DELIVER_LEASE_MS shortens the lease so that a restart after a kill need not wait ten minutes.
 */
const env = process.env
const database = await openDatabase({
  databaseUrl: env.DELIVER_DATABASE_URL || undefined,
  dataDir: env.DELIVER_DATA_DIR ?? '',
})
const mailer = createSmtpMailer(env.DELIVER_SMTP_URL!, 'Parley <desk@parley.test>')
const result = await timeFromGo(async () => {
  let sent = 0
  for (;;) {
    const report = await deliverNewsletters({
      db: database.db,
      mailer,
      site: { url: env.DELIVER_SITE_URL ?? 'https://parley.example' },
      clock: systemClock,
      logger: silentLogger,
      leaseMs: env.DELIVER_LEASE_MS ? Number(env.DELIVER_LEASE_MS) : undefined,
      batch: env.DELIVER_BATCH ? Number(env.DELIVER_BATCH) : undefined,
    })
    sent += report.sent
    const [left] = rowsOf<{ n: number }>(
      await database.db.execute(
        sql`select count(*)::int as n from newsletter_deliveries where status = 'queued'`,
      ),
    )
    if (Number(left?.n ?? 0) === 0) break
    // Rows another process holds, or held by one that died: look again shortly, as the job would.
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return sent
})
await mailer.close()
await database.close()
process.stdout.write(`${JSON.stringify(result)}\n`)
