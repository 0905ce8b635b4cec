import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import type { Page } from 'playwright-core'
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

// The demo's source URLs, from the case file the fresh server loads.
const sourceUrls = new Set(
  (
    JSON.parse(
      readFileSync(
        path.resolve(import.meta.dirname, '../../cases/russia-ukraine-2025.json'),
        'utf8',
      ),
    ) as { sources: { url: string }[] }
  ).sources.map((s) => s.url),
)

/** Links on the page that lead straight to a ledger source. */
async function sourceLinksOn(page: Page): Promise<string[]> {
  const hrefs = await page
    .locator('a[href^="http"]')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))
  return hrefs.filter((href) => sourceUrls.has(href))
}

test('a reader subscribes from an article, confirms from the e-mail and then sees its source links', async () => {
  const server = await startRealServer({ SMTP_URL: '' })
  const browser = await launchBrowser()
  // Two separate sets of cookies: staff see every link, so the reader must not be staff.
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

  await readerPage.goto(`${server.url}/articles`)
  const articles = await readerPage
    .locator('main a[href^="/articles/"]')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))
  const articlePath = articles.find((href) => /^\/articles\/[a-z0-9-]+$/.test(href))
  assert.ok(articlePath, 'the demo site has a published article')
  await readerPage.goto(`${server.url}${articlePath}`)
  assert.deepEqual(await sourceLinksOn(readerPage), [], 'anonymous: no source links')
  const before = await sourceRefsSeen(reader.request, server.url)
  assert.ok(before.length > 0 && before.every((s) => s.url === undefined), 'anonymous: no URLs')
  const callToAction = readerPage.locator('form.signup')
  assert.match(
    (await callToAction.textContent()) ?? '',
    /Subscribe free to unlock direct links to all \d+ sources/,
  )

  await callToAction.getByLabel('E-mail').fill('Reader@Example.org')
  await callToAction.getByRole('button', { name: 'Subscribe free' }).click()
  assert.match((await readerPage.locator('h1').textContent()) ?? '', /Check your inbox/)

  await staffPage.goto(`${server.url}/staff/inbox`)
  await staffPage.getByRole('link', { name: 'Confirm your Parley subscription' }).first().click()
  const link = await staffPage
    .locator('pre.mail a[href*="/members/verify?token="]')
    .getAttribute('href')
  assert.ok(link, 'the e-mail in the inbox holds the magic link')

  await readerPage.goto(link)
  await readerPage.getByRole('button', { name: 'Confirm and sign in' }).click()
  await readerPage.waitForURL(`${server.url}${articlePath}`)

  const unlocked = await sourceLinksOn(readerPage)
  assert.ok(unlocked.length > 0, 'a member sees the direct links to the sources')
  assert.equal(await readerPage.locator('form.signup').count(), 0, 'and no call to subscribe')
  const after = await sourceRefsSeen(reader.request, server.url)
  assert.ok(after.length === before.length)
  assert.ok(
    after.every((s) => typeof s.url === 'string' && /^https?:\/\//.test(s.url)),
    'a member receives every source URL in the API too',
  )
  const cookies = await reader.cookies()
  const session = cookies.find((c) => c.name === 'parley_member')
  assert.ok(session?.httpOnly, 'the member cookie is HttpOnly')
  assert.equal(session?.sameSite, 'Lax')

  await readerPage.goto(`${server.url}/account`)
  assert.match((await readerPage.locator('main').textContent()) ?? '', /reader@example\.org/)
  await readerPage.getByRole('button', { name: 'Sign out' }).click()
  await readerPage.goto(`${server.url}${articlePath}`)
  assert.deepEqual(await sourceLinksOn(readerPage), [], 'signed out: no source links again')
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
