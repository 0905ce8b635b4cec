import assert from 'node:assert/strict'
import { test } from 'node:test'
import { citationKey, NewSourceBody, summarizeKinds } from './sources.ts'

test('a citation key reads as publisher, date and title words', () => {
  assert.equal(
    citationKey({
      url: 'https://www.axios.com/2025/11/20/ukraine-peace-plan',
      publisher: 'Axios',
      published: '2025-11-20',
      title: 'The 28 points of the US plan for Ukraine',
    }),
    'axios-2025-11-20-28-points-us-plan',
  )
})

test('without publisher, date or title the key falls back to host, "nd" and the path', () => {
  assert.equal(
    citationKey({ url: 'https://www.kyivindependent.com/news/florida-talks-end/' }),
    'kyivindependent-nd-florida-talks-end',
  )
})

test('publisher notes in parentheses do not enter the key', () => {
  assert.equal(
    citationKey({
      url: 'https://example.org/x',
      publisher: 'The Kyiv Independent (citing Reuters)',
      published: '2025-12-20',
      title: 'Dmitriev in Miami',
    }),
    'kyivindependent-2025-12-20-dmitriev-miami',
  )
})

test('a new source needs an http(s) URL and names the field when it has none', () => {
  const parsed = NewSourceBody.safeParse({ url: 'ftp://example.org/file' })

  assert.equal(parsed.success, false)
  assert.deepEqual(
    parsed.error?.issues.map((i) => i.path.join('.')),
    ['url'],
  )
})

test('empty form fields count as absent', () => {
  const parsed = NewSourceBody.parse({
    url: 'https://example.org/',
    key: '',
    title: '',
    published: '',
  })

  assert.equal(parsed.key, undefined)
  assert.equal(parsed.title, undefined)
  assert.equal(parsed.published, undefined)
  assert.equal(parsed.kind, 'secondary')
})

test('the public summary counts sources by kind', () => {
  assert.equal(
    summarizeKinds(['wire', 'official', 'wire', 'osint', 'official', 'wire']),
    '6 sources: 2 official, 3 wire, 1 OSINT',
  )
  assert.equal(summarizeKinds([]), 'no sources')
})
