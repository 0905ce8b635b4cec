import assert from 'node:assert/strict'
import { test } from 'node:test'
import { anchorQuote, describeSpan, findQuote } from './anchor.ts'

const TEXT =
  'The envoy said the framework was 90% complete. Officials said the rest was hard. ' +
  'Later the envoy said the framework was 95% complete, with territory open.'

test('a span is described by its words, their context and its offsets', () => {
  const start = TEXT.indexOf('90% complete')

  const selectors = describeSpan(TEXT, start, start + 12)

  assert.equal(selectors.quote.exact, '90% complete')
  assert.equal(selectors.quote.prefix, 'he envoy said the framework was ')
  assert.equal(selectors.quote.suffix, '. Officials said the rest was ha')
  assert.deepEqual(selectors.position, { start, end: start + 12 })
})

test('a quote in unchanged text verifies at its offsets', () => {
  const start = TEXT.indexOf('Officials said')
  const selectors = describeSpan(TEXT, start, start + 30)

  assert.deepEqual(anchorQuote(TEXT, selectors), {
    status: 'verified',
    position: selectors.position,
  })
})

test('a quote whose words moved is found again and reported moved', () => {
  const start = TEXT.indexOf('Officials said')
  const selectors = describeSpan(TEXT, start, start + 30)
  const changed = `Update: an editor's note was added at the top. ${TEXT}`

  const result = anchorQuote(changed, selectors)

  assert.equal(result.status, 'moved')
  assert.equal(changed.slice(result.position!.start, result.position!.end), selectors.quote.exact)
})

test('a quote whose words are gone is orphaned', () => {
  const start = TEXT.indexOf('90% complete')
  const selectors = describeSpan(TEXT, start, start + 12)

  assert.deepEqual(anchorQuote(TEXT.replace('90%', 'largely'), selectors), { status: 'orphaned' })
})

test('a repeated phrase is told apart by its context', () => {
  const second = TEXT.lastIndexOf('the framework was')
  const selectors = describeSpan(TEXT, second, second + 17)
  const shifted = `Intro. ${TEXT}`

  const found = findQuote(shifted, selectors.quote)

  assert.equal(found?.start, second + 'Intro. '.length)
})

test('without context the occurrence nearest the hint wins', () => {
  const first = TEXT.indexOf('the framework was')
  const second = TEXT.lastIndexOf('the framework was')

  assert.equal(findQuote(TEXT, { exact: 'the framework was' })?.start, first)
  assert.equal(findQuote(TEXT, { exact: 'the framework was' }, second - 3)?.start, second)
})

test('whitespace differences do not orphan a quote, but it counts as moved', () => {
  const start = TEXT.indexOf('Officials said')
  const selectors = describeSpan(TEXT, start, start + 30)
  const rewrapped = TEXT.replace('Officials said the rest', 'Officials  said\nthe rest')

  const result = anchorQuote(rewrapped, selectors)

  assert.equal(result.status, 'moved')
  assert.equal(
    rewrapped.slice(result.position!.start, result.position!.end),
    'Officials  said\nthe rest was ha',
  )
})

test('an empty quote is never found', () => {
  assert.equal(findQuote(TEXT, { exact: '' }), undefined)
})
