import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isArchiveLink, linkKey } from './links.ts'

test('one address written with another scheme, case, escapes or dot segments has one key', () => {
  const key = linkKey('https://news.example.com/story/7?b=2&a=1')

  for (const spelling of [
    'http://news.example.com/story/7?a=1&b=2',
    '//NEWS.example.com/story/7?a=1&b=2&utm_source=x',
    'https://news.example.com/%73tory/7/?a=1&b=2',
    'https://news.example.com//story/./7?a=1&b=2#part',
    'https://news.example.com/other/../story/7?a=1&b=2',
  ])
    assert.equal(linkKey(spelling), key, spelling)
  assert.notEqual(linkKey('https://news.example.com/story/8?a=1&b=2'), key)
  assert.equal(linkKey('mailto:desk@example.org'), undefined)
})

test('an archived copy is recognised as the router would resolve its path, on any host', () => {
  for (const href of [
    '/sources/k/snapshots/3',
    'http://localhost/sources/k/snapshots/3/text',
    '//parley.example/sources/k/snapshots',
    '/sources/k/%73napshots/3',
    '/sources/k/%2573napshots/3',
    '/sources//k//snapshots/3',
    '/sources/./k/./snapshots/3',
    '../sources/k/snapshots/3',
    '/SOURCES/k/Snapshots/3',
  ])
    assert.ok(isArchiveLink(href), href)
  for (const href of ['/sources/k', '/sources/k/claims', '#note-1', '/articles/snapshots'])
    assert.ok(!isArchiveLink(href), href)
})
