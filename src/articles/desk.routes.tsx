import { type Context, Hono } from 'hono'
import type { Child } from 'hono/jsx'
import type { Db } from '../platform/db/client.ts'
import { AppError, isAppError, notFound } from '../platform/errors.ts'
import { requireRole } from '../platform/web/auth.ts'
import type { AppDeps, AppEnv } from '../platform/web/env.ts'
import { type Actor, listAudit } from '../staff/audit.repository.ts'
import { roleAtLeast, type StaffUser } from '../staff/staff.ts'
import { addArticle } from './actions/add-article.ts'
import { previewArticle } from './actions/preview-article.ts'
import { publishArticle } from './actions/publish-article.ts'
import { saveArticle } from './actions/save-article.ts'
import { scheduleArticle } from './actions/schedule-article.ts'
import { unpublishArticle } from './actions/unpublish-article.ts'
import { type Article, ScheduleTime } from './article.ts'
import {
  findArticleById,
  listArticlesForDesk,
  listCorrections,
  listLedgerKeys,
  listVersions,
} from './articles.repository.ts'
import { deskArticlesPage } from './desk.pages.tsx'
import { type EditorProps, type EditorValues, editorPage } from './desk-editor.pages.tsx'
import { siteOf } from './site.ts'

const Actions = ['preview', 'save', 'publish', 'schedule'] as const
type Action = (typeof Actions)[number]

function actorOf(staff: StaffUser): Actor {
  return { staffId: staff.id, label: staff.email }
}

function field(body: Record<string, unknown>, name: string): string {
  const value = body[name]
  return typeof value === 'string' ? value : ''
}

const SCHEDULE_CANCELLED =
  'The schedule is cancelled: the text changed after an editor scheduled it. It goes out only when an editor schedules or publishes it again.'

// Audit actions that change an article's state; the newest says why it is in that state.
const STATE_CHANGES = new Set([
  'schedule',
  'schedule-cancelled',
  'schedule-refused',
  'unschedule',
  'publish',
  'correct',
  'unpublish',
])

const notices: Record<string, string> = {
  saved: 'Draft saved.',
  published: 'Published. Readers get the new version now.',
  corrected: 'Correction published; it is in the corrections log.',
  scheduled: 'Scheduled.',
  withdrawn: 'Taken off the site. Its versions and corrections are kept.',
  'newsletter-on': 'It goes out as the newsletter when it is published.',
  'newsletter-off': 'It will not be sent as the newsletter when it is published.',
  'schedule-cancelled': SCHEDULE_CANCELLED,
}

/** What the desk shows and does of the newsletter, which comes after articles: `app/` passes it. */
export interface DeskNewsletter {
  /** The newsletter panel of an article's editor page (sent issues, "send when published"). */
  newsletterPanelFor: (article: NonNullable<EditorProps['article']>) => Promise<Child>
  /**
   * Turns "send as the newsletter when published" on (a scheduled article) or off, with an audit
   * entry; `db` may be the caller's transaction.
   */
  setSendWhenPublished: (
    db: Db,
    actor: Actor,
    articleId: number,
    options: { on: boolean; now: Date },
  ) => Promise<void>
}

export type DeskDeps = AppDeps & DeskNewsletter

/** What the desk's handlers share: the database, the site, and how to draw and find an article. */
function deskOf(deps: DeskDeps) {
  const { db } = deps
  const today = () => deps.clock.now().toISOString().slice(0, 10)

  async function renderEditor(
    c: Context<AppEnv>,
    props: Omit<EditorProps, 'staff' | 'canPublish' | 'sourceKeys'>,
    status: 200 | 400 | 403 | 409 = 200,
  ) {
    const staff = c.get('staff')!
    const canPublish = roleAtLeast(staff.role, 'editor')
    const [sourceKeys, versions, corrections, newsletterPanel] = await Promise.all([
      listLedgerKeys(db),
      props.article ? listVersions(db, props.article.id) : [],
      props.article ? listCorrections(db, { articleId: props.article.id }) : [],
      // Only editors see the newsletter panel.
      props.article && canPublish ? deps.newsletterPanelFor(props.article) : undefined,
    ])
    return c.html(
      editorPage({
        ...props,
        staff,
        canPublish,
        sourceKeys,
        versions,
        corrections,
        newsletterPanel,
      }),
      status,
    )
  }

  async function loadArticle(id: string) {
    const article = /^\d+$/.test(id) ? await findArticleById(db, Number(id)) : undefined
    if (!article) throw notFound('article')
    const versions = await listVersions(db, article.id)
    const published = versions.find((v) => v.id === article.publishedVersionId)
    return { article, publishedNumber: published?.number ?? null }
  }

  return { deps, db, site: siteOf(deps.config), today, renderEditor, loadArticle }
}

type Desk = ReturnType<typeof deskOf>

function editorArticle(article: Article, versionNumber: number | null) {
  return {
    id: article.id,
    status: article.status,
    scheduledFor: article.scheduledFor,
    firstPublishedAt: article.firstPublishedAt,
    publishedVersionNumber: versionNumber,
  }
}

/** The desk's side of articles: list, editor with preview, publish, schedule, withdraw. */
export function deskArticleRoutes(deps: DeskDeps) {
  const app = new Hono<AppEnv>()
  const desk = deskOf(deps)
  const { db } = deps

  app.use('/staff/articles', requireRole('analyst'))
  app.use('/staff/articles/*', requireRole('analyst'))

  app.get('/staff/articles', async (c) => {
    const notice = notices[c.req.query('done') ?? '']
    return c.html(
      deskArticlesPage({
        staff: c.get('staff')!,
        articles: await listArticlesForDesk(db),
        notice,
      }),
    )
  })

  app.get('/staff/articles/new', (c) =>
    desk.renderEditor(c, { values: { title: '', slug: '', summary: '', body: '' } }),
  )

  app.get('/staff/articles/:id', (c) => showArticle(desk, c, c.req.param('id')))

  app.post('/staff/articles', (c) => submit(desk, c, undefined))
  app.post('/staff/articles/:id', (c) => submit(desk, c, c.req.param('id')))

  app.post('/staff/articles/:id/unpublish', requireRole('editor'), async (c) => {
    const { article } = await desk.loadArticle(c.req.param('id'))
    const actor = actorOf(c.get('staff')!)
    await unpublishArticle(db, actor, article.id, deps.clock.now())
    // "Send when published" belongs to the schedule: cancelling one cancels the other.
    if (article.status === 'scheduled') {
      await deps.setSendWhenPublished(db, actor, article.id, { on: false, now: deps.clock.now() })
    }
    return c.redirect(`/staff/articles/${article.id}?done=withdrawn`, 303)
  })

  return app
}

/** The editor on an article, with its preview and the reason for its state. */
async function showArticle(desk: Desk, c: Context<AppEnv>, id: string) {
  const { db } = desk
  const { article, publishedNumber } = await desk.loadArticle(id)
  const values = {
    title: article.title,
    slug: article.slug,
    summary: article.summary,
    body: article.body,
  }
  // The desk keeps saying so after the redirect: an editor opening the draft later sees why.
  const history = await listAudit(db, {
    entity: 'article',
    entityId: String(article.id),
    limit: 20,
  })
  const lastStateChange = history.find((entry) => STATE_CHANGES.has(entry.action))
  const cancelled = article.status === 'draft' && lastStateChange?.action === 'schedule-cancelled'
  return desk.renderEditor(c, {
    article: editorArticle(article, publishedNumber),
    values,
    notice: notices[c.req.query('done') ?? ''] ?? (cancelled ? SCHEDULE_CANCELLED : undefined),
    preview: await previewArticle(db, article, desk.today()),
  })
}

/** One handler for a new article and an existing one: preview, save, publish or schedule. */
async function submit(desk: Desk, c: Context<AppEnv>, id: string | undefined) {
  const { db, deps, site, renderEditor, loadArticle, today } = desk
  const staff = c.get('staff')!
  const form = await c.req.parseBody()
  const values: EditorValues = {
    title: field(form, 'title'),
    slug: field(form, 'slug'),
    summary: field(form, 'summary'),
    body: field(form, 'body').replace(/\r\n?/g, '\n'),
    reason: field(form, 'reason'),
    at: field(form, 'at'),
  }
  const action: Action = (Actions as readonly string[]).includes(field(form, 'action'))
    ? (field(form, 'action') as Action)
    : 'save'
  const existing = id === undefined ? undefined : await loadArticle(id)
  const current = existing ? editorArticle(existing.article, existing.publishedNumber) : undefined

  if (action === 'preview') {
    return renderEditor(c, {
      article: current,
      values,
      preview: await previewArticle(db, values, today()),
    })
  }
  if ((action === 'publish' || action === 'schedule') && !roleAtLeast(staff.role, 'editor')) {
    throw new AppError('forbidden', 'an editor publishes')
  }

  const actor = actorOf(staff)
  const now = deps.clock.now()
  let article: Article
  try {
    article = existing
      ? await saveArticle(db, actor, existing.article.id, values, now, (tx, articleId) =>
          // "Send when published" belongs to the schedule: it goes with it.
          deps.setSendWhenPublished(tx, actor, articleId, { on: false, now }),
        )
      : await addArticle(db, actor, values, { id: staff.id, name: staff.name }, now)
  } catch (error) {
    if (!isAppError(error) || (error.code !== 'invalid_input' && error.code !== 'conflict'))
      throw error
    return renderEditor(
      c,
      { article: current, values, error: { message: error.message, details: error.details } },
      error.code === 'conflict' ? 409 : 400,
    )
  }
  if (action === 'save') {
    // An editor who publishes or schedules the changed text approves it; a save does not.
    const cancelled = existing?.article.status === 'scheduled' && article.status === 'draft'
    const done = cancelled ? 'schedule-cancelled' : 'saved'
    return c.redirect(`/staff/articles/${article.id}?done=${done}`, 303)
  }

  try {
    if (action === 'publish') {
      const result = await publishArticle(db, actor, article.id, {
        now,
        site,
        reason: values.reason,
      })
      const done = result.correctionId ? 'corrected' : 'published'
      return c.redirect(`/staff/articles/${article.id}?done=${done}`, 303)
    }
    const at = ScheduleTime.safeParse(values.at)
    if (!at.success) {
      throw new AppError('invalid_input', 'choose when to publish', [
        { path: 'at', message: at.error.issues[0]!.message },
      ])
    }
    await scheduleArticle(db, actor, article.id, { at: at.data, now })
    if (field(form, 'newsletter') === 'yes') {
      await deps.setSendWhenPublished(db, actor, article.id, { on: true, now })
    }
    return c.redirect(`/staff/articles/${article.id}?done=scheduled`, 303)
  } catch (error) {
    if (!isAppError(error) || (error.code !== 'invalid_input' && error.code !== 'conflict'))
      throw error
    // The draft is saved; say why it did not go out, with the preview's line-by-line problems.
    const saved = await loadArticle(String(article.id))
    return renderEditor(
      c,
      {
        article: editorArticle(saved.article, saved.publishedNumber),
        values,
        error: { message: error.message, details: error.details },
        notice: 'The draft is saved, but it was not published.',
        preview: await previewArticle(db, values, today()),
      },
      error.code === 'conflict' ? 409 : 400,
    )
  }
}
