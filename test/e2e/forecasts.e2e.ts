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
  const open = page.locator('#open + ul.cards > li')
  assert.equal(await open.count(), 3, 'the demo case asks three open questions')

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
