import assert from 'node:assert/strict'
import { test } from 'node:test'
import { launchBrowser, startRealServer } from './harness.ts'

test('a reader follows the site navigation to a forecast, its chart and its criteria, on a desk and on a phone', async () => {
  const server = await startRealServer()
  const browser = await launchBrowser()
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })

  await page.goto(server.url)
  await page.getByRole('link', { name: 'Forecasts', exact: true }).first().click()
  await page.waitForURL(/\/forecasts$/)
  // The demo's three questions close on 31 Mar and 30 Jun 2026 and none is resolved: after their
  // close dates they are listed as awaiting resolution, before them as open.
  assert.equal(await page.locator('ul.cards > li').count(), 3, 'the demo case asks three questions')
  const today = new Date().toISOString().slice(0, 10)
  const closed = ['2026-03-31', '2026-06-30', '2026-06-30'].filter((d) => d < today).length
  assert.equal(await page.locator('h2#closed + p + ul.cards > li').count(), closed)

  await page
    .getByRole('link', { name: /signed ceasefire|ceasefire or framework/i })
    .first()
    .click()
  await page.waitForURL(/\/forecasts\/ru-ua-signed-agreement-by-2026-06-30$/)
  const headline = (await page.locator('#headline .value').textContent()) ?? ''
  assert.match(headline, /^\d{1,2}(\.\d)?\s?%$/, `headline "${headline}"`)
  const chart = page.locator('svg#forecast-chart')
  await chart.waitFor()
  assert.ok((await chart.boundingBox())!.height > 150)
  const forecasts = await page.locator('#forecasts + ol.points > li').count()
  assert.equal(
    await chart.locator('circle').count(),
    forecasts,
    'one dot on the chart per forecast listed',
  )
  assert.match((await chart.locator('desc').textContent()) ?? '', /recency-weighted median/)
  assert.ok((await page.locator('#criteria + ol.points > li').count()) >= 1)

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true })
  await phone.goto(`${server.url}/forecasts/ru-ua-signed-agreement-by-2026-06-30`)
  const widths = await phone.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }))
  assert.ok(widths.page <= widths.viewport, `the page overflows: ${JSON.stringify(widths)}`)
})
