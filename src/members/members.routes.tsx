import { type Context, Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { linkOrigin } from '../platform/config.ts'
import { isAppError } from '../platform/errors.ts'
import { clientIp, MEMBER_COOKIE } from '../platform/web/auth.ts'
import type { AppDeps, AppEnv } from '../platform/web/env.ts'
import { confirmMagicLink } from './actions/confirm-magic-link.ts'
import { deleteAccount, type MemberDeleted } from './actions/delete-account.ts'
import { requestMagicLink } from './actions/request-magic-link.ts'
import {
  accountDeletedPage,
  accountPage,
  checkInboxPage,
  confirmLinkPage,
  linkInvalidPage,
  signinPage,
  signupPage,
} from './members.pages.tsx'
import { deleteMemberSession, findUsableLink, updateNewsletter } from './members.repository.ts'
import { LinkRequestForm, MEMBER_SESSION_DAYS, safeReturnPath } from './members.ts'

type Ctx = Context<AppEnv>

/**
 * Membership: sign-up and sign-in by magic link, sign-out, and the account page. The member
 * exists only once a link is clicked and its confirmation button pressed.
 */
export function memberRoutes(deps: AppDeps, effects: { memberDeleted: MemberDeleted }) {
  const app = new Hono<AppEnv>()
  app.route('/', magicLinkRoutes(deps))
  app.route('/', accountRoutes(deps, effects))
  return app
}

function setMemberCookie(c: Ctx, token: string, secure: boolean) {
  setCookie(c, MEMBER_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    maxAge: MEMBER_SESSION_DAYS * 86_400,
  })
}

function clearMemberCookie(c: Ctx, secure: boolean) {
  deleteCookie(c, MEMBER_COOKIE, { path: '/', secure, httpOnly: true, sameSite: 'Lax' })
}

/** Asking for a link (sign-up and sign-in) and using it. */
function magicLinkRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const secure = deps.config.env !== 'development'

  /** The one handler behind both forms: the answer does not say whether the address is a member. */
  const requestLink = async (c: Ctx, form: 'signup' | 'signin') => {
    const body = await c.req.parseBody()
    const returnTo = safeReturnPath(typeof body.returnTo === 'string' ? body.returnTo : undefined)
    const typed = typeof body.email === 'string' ? body.email : ''
    const page = form === 'signup' ? signupPage : signinPage
    const parsed = LinkRequestForm.safeParse({ ...body, returnTo })
    if (!parsed.success) {
      const issue = parsed.error.issues.find((i) => i.path[0] === 'email') ?? parsed.error.issues[0]
      return c.html(
        page({ staff: c.get('staff'), returnTo, email: typed, error: issue?.message }),
        400,
      )
    }
    const { email, website } = parsed.data
    if (website !== undefined && website !== '') {
      // The honeypot was filled in: a bot. Answer as usual, send nothing.
      deps.logger.info('member link refused: honeypot filled', {
        ip: clientIp(c, deps.config.trustProxy),
      })
      return c.html(checkInboxPage({ staff: c.get('staff'), email }))
    }

    try {
      const request = await requestMagicLink(deps, {
        email,
        returnTo,
        origin: linkOrigin(deps.config),
        ip: clientIp(c, deps.config.trustProxy),
        now: deps.clock.now(),
      })
      if (request.outcome === 'too_many') {
        c.header('Retry-After', String(request.retryAfter))
        return c.html(
          page({
            staff: c.get('staff'),
            returnTo,
            email: typed,
            error:
              'Too many links asked for. Wait an hour and try again, or use the last link sent.',
          }),
          429,
        )
      }
    } catch (error) {
      if (isAppError(error) && error.code === 'unavailable') {
        return c.html(
          page({ staff: c.get('staff'), returnTo, email: typed, error: error.message }),
          503,
        )
      }
      throw error
    }
    return c.html(checkInboxPage({ staff: c.get('staff'), email }))
  }

  app.get('/members/signup', (c) =>
    c.html(
      signupPage({ staff: c.get('staff'), returnTo: safeReturnPath(c.req.query('returnTo')) }),
    ),
  )
  app.post('/members/signup', (c) => requestLink(c, 'signup'))

  app.get('/members/signin', (c) => {
    const returnTo = safeReturnPath(c.req.query('returnTo'))
    if (c.get('member')) return c.redirect(returnTo, 303)
    return c.html(signinPage({ staff: c.get('staff'), returnTo }))
  })
  app.post('/members/signin', (c) => requestLink(c, 'signin'))

  // Opening the link only shows a button: mail scanners fetch links, they do not press buttons.
  app.get('/members/verify', async (c) => {
    c.header('Cache-Control', 'no-store')
    const token = c.req.query('token') ?? ''
    const link = token ? await findUsableLink(deps.db, token, deps.clock.now()) : undefined
    if (!link) return c.html(linkInvalidPage({ staff: c.get('staff') }), 410)
    return c.html(
      confirmLinkPage({ staff: c.get('staff'), token, purpose: link.purpose, email: link.email }),
    )
  })

  app.post('/members/verify', async (c) => {
    c.header('Cache-Control', 'no-store')
    const body = await c.req.parseBody()
    const token = typeof body.token === 'string' ? body.token : ''
    const signedIn = await confirmMagicLink(deps.db, { token, now: deps.clock.now() })
    if (!signedIn) return c.html(linkInvalidPage({ staff: c.get('staff') }), 410)
    deps.logger.info('member signed in', {
      memberId: signedIn.member.id,
      via: signedIn.link.purpose,
    })
    setMemberCookie(c, signedIn.session, secure)
    const target = safeReturnPath(signedIn.link.returnTo ?? undefined)
    return c.redirect(
      target === '/account' && signedIn.link.purpose === 'signup' ? '/account?welcome=1' : target,
      303,
    )
  })

  return app
}

/** Signing out, and the account page: the newsletter setting and deleting the account. */
function accountRoutes(deps: AppDeps, effects: { memberDeleted: MemberDeleted }) {
  const app = new Hono<AppEnv>()
  const secure = deps.config.env !== 'development'

  app.post('/members/signout', async (c) => {
    const token = getCookie(c, MEMBER_COOKIE)
    if (token) await deleteMemberSession(deps.db, token)
    clearMemberCookie(c, secure)
    return c.redirect('/', 303)
  })

  app.get('/account', (c) => {
    c.header('Cache-Control', 'private, no-store')
    const member = c.get('member')
    if (!member) return c.redirect('/members/signin?returnTo=%2Faccount', 303)
    const notice =
      c.req.query('welcome') !== undefined
        ? 'Welcome. Your subscription is confirmed, and the source links are unlocked.'
        : c.req.query('saved') !== undefined
          ? 'Saved.'
          : undefined
    return c.html(accountPage({ staff: c.get('staff'), member, notice }))
  })

  app.post('/account/newsletter', async (c) => {
    const member = c.get('member')
    if (!member) return c.redirect('/members/signin?returnTo=%2Faccount', 303)
    const body = await c.req.parseBody()
    if (body.newsletter !== 'on' && body.newsletter !== 'off') {
      return c.html(
        accountPage({
          staff: c.get('staff'),
          member,
          notice: 'newsletter: expected "on" or "off"; nothing was changed.',
        }),
        400,
      )
    }
    await updateNewsletter(deps.db, member.id, body.newsletter === 'on')
    return c.redirect('/account?saved=1', 303)
  })

  app.post('/account/delete', async (c) => {
    const member = c.get('member')
    if (!member) return c.redirect('/members/signin?returnTo=%2Faccount', 303)
    const body = await c.req.parseBody()
    if (body.confirm !== 'yes') {
      return c.html(
        accountPage({
          staff: c.get('staff'),
          member,
          notice: 'Tick "Yes, delete my account" to delete it; nothing was deleted.',
        }),
        400,
      )
    }
    await deleteAccount({ db: deps.db, memberDeleted: effects.memberDeleted }, member)
    deps.logger.info('member deleted their account', { memberId: member.id })
    clearMemberCookie(c, secure)
    return c.html(accountDeletedPage({ staff: c.get('staff') }))
  })

  return app
}
