import { Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import { z } from 'zod'
import { listNegotiationSummaries } from '../negotiations/negotiations.repository.ts'
import { AppError, isAppError } from '../platform/errors.ts'
import { randomToken, sha256Hex } from '../platform/ids.ts'
import {
  clearStaffCookie,
  clientIp,
  requireRole,
  STAFF_COOKIE,
  STAFF_SESSION_DAYS,
  setStaffCookie,
} from '../platform/web/auth.ts'
import type { AppDeps, AppEnv } from '../platform/web/env.ts'
import { hitRateLimit, peekRateLimit } from '../platform/web/rate-limit.repository.ts'
import { safeLocalPath } from '../platform/web/safe-redirect.ts'
import { addStaff } from './add-staff.ts'
import { listAudit } from './audit.repository.ts'
import { decoyHash, verifyPassword } from './password.ts'
import { deskPage, loginPage, setupClosedPage, setupPage } from './staff.pages.tsx'
import {
  consumeSetupToken,
  countStaff,
  deleteSession,
  findStaffByEmail,
  insertSession,
  isSetupTokenValid,
  listStaff,
} from './staff.repository.ts'

/** Sign-in attempts from one address, right or wrong. */
const LOGIN_BY_IP = { limit: 20, windowMs: 15 * 60_000 }
/** Failed sign-ins for one account from one address. */
const LOGIN_FAILURES_BY_ACCOUNT_AND_IP = { limit: 5, windowMs: 15 * 60_000 }

const LoginForm = z.object({
  // PostgreSQL text cannot hold a NUL; refused here rather than by the database as a 500.
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254)
    .refine((v) => !v.includes('\u0000')),
  password: z.string().max(1024),
  next: z.string().optional(),
})

/** Only same-site paths, so the sign-in form cannot be used to bounce a user elsewhere. */
function safeNext(next: string | undefined): string {
  return safeLocalPath(next, '/staff')
}

export function staffRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const secure = deps.config.env !== 'development'

  app.get('/staff/login', (c) => {
    if (c.get('staff')) return c.redirect(safeNext(c.req.query('next')), 303)
    return c.html(loginPage({ next: c.req.query('next') }))
  })

  app.post('/staff/login', async (c) => {
    const form = LoginForm.safeParse(await c.req.parseBody())
    if (!form.success) return c.html(loginPage({ error: 'Enter your e-mail and password.' }), 400)
    const { email, password, next } = form.data
    const now = deps.clock.now()
    const ip = clientIp(c, deps.config.trustProxy)
    const tooMany = (retryAfter: number) => {
      c.header('Retry-After', String(retryAfter))
      return c.html(
        loginPage({
          next,
          email,
          error: 'Too many sign-in attempts. Wait a few minutes and try again.',
        }),
        429,
      )
    }
    // Every attempt counts against the address it comes from. One refused here writes nothing
    // else, so a flood from one address grows the table by one row, not one per attempt.
    const byIp = await hitRateLimit(deps.db, `staff-login:ip:${ip}`, LOGIN_BY_IP, now)
    if (!byIp.allowed) return tooMany(byIp.retryAfter)
    // Failures count per account *and* address: guessing one account's password from one address
    // stops after five, while the owner signing in from elsewhere is never locked out by a
    // stranger. The bucket names the account by hash, so the table keeps no addresses.
    const failures = `staff-login:failures:${sha256Hex(email)}:${ip}`
    const byPair = await peekRateLimit(deps.db, failures, LOGIN_FAILURES_BY_ACCOUNT_AND_IP, now)
    if (!byPair.allowed) return tooMany(byPair.retryAfter)
    const account = await findStaffByEmail(deps.db, email)
    const ok = await verifyPassword(account?.passwordHash ?? (await decoyHash()), password)
    if (!account || !ok || account.disabledAt) {
      await hitRateLimit(deps.db, failures, LOGIN_FAILURES_BY_ACCOUNT_AND_IP, now)
      deps.logger.warn('staff sign-in refused', { email })
      return c.html(
        loginPage({ next, email, error: 'That e-mail and password do not match an account.' }),
        401,
      )
    }
    const token = randomToken(32)
    await insertSession(
      deps.db,
      token,
      account.id,
      new Date(now.getTime() + STAFF_SESSION_DAYS * 86_400_000),
    )
    setStaffCookie(c, token, secure)
    return c.redirect(safeNext(next), 303)
  })

  app.post('/staff/logout', async (c) => {
    const token = getCookie(c, STAFF_COOKIE)
    if (token) await deleteSession(deps.db, token)
    clearStaffCookie(c, secure)
    return c.redirect('/', 303)
  })

  app.get('/staff/setup', async (c) => {
    const token = c.req.query('token') ?? ''
    const open =
      (await countStaff(deps.db)) === 0 &&
      (await isSetupTokenValid(deps.db, token, deps.clock.now()))
    if (!open) return c.html(setupClosedPage(), 410)
    return c.html(setupPage({ token }))
  })

  app.post('/staff/setup', async (c) => {
    const body = await c.req.parseBody()
    const token = String(body.token ?? '')
    const values = { email: String(body.email ?? ''), name: String(body.name ?? '') }
    try {
      const owner = await deps.db.transaction(async (tx) => {
        // Staff count and token are checked in the same transaction that creates the owner.
        if (
          (await countStaff(tx)) !== 0 ||
          !(await consumeSetupToken(tx, token, deps.clock.now()))
        ) {
          throw new AppError('forbidden', 'setup closed')
        }
        return addStaff(
          tx,
          { staffId: null, label: 'setup link' },
          { ...values, password: body.password, role: 'owner' },
        )
      })
      const session = randomToken(32)
      await insertSession(
        deps.db,
        session,
        owner.id,
        new Date(deps.clock.now().getTime() + STAFF_SESSION_DAYS * 86_400_000),
      )
      setStaffCookie(c, session, secure)
      return c.redirect('/staff', 303)
    } catch (error) {
      if (isAppError(error) && error.code === 'forbidden') return c.html(setupClosedPage(), 410)
      if (isAppError(error) && error.code === 'invalid_input') {
        const message = error.details.map((d) => `${d.path}: ${d.message}`).join('; ')
        return c.html(setupPage({ token, values, error: message }), 400)
      }
      throw error
    }
  })

  app.get('/staff', requireRole('analyst'), async (c) => {
    const staff = c.get('staff')!
    return c.html(
      deskPage({
        staff,
        members: await listStaff(deps.db),
        audit: await listAudit(deps.db, { limit: 50 }),
        negotiations: await listNegotiationSummaries(deps.db),
      }),
    )
  })

  app.get('/api/audit', requireRole('owner'), async (c) => {
    const rows = await listAudit(deps.db, {
      entity: c.req.query('entity'),
      entityId: c.req.query('entityId'),
      limit: Math.min(1000, Number(c.req.query('limit') ?? 200) || 200),
    })
    return c.json({ entries: rows })
  })

  return app
}
