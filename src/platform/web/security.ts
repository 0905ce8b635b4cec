import type { MiddlewareHandler } from 'hono'
import { AppError } from '../errors.ts'
import type { AppEnv } from './env.ts'

// Only the site itself: no third-party fonts, scripts, frames or trackers.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** Security headers on every response, errors included. */
export function securityHeaders(options: { hsts: boolean }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next()
    const headers = c.res.headers
    headers.set('Content-Security-Policy', CSP)
    headers.set('X-Content-Type-Options', 'nosniff')
    headers.set('X-Frame-Options', 'DENY')
    headers.set('Referrer-Policy', 'strict-origin-when-cross-origin')
    headers.set('Cross-Origin-Opener-Policy', 'same-origin')
    headers.set(
      'Permissions-Policy',
      'camera=(), microphone=(), geolocation=(), interest-cohort=()',
    )
    if (options.hsts) headers.set('Strict-Transport-Security', 'max-age=31536000')
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Refuses a state-changing request that a browser sent from another site. Browsers send Origin
 * on every cross-origin POST; clients that are not browsers (curl, scripts) send neither Origin
 * nor Sec-Fetch-Site and cannot be used for cross-site request forgery.
 */
export function originCheck(publicUrl: string | undefined): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next()
    const origin = c.req.header('origin')
    const fetchSite = c.req.header('sec-fetch-site')
    if (origin === undefined || origin === 'null') {
      if (fetchSite === 'cross-site' || fetchSite === 'same-site' || origin === 'null') {
        throw new AppError('forbidden', 'cross-site request refused')
      }
      return next()
    }
    const expected = publicUrl ?? new URL(c.req.url).origin
    if (origin !== expected) throw new AppError('forbidden', 'cross-site request refused')
    return next()
  }
}
