import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { eq, sql } from 'drizzle-orm'
import { openTestDatabase } from '../../test/db.ts'
import { createApp } from '../app/app.ts'
import { openMailer } from '../mail/actions/open-mailer.ts'
import { findLatestInboxMessageTo, listInboxMessages } from '../mail/inbox.repository.ts'
import { parseConfig } from '../platform/config.ts'
import { rowsOf } from '../platform/db/migrate.ts'
import { sha256Hex } from '../platform/ids.ts'
import { silentLogger } from '../platform/logger.ts'
import { fixedClock } from '../platform/time.ts'
import { memberLinks, memberSessions, members } from './members.tables.ts'

const { db } = await openTestDatabase()
const mail = await openMailer(
  { smtpUrl: undefined, mailFrom: 'Parley <desk@parley.test>' },
  db,
  silentLogger,
)
after(() => mail.close())
const clock = fixedClock('2026-01-22T09:00:00Z')
const config = parseConfig({ NODE_ENV: 'test', PARLEY_TRUST_PROXY: '1' })
const app = createApp({
  db,
  databaseKind: 'pglite',
  config,
  clock,
  logger: silentLogger,
  mailer: mail.mailer,
})

let ipCounter = 0
/** Each test reads from its own address, so the per-IP limit of one does not bleed into another. */
function newIp(): string {
  ipCounter += 1
  return `198.51.100.${ipCounter}`
}

async function post(
  path: string,
  form: Record<string, string>,
  opts: { ip: string; cookie?: string },
) {
  return app.request(path, {
    method: 'POST',
    body: new URLSearchParams(form),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      'x-forwarded-for': opts.ip,
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
    },
  })
}

async function get(path: string, cookie?: string) {
  return app.request(path, { headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } })
}

/** The magic link in the newest message to `email`. */
async function linkFromInbox(email: string): Promise<{ url: URL; token: string; subject: string }> {
  const message = await findLatestInboxMessageTo(db, email)
  assert.ok(message, `a message to ${email}`)
  const match = /https?:\/\/\S+\/members\/verify\?token=([\w-]+)/.exec(message.text ?? '')
  assert.ok(match, 'the message holds a verify link')
  return { url: new URL(match[0]), token: match[1]!, subject: message.subject }
}

function memberCookie(res: Response): string | undefined {
  const header = res.headers.get('set-cookie') ?? ''
  const match = /parley_member=([^;]*)/.exec(header)
  return match?.[1] ? `parley_member=${match[1]}` : undefined
}

async function memberCount(email: string): Promise<number> {
  return (await db.select().from(members).where(eq(members.email, email))).length
}

/** Sign-up through the form, the inbox and the confirmation button; returns the session cookie. */
async function signUp(email: string, returnTo = '/account'): Promise<string> {
  const ip = newIp()
  const res = await post('/members/signup', { email, website: '', returnTo }, { ip })
  assert.equal(res.status, 200)
  const { token } = await linkFromInbox(email)
  const confirmed = await post('/members/verify', { token }, { ip })
  assert.equal(confirmed.status, 303)
  const cookie = memberCookie(confirmed)
  assert.ok(cookie)
  return cookie
}

test('sign-up sends a link and creates no member until the link is confirmed', async () => {
  const ip = newIp()

  const res = await post(
    '/members/signup',
    { email: '  New.Reader@Example.org ', website: '', returnTo: '/articles/some-analysis' },
    { ip },
  )

  assert.equal(res.status, 200)
  assert.match(await res.text(), /Check your inbox/)
  assert.equal(await memberCount('new.reader@example.org'), 0)
  const link = await linkFromInbox('new.reader@example.org')
  assert.equal(link.subject, 'Confirm your Parley subscription')
  assert.equal(link.url.origin, 'http://127.0.0.1:3000')

  const page = await get(`${link.url.pathname}${link.url.search}`)
  assert.equal(page.status, 200)
  assert.match(await page.text(), /Confirm your subscription/)
  assert.equal(await memberCount('new.reader@example.org'), 0, 'opening the link is not confirming')

  const confirmed = await post('/members/verify', { token: link.token }, { ip })

  assert.equal(confirmed.status, 303)
  assert.equal(confirmed.headers.get('location'), '/articles/some-analysis')
  assert.equal(await memberCount('new.reader@example.org'), 1)
  const setCookie = confirmed.headers.get('set-cookie') ?? ''
  assert.match(setCookie, /parley_member=/)
  assert.match(setCookie, /HttpOnly/)
  assert.match(setCookie, /SameSite=Lax/)
  assert.match(setCookie, /Secure/)
  const account = await get('/account', memberCookie(confirmed))
  assert.equal(account.status, 200)
  assert.match(await account.text(), /new\.reader@example\.org/)
})

test('only the SHA-256 of the 32-byte token is stored', async () => {
  const ip = newIp()
  await post('/members/signup', { email: 'hash@example.org', website: '' }, { ip })

  const { token } = await linkFromInbox('hash@example.org')
  const rows = await db.select().from(memberLinks).where(eq(memberLinks.email, 'hash@example.org'))

  assert.equal(Buffer.from(token, 'base64url').length, 32)
  assert.equal(rows.length, 1)
  assert.equal(rows[0]!.tokenHash, sha256Hex(token))
  assert.notEqual(rows[0]!.tokenHash, token)
  const dump = rowsOf<Record<string, unknown>>(await db.execute(sql`select * from member_links`))
  assert.ok(!JSON.stringify(dump).includes(token), 'the token itself is nowhere in the table')
})

test('a link works once: the second click gets a clear page and no session', async () => {
  const ip = newIp()
  await post('/members/signup', { email: 'twice@example.org', website: '' }, { ip })
  const { token } = await linkFromInbox('twice@example.org')
  assert.equal((await post('/members/verify', { token }, { ip })).status, 303)

  const again = await post('/members/verify', { token }, { ip })
  const reopened = await get(`/members/verify?token=${token}`)

  assert.equal(again.status, 410)
  assert.match(await again.text(), /This link does not work/)
  assert.equal(memberCookie(again), undefined)
  assert.equal(reopened.status, 410)
})

test('an expired link grants nothing and creates no member', async () => {
  const ip = newIp()
  await post('/members/signup', { email: 'late@example.org', website: '' }, { ip })
  const { token } = await linkFromInbox('late@example.org')
  clock.advance(24 * 3_600_000 + 1_000)
  try {
    const res = await post('/members/verify', { token }, { ip })

    assert.equal(res.status, 410)
    assert.match(await res.text(), /expired/)
    assert.equal(memberCookie(res), undefined)
    assert.equal(await memberCount('late@example.org'), 0)
  } finally {
    clock.advance(-(24 * 3_600_000 + 1_000))
  }
})

test('a made-up token gets the same clear page', async () => {
  const res = await post('/members/verify', { token: 'not-a-real-token' }, { ip: newIp() })

  assert.equal(res.status, 410)
  assert.equal(memberCookie(res), undefined)
})

test('a malformed e-mail address is refused with a message naming the problem, and nothing is sent', async () => {
  const before = (await listInboxMessages(db)).length

  const res = await post(
    '/members/signup',
    { email: 'not-an-address', website: '' },
    { ip: newIp() },
  )

  assert.equal(res.status, 400)
  const html = await res.text()
  assert.match(html, /this is not an e-mail address/)
  assert.match(html, /value="not-an-address"/)
  assert.equal((await listInboxMessages(db)).length, before)
})

test('a filled honeypot gets the usual answer but no mail and no link', async () => {
  const res = await post(
    '/members/signup',
    { email: 'bot@example.org', website: 'https://spam.example' },
    { ip: newIp() },
  )

  assert.equal(res.status, 200)
  assert.match(await res.text(), /Check your inbox/)
  assert.equal(await findLatestInboxMessageTo(db, 'bot@example.org'), undefined)
  assert.equal(
    (await db.select().from(memberLinks).where(eq(memberLinks.email, 'bot@example.org'))).length,
    0,
  )
})

test('an address gets at most three links an hour, whatever the IP', async () => {
  const statuses: number[] = []
  for (let i = 0; i < 4; i++) {
    const res = await post(
      '/members/signup',
      { email: 'often@example.org', website: '' },
      { ip: newIp() },
    )
    statuses.push(res.status)
  }

  assert.deepEqual(statuses, [200, 200, 200, 429])
  assert.equal((await listInboxMessages(db, { to: 'often@example.org' })).length, 3)
  const buckets = rowsOf<{ bucket: string }>(await db.execute(sql`select bucket from rate_limits`))
  assert.ok(
    buckets.every((b) => !b.bucket.includes('often@example.org')),
    'the limits table names addresses only by hash',
  )
})

test('one IP gets at most ten links an hour', async () => {
  const ip = newIp()
  const statuses: number[] = []
  for (let i = 0; i < 11; i++) {
    const res = await post(
      '/members/signup',
      { email: `flood${i}@example.org`, website: '' },
      { ip },
    )
    statuses.push(res.status)
  }

  assert.deepEqual(statuses.slice(0, 10), Array(10).fill(200))
  assert.equal(statuses[10], 429)
  assert.equal(await findLatestInboxMessageTo(db, 'flood10@example.org'), undefined)
})

test('a member asking again gets a sign-in link; an unknown address on the sign-in form a sign-up link', async () => {
  await signUp('returning@example.org')
  const ip = newIp()

  const known = await post(
    '/members/signin',
    { email: 'returning@example.org', website: '' },
    { ip },
  )
  const knownLink = await linkFromInbox('returning@example.org')
  const unknown = await post(
    '/members/signin',
    { email: 'stranger@example.org', website: '' },
    { ip },
  )
  const unknownLink = await linkFromInbox('stranger@example.org')

  assert.equal(known.status, 200)
  assert.equal(unknown.status, 200)
  assert.equal(knownLink.subject, 'Your Parley sign-in link')
  assert.equal(unknownLink.subject, 'Confirm your Parley subscription')
  const signedIn = await post('/members/verify', { token: knownLink.token }, { ip })
  assert.equal(signedIn.status, 303)
  assert.ok(memberCookie(signedIn))
  assert.equal(await memberCount('returning@example.org'), 1)
})

test('the return path must be on this site', async () => {
  const ip = newIp()
  await post(
    '/members/signup',
    { email: 'bounce@example.org', website: '', returnTo: '//evil.example/x' },
    { ip },
  )
  const { token } = await linkFromInbox('bounce@example.org')

  const res = await post('/members/verify', { token }, { ip })

  assert.equal(res.headers.get('location'), '/account?welcome=1')
})

test('the link uses PUBLIC_URL when it is set', async () => {
  const withPublicUrl = createApp({
    db,
    databaseKind: 'pglite',
    config: parseConfig({ NODE_ENV: 'test', PUBLIC_URL: 'https://parley.example.org' }),
    clock,
    logger: silentLogger,
    mailer: mail.mailer,
  })

  await withPublicUrl.request('/members/signup', {
    method: 'POST',
    body: new URLSearchParams({ email: 'public@example.org', website: '' }),
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
  })

  const { url } = await linkFromInbox('public@example.org')
  assert.equal(url.origin, 'https://parley.example.org')
})

test('without PUBLIC_URL the link goes to the address the server listens on, whatever the Host header says', async () => {
  await app.request('http://evil.example/members/signup', {
    method: 'POST',
    body: new URLSearchParams({ email: 'host@example.org', website: '' }),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      host: 'evil.example',
      'x-forwarded-for': newIp(),
    },
  })

  const { url } = await linkFromInbox('host@example.org')
  assert.equal(url.origin, 'http://127.0.0.1:3000')
})

test('a flood of made-up addresses from one IP adds one row per address only until the IP is refused', async () => {
  const ip = newIp()
  const count = async () =>
    Number(
      rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from rate_limits`))[0]
        ?.n,
    )
  const before = await count()

  for (let i = 0; i < 60; i++)
    await post('/members/signup', { email: `made-up-${i}@example.org`, website: '' }, { ip })

  // One row for the IP and one per address it was allowed to ask for (ten an hour).
  assert.ok((await count()) - before <= 11, `${(await count()) - before} rows`)
})

test('without a mailer, sign-up says mail is unavailable and stores no link', async () => {
  const noMail = createApp({ db, databaseKind: 'pglite', config, clock, logger: silentLogger })

  const res = await noMail.request('/members/signup', {
    method: 'POST',
    body: new URLSearchParams({ email: 'nomail@example.org', website: '' }),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      'x-forwarded-for': newIp(),
    },
  })

  assert.equal(res.status, 503)
  assert.match(await res.text(), /mail is not set up/)
  assert.equal(
    (await db.select().from(memberLinks).where(eq(memberLinks.email, 'nomail@example.org'))).length,
    0,
  )
})

test('the account page turns the newsletter off and on', async () => {
  const cookie = await signUp('letters@example.org')
  const ip = newIp()

  const off = await post('/account/newsletter', { newsletter: 'off' }, { ip, cookie })
  const afterOff = await db.select().from(members).where(eq(members.email, 'letters@example.org'))
  const on = await post('/account/newsletter', { newsletter: 'on' }, { ip, cookie })
  const afterOn = await db.select().from(members).where(eq(members.email, 'letters@example.org'))

  assert.equal(off.status, 303)
  assert.equal(afterOff[0]!.newsletter, false)
  assert.equal(on.status, 303)
  assert.equal(afterOn[0]!.newsletter, true)
})

test('the account page needs a signed-in member', async () => {
  const res = await get('/account')

  assert.equal(res.status, 303)
  assert.equal(res.headers.get('location'), '/members/signin?returnTo=%2Faccount')
})

test('signing out ends the session on the server, not only in the browser', async () => {
  const cookie = await signUp('leaving@example.org')

  const res = await post('/members/signout', {}, { ip: newIp(), cookie })

  assert.equal(res.status, 303)
  assert.equal((await get('/account', cookie)).status, 303, 'the old cookie opens nothing')
})

test('deleting the account removes the address, sessions, links and mail to it', async () => {
  const cookie = await signUp('erase@example.org')
  const ip = newIp()
  await post('/members/signin', { email: 'erase@example.org', website: '' }, { ip })
  const pending = await linkFromInbox('erase@example.org')

  const refused = await post('/account/delete', {}, { ip, cookie })
  const res = await post('/account/delete', { confirm: 'yes' }, { ip, cookie })

  assert.equal(refused.status, 400)
  assert.equal(res.status, 200)
  assert.match(await res.text(), /Your account is deleted/)
  assert.equal(await memberCount('erase@example.org'), 0)
  assert.equal(
    (await db.select().from(memberLinks).where(eq(memberLinks.email, 'erase@example.org'))).length,
    0,
  )
  assert.equal(await findLatestInboxMessageTo(db, 'erase@example.org'), undefined)
  const sessions = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from member_sessions s
      left join members m on m.id = s.member_id where m.id is null`),
  )
  assert.equal(Number(sessions[0]!.n), 0)
  assert.equal((await get('/account', cookie)).status, 303)
  assert.equal((await post('/members/verify', { token: pending.token }, { ip })).status, 410)
})

test('member sessions are stored by hash only', async () => {
  const cookie = await signUp('session@example.org')
  const token = cookie.split('=')[1]!

  const rows = await db
    .select()
    .from(memberSessions)
    .where(eq(memberSessions.tokenHash, sha256Hex(token)))

  assert.equal(rows.length, 1)
})

test('addresses that never confirmed are forgotten a day after their link expired', async () => {
  const ip = newIp()
  await post('/members/signup', { email: 'never@example.org', website: '' }, { ip })
  clock.advance(49 * 3_600_000)
  try {
    await post('/members/signup', { email: 'later@example.org', website: '' }, { ip })

    const left = await db
      .select()
      .from(memberLinks)
      .where(eq(memberLinks.email, 'never@example.org'))
    assert.equal(left.length, 0)
  } finally {
    clock.advance(-49 * 3_600_000)
  }
})
