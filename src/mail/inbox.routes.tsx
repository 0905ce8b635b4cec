import { Hono } from 'hono'
import { z } from 'zod'
import { invalidInput, notFound } from '../platform/errors.ts'
import { requireRole } from '../platform/web/auth.ts'
import type { AppDeps, AppEnv } from '../platform/web/env.ts'
import { inboxMessagePage, inboxPage } from './inbox.pages.tsx'
import { findInboxMessage, listInboxMessages } from './inbox.repository.ts'

const MessageId = z.coerce.number().int().positive()
const Recipient = z.string().trim().toLowerCase().max(254).optional()

/**
 * /staff/inbox: the mail the embedded inbox caught. Owners only: it holds every member's
 * sign-in links, which would let the reader sign in as them.
 */
export function inboxRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const delivery = deps.config.smtpUrl ? 'smtp' : 'embedded'

  const recipient = (value: string | undefined) => {
    const parsed = Recipient.safeParse(value === '' ? undefined : value)
    if (!parsed.success) throw invalidInput('to: expected an e-mail address')
    return parsed.data
  }
  const messageId = (value: string) => {
    const parsed = MessageId.safeParse(value)
    if (!parsed.success) throw notFound('message')
    return parsed.data
  }

  app.use('/staff/inbox', requireRole('owner'))
  app.use('/staff/inbox/*', requireRole('owner'))
  app.use('/api/inbox', requireRole('owner'))
  app.use('/api/inbox/*', requireRole('owner'))

  app.get('/staff/inbox', async (c) => {
    c.header('Cache-Control', 'private, no-store')
    const to = recipient(c.req.query('to'))
    const messages = await listInboxMessages(deps.db, { to, limit: 200 })
    return c.html(inboxPage({ staff: c.get('staff')!, messages, to, delivery }))
  })

  app.get('/staff/inbox/:id', async (c) => {
    c.header('Cache-Control', 'private, no-store')
    const message = await findInboxMessage(deps.db, messageId(c.req.param('id')))
    if (!message) throw notFound('message')
    return c.html(inboxMessagePage({ staff: c.get('staff')!, message }))
  })

  // The HTML part as sent. The site's Content-Security-Policy (scripts only from this site, no
  // inline scripts or handlers) applies to it like to every response.
  app.get('/staff/inbox/:id/html', async (c) => {
    c.header('Cache-Control', 'private, no-store')
    const message = await findInboxMessage(deps.db, messageId(c.req.param('id')))
    if (!message?.html) throw notFound('message')
    return c.html(message.html)
  })

  app.get('/api/inbox', async (c) => {
    const to = recipient(c.req.query('to'))
    const rows = await listInboxMessages(deps.db, { to, limit: 200 })
    return c.json({ delivery, messages: rows })
  })

  app.get('/api/inbox/:id', async (c) => {
    const message = await findInboxMessage(deps.db, messageId(c.req.param('id')))
    if (!message) throw notFound('message')
    return c.json(message)
  })

  return app
}
