import { after } from 'node:test'
import type { Hono } from 'hono'
import { parseConfig } from '../src/config.ts'
import type { Db } from '../src/db/client.ts'
import { openMailer } from '../src/mail/send-mail.ts'
import { loadDemoIfEmpty } from '../src/negotiations/load-demo.ts'
import { silentLogger } from '../src/shared/logger.ts'
import { createApp } from '../src/web/app.ts'
import type { AppEnv } from '../src/web/env.ts'
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
