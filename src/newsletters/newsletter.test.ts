import assert from 'node:assert/strict'
import { test } from 'node:test'
import { articleBodyText, newsletterEmail } from '../articles/email.ts'
import {
  afterFailure,
  errorLine,
  MAX_ATTEMPTS,
  newsletterMail,
  retryDelayMs,
  SendForm,
  unsubscribeUrl,
} from './newsletter.ts'

test('a failed try is retried after 1, 5, 25 and 125 minutes, then the delivery fails', () => {
  const now = new Date('2026-02-20T09:00:00Z')

  const waits = [1, 2, 3, 4].map((n) => afterFailure(n, now))
  const last = afterFailure(MAX_ATTEMPTS, now)

  assert.deepEqual(
    waits.map((w) => [w.status, (w.nextAttemptAt.getTime() - now.getTime()) / 60_000]),
    [
      ['queued', 1],
      ['queued', 5],
      ['queued', 25],
      ['queued', 125],
    ],
  )
  assert.equal(last.status, 'failed')
  assert.equal(retryDelayMs(1), 60_000)
})

test('each copy carries its own one-click unsubscribe address in the headers and the footer', () => {
  const url = unsubscribeUrl('https://parley.example/', 'abc_DEF-1')

  const mail = newsletterMail(
    { subject: 'Ninety per cent of what?', html: '<h1>Ninety</h1>', text: 'Ninety' },
    { to: 'ana@example.org', unsubscribeUrl: url, siteUrl: 'https://parley.example' },
  )

  assert.equal(url, 'https://parley.example/newsletter/unsubscribe?token=abc_DEF-1')
  assert.deepEqual(mail.headers, {
    'List-Unsubscribe': `<${url}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'List-Id': 'Parley newsletter <newsletter.parley.example>',
  })
  assert.ok(mail.html.includes(`<a href="${url}">Unsubscribe</a>`))
  assert.ok(mail.text.includes(`Unsubscribe (one click, no sign-in): ${url}`))
  assert.ok(mail.html.startsWith('<!DOCTYPE html>') && mail.html.includes('<h1>Ninety</h1>'))
})

test('the text part keeps the citations and link addresses, and leaves drawings out', () => {
  const fragment =
    '<div class="article-body"><p>Agreed <span class="cite">[<a href="#note-1" class="note-ref">1</a>]</span>, see <a href="/negotiations/x">the tracker</a>.</p>' +
    '<figure><svg><text>999</text></svg><figcaption>C 90%, P 56.5%</figcaption></figure>' +
    '<ol><li>one</li><li>two<br>lines</li></ol></div><section class="notes">Sources</section>'

  const text = articleBodyText(fragment, (href) => `https://parley.example${href}`)

  assert.equal(
    text,
    [
      'Agreed [1], see the tracker <https://parley.example/negotiations/x>.',
      'C 90%, P 56.5%',
      '- one',
      '- two',
      'lines',
    ].join('\n\n'),
  )
})

test('the newsletter is the member variant with absolute addresses; a correction says what changed', () => {
  const email = newsletterEmail({
    siteUrl: 'https://parley.example',
    slug: 'ninety',
    title: 'Ninety',
    summary: 'Count and stake.',
    byline: 'Desk',
    memberFragment:
      '<div class="article-body"><p>Text [1].</p></div><ol class="notes"><li id="note-1" value="1"><a href="https://wire.example/a">Source</a> <a href="/sources/k/snapshots/4">Archived copy</a></li></ol>',
    sourceSummary: '1 source: 1 wire',
    notes: [
      {
        number: 1,
        key: 'k',
        title: 'A story',
        publisher: 'Wire',
        author: null,
        publishedOn: '2026-01-23',
        kind: 'wire',
        url: 'https://wire.example/a',
        archiveUrl: '/sources/k/snapshots/4',
        archivedAt: '2026-01-24',
        quotes: [{ exact: 'ninety per cent', note: null }],
      },
    ],
    correction: { previouslySentAt: new Date('2026-02-20T09:00:00Z'), reason: 'A date was wrong.' },
  })

  assert.equal(email.subject, 'Correction: Ninety')
  assert.ok(email.html.includes('href="https://parley.example/sources/k/snapshots/4"'))
  assert.ok(email.html.includes('href="https://wire.example/a"'))
  assert.match(
    email.text,
    /^Correction\. We sent an earlier version of this article on 20 Feb 2026\. What changed: A date was wrong\./,
  )
  assert.match(
    email.text,
    /\[1\] “A story”, Wire, 23 Jan 2026 \(wire\)\n {4}Source: https:\/\/wire\.example\/a\n {4}Archived copy, 24 Jan 2026: https:\/\/parley\.example\/sources\/k\/snapshots\/4\n {4}“ninety per cent”/,
  )
})

test('the send form names what is wrong with it', () => {
  assert.deepEqual(SendForm.parse({ versionId: '12', kind: 'correction' }), {
    versionId: 12,
    kind: 'correction',
  })
  const bad = SendForm.safeParse({ versionId: 'x', kind: 'resend' })
  assert.equal(bad.success, false)
  assert.deepEqual(bad.error!.issues.map((i) => i.path[0]).sort(), ['kind', 'versionId'])
  assert.equal(
    errorLine(Object.assign(new Error('connect ECONNREFUSED\n 127.0.0.1:1'), { code: 'ESOCKET' })),
    'ESOCKET: connect ECONNREFUSED 127.0.0.1:1',
  )
})
