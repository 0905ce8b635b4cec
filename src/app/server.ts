import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import { startArticleJobs } from '../articles/articles.job.ts'
import { forgetAllServedArticles } from '../articles/render-cache.ts'
import { siteOf } from '../articles/site.ts'
import { type OpenedMailer, openMailer } from '../mail/actions/open-mailer.ts'
import { dropSendWhenPublished } from '../newsletters/actions/set-send-when-published.ts'
import { startNewsletterJob } from '../newsletters/newsletters.job.ts'
import { type Config, linkOrigin } from '../platform/config.ts'
import { type Database, openDatabase } from '../platform/db/client.ts'
import { migrate } from '../platform/db/migrate.ts'
import { type SocketServer, startSocketServer } from '../platform/db/socket-server.ts'
import type { Logger } from '../platform/logger.ts'
import type { Mailer } from '../platform/mailer.ts'
import { type Clock, systemClock } from '../platform/time.ts'
import { startRateLimitPruning } from '../platform/web/rate-limit.job.ts'
import { startArchiveJob } from '../sources/archive-queue.job.ts'
import { startLinkCheckJob } from '../sources/check-links.job.ts'
import { openSetup, SETUP_LINK_HOURS } from '../staff/actions/open-setup.ts'
import { createApp } from './app.ts'
import { loadDemoIfEmpty } from './load-demo.ts'

export interface RunningServer {
  url: string
  database: Database
  /** Stops accepting, lets in-flight requests finish, closes the database and its lock. */
  stop(): Promise<void>
}

/** config → database → migrate → demo → serve. */
export async function startServer(
  config: Config,
  logger: Logger,
  options: { clock?: Clock; print?: (line: string) => void } = {},
): Promise<RunningServer> {
  const clock = options.clock ?? systemClock
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`))
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  let server: ServerType | undefined
  let mail: OpenedMailer | undefined
  let socket: SocketServer | undefined
  try {
    const applied = await migrate(database)
    if (applied > 0) logger.info('migrations applied', { count: applied })
    if (config.loadDemo) {
      const report = await loadDemoIfEmpty(database.db, { site: siteOf(config) })
      if (report) logger.info('demo case loaded', { ...report })
    }
    mail = await openMailer(config, database.db, logger)
    // The app is built once the port is known (PORT=0 picks one): without PUBLIC_URL, links in
    // mail are made from the address the server listens on, never from a request's Host header.
    let app: ReturnType<typeof createApp> | undefined
    server = await listen(config, (request, env) =>
      app ? app.fetch(request, env) : new Response('starting', { status: 503 }),
    )
    const listening: Config = { ...config, port: (server.address() as AddressInfo).port }
    app = createApp({
      db: database.db,
      databaseKind: database.kind,
      config: listening,
      clock,
      logger,
      mailer: mail.mailer,
    })
    socket = await shareWithCli(database, config, logger)
    const url = linkOrigin(listening)
    logger.info('listening', { url, database: database.kind })
    print(`Parley is running at ${url} (database: ${database.kind})`)
    if (!config.publicUrl)
      print(
        `No PUBLIC_URL: links in mail and feeds point to ${url}; set PUBLIC_URL to the address readers use`,
      )
    if (mail.inbox) print(`No SMTP_URL: mail is caught by the embedded inbox at ${url}/staff/inbox`)

    const setup = await openSetup(database.db, clock.now())
    if (setup) {
      print(
        `No staff account yet. Create the owner account (link valid ${SETUP_LINK_HOURS} h, once):`,
      )
      print(`  ${url}/staff/setup?token=${setup}`)
    }

    const jobs = startJobs({ database, config: listening, clock, logger, mailer: mail.mailer })
    const running = server
    const runningMail = mail
    const runningSocket = socket
    let stopping: Promise<void> | undefined
    return {
      url,
      database,
      stop() {
        stopping ??= (async () => {
          await new Promise<void>((resolve) => {
            running.close(() => resolve())
            // Keep-alive sockets with no request in flight would hold close() open.
            if ('closeIdleConnections' in running) running.closeIdleConnections()
          })
          await jobs.stop()
          await runningSocket?.close()
          await runningMail.close()
          await database.close()
          logger.info('stopped')
        })()
        return stopping
      },
    }
  } catch (error) {
    server?.close()
    await socket?.close()
    await mail?.close()
    await database.close()
    throw error
  }
}

/** Starts listening; `fetch` answers each request. */
function listen(config: Config, fetch: Parameters<typeof serve>[0]['fetch']): Promise<ServerType> {
  return new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch, hostname: config.host, port: config.port }, () => resolve(s))
    s.once('error', reject)
  })
}

/**
 * The embedded database for `parley` commands run beside this server (docs/decisions/0008).
 * Without it the CLI is refused here as before; the server itself runs either way.
 */
async function shareWithCli(
  database: Database,
  config: Config,
  logger: Logger,
): Promise<SocketServer | undefined> {
  if (!database.pglite) return undefined
  try {
    return await startSocketServer({
      pglite: database.pglite,
      dataDir: config.dataDir,
      // A CLI write may have rendered articles again: their cached pages must not be served.
      onWrite: () => forgetAllServedArticles(database.db),
      onError: (error) => logger.warn('socket client failed', { error: String(error) }),
    })
  } catch (error) {
    logger.warn('the CLI cannot share the database while the server runs', {
      reason: error instanceof Error ? error.message : String(error),
    })
    return undefined
  }
}

/** The scheduled work of a running server; `stop` ends each in turn. */
function startJobs(deps: {
  database: Database
  config: Config
  clock: Clock
  logger: Logger
  mailer: Mailer
}): { stop(): Promise<void> } {
  const { database, config, clock, logger, mailer } = deps
  // Scheduled articles, and articles whose embedded data changed (docs/decisions/0003).
  const articles = startArticleJobs({
    db: database.db,
    site: siteOf(config),
    clock,
    logger,
    onScheduleCancelled: dropSendWhenPublished(clock),
  })
  // Newsletter deliveries, queued in the database (docs/membership.md, "Newsletter").
  const newsletters = startNewsletterJob({
    db: database.db,
    mailer,
    site: siteOf(config),
    clock,
    logger,
  })
  // Ended rate-limit windows (docs/limits.md).
  const rateLimits = startRateLimitPruning({ db: database.db, clock, logger })
  // Link health of the evidence ledger (docs/ledger.md); PARLEY_LINK_CHECK_HOURS=0 turns it off.
  const linkChecks = startLinkCheckJob({
    db: database.db,
    clock,
    logger,
    fetch: { allowPrivate: config.fetchAllowPrivate },
    intervalHours: config.linkCheckHours,
  })

  // Sources queued for archiving by imports, a few at a time (docs/ledger.md, "Archive queue").
  const archiving = startArchiveJob({
    db: database.db,
    clock,
    logger,
    fetch: { allowPrivate: config.fetchAllowPrivate },
  })
  return {
    async stop() {
      await articles.stop()
      await newsletters.stop()
      await linkChecks.stop()
      await rateLimits.stop()
      await archiving.stop()
    },
  }
}
