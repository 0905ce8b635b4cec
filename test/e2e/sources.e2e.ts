import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { after, test } from 'node:test'
import type { Page } from 'playwright-core'
import { startPageServer } from '../../src/sources/testing/page-server.ts'
import { launchBrowser, startRealServer } from './harness.ts'

// The ledger in a browser against the real server: a desk member adds a local page (the only
// fetch the server may make to a private address is the one the test allows), then the source
// page is read as the desk sees it and as an anonymous reader does.
const pages = await startPageServer()
after(() => pages.close())
const server = await startRealServer({ PARLEY_FETCH_ALLOW_PRIVATE: '1' })
const browser = await launchBrowser()

const article = `<!doctype html><html><head><title>Envoys report progress in Abu Dhabi</title>
<script>document.title = 'ran'</script></head><body><article>
<h1>Envoys report progress in Abu Dhabi</h1>
<p>The US envoy said the talks had been narrowed to one issue and the package was ninety percent ready.</p>
<p>Officials on both sides said the territorial question remained open after two days of talks.</p>
</article></body></html>`
pages.set('/abu-dhabi', { body: article })
const sha256 = createHash('sha256').update(article).digest('hex')

function watch(page: Page): string[] {
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error' && !/favicon/.test(message.location().url))
      problems.push(message.text())
  })
  return problems
}

async function signInAsOwner(): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  const setup = /\/staff\/setup\?token=\S+/.exec(server.output())?.[0]
  assert.ok(setup, 'the server printed no setup link')
  await page.goto(`${server.url}${setup}`)
  await page.getByLabel('Your name').fill('Desk Owner')
  await page.getByLabel('E-mail').fill('desk@example.org')
  await page.getByLabel(/Password/).fill('correct horse battery staple')
  await page.getByRole('button', { name: 'Create owner account' }).click()
  await page.waitForURL(/\/staff$/)
  return page
}

const desk = await signInAsOwner()

test('the desk adds a page; its source page shows the snapshot with the SHA-256 of the bytes served', async () => {
  const problems = watch(desk)
  await desk.goto(`${server.url}/staff/sources`)

  const form = desk.locator('section.panel form')
  await form.getByLabel('Address (http or https)').fill(`${pages.origin}/abu-dhabi`)
  await form.getByLabel(/Citation key/).fill('wire-2026-02-05-abu-dhabi')
  await form.getByLabel('Kind').selectOption('wire')
  await form.getByLabel('Publisher', { exact: true }).fill('Example Wire')
  await form.getByRole('button', { name: 'Add and archive' }).click()
  await desk.waitForURL(/\/staff\/sources\/wire-2026-02-05-abu-dhabi/)
  assert.match((await desk.locator('p.notice').textContent()) ?? '', new RegExp(`sha256 ${sha256}`))

  await desk.getByLabel('The exact words').fill('the package was ninety percent ready')
  await desk.getByRole('button', { name: 'Anchor the quote' }).click()
  await desk.waitForURL(/#quote-\d+/)

  await desk.goto(`${server.url}/sources/wire-2026-02-05-abu-dhabi`)
  assert.equal(await desk.locator('h1').textContent(), 'Envoys report progress in Abu Dhabi')
  assert.equal(await desk.locator('table.snapshots code.hash').first().textContent(), sha256)
  assert.match(
    (await desk.locator('#quotes + ul.quotes mark').textContent()) ?? '',
    /ninety percent ready/,
  )
  assert.equal(await desk.locator(`a[href="${pages.origin}/abu-dhabi"]`).count(), 1)
  assert.deepEqual(problems, [], 'the pages logged errors (a CSP violation would show here)')
})

test('the archived copy opens in a sandbox: the archived page runs no script', async () => {
  await desk.goto(`${server.url}/sources/wire-2026-02-05-abu-dhabi`)

  await desk.getByRole('link', { name: 'archived copy' }).first().click()

  await desk.waitForURL(/\/snapshots\/\d+$/)
  assert.equal(await desk.title(), 'Envoys report progress in Abu Dhabi')
  assert.match(
    (await desk.locator('article p').first().textContent()) ?? '',
    /narrowed to one issue/,
  )
})

test('an anonymous reader sees the hashes and the quote, but neither the address nor the archive', async () => {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage()
  const problems = watch(page)

  await page.goto(`${server.url}/sources/wire-2026-02-05-abu-dhabi`)

  const html = await page.content()
  assert.ok(html.includes(sha256))
  assert.match((await page.locator('ul.quotes mark').textContent()) ?? '', /ninety percent ready/)
  assert.equal(html.includes(pages.origin), false)
  assert.equal(html.includes('/snapshots/'), false)
  assert.ok(await page.getByRole('button', { name: 'Subscribe free' }).isVisible())
  assert.deepEqual(problems, [])
  const archive = await page.goto(`${server.url}/sources/wire-2026-02-05-abu-dhabi/snapshots/1`)
  assert.equal(archive?.status(), 403)
  assert.match((await page.locator('h1').textContent()) ?? '', /for subscribers/)
})

test('after the page changes, the desk re-archives it and the quote is reported moved', async () => {
  pages.set('/abu-dhabi', {
    body: article.replace(
      '<p>The US envoy',
      '<p>Update: this report was corrected on Thursday.</p><p>The US envoy',
    ),
  })
  await desk.goto(`${server.url}/staff/sources/wire-2026-02-05-abu-dhabi`)

  await desk.getByRole('button', { name: 'Archive now' }).click()
  await desk.waitForURL(/done=/)
  assert.match((await desk.locator('p.notice').textContent()) ?? '', /content has changed/)
  await desk.goto(`${server.url}/staff/sources`)
  await desk.getByRole('button', { name: 'Verify every quote now' }).click()
  await desk.waitForURL(/done=/)

  assert.match(
    (await desk.locator('p.notice').textContent()) ?? '',
    /0 verified, 1 moved, 0 orphaned/,
  )
  await desk.goto(`${server.url}/sources/wire-2026-02-05-abu-dhabi`)
  assert.equal(await desk.locator('table.snapshots tbody tr').count(), 2)
  assert.match(
    (await desk.locator('main').textContent()) ?? '',
    /has changed since it was first archived/,
  )
  assert.equal(await desk.locator('ul.quotes .tag.quote-moved').count(), 1)
})

test('the claims page lists the demo envoys\u2019 90% claims and a claim page states the review', async () => {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage()

  await page.goto(`${server.url}/claims`)
  await page.getByRole('link', { name: /The talks are narrowed to one issue/ }).click()

  assert.match((await page.locator('.figures').textContent()) ?? '', /90%/)
  assert.match((await page.locator('.figures').textContent()) ?? '', /Misleading/)
  assert.ok((await page.locator('#contradicts + ul li').count()) >= 1)
})
