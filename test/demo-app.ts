import { after } from 'node:test'
import type { Hono } from 'hono'
import { createApp } from '../src/app/app.ts'
import { loadDemoIfEmpty } from '../src/app/load-demo.ts'
import { openMailer } from '../src/mail/actions/open-mailer.ts'
import { parseConfig } from '../src/platform/config.ts'
import type { Db } from '../src/platform/db/client.ts'
import { silentLogger } from '../src/platform/logger.ts'
import type { AppEnv } from '../src/platform/web/env.ts'
import { openTestDatabase } from './db.ts'

/**
 * The demo site as a fresh `npm start` makes it, over a test database: the demo case loaded, and
 * a mailer with no SMTP URL, so mail lands in the inbox table. The mailer closes after the file.
 */
export async function openDemoApp(): Promise<{ db: Db; app: Hono<AppEnv> }> {
  const { db } = await openTestDatabase()
  await loadDemoIfEmpty(db)
  const mail = await openMailer(
    { smtpUrl: undefined, mailFrom: 'Parley <desk@parley.test>' },
    db,
    silentLogger,
  )
  after(() => mail.close())
  const app = createApp({
    db,
    databaseKind: 'pglite',
    config: parseConfig({ NODE_ENV: 'test', PARLEY_DATA_DIR: '/nonexistent' }),
    clock: { now: () => new Date() },
    logger: silentLogger,
    mailer: mail.mailer,
  })
  return { db, app }
}
