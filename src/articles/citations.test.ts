import assert from 'node:assert/strict'
import { test } from 'node:test'
import { findCitations, numberSources, parseCitationItems } from './citations.ts'

test('a bracket with one key, a locator, or several keys with prefixes is a citation', () => {
  assert.deepEqual(parseCitationItems('@reuters-2025'), [
    { key: 'reuters-2025', prefix: '', suffix: '' },
  ])
  assert.deepEqual(parseCitationItems('@tass-2025-12-01, p. 4'), [
    { key: 'tass-2025-12-01', prefix: '', suffix: ', p. 4' },
  ])
  assert.deepEqual(parseCitationItems('see @a; also @b.c, ch. 2'), [
    { key: 'a', prefix: 'see', suffix: '' },
    { key: 'b.c', prefix: 'also', suffix: ', ch. 2' },
  ])
  assert.deepEqual(parseCitationItems('@{a key with spaces}, pp. 3–5'), [
    { key: 'a key with spaces', prefix: '', suffix: ', pp. 3–5' },
  ])
})

test('a key ends before trailing punctuation, so "@a." cites "a"', () => {
  assert.equal(parseCitationItems('@wion-2026-01-09.')?.[0]?.key, 'wion-2026-01-09')
  assert.equal(parseCitationItems('@a.b.')?.[0]?.key, 'a.b')
})

test('brackets that are not citations stay text: [sic], an address, an item without a key', () => {
  assert.equal(parseCitationItems('sic'), undefined)
  assert.equal(parseCitationItems('write to desk@example.org'), undefined)
  assert.equal(parseCitationItems('@a; and more'), undefined)
  assert.deepEqual(findCitations('He said [sic] that [ask @ the desk] was open.'), [])
})

test('citations are found with their offsets in running text', () => {
  const text = 'Talks [@a] and strikes [see @b; @a, p. 2].'

  const found = findCitations(text)

  assert.equal(found.length, 2)
  assert.equal(text.slice(found[0]!.start, found[0]!.end), '[@a]')
  assert.equal(text.slice(found[1]!.start, found[1]!.end), '[see @b; @a, p. 2]')
})

test('sources are numbered in order of first citation and keep their number when cited again', () => {
  const numbers = numberSources(findCitations('[@b] then [@a; @b] then [@c] and [@a]'))

  assert.deepEqual(
    [...numbers.entries()],
    [
      ['b', 1],
      ['a', 2],
      ['c', 3],
    ],
  )
})
