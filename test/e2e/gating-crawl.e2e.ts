import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { articlePages, crawl, type Fetched } from '../crawl.ts'
import { startRealServer } from './harness.ts'
import { cookieOf, magicLinkFromInbox, postForm, setUpOwner } from './member-flow.ts'

// The demo's sources, read from the case file the fresh server loads on first start.
const caseFile = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../cases/russia-ukraine-2025.json'), 'utf8'),
) as { sources: { key: string; url: string }[] }
const forbidden = caseFile.sources.flatMap((s) => [s.url, `/sources/${s.key}/snapshots`])

function overHttp(base: string, cookie?: string) {
  return async (pathAndQuery: string): Promise<Fetched> => {
    const res = await fetch(`${base}${pathAndQuery}`, {
      redirect: 'manual',
      headers: {
        accept: pathAndQuery.startsWith('/api/')
          ? 'application/json'
          : 'text/html,application/xhtml+xml',
        ...(cookie ? { cookie } : {}),
      },
    })
    return {
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      body: await res.text(),
      location: res.headers.get('location') ?? undefined,
      headers: [...res.headers].map(([name, value]) => `${name}: ${value}`).join('\n'),
    }
  }
}

const stayOut = (p: string) => p.startsWith('/members/signout') || p.startsWith('/account/delete')

test('the real demo site sends no source or archive URL to an anonymous reader, and all of them to a member', async () => {
  const server = await startRealServer({ SMTP_URL: '' })
  const origin = new URL(server.url).origin

  const anonymous = await crawl(overHttp(server.url), { origin, forbidden, skip: stayOut })

  assert.deepEqual(
    anonymous.leaks.slice(0, 20),
    [],
    `${anonymous.leaks.length} leaks, e.g. ${JSON.stringify(anonymous.leaks.slice(0, 5))}`,
  )
  assert.equal(anonymous.visited.get('/negotiations/russia-ukraine-2025'), 200)
  for (const covered of ['/sitemap.xml', '/feed.xml', '/feed.atom'])
    assert.equal(anonymous.visited.get(covered), 200, `${covered} was crawled`)
  assert.ok(articlePages(anonymous).length >= 1, 'the demo article was crawled')

  const owner = await setUpOwner(server)
  const asked = await postForm(server, '/members/signup', {
    email: 'crawler@example.org',
    website: '',
    returnTo: '/',
  })
  assert.equal(asked.status, 200)
  const link = new URL(await magicLinkFromInbox(server, owner, 'crawler@example.org'))
  const confirmed = await postForm(server, '/members/verify', {
    token: link.searchParams.get('token') ?? '',
  })
  const member = cookieOf(confirmed, 'parley_member')
  assert.ok(member, 'the magic link signed the reader in')

  const asMember = await crawl(overHttp(server.url, member), { origin, forbidden, skip: stayOut })

  const seen = new Set(asMember.leaks.map((l) => l.forbidden))
  assert.ok(seen.size >= 20, `a member saw only ${seen.size} source URLs`)
  const withLinks = new Set(asMember.leaks.map((l) => l.page))
  for (const article of articlePages(asMember))
    assert.ok(withLinks.has(article), `a member sees source URLs on ${article}`)
})
