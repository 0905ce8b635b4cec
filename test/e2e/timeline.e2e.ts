import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sharedData } from '../shared-data.ts'
import { launchBrowser, startRealServer } from './harness.ts'

// The GDELT sample is third-party data: read from the shared folder beside the repository.
const GDELT = sharedData('gdelt-sample', 'gdelt_events_20201113.csv')

test('a fresh server shows the demo talks against the strikes, on a desk and on a phone', async () => {
  const server = await startRealServer()
  const browser = await launchBrowser()
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })

  await page.goto(`${server.url}/negotiations/russia-ukraine-2025/timeline`)

  const chart = page.locator('svg#timeline-chart')
  await chart.waitFor()
  assert.ok((await chart.boundingBox())!.height > 200)
  assert.ok((await page.locator('svg#timeline-chart g.bar-drones rect').count()) > 100)
  const markers = await page.locator('svg#timeline-chart g.event-label text').allInnerTexts()
  const rows = page.locator('table.events-r').first().locator('tbody tr')
  assert.equal(markers.length, await rows.count())
  const abuDhabi = rows.filter({ hasText: 'Second trilateral round in Abu Dhabi' })
  assert.match((await abuDhabi.textContent()) ?? '', /R = 1\.78/)
  assert.match(
    (await page.locator('svg#timeline-chart desc').textContent()) ?? '',
    /Second trilateral round in Abu Dhabi/,
  )

  await page.getByLabel('From', { exact: true }).fill('2026-01-20')
  await page.getByLabel('To', { exact: true }).fill('2026-02-10')
  await page.getByRole('button', { name: 'Show' }).click()
  await page.waitForURL(/from=2026-01-20&to=2026-02-10/)
  assert.equal(
    await page.locator('svg#timeline-chart g.bar-drones rect').count(),
    22,
    'one bar per night of the chosen range',
  )

  await abuDhabi.getByRole('link', { name: 'how heavy was that week?' }).click()
  await page.waitForURL(/\/timeline\/intensity\?window=7&ending=2026-02-04/)
  const rank = (await page.locator('.figure.rank').textContent()) ?? ''
  assert.match(rank, /\d+(st|nd|rd|th)\s+of 274/)
  assert.match(rank, /heaviest 7 nights/)

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true })
  await phone.goto(`${server.url}/negotiations/russia-ukraine-2025/timeline`)
  const widths = await phone.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
    scroller: document.querySelector('.chart-scroll')!.scrollWidth,
  }))
  assert.ok(widths.page <= widths.viewport, `the page overflows: ${JSON.stringify(widths)}`)
  assert.ok(widths.scroller > widths.viewport, 'the chart keeps a readable width and scrolls')
  const fontSize = await phone
    .locator('table.events-r td')
    .first()
    .evaluate((td) => Number.parseFloat(getComputedStyle(td).fontSize))
  assert.ok(fontSize >= 14, `table text is ${fontSize}px on a phone`)
})

test('staff upload a GDELT export in the browser and the dyad index shows its week', async () => {
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

  await page.goto(`${server.url}/staff/timeline/import`)
  await page.getByLabel('Kind of file').selectOption('gdelt')
  await page.getByLabel('File', { exact: true }).setInputFiles(GDELT)
  await page.getByRole('button', { name: 'Import' }).click()

  const status = page.getByRole('status')
  await status.waitFor()
  assert.match(
    (await status.textContent()) ?? '',
    /2,824 rows read — 2,824 inserted, 0 updated, 0 unchanged, 0 skipped/,
  )

  await page.goto(`${server.url}/timeline/dyad?a=USA&b=CHN`)
  assert.equal(await page.locator('svg#dyad-chart').count(), 1)
  assert.match((await page.locator('table tbody tr').first().textContent()) ?? '', /9 Nov 2020/)
  assert.match((await page.locator('p.attribution').textContent()) ?? '', /GDELT/)
})
