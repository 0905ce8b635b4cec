import assert from 'node:assert/strict'
import { test } from 'node:test'
import { launchBrowser, startRealServer } from './harness.ts'

test('the home page shows the demo negotiation and leads to its documents and points', async () => {
  const server = await startRealServer()
  const browser = await launchBrowser()
  const page = await browser.newPage()

  await page.goto(server.url)
  const link = page.getByRole('link', { name: /Russia.*Ukraine/i }).first()
  await link.click()

  await page.waitForURL(/\/negotiations\/russia-ukraine-2025$/)
  assert.match((await page.locator('h1').textContent()) ?? '', /Russia/)
  const headings = await page.locator('h3').allInnerTexts()
  assert.ok(
    headings.some((h) => /28-point/i.test(h)),
    `no 28-point document among ${headings.join(' | ')}`,
  )
  assert.ok(
    headings.some((h) => /20-point/i.test(h)),
    `no 20-point document among ${headings.join(' | ')}`,
  )
  assert.ok((await page.locator('ol.points > li').count()) >= 48)
})

test('a fresh server offers a one-time setup link that creates the owner and signs them in', async () => {
  const server = await startRealServer()
  const browser = await launchBrowser()
  const page = await browser.newPage()
  const setup = /\/staff\/setup\?token=\S+/.exec(server.output())?.[0]
  assert.ok(setup, 'the server printed no setup link')

  await page.goto(`${server.url}${setup}`)
  await page.getByLabel('Your name').fill('Olena Analyst')
  await page.getByLabel('E-mail').fill('owner@example.org')
  await page.getByLabel(/Password/).fill('correct horse battery staple')
  await page.getByRole('button', { name: 'Create owner account' }).click()

  await page.waitForURL(/\/staff$/)
  assert.match(
    (await page.locator('main').textContent()) ?? '',
    /Signed in as Olena Analyst \(owner\)/,
  )
  const again = await page.goto(`${server.url}${setup}`)
  assert.equal(again?.status(), 410)
})
