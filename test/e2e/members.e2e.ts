import assert from 'node:assert/strict'
import { test } from 'node:test'
import { launchBrowser, startRealServer } from './harness.ts'

interface SourceRefJson {
  key: string
  url?: string
}

/** Source references in the negotiation's JSON, as this browser context receives them. */
async function sourceRefsSeen(
  request: { get(url: string): Promise<{ json(): Promise<unknown> }> },
  base: string,
): Promise<SourceRefJson[]> {
  const res = await request.get(`${base}/api/negotiations/russia-ukraine-2025`)
  const body = (await res.json()) as {
    documents: { sources: SourceRefJson[]; provisions: { sources: SourceRefJson[] }[] }[]
  }
  return body.documents.flatMap((d) => [...d.sources, ...d.provisions.flatMap((p) => p.sources)])
}

test('a reader subscribes through the form, confirms from the e-mail and then sees the source links', async () => {
  const server = await startRealServer({ SMTP_URL: '' })
  const browser = await launchBrowser()
  // Two separate browsers' worth of cookies: staff see every link, so the reader must not be staff.
  const staff = await browser.newContext()
  const reader = await browser.newContext()
  const readerPage = await reader.newPage()
  const staffPage = await staff.newPage()
  const setup = /\/staff\/setup\?token=\S+/.exec(server.output())?.[0]
  assert.ok(setup, 'the server printed no setup link')
  await staffPage.goto(`${server.url}${setup}`)
  await staffPage.getByLabel('Your name').fill('Olena Owner')
  await staffPage.getByLabel('E-mail').fill('owner@example.org')
  await staffPage.getByLabel(/Password/).fill('correct horse battery staple')
  await staffPage.getByRole('button', { name: 'Create owner account' }).click()
  await staffPage.waitForURL(/\/staff$/)
  const before = await sourceRefsSeen(reader.request, server.url)
  assert.ok(before.length > 0 && before.every((s) => s.url === undefined), 'anonymous: no URLs')

  await readerPage.goto(
    `${server.url}/members/signup?returnTo=%2Fnegotiations%2Frussia-ukraine-2025`,
  )
  await readerPage.getByLabel('E-mail').fill('Reader@Example.org')
  await readerPage.getByRole('button', { name: 'Subscribe free' }).click()
  assert.match((await readerPage.locator('h1').textContent()) ?? '', /Check your inbox/)

  await staffPage.goto(`${server.url}/staff/inbox`)
  await staffPage.getByRole('link', { name: 'Confirm your Parley subscription' }).first().click()
  const link = await staffPage
    .locator('pre.mail a[href*="/members/verify?token="]')
    .getAttribute('href')
  assert.ok(link, 'the e-mail in the inbox holds the magic link')

  await readerPage.goto(link)
  await readerPage.getByRole('button', { name: 'Confirm and sign in' }).click()
  await readerPage.waitForURL(/\/negotiations\/russia-ukraine-2025$/)

  const after = await sourceRefsSeen(reader.request, server.url)
  assert.ok(after.length === before.length)
  assert.ok(
    after.every((s) => typeof s.url === 'string' && /^https?:\/\//.test(s.url)),
    'a member receives every source URL',
  )
  const cookies = await reader.cookies()
  const session = cookies.find((c) => c.name === 'parley_member')
  assert.ok(session?.httpOnly, 'the member cookie is HttpOnly')
  assert.equal(session?.sameSite, 'Lax')

  await readerPage.goto(`${server.url}/account`)
  assert.match((await readerPage.locator('main').textContent()) ?? '', /reader@example\.org/)
  await readerPage.getByRole('button', { name: 'Sign out' }).click()
  const signedOut = await sourceRefsSeen(reader.request, server.url)
  assert.ok(
    signedOut.every((s) => s.url === undefined),
    'signed out: no URLs again',
  )
})

test('a reused magic link shows a clear page and signs nobody in', async () => {
  const server = await startRealServer({ SMTP_URL: '' })
  const browser = await launchBrowser()
  const staff = await browser.newContext()
  const staffPage = await staff.newPage()
  const setup = /\/staff\/setup\?token=\S+/.exec(server.output())?.[0]
  assert.ok(setup)
  await staffPage.goto(`${server.url}${setup}`)
  await staffPage.getByLabel('Your name').fill('Olena Owner')
  await staffPage.getByLabel('E-mail').fill('owner@example.org')
  await staffPage.getByLabel(/Password/).fill('correct horse battery staple')
  await staffPage.getByRole('button', { name: 'Create owner account' }).click()
  await staffPage.waitForURL(/\/staff$/)
  const first = await (await browser.newContext()).newPage()
  await first.goto(`${server.url}/members/signup`)
  await first.getByLabel('E-mail').fill('once@example.org')
  await first.getByRole('button', { name: 'Subscribe free' }).click()
  await staffPage.goto(`${server.url}/staff/inbox?to=once%40example.org`)
  await staffPage.getByRole('link', { name: 'Confirm your Parley subscription' }).click()
  const link = await staffPage
    .locator('pre.mail a[href*="/members/verify?token="]')
    .getAttribute('href')
  assert.ok(link)
  await first.goto(link)
  await first.getByRole('button', { name: 'Confirm and sign in' }).click()
  await first.waitForURL(/\/account\?welcome=1$/)

  const second = await (await browser.newContext()).newPage()
  const res = await second.goto(link)

  assert.equal(res?.status(), 410)
  assert.match((await second.locator('h1').textContent()) ?? '', /This link does not work/)
  const cookies = await second.context().cookies()
  assert.equal(
    cookies.find((c) => c.name === 'parley_member'),
    undefined,
  )
})
