import type { Context, MiddlewareHandler } from 'hono'
import type { z } from 'zod'
import { detailsFromZod, invalidInput } from '../errors.ts'
import type { AppEnv } from './env.ts'

/**
 * Refuses a NUL character anywhere in the path or query with a 400 naming where it is. PostgreSQL
 * cannot store or compare text holding one, so it would otherwise surface as a 500 from whichever
 * query the value reached first.
 */
export function refuseNul(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!c.req.url.includes('\u0000') && !/%00/i.test(c.req.url)) return next()
    const url = new URL(c.req.url)
    if (decodeSafely(url.pathname).includes('\u0000'))
      throw invalidInput('the address contains a NUL character', [
        { path: 'path', message: 'a NUL character (%00) is not allowed' },
      ])
    for (const [name, value] of url.searchParams)
      if (name.includes('\u0000') || value.includes('\u0000'))
        throw invalidInput(`query parameter ${JSON.stringify(name)} contains a NUL character`, [
          { path: name, message: 'a NUL character (%00) is not allowed' },
        ])
    return next()
  }
}

function decodeSafely(path: string): string {
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}

/** The query string checked against `schema`; a 400 names each parameter that does not fit. */
export function parseQuery<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  const parsed = schema.safeParse(c.req.query())
  if (!parsed.success) {
    const details = detailsFromZod(parsed.error.issues)
    throw invalidInput(`invalid query parameter ${details.map((d) => d.path).join(', ')}`, details)
  }
  return parsed.data
}
