import assert from 'node:assert/strict'
import type { RealServer } from './harness.ts'

/** A same-origin form POST over HTTP, as a browser sends it; redirects are not followed. */
export async function postForm(
  server: RealServer,
  path: string,
  fields: Record<string, string>,
  cookie?: string,
): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: server.url,
      accept: 'text/html',
      ...(cookie ? { cookie } : {}),
    },
    body: new URLSearchParams(fields).toString(),
  })
}

export function cookieOf(res: Response, name: string): string | undefined {
  return res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0]
}

/** Creates the owner through the setup link the fresh server printed; returns the staff cookie. */
export async function setUpOwner(server: RealServer): Promise<string> {
  const token = /\/staff\/setup\?token=(\S+)/.exec(server.output())?.[1]
  assert.ok(token, 'the server printed a setup link')
  const res = await postForm(server, '/staff/setup', {
    token,
    name: 'Inbox Reader',
    email: 'owner@example.org',
    password: 'correct horse battery staple',
  })
  const cookie = cookieOf(res, 'parley_staff')
  assert.ok(cookie, `setup did not sign the owner in (HTTP ${res.status})`)
  return cookie
}

/** The newest magic link sent to `email`, read from the embedded inbox through its staff API. */
export async function magicLinkFromInbox(
  server: RealServer,
  staffCookie: string,
  email: string,
): Promise<string> {
  const headers = { cookie: staffCookie, accept: 'application/json' }
  const list = await fetch(`${server.url}/api/inbox?to=${encodeURIComponent(email)}`, { headers })
  assert.equal(list.status, 200)
  const { messages } = (await list.json()) as { messages: { id: number }[] }
  assert.ok(messages[0], `no mail to ${email} in the inbox`)
  const message = await fetch(`${server.url}/api/inbox/${messages[0].id}`, { headers })
  const { text } = (await message.json()) as { text: string | null }
  const link = /https?:\/\/\S+\/members\/verify\?token=[\w-]+/.exec(text ?? '')?.[0]
  assert.ok(link, 'the message holds a magic link')
  return link
}
