import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './env.ts'

/**
 * Responses differ by viewer (members and staff see source links, archive copies, their own
 * name), so every answer says `Vary: Cookie`, and one given to a signed-in viewer is theirs alone:
 * `private, no-cache` unless the route chose something at least as strict. A shared cache can then
 * never hand a member's copy to a stranger, whatever route a page comes from. Static assets are
 * the same for everyone and keep their public caching.
 */
export function viewerCaching(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next()
    if (c.req.path.startsWith('/assets/')) return
    const headers = c.res.headers
    const vary = (headers.get('Vary') ?? '').split(',').map((v) => v.trim().toLowerCase())
    if (!vary.includes('cookie') && !vary.includes('*')) headers.append('Vary', 'Cookie')
    if (c.get('staff') === undefined && c.get('member') === undefined) return
    const cacheControl = headers.get('Cache-Control') ?? ''
    if (!/\b(private|no-store)\b/i.test(cacheControl))
      headers.set('Cache-Control', 'private, no-cache')
  }
}
