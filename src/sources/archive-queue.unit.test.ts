import assert from 'node:assert/strict'
import { test } from 'node:test'
import { afterArchiveFailure, archiveFailureReason, archiveStateLine } from './archive-queue.ts'

const url = 'https://news.example.org/story'

test('fetch errors read as plain reasons without the address or its host', () => {
  assert.equal(
    archiveFailureReason(`${url}: unreachable (connection refused)`, url),
    'the host refused the connection',
  )
  assert.equal(
    archiveFailureReason(`${url}: the server answered HTTP 404; nothing archived`, url),
    'the server answered HTTP 404',
  )
  assert.equal(
    archiveFailureReason(
      'refused to fetch from news.example.org: 10.0.0.5 is a private, loopback or link-local address',
      url,
    ),
    'refused by the address policy: 10.0.0.5 is a private, loopback or link-local address',
  )
  assert.equal(
    archiveFailureReason(`${url}: unreachable (getaddrinfo EAI_AGAIN news.example.org)`, url),
    'unreachable (getaddrinfo EAI_AGAIN the host)',
  )
  assert.equal(
    archiveFailureReason(`https://other.example.net/moved: no complete answer within 20 s`, url),
    'no complete answer within 20 s',
  )
})

test('a failure is retried after 1, 5 and 25 minutes, then failed for good', () => {
  const now = new Date('2026-12-03T09:00:00Z')
  const waits = [1, 2, 3].map(
    (n) => (afterArchiveFailure(n, now).nextAttemptAt.getTime() - now.getTime()) / 60_000,
  )

  assert.deepEqual(waits, [1, 5, 25])
  assert.equal(afterArchiveFailure(4, now).status, 'failed')
})

test('the ledger line says archived, queued, failed with its reason, or not yet', () => {
  const at = new Date('2026-12-03T10:00:00Z')

  assert.equal(archiveStateLine({ kind: 'archived', at }), 'archived on 2026-12-03')
  assert.equal(
    archiveStateLine({ kind: 'queued', attempts: 0, lastError: null }),
    'queued for archiving',
  )
  assert.equal(
    archiveStateLine({ kind: 'failed', reason: 'no such host', attempts: 4, lastAttemptAt: at }),
    'not archived: no such host (tried 4 times, last on 2026-12-03)',
  )
  assert.equal(archiveStateLine({ kind: 'none' }), 'not archived yet')
})
