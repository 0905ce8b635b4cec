import assert from 'node:assert/strict'
import { test } from 'node:test'
import { formatBibliography } from './bibliography.ts'
import { type CslSource, parseAuthors, parseCslImport, sourceToCsl } from './csl.ts'

const axios: CslSource = {
  key: 'axios-2025-11-20-28-points',
  url: 'https://www.axios.com/2025/11/20/ukraine-peace-plan-28-points',
  title: 'The 28 points of the US plan for Ukraine',
  publisher: 'Axios',
  author: 'Barak Ravid',
  publishedOn: '2025-11-20',
  kind: 'secondary',
  reliability: 'B',
  note: null,
  csl: null,
}

test('a source becomes a CSL-JSON item with its key as id', () => {
  const item = sourceToCsl(axios, { includeUrl: true, accessed: new Date('2025-11-21T08:00:00Z') })

  assert.deepEqual(item, {
    id: 'axios-2025-11-20-28-points',
    type: 'article-newspaper',
    custom: { kind: 'secondary', reliability: 'B' },
    title: 'The 28 points of the US plan for Ukraine',
    'container-title': 'Axios',
    author: [{ family: 'Ravid', given: 'Barak' }],
    issued: { 'date-parts': [[2025, 11, 20]] },
    URL: 'https://www.axios.com/2025/11/20/ukraine-peace-plan-28-points',
    accessed: { 'date-parts': [[2025, 11, 21]] },
  })
})

test('for readers who may not see links, the item has no URL and no access date', () => {
  const item = sourceToCsl(axios, { includeUrl: false, accessed: new Date() })

  assert.equal('URL' in item, false)
  assert.equal('accessed' in item, false)
})

test('organisations stay whole as authors', () => {
  assert.deepEqual(parseAuthors('Office of the President of Ukraine; Jane Doe'), [
    { literal: 'Office of the President of Ukraine' },
    { family: 'Doe', given: 'Jane' },
  ])
})

test('a CSL-JSON import round-trips through the ledger fields', () => {
  const exported = [
    {
      ...sourceToCsl(axios, { includeUrl: true }),
      DOI: '10.0000/example',
      'event-place': 'Washington',
    },
  ]

  const parsed = parseCslImport(exported)

  assert.ok(parsed.ok)
  const [source] = parsed.items
  assert.equal(source?.key, axios.key)
  assert.equal(source?.author, 'Barak Ravid')
  assert.equal(source?.publishedOn, '2025-11-20')
  assert.equal(source?.reliability, 'B')
  const again = sourceToCsl({ ...axios, csl: source!.csl }, { includeUrl: true })
  assert.deepEqual(again, exported[0])
})

test('items without a URL or with a bad date are refused with their JSON paths', () => {
  const parsed = parseCslImport([
    { id: 'a', type: 'book', title: 'No address' },
    { id: 'b', type: 'webpage', URL: 'https://example.org/b', issued: { 'date-parts': [['x']] } },
  ])

  assert.equal(parsed.ok, false)
  assert.deepEqual(!parsed.ok && parsed.problems.map((p) => p.path), [
    '$[0].URL',
    '$[1].issued.date-parts[0][0]',
  ])
})

test('a non-array is refused', () => {
  assert.deepEqual(parseCslImport({ items: [] }), {
    ok: false,
    problems: [{ path: '$', message: 'expected a CSL-JSON array of items' }],
  })
})

test('the bibliography is formatted in APA and in Chicago author-date', async () => {
  const item = sourceToCsl(axios, { includeUrl: false })

  const apa = await formatBibliography([item], 'apa', 'text')
  const chicago = await formatBibliography([item], 'chicago', 'text')

  assert.equal(
    apa.trim(),
    'Ravid, B. (2025, November 20). The 28 points of the US plan for Ukraine. Axios.',
  )
  assert.equal(
    chicago.trim(),
    'Ravid, Barak. 2025. “The 28 Points of the US Plan for Ukraine.” Axios, November 20, 2025.',
  )
})
