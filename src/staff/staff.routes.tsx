import { Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import { z } from 'zod'
import type { Db } from '../platform/db/client.ts'
import { isAppError } from '../platform/errors.ts'
import {
  clearStaffCookie,
  clientIp,
  requireRole,
  STAFF_COOKIE,
  setStaffCookie,
} from '../platform/web/auth.ts'
import type { AppDeps, AppEnv } from '../platform/web/env.ts'
import { safeLocalPath } from '../platform/web/safe-redirect.ts'
import { setUpOwner } from './actions/set-up-owner.ts'
import { signInStaff } from './actions/sign-in-staff.ts'
import { listAudit } from './audit.repository.ts'
import { deskPage, loginPage, setupClosedPage, setupPage } from './staff.pages.tsx'
import { countStaff, deleteSession, isSetupTokenValid, listStaff } from './staff.repository.ts'

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

/** What the staff desk shows from later domains, given by `app/`. */
export interface StaffDeskSources {
  /** The negotiations whose parties, issues and weights the desk links to, for editing. */
  listNegotiations: (db: Db) => Promise<readonly { slug: string; title: string }[]>
}

export function staffRoutes(deps: AppDeps, desk: StaffDeskSources) {
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
    const ip = clientIp(c, deps.config.trustProxy)
    const signIn = await signInStaff(deps, { email, password, ip })
    if (signIn.outcome === 'too_many') {
      c.header('Retry-After', String(signIn.retryAfter))
      return c.html(
        loginPage({
          next,
          email,
          error: 'Too many sign-in attempts. Wait a few minutes and try again.',
        }),
        429,
      )
    }
    if (signIn.outcome === 'refused') {
      return c.html(
        loginPage({ next, email, error: 'That e-mail and password do not match an account.' }),
        401,
      )
    }
    setStaffCookie(c, signIn.token, secure)
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
      const { session } = await setUpOwner(deps, { token, ...values, password: body.password })
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
        negotiations: [...(await desk.listNegotiations(deps.db))],
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
