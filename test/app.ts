import type { Hono } from 'hono'
import { parseConfig } from '../src/config.ts'
import type { Database } from '../src/db/client.ts'
import { silentLogger } from '../src/shared/logger.ts'
import { type Clock, systemClock } from '../src/shared/time.ts'
import { createApp } from '../src/web/app.ts'
import type { AppEnv } from '../src/web/env.ts'

/** The real app over a test database; requests go through `app.request()`, no port. */
export function buildTestApp(
  database: Database,
  options: { clock?: Clock; env?: Record<string, string> } = {},
): Hono<AppEnv> {
  const config = parseConfig({ NODE_ENV: 'test', PARLEY_DATA_DIR: '/nonexistent', ...options.env })
  return createApp({
    db: database.db,
    databaseKind: database.kind,
    config,
    clock: options.clock ?? systemClock,
    logger: silentLogger,
  })
}

export const ORIGIN = 'http://localhost'

/** A same-origin form POST, as a browser sends it. */
export function formPost(
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, ...headers },
    body: new URLSearchParams(fields).toString(),
  })
}

/** The `name=value` part of a Set-Cookie header, for sending it back. */
export function cookieFrom(res: Response, name: string): string | undefined {
  const header = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))
  return header?.split(';')[0]
}
