import { type Context, Hono } from 'hono'
import { siteOf } from '../articles/site.ts'
import { updateNewsletter } from '../members/members.repository.ts'
import {
  type AppError,
  detailsFromZod,
  invalidInput,
  isAppError,
  notFound,
} from '../platform/errors.ts'
import { sha256Hex } from '../platform/ids.ts'
import { requireRole } from '../platform/web/auth.ts'
import type { AppDeps, AppEnv } from '../platform/web/env.ts'
import type { Actor } from '../staff/audit.repository.ts'
import { roleAtLeast, type StaffUser } from '../staff/staff.ts'
import { draftNewsletter } from './actions/draft-newsletter.ts'
import { retryDeliveries } from './actions/retry-deliveries.ts'
import { sendNewsletter } from './actions/send-newsletter.ts'
import { setSendWhenPublished } from './actions/set-send-when-published.ts'
import {
  newsletterFooter,
  newsletterHeaders,
  SendForm,
  unsubscribeUrl,
  WhenPublishedForm,
} from './newsletter.ts'
import {
  newsletterPreviewPage,
  newslettersPage,
  unsubscribedPage,
  unsubscribeInvalidPage,
  unsubscribePage,
} from './newsletters.pages.tsx'
import { findUnsubscribeTarget, listIssues } from './newsletters.repository.ts'

type Ctx = Context<AppEnv>

function actorOf(staff: StaffUser): Actor {
  return { staffId: staff.id, label: staff.email }
}

const notices: Record<string, string> = {
  sent: 'Queued. The newsletter goes out in small batches over the next minutes.',
  retried: 'The failed deliveries are queued again.',
}

function articleId(value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw notFound('article')
  return Number(value)
}

/**
 * The newsletter: an editor previews and sends an article's published version from its desk
 * page, staff follow deliveries at /staff/newsletters, and members unsubscribe with the link in
 * each copy, without signing in.
 */
export function newsletterRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  app.route('/', sendRoutes(deps))
  app.route('/', deliveryRoutes(deps))
  app.route('/', unsubscribeRoutes(deps))
  return app
}

/** Preview and send an article's version, or ask for it to go when it is published. */
function sendRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps
  const site = siteOf(deps.config)

  /** The preview page, from the article's current published version. */
  async function preview(c: Ctx, id: number, error?: AppError) {
    const draft = await draftNewsletter(db, id, site)
    const sample = {
      to: 'each.member@example.org',
      unsubscribeUrl: unsubscribeUrl(site.url, 'TOKEN-OF-EACH-MEMBER'),
      siteUrl: site.url,
    }
    const footer = newsletterFooter(sample)
    c.header('Cache-Control', 'private, no-store')
    return c.html(
      newsletterPreviewPage({
        staff: c.get('staff')!,
        article: { id: draft.article.id, title: draft.version.title, slug: draft.article.slug },
        version: { id: draft.version.id, number: draft.version.number },
        kind: draft.kind,
        from: deps.config.mailFrom,
        subject: draft.email.subject,
        html: draft.email.html + footer.html,
        text: `${draft.email.text}\n${footer.text}`,
        headers: newsletterHeaders(sample),
        recipients: draft.recipients,
        refusal: draft.refusal,
        error: error?.message,
      }),
      error ? (error.code === 'conflict' ? 409 : 400) : 200,
    )
  }

  app.get('/staff/articles/:id/newsletter', requireRole('editor'), async (c) => {
    // An article that is not published is answered 409 with the reason.
    return preview(c, articleId(c.req.param('id')))
  })

  app.post('/staff/articles/:id/newsletter', requireRole('editor'), async (c) => {
    const id = articleId(c.req.param('id'))
    const parsed = SendForm.safeParse(await c.req.parseBody())
    if (!parsed.success) {
      throw invalidInput('the send form is incomplete', detailsFromZod(parsed.error.issues))
    }
    try {
      const { issue } = await sendNewsletter(db, actorOf(c.get('staff')!), {
        articleId: id,
        ...parsed.data,
        now: deps.clock.now(),
        site,
      })
      deps.logger.info('newsletter queued', { issue: issue.id, recipients: issue.recipientCount })
      return c.redirect(`/staff/newsletters?done=sent&issue=${issue.id}`, 303)
    } catch (error) {
      if (!isAppError(error) || error.code !== 'conflict') throw error
      // Say why on the preview itself, which shows what would go out now.
      try {
        return await preview(c, id, error)
      } catch {
        throw error
      }
    }
  })

  // "Send when published", for a scheduled article.
  app.post('/staff/articles/:id/newsletter/when-published', requireRole('editor'), async (c) => {
    const id = articleId(c.req.param('id'))
    const parsed = WhenPublishedForm.safeParse(await c.req.parseBody())
    if (!parsed.success) {
      throw invalidInput('send when published: yes or no', detailsFromZod(parsed.error.issues))
    }
    await setSendWhenPublished(db, actorOf(c.get('staff')!), id, {
      on: parsed.data.send === 'yes',
      now: deps.clock.now(),
    })
    return c.redirect(
      `/staff/articles/${id}?done=${parsed.data.send === 'yes' ? 'newsletter-on' : 'newsletter-off'}`,
      303,
    )
  })

  return app
}

/** Staff follow the deliveries and queue the failed ones again. */
function deliveryRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps

  app.get('/staff/newsletters', requireRole('analyst'), async (c) => {
    const staff = c.get('staff')!
    c.header('Cache-Control', 'private, no-store')
    return c.html(
      newslettersPage({
        staff,
        issues: await listIssues(db),
        canRetry: roleAtLeast(staff.role, 'editor'),
        notice: notices[c.req.query('done') ?? ''],
      }),
    )
  })

  app.post('/staff/newsletters/:id/retry', requireRole('editor'), async (c) => {
    const id = c.req.param('id')
    if (!/^\d{1,9}$/.test(id)) throw notFound('newsletter')
    await retryDeliveries(db, actorOf(c.get('staff')!), Number(id), deps.clock.now())
    return c.redirect('/staff/newsletters?done=retried', 303)
  })

  app.get('/api/newsletters', requireRole('analyst'), async (c) =>
    c.json({ issues: await listIssues(db) }),
  )

  return app
}

/** Members turn the newsletter off with the link in each copy. */
function unsubscribeRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps

  // Unsubscribe, from the link in each copy: no sign-in, the token is the proof. GET only shows
  // the button; POST (the button, or a mail program's one-click POST, RFC 8058) turns it off.
  app.get('/newsletter/unsubscribe', async (c) => {
    c.header('Cache-Control', 'no-store')
    const token = c.req.query('token') ?? ''
    const target = token ? await findUnsubscribeTarget(db, sha256Hex(token)) : undefined
    if (!target) return c.html(unsubscribeInvalidPage({ staff: c.get('staff') }), 410)
    return c.html(
      unsubscribePage({
        staff: c.get('staff'),
        token,
        email: target.email,
        on: target.newsletter,
      }),
    )
  })

  app.post('/newsletter/unsubscribe', async (c) => {
    c.header('Cache-Control', 'no-store')
    const body = await c.req.parseBody()
    const token = c.req.query('token') ?? (typeof body.token === 'string' ? body.token : '')
    const target = token ? await findUnsubscribeTarget(db, sha256Hex(token)) : undefined
    if (!target) return c.html(unsubscribeInvalidPage({ staff: c.get('staff') }), 410)
    await updateNewsletter(db, target.memberId, false)
    deps.logger.info('member unsubscribed from the newsletter', {
      memberId: target.memberId,
      oneClick: body['List-Unsubscribe'] === 'One-Click',
    })
    return c.html(unsubscribedPage({ staff: c.get('staff'), email: target.email }))
  })

  return app
}
