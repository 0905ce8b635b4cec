import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Page } from 'playwright-core'
import { launchBrowser, startRealServer } from './harness.ts'

// One real server and one browser for the file: the pages of the negotiation tracker, read the way
// a reader reads them — without JavaScript, which they must not need.
const server = await startRealServer()
const browser = await launchBrowser()
const SLUG = 'russia-ukraine-2025'

async function readerPage(): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error' && !/favicon/.test(message.location().url)) {
      problems.push(message.text())
    }
  })
  return { page, problems }
}

const figure = async (page: Page, id: string) =>
  (await page.locator(`#${id} .value`).textContent())?.trim()

test('the overview shows C, P and G on a chosen date beside the 90% claim, with a chart', async () => {
  const { page, problems } = await readerPage()

  await page.goto(`${server.url}/negotiations/${SLUG}?at=2026-01-22`)

  assert.equal(await figure(page, 'figure-c'), '80.0%')
  assert.equal(await figure(page, 'figure-p'), '64.7%')
  assert.equal(await figure(page, 'figure-g'), '57.5%')
  assert.match((await page.locator('.figure.claim').textContent()) ?? '', /90%.*Witkoff/s)
  const chart = page.locator('svg#progress-chart')
  assert.ok(await chart.isVisible())
  assert.match((await chart.locator('title').textContent()) ?? '', /Progress of the/)
  assert.ok((await chart.locator('path').count()) >= 3)
  const firstBlocker = page.locator('#blockers + .table-wrap tbody tr').first()
  assert.match((await firstBlocker.textContent()) ?? '', /14\.\s*territory/)
  assert.match((await page.locator('ul.flags').textContent()) ?? '', /Indivisible issue open/)
  assert.deepEqual(problems, [], 'the page logged errors (a CSP violation would show here)')
})

test('choosing another date with the form moves the figures: Russia at the table agrees to nothing', async () => {
  const { page } = await readerPage()
  await page.goto(`${server.url}/negotiations/${SLUG}?at=2026-01-22`)

  await page.locator('section.progress form.filters input[name="at"]').fill('2026-01-23')
  await page.locator('section.progress form.filters button').click()

  await page.waitForURL(/at=2026-01-23/)
  assert.equal(await figure(page, 'figure-c'), '0.0%')
  assert.match(
    (await page.locator('section.progress > p.meta').first().textContent()) ?? '',
    /Russia/,
  )
})

test('a reader re-weighs the issues and sees P and G recomputed, labelled as their own', async () => {
  const { page } = await readerPage()
  await page.goto(`${server.url}/negotiations/${SLUG}?at=2026-01-22`)
  const publishedP = await figure(page, 'figure-p')

  await page.getByLabel('Territory and Donbas').fill('80')
  await page.getByRole('button', { name: 'Recompute with my weights' }).click()

  await page.waitForURL(/weight-territory=80/)
  assert.match(
    (await page.locator('section.progress').textContent()) ?? '',
    /Weighted with your weights, not the desk/,
  )
  assert.equal(await figure(page, 'figure-c'), '80.0%')
  const readerP = await figure(page, 'figure-p')
  assert.notEqual(readerP, publishedP)
  assert.ok(Number.parseFloat(readerP!) < Number.parseFloat(publishedP!))
  await page.getByRole('link', { name: /Back to the desk/ }).click()
  assert.equal(await figure(page, 'figure-p'), publishedP)
})

test('the architecture view draws who held which role when', async () => {
  const { page, problems } = await readerPage()

  await page.goto(`${server.url}/negotiations/${SLUG}/architecture?at=2026-01-10`)

  assert.ok(await page.locator('svg#architecture-chart').isVisible())
  const rects = await page.locator('svg#architecture-chart rect').count()
  assert.ok(rects >= 10, `${rects} role bars`)
  assert.match((await page.locator('ul.roles-on').textContent()) ?? '', /Russia: consulted/)
  assert.deepEqual(problems, [])
})

test('the provision table gives each party’s position and its sources, never a raw address', async () => {
  const { page } = await readerPage()

  await page.goto(`${server.url}/negotiations/${SLUG}/positions?at=2026-01-22`)

  const territory = page.locator('#point-14')
  assert.match((await territory.textContent()) ?? '', /1 · tabled/)
  assert.match((await territory.textContent()) ?? '', /0 · rejected or absent/)
  const hrefs = await page
    .locator('table.positions a')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))
  assert.ok(hrefs.length > 40)
  assert.ok(
    hrefs.every((href) => href.startsWith('/sources/')),
    hrefs.find((h) => !h.startsWith('/sources/')),
  )
  assert.match((await page.locator('th.not-principal').textContent()) ?? '', /Russia/)
})

test('two framework versions side by side: carried, merged, split, dropped and new', async () => {
  const { page } = await readerPage()

  await page.goto(`${server.url}/negotiations/${SLUG}/diff`)

  assert.match(
    (await page.locator('#diff-summary').textContent()) ?? '',
    /28 points → 20 points: 15 carried, 1 merged, 2 split, 10 dropped, 1 new/,
  )
  assert.equal(await page.locator('tr.lineage-new').count(), 1)
  assert.match((await page.locator('tr.lineage-new').textContent()) ?? '', /free trade agreement/)
  assert.ok((await page.locator('tr.lineage-dropped').count()) === 10)
})

test('staff record a position through the form and the measures change at once', async () => {
  const setup = /\/staff\/setup\?token=\S+/.exec(server.output())?.[0]
  assert.ok(setup, 'the server printed no setup link')
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await page.goto(`${server.url}${setup}`)
  await page.getByLabel('Your name').fill('Ada Analyst')
  await page.getByLabel('E-mail').fill('ada@example.org')
  await page.getByLabel(/Password/).fill('correct horse battery staple')
  await page.getByRole('button', { name: 'Create owner account' }).click()
  await page.waitForURL(/\/staff$/)
  await page.goto(`${server.url}/negotiations/${SLUG}?at=2026-02-25`)
  const before = await figure(page, 'figure-p')

  await page.goto(`${server.url}/negotiations/${SLUG}/edit`)
  const form = page.locator('form[action$="/edit/position"]')
  await form.getByLabel('Point').selectOption('14')
  await form.getByLabel('Party').selectOption('russia')
  await form.getByLabel('On (YYYY-MM-DD)').fill('2026-02-25')
  await form.getByLabel('Level').selectOption('2')
  await form.getByLabel('Source keys').fill('newsaz-2026-02-18-no-breakthrough')
  await form.getByRole('button', { name: 'Save position' }).click()

  await page.waitForURL(/done=position/)
  assert.match((await page.locator('.notice').textContent()) ?? '', /position recorded/)
  await page.goto(`${server.url}/negotiations/${SLUG}?at=2026-02-25`)
  const after = await figure(page, 'figure-p')
  assert.ok(Number.parseFloat(after!) > Number.parseFloat(before!), `${before} → ${after}`)
  await page.goto(`${server.url}/staff`)
  assert.match((await page.locator('main').textContent()) ?? '', /create position/)
})
