import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Page } from 'playwright-core'
import { launchBrowser, startRealServer } from './harness.ts'

const server = await startRealServer()
const browser = await launchBrowser()
const DEMO = '/articles/ninety-per-cent-of-what'

/** Creates the owner with the setup link the server printed; the page is then signed in. */
async function signInOwner(page: Page): Promise<void> {
  const setup = /\/staff\/setup\?token=\S+/.exec(server.output())?.[0]
  assert.ok(setup, 'the server printed no setup link')
  await page.goto(`${server.url}${setup}`)
  await page.getByLabel('Your name').fill('Olena Editor')
  await page.getByLabel('E-mail').fill('owner@example.org')
  await page.getByLabel(/Password/).fill('correct horse battery staple')
  await page.getByRole('button', { name: 'Create owner account' }).click()
  await page.waitForURL(/\/staff$/)
}

test('an anonymous reader reads the demo article with numbered notes, its figures and no link to a source', async () => {
  const page = await browser.newPage()

  const response = await page.goto(`${server.url}${DEMO}`)

  assert.equal(response?.status(), 200)
  assert.equal(response?.headers()['cache-control'], 'public, max-age=60')
  assert.match((await page.locator('h1').textContent()) ?? '', /Ninety per cent of what/)
  const notes = page.locator('ol.notes > li')
  assert.ok((await notes.count()) >= 20)
  // No link leaves the site: every note names its source without an address.
  const external = await page
    .locator('main a[href^="http"]')
    .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href))
  assert.deepEqual(external, [])
  assert.match((await notes.first().textContent()) ?? '', /“.+”, .+/)
  // The measures are drawn as figures and SVG with a text alternative.
  assert.match((await page.locator('#embed-1 .figure .value').first().textContent()) ?? '', /%$/)
  assert.ok(await page.locator('#embed-1 svg[role="img"] title').count())
  // A citation leads to its note.
  await page.locator('a.note-ref').first().click()
  assert.match(page.url(), /#note-1$/)
  assert.ok(
    await page.getByText(/Subscribe free to unlock direct links to all \d+ sources/).isVisible(),
  )
  await page.close()
})

test('an editor previews an article, is told which key is unknown, fixes it and publishes; readers see it without the script', async () => {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signInOwner(page)

  await page.goto(`${server.url}/staff/articles/new`)
  await page.getByLabel('Title', { exact: true }).fill('Talks in the cold')
  await page
    .getByLabel('Text (Markdown)')
    .fill(
      'The first trilateral round met in Abu Dhabi [@thenational-2026-01-24-abu-dhabi-conclude; @no-such-source].\n\n<img src="/nothing.png" onerror="window.__hacked = 1"> Strikes went on.',
    )
  await page.getByRole('button', { name: 'Preview' }).click()

  const alert = page.getByRole('alert')
  assert.match((await alert.textContent()) ?? '', /line 1: unknown citation key "no-such-source"/)
  await page
    .getByLabel('Text (Markdown)')
    .fill(
      'The first trilateral round met in Abu Dhabi [@thenational-2026-01-24-abu-dhabi-conclude].\n\n<img src="/nothing.png" onerror="window.__hacked = 1"> Strikes went on.',
    )
  await page.getByRole('button', { name: 'Save and publish now' }).click()
  await page.waitForURL(/done=published/)

  const reader = await browser.newPage()
  await reader.goto(`${server.url}/articles/talks-in-the-cold`)
  assert.match((await reader.locator('ol.notes').textContent()) ?? '', /The National/)
  assert.equal(await reader.evaluate(() => (window as { __hacked?: number }).__hacked), undefined)
  assert.equal(await reader.locator('main [onerror]').count(), 0)
  // As staff, the same note carries the direct link.
  await page.goto(`${server.url}/articles/talks-in-the-cold`)
  assert.ok(await page.locator('ol.notes a[href^="http"]').count())
  await context.close()
})
