import type { Hono } from 'hono'
import { createApp } from '../src/app/app.ts'
import { parseConfig } from '../src/platform/config.ts'
import type { Database } from '../src/platform/db/client.ts'
import { silentLogger } from '../src/platform/logger.ts'
import { type Clock, systemClock } from '../src/platform/time.ts'
import type { AppEnv } from '../src/platform/web/env.ts'

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
