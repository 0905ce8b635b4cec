import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { Db } from '../db/client.ts'
import { AppError } from '../errors.ts'
import type { Clock } from '../time.ts'
import type { AppEnv } from './env.ts'
import {
  type ArchivedCopy,
  type MemberViewer,
  roleAtLeast,
  type SessionLookup,
  type SourceCapturesLookup,
  type StaffRole,
  type StaffViewer,
} from './viewer.ts'

export const STAFF_COOKIE = 'parley_staff'
export const STAFF_SESSION_DAYS = 14

/** Loads the signed-in staff member, if any, into `c.var.staff`; `app/` gives the session lookup. */
export function loadStaff(deps: {
  db: Db
  clock: Clock
  findSessionStaff: SessionLookup<StaffViewer>
}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, STAFF_COOKIE)
    c.set(
      'staff',
      token ? await deps.findSessionStaff(deps.db, token, deps.clock.now()) : undefined,
    )
    await next()
  }
}

export const MEMBER_COOKIE = 'parley_member'

/** Loads the signed-in member, if any, into `c.var.member`. Readers without the cookie cost no query. */
export function loadMember(deps: {
  db: Db
  clock: Clock
  findSessionMember: SessionLookup<MemberViewer>
}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, MEMBER_COOKIE)
    c.set(
      'member',
      token ? await deps.findSessionMember(deps.db, token, deps.clock.now()) : undefined,
    )
    await next()
  }
}

/** Role check: pages send the reader to the sign-in page, the API answers 401/403. */
export function requireRole(role: StaffRole): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const staff = c.get('staff')
    if (!staff) {
      if (wantsHtml(c)) {
        return c.redirect(`/staff/login?next=${encodeURIComponent(c.req.path)}`, 303)
      }
      throw new AppError('unauthenticated', 'sign in as staff first')
    }
    if (!roleAtLeast(staff.role, role))
      throw new AppError('forbidden', `this needs the ${role} role`)
    return next()
  }
}

export function wantsHtml(c: Context): boolean {
  return !c.req.path.startsWith('/api/') && (c.req.header('accept') ?? '').includes('text/html')
}

export function setStaffCookie(c: Context, token: string, secure: boolean): void {
  setCookie(c, STAFF_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    maxAge: STAFF_SESSION_DAYS * 24 * 3600,
  })
}

export function clearStaffCookie(c: Context, secure: boolean): void {
  deleteCookie(c, STAFF_COOKIE, { path: '/', secure, httpOnly: true, sameSite: 'Lax' })
}

/**
 * Client address for rate limits: the socket's, or — only when the operator says a proxy sits in
 * front (PARLEY_TRUST_PROXY=1) — the first X-Forwarded-For hop, which a client could otherwise forge.
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  const forwarded = trustProxy ? c.req.header('x-forwarded-for')?.split(',')[0]?.trim() : undefined
  if (forwarded) return forwarded
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming
  return incoming?.socket?.remoteAddress ?? 'local'
}

/**
 * Whether this reader may receive source and archive URLs. Gating is decided here, on the server,
 * for every page, feed and API answer: anonymous readers never receive them.
 */
export function canSeeSourceLinks(c: Context<AppEnv>): boolean {
  return c.get('staff') !== undefined || c.get('member') !== undefined
}

/** Drops `url` (and archive URLs) from source references for readers who may not see them. */
export function gateSourceRefs<T extends { url?: string }>(
  c: Context<AppEnv>,
  refs: readonly T[],
): (T | Omit<T, 'url'>)[] {
  if (canSeeSourceLinks(c)) return [...refs]
  return refs.map(({ url: _url, ...rest }) => rest)
}

/**
 * What a member or staff reader gets beside a source's name: its archived copies here (oldest
 * first), from which a dated statement picks the one that stood on its date (src/sources/captures.ts),
 * and whether the original address is dead.
 */
export interface SourceAccess {
  sources: ReadonlyMap<string, { dead: boolean; captures: readonly ArchivedCopy[] }>
}

/**
 * Makes the source-captures lookup (given by `app/`, which knows where sources are stored) available
 * to `loadSourceAccess` for the rest of the request.
 */
export function provideSourceCaptures(
  listSourceCaptures: SourceCapturesLookup,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('listSourceCaptures', listSourceCaptures)
    await next()
  }
}

/**
 * The archived copies of these sources for a reader who may see links; undefined for anyone else,
 * so that pages given it show the original and the archive only to members and staff.
 */
export async function loadSourceAccess(
  c: Context<AppEnv>,
  db: Db,
  keys: Iterable<string>,
): Promise<SourceAccess | undefined> {
  if (!canSeeSourceLinks(c)) return undefined
  const listSourceCaptures = c.get('listSourceCaptures')
  // A sub-app mounted without `provideSourceCaptures` is a wiring mistake, not a reader's: say so.
  if (!listSourceCaptures) throw new Error('provideSourceCaptures is not mounted before this route')
  const found = await listSourceCaptures(db, [...keys])
  const sources = new Map<string, { dead: boolean; captures: readonly ArchivedCopy[] }>()
  for (const [key, s] of found)
    sources.set(key, { dead: s.linkStatus === 'dead', captures: s.captures })
  return { sources }
}
