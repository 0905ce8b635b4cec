import assert from 'node:assert/strict'
import { createServer } from 'node:net'
import { after, test } from 'node:test'
import { and, eq, sql } from 'drizzle-orm'
import { openTestDatabase } from '../../test/db.ts'
import { signedInMember, signedInStaff } from '../../test/factories.ts'
import { createApp } from '../app/app.ts'
import { addArticle } from '../articles/actions/add-article.ts'
import { publishArticle } from '../articles/actions/publish-article.ts'
import { saveArticle } from '../articles/actions/save-article.ts'
import { runArticleJobs } from '../articles/articles.job.ts'
import { findArticleById } from '../articles/articles.repository.ts'
import { createSmtpMailer, openMailer } from '../mail/actions/open-mailer.ts'
import { findLatestInboxMessageTo, type InboxMessage } from '../mail/inbox.repository.ts'
import { inboxMessages } from '../mail/inbox.tables.ts'
import { upsertMember } from '../members/members.repository.ts'
import { memberLinks, members } from '../members/members.tables.ts'
import { parseConfig } from '../platform/config.ts'
import { rowsOf } from '../platform/db/migrate.ts'
import { sha256Hex } from '../platform/ids.ts'
import { silentLogger } from '../platform/logger.ts'
import { fixedClock } from '../platform/time.ts'
import { insertSources } from '../sources/sources.repository.ts'
import { normalizeUrl } from '../sources/url.ts'
import { cliActor, listAudit } from '../staff/audit.repository.ts'
import { dropSendWhenPublished } from './actions/set-send-when-published.ts'
import { MAX_ATTEMPTS } from './newsletter.ts'
import { deliverNewsletters } from './newsletters.job.ts'
import { newsletterDeliveries, newsletterIssues } from './newsletters.tables.ts'

const SITE = 'https://parley.example'
const { db } = await openTestDatabase()
const mail = await openMailer(
  { smtpUrl: undefined, mailFrom: 'Parley <desk@parley.test>' },
  db,
  silentLogger,
)
after(() => mail.close())
const clock = fixedClock('2026-02-20T09:00:00Z')
const app = createApp({
  db,
  databaseKind: 'pglite',
  config: parseConfig({ NODE_ENV: 'test', PUBLIC_URL: SITE, PARLEY_TRUST_PROXY: '1' }),
  clock,
  logger: silentLogger,
  mailer: mail.mailer,
})
const site = { url: SITE }

/** A port nothing listens on: mail sent there fails as with a relay that is down. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
const broken = createSmtpMailer(
  `smtp://127.0.0.1:${await closedPort()}`,
  'Parley <desk@parley.test>',
)
after(() => broken.close())

const deliver = (mailer = mail.mailer) =>
  deliverNewsletters({ db, mailer, site, clock, logger: silentLogger })

let counter = 0
const next = () => ++counter

function post(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return app.request(`${SITE}${path}`, {
    method: 'POST',
    body: new URLSearchParams(form),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      origin: SITE,
      ...headers,
    },
  })
}

function get(path: string, cookie?: string) {
  return app.request(`${SITE}${path}`, {
    headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) },
  })
}

/** A published article citing three fresh ledger sources, one of them twice. */
async function publishedArticle(title = 'Ninety per cent of what') {
  const n = next()
  const rows = await insertSources(
    db,
    [1, 2, 3].map((i) => {
      const url = `https://wire${n}.example.com/story/${i}`
      return {
        key: `nl-${n}-${i}`,
        url,
        normalizedUrl: normalizeUrl(url)!,
        title: `Story ${n}.${i}`,
        publisher: `Wire ${i}`,
        publishedOn: '2026-01-23',
        kind: 'wire' as const,
      }
    }),
  )
  const [a, b, c] = rows.map((r) => r.key)
  const article = await addArticle(
    db,
    cliActor,
    {
      title: `${title} ${n}`,
      summary: 'Count against stake.',
      body: `Envoys said "90% complete" [@${b}, p. 4].\n\nThe strikes went on [see @${a}; @${c}]. Again [@${b}].\n\n- a list item with [a link](https://example.org/page)`,
    },
    { id: null, name: 'A. Writer' },
    clock.now(),
  )
  await publishArticle(db, cliActor, article.id, { now: clock.now(), site })
  return { article, sources: rows }
}

/** A confirmed member (as after clicking the sign-up link) with the newsletter on or off. */
async function member(newsletter = true) {
  const email = `reader${next()}@example.org`
  const row = await upsertMember(db, email, clock.now())
  if (!newsletter) await db.update(members).set({ newsletter: false }).where(eq(members.id, row.id))
  return row
}

async function issueMail(email: string, subject: string): Promise<InboxMessage | undefined> {
  const [row] = await db
    .select()
    .from(inboxMessages)
    .where(
      and(
        sql`${inboxMessages.envelopeTo} @> ${JSON.stringify([email])}::jsonb`,
        eq(inboxMessages.subject, subject),
      ),
    )
  return row
}

function header(message: InboxMessage, name: string): string | undefined {
  return message.headers?.find(([key]) => key === name.toLowerCase())?.[1]
}

async function deliveryCount(issueId?: number): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(newsletterDeliveries)
    .where(issueId === undefined ? undefined : eq(newsletterDeliveries.issueId, issueId))
  return Number(rows[0]!.n)
}

async function sendNow(articleId: number, cookie: string, kind = 'article') {
  const page = await get(`/staff/articles/${articleId}/newsletter`, cookie)
  const html = await page.text()
  const versionId = /name="versionId" value="(\d+)"/.exec(html)?.[1]
  assert.ok(versionId, `the preview offers to send: ${/role="alert">([^<]*)/.exec(html)?.[1]}`)
  return post(`/staff/articles/${articleId}/newsletter`, { versionId, kind }, { cookie })
}

async function latestIssue() {
  const [row] = await db.select().from(newsletterIssues).orderBy(sql`id desc`).limit(1)
  return row!
}

test('members with the newsletter on receive the article; members with it off and unconfirmed sign-ups do not', async () => {
  const { cookie: editor } = await signedInStaff(db, 'editor')
  const { article, sources } = await publishedArticle()
  const on = await member(true)
  const off = await member(false)
  const pending = `pending${next()}@example.org`
  await post(
    '/members/signup',
    { email: pending, website: '' },
    { 'x-forwarded-for': '203.0.113.9' },
  )
  assert.equal(
    (await db.select().from(memberLinks).where(eq(memberLinks.email, pending))).length,
    1,
  )
  const expected = Number(
    rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from members where newsletter`),
    )[0]!.n,
  )

  const preview = await get(`/staff/articles/${article.id}/newsletter`, editor)
  const previewHtml = await preview.text()

  assert.equal(preview.status, 200)
  assert.match(
    previewHtml,
    new RegExp(`<strong>${expected}</strong> members? with the newsletter on`),
  )
  assert.ok(
    previewHtml.includes(sources[0]!.url),
    'the preview is the member variant, with source links',
  )
  assert.match(previewHtml, /List-Unsubscribe-Post: List-Unsubscribe=One-Click/)

  const sent = await sendNow(article.id, editor)
  assert.equal(sent.status, 303)
  assert.match(sent.headers.get('location') ?? '', /^\/staff\/newsletters\?done=sent/)
  const issue = await latestIssue()
  assert.equal(issue.recipientCount, expected)
  assert.equal(await deliveryCount(issue.id), expected)

  const report = await deliver()

  assert.equal(report.sent, expected)
  const received = await issueMail(on.email, issue.subject)
  assert.ok(received, 'a member with the newsletter on gets it')
  assert.equal(await issueMail(off.email, issue.subject), undefined)
  assert.equal(await issueMail(pending, issue.subject), undefined)
  assert.match(received.fromHeader ?? '', /desk@parley\.test/)
  assert.match(
    received.text ?? '',
    new RegExp(`Read it on the site: ${SITE}/articles/${article.slug}`),
  )
  assert.ok(received.text?.includes(sources[0]!.url), 'the text part carries the source links')
  assert.ok(received.html?.includes(`href="${sources[0]!.url}"`), 'so does the HTML part')
  const unsubscribe = header(received, 'List-Unsubscribe')
  assert.match(
    unsubscribe ?? '',
    /^<https:\/\/parley\.example\/newsletter\/unsubscribe\?token=[\w-]+>$/,
  )
  assert.equal(header(received, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click')
  assert.ok(received.html?.includes(unsubscribe!.slice(1, -1)), 'the footer links the same address')
  const [row] = await db
    .select()
    .from(newsletterDeliveries)
    .where(
      and(eq(newsletterDeliveries.issueId, issue.id), eq(newsletterDeliveries.memberId, on.id)),
    )
  assert.equal(row!.status, 'sent')
  assert.equal(row!.attempts, 1)
  assert.ok(row!.sentAt)
  const token = /token=([\w-]+)/.exec(unsubscribe!)![1]!
  assert.equal(row!.unsubscribeHash, sha256Hex(token), 'only the hash of the token is kept')
  const inboxPage = await (
    await get(`/staff/inbox/${received.id}`, (await signedInStaff(db, 'owner')).cookie)
  ).text()
  assert.match(inboxPage, /list-unsubscribe-post: List-Unsubscribe=One-Click/)
  const audit = await listAudit(db, { entity: 'article', entityId: String(article.id) })
  assert.equal(audit[0]!.action, 'newsletter')
})

test('the e-mail numbers its notes and citations as the web page does', async () => {
  const { cookie: editor } = await signedInStaff(db, 'editor')
  const { article } = await publishedArticle('Notes agree')
  const reader = await member(true)
  const { cookie: readerCookie } = await signedInMember(db, { email: reader.email })
  await sendNow(article.id, editor)
  await deliver()
  const issue = await latestIssue()
  const message = (await issueMail(reader.email, issue.subject))!

  const page = await (await get(`/articles/${article.slug}`, readerCookie)).text()

  const notesOf = (html: string) =>
    [...html.matchAll(/<li id="note-(\d+)" value="\d+">([^<]*)/g)].map((m) => `${m[1]} ${m[2]}`)
  const refsOf = (html: string) =>
    [...html.matchAll(/class="note-ref">(\d+)</g)].map((m) => Number(m[1]))
  assert.ok(page.includes('class="note-links"'), 'the page is the member variant')
  assert.equal(notesOf(page).length, 3)
  assert.deepEqual(notesOf(message.html!), notesOf(page))
  assert.deepEqual(refsOf(message.html!), refsOf(page))
  assert.deepEqual(refsOf(page), [1, 2, 3, 1])
  const textNotes = (message.text ?? '')
    .split('\n')
    .filter((line) => /^\[\d+\] /.test(line))
    .map((line) => line.slice(1, line.indexOf(']')))
  assert.deepEqual(textNotes, ['1', '2', '3'])
  assert.match(message.text ?? '', /"90% complete" \[1, p\. 4\]/)
  assert.match(message.text ?? '', /\[see 2; 3\]/)
})

test('a version is sent once: a second send is refused with the reason and adds no rows', async () => {
  const { cookie: editor } = await signedInStaff(db, 'editor')
  const { article } = await publishedArticle()
  await member(true)
  const first = await sendNow(article.id, editor)
  assert.equal(first.status, 303)
  const issue = await latestIssue()
  const issues = (await db.select().from(newsletterIssues)).length
  const deliveries = await deliveryCount()

  const preview = await get(`/staff/articles/${article.id}/newsletter`, editor)
  const again = await post(
    `/staff/articles/${article.id}/newsletter`,
    { versionId: String(issue.versionId), kind: 'article' },
    { cookie: editor },
  )

  const previewHtml = await preview.text()
  assert.match(previewHtml, /went out as the newsletter on 2026-02-20/)
  assert.ok(!previewHtml.includes('name="versionId"'), 'no send button for a version already sent')
  assert.equal(again.status, 409)
  assert.match(await again.text(), /A version is sent once/)
  assert.equal((await db.select().from(newsletterIssues)).length, issues)
  assert.equal(await deliveryCount(), deliveries)
})

test('a corrected version goes out only as a correction notice that says what changed', async () => {
  const { cookie: editor } = await signedInStaff(db, 'editor')
  const { article } = await publishedArticle('Corrected')
  const reader = await member(true)
  await sendNow(article.id, editor)
  await deliver()
  const current = (await findArticleById(db, article.id))!
  await saveArticle(
    db,
    cliActor,
    article.id,
    {
      title: current.title,
      slug: current.slug,
      summary: 'Count against stake, corrected.',
      body: `${current.body}\n\nA late paragraph.`,
    },
    clock.now(),
  )
  await publishArticle(db, cliActor, article.id, {
    now: clock.now(),
    site,
    reason: 'The summary named the wrong measure',
  })
  const issues = (await db.select().from(newsletterIssues)).length

  const preview = await (await get(`/staff/articles/${article.id}/newsletter`, editor)).text()
  const versionId = /name="versionId" value="(\d+)"/.exec(preview)![1]!
  const asArticle = await post(
    `/staff/articles/${article.id}/newsletter`,
    { versionId, kind: 'article' },
    { cookie: editor },
  )
  assert.equal(asArticle.status, 409)
  assert.equal((await db.select().from(newsletterIssues)).length, issues)
  const asCorrection = await post(
    `/staff/articles/${article.id}/newsletter`,
    { versionId, kind: 'correction' },
    { cookie: editor },
  )
  await deliver()

  assert.match(preview, /correction notice/)
  assert.equal(asCorrection.status, 303)
  const message = await issueMail(reader.email, `Correction: ${article.title}`)
  assert.ok(message, 'the correction notice went out')
  assert.match(message.text ?? '', /What changed: The summary named the wrong measure\./)
})

test('the unsubscribe link shows a button, its POST turns the newsletter off, and the next newsletter does not reach them', async () => {
  const { cookie: editor } = await signedInStaff(db, 'editor')
  const { article } = await publishedArticle()
  const reader = await member(true)
  await sendNow(article.id, editor)
  await deliver()
  const message = (await issueMail(reader.email, (await latestIssue()).subject))!
  const link = new URL(header(message, 'List-Unsubscribe')!.slice(1, -1))

  const opened = await get(`${link.pathname}${link.search}`)
  const stillOn = await db.select().from(members).where(eq(members.id, reader.id))
  // A mail program's one-click POST: no cookie, no Origin, the RFC 8058 body.
  const oneClick = await app.request(link.toString(), {
    method: 'POST',
    body: 'List-Unsubscribe=One-Click',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  })
  const nowOff = await db.select().from(members).where(eq(members.id, reader.id))

  assert.equal(opened.status, 200)
  assert.match(await opened.text(), /Stop sending the Parley newsletter to/)
  assert.equal(stillOn[0]!.newsletter, true, 'opening the link changes nothing')
  assert.equal(oneClick.status, 200)
  assert.match(await oneClick.text(), /You are unsubscribed/)
  assert.equal(nowOff[0]!.newsletter, false)

  const later = await publishedArticle('Later')
  await sendNow(later.article.id, editor)
  await deliver()
  const laterIssue = await latestIssue()
  assert.equal(await issueMail(reader.email, laterIssue.subject), undefined)
  const rows = await db
    .select()
    .from(newsletterDeliveries)
    .where(
      and(
        eq(newsletterDeliveries.issueId, laterIssue.id),
        eq(newsletterDeliveries.memberId, reader.id),
      ),
    )
  assert.equal(rows.length, 0)
})

test('the unsubscribe button on the page works too; a made-up token changes nothing', async () => {
  const { cookie: editor } = await signedInStaff(db, 'editor')
  const { article } = await publishedArticle()
  const reader = await member(true)
  await sendNow(article.id, editor)
  await deliver()
  const message = (await issueMail(reader.email, (await latestIssue()).subject))!
  const token = /token=([\w-]+)/.exec(header(message, 'List-Unsubscribe')!)![1]!

  const bogus = await post('/newsletter/unsubscribe', { token: 'made-up' })
  const button = await post('/newsletter/unsubscribe', { token })

  assert.equal(bogus.status, 410)
  assert.equal(button.status, 200)
  assert.equal(
    (await db.select().from(members).where(eq(members.id, reader.id)))[0]!.newsletter,
    false,
  )
  assert.equal((await get('/newsletter/unsubscribe?token=made-up')).status, 410)
})

test('with the relay down, deliveries stay queued with the error and go out once it works', async () => {
  const { cookie: editor } = await signedInStaff(db, 'editor')
  const { article } = await publishedArticle('Relay down')
  const reader = await member(true)
  await sendNow(article.id, editor)
  const issue = await latestIssue()

  const down = await deliver(broken)

  assert.ok(down.retrying >= 1)
  const [queued] = await db
    .select()
    .from(newsletterDeliveries)
    .where(
      and(eq(newsletterDeliveries.issueId, issue.id), eq(newsletterDeliveries.memberId, reader.id)),
    )
  assert.equal(queued!.status, 'queued')
  assert.equal(queued!.attempts, 1)
  assert.match(queued!.lastError ?? '', /ECONNREFUSED|connect/i)
  assert.ok(queued!.nextAttemptAt.getTime() > clock.now().getTime(), 'retried later, not at once')
  const page = await (await get('/staff/newsletters', editor)).text()
  assert.match(page, /ECONNREFUSED|connect/i)
  assert.equal((await deliver()).sent, 0, 'nothing is due before the backoff ends')

  clock.advance(61_000)
  const up = await deliver()

  assert.ok(up.sent >= 1)
  assert.ok(await issueMail(reader.email, issue.subject))
  const [sent] = await db
    .select()
    .from(newsletterDeliveries)
    .where(eq(newsletterDeliveries.id, queued!.id))
  assert.equal(sent!.status, 'sent')
  assert.equal(sent!.attempts, 2)
  assert.equal(sent!.lastError, null)
})

test('after the last try a delivery is failed; an editor queues it again and it goes out', async () => {
  const { cookie: editor } = await signedInStaff(db, 'editor')
  const { article } = await publishedArticle('Gives up')
  const reader = await member(true)
  await sendNow(article.id, editor)
  const issue = await latestIssue()

  for (let i = 0; i < MAX_ATTEMPTS; i++) {
    await deliver(broken)
    clock.advance(3 * 3_600_000)
  }

  const [failed] = await db
    .select()
    .from(newsletterDeliveries)
    .where(
      and(eq(newsletterDeliveries.issueId, issue.id), eq(newsletterDeliveries.memberId, reader.id)),
    )
  assert.equal(failed!.status, 'failed')
  assert.equal(failed!.attempts, MAX_ATTEMPTS)
  const retry = await post(`/staff/newsletters/${issue.id}/retry`, {}, { cookie: editor })
  assert.equal(retry.status, 303)
  await deliver()
  assert.ok(await issueMail(reader.email, issue.subject))
})

test('two delivery passes at once send each copy once', async () => {
  const { cookie: editor } = await signedInStaff(db, 'editor')
  const { article } = await publishedArticle('Raced')
  const readers = [await member(true), await member(true), await member(true)]
  await sendNow(article.id, editor)
  const issue = await latestIssue()

  await Promise.all([
    deliverNewsletters({ db, mailer: mail.mailer, site, clock, logger: silentLogger, batch: 2 }),
    deliverNewsletters({ db, mailer: mail.mailer, site, clock, logger: silentLogger, batch: 2 }),
  ])

  for (const reader of readers) {
    const copies = await db
      .select()
      .from(inboxMessages)
      .where(
        and(
          sql`${inboxMessages.envelopeTo} @> ${JSON.stringify([reader.email])}::jsonb`,
          eq(inboxMessages.subject, issue.subject),
        ),
      )
    assert.equal(copies.length, 1, reader.email)
  }
})

test('only an editor sends, and only from this site', async () => {
  const { cookie: analyst } = await signedInStaff(db, 'analyst')
  const { cookie: editor } = await signedInStaff(db, 'editor')
  const { article } = await publishedArticle()
  await member(true)
  const page = await (await get(`/staff/articles/${article.id}/newsletter`, editor)).text()
  const versionId = /name="versionId" value="(\d+)"/.exec(page)![1]!
  const before = (await db.select().from(newsletterIssues)).length

  const byAnalyst = await post(
    `/staff/articles/${article.id}/newsletter`,
    { versionId, kind: 'article' },
    { cookie: analyst },
  )
  const crossSite = await post(
    `/staff/articles/${article.id}/newsletter`,
    { versionId, kind: 'article' },
    { cookie: editor, origin: 'https://evil.example' },
  )
  const badForm = await post(
    `/staff/articles/${article.id}/newsletter`,
    { versionId: 'x', kind: 'article' },
    { cookie: editor },
  )

  assert.equal(byAnalyst.status, 403)
  assert.equal(crossSite.status, 403)
  assert.equal(badForm.status, 400)
  assert.match(await badForm.text(), /versionId/)
  assert.equal((await db.select().from(newsletterIssues)).length, before)
})

test('a scheduled article asked to go out when published is sent by the job once it is published', async () => {
  const { cookie: editor } = await signedInStaff(db, 'editor')
  const reader = await member(true)
  const n = next()
  const at = new Date(clock.now().getTime() + 3_600_000)
  const res = await post(
    '/staff/articles',
    {
      title: `Scheduled ${n}`,
      slug: '',
      summary: 'Later.',
      body: 'Text without citations.',
      action: 'schedule',
      at: at.toISOString().slice(0, 16),
      newsletter: 'yes',
    },
    { cookie: editor },
  )
  assert.equal(res.status, 303)
  const articleId = Number(/\/staff\/articles\/(\d+)/.exec(res.headers.get('location')!)![1])
  const editorPage = await (await get(`/staff/articles/${articleId}`, editor)).text()
  assert.match(editorPage, /goes out as the newsletter when it is published/)
  await deliver()
  assert.equal(await issueMail(reader.email, `Scheduled ${n}`), undefined, 'not before publication')

  clock.set(new Date(at.getTime() + 1_000))
  await runArticleJobs({ db, site, now: clock.now(), rerender: false })
  const report = await deliver()

  assert.equal(report.issued.length, 1)
  assert.ok(await issueMail(reader.email, `Scheduled ${n}`))
  assert.equal((await deliver()).issued.length, 0, 'the request is used up')
})

test('a schedule the job cancels (text changed behind the desk) takes its newsletter with it', async () => {
  const { cookie: editor } = await signedInStaff(db, 'editor')
  const reader = await member(true)
  const n = next()
  const at = new Date(clock.now().getTime() + 3_600_000)
  const res = await post(
    '/staff/articles',
    {
      title: `Changed behind ${n}`,
      slug: '',
      summary: 'Later.',
      body: 'Approved text.',
      action: 'schedule',
      at: at.toISOString().slice(0, 16),
      newsletter: 'yes',
    },
    { cookie: editor },
  )
  const articleId = Number(/\/staff\/articles\/(\d+)/.exec(res.headers.get('location')!)![1])
  await db.execute(sql`update articles set body = 'Text nobody approved.' where id = ${articleId}`)

  clock.set(new Date(at.getTime() + 1_000))
  const report = await runArticleJobs({
    db,
    site,
    now: clock.now(),
    rerender: false,
    onScheduleCancelled: dropSendWhenPublished(clock),
  })
  await publishArticle(db, cliActor, articleId, { now: clock.now(), site })
  await deliver()

  assert.deepEqual(report.cancelled, [articleId])
  assert.equal(await issueMail(reader.email, `Changed behind ${n}`), undefined)
  const audit = await listAudit(db, { entity: 'article', entityId: String(articleId) })
  assert.ok(audit.some((entry) => entry.action === 'newsletter-on-publication-cancelled'))
})

test('the newsletters page lists each issue with delivered, queued and failed counts', async () => {
  const { cookie: analyst } = await signedInStaff(db, 'analyst')
  const { cookie: editor } = await signedInStaff(db, 'editor')
  const { article } = await publishedArticle('Counted')
  await member(true)
  await sendNow(article.id, editor)

  const page = await get('/staff/newsletters', analyst)
  const api = await app.request(`${SITE}/api/newsletters`, { headers: { cookie: analyst } })

  assert.equal(page.status, 200)
  const html = await page.text()
  assert.ok(html.includes(article.title))
  const body = (await api.json()) as {
    issues: { subject: string; queued: number; recipientCount: number }[]
  }
  const listed = body.issues.find((i) => i.subject === article.title)!
  assert.equal(listed.queued, listed.recipientCount)
  const desk = await (await get('/staff', analyst)).text()
  assert.match(desk, /href="\/staff\/newsletters"/)
})

test("deleting an account removes the member's deliveries and the mail to them", async () => {
  const { cookie: editor } = await signedInStaff(db, 'editor')
  const { article } = await publishedArticle()
  const reader = await member(true)
  await sendNow(article.id, editor)
  await deliver()
  const { cookie: readerCookie } = await signedInMember(db, { email: reader.email })

  const res = await post('/account/delete', { confirm: 'yes' }, { cookie: readerCookie })

  assert.equal(res.status, 200)
  const left = await db
    .select()
    .from(newsletterDeliveries)
    .where(eq(newsletterDeliveries.memberId, reader.id))
  assert.equal(left.length, 0)
  assert.equal(await findLatestInboxMessageTo(db, reader.email), undefined)
})
