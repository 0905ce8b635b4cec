import assert from 'node:assert/strict'
import { test } from 'node:test'
import { decodeBody, extractReadableText, refusalForType } from './readable-text.ts'
import { minimalPdf } from './testing/pdf.ts'

const encode = (text: string) => new TextEncoder().encode(text)

const ARTICLE = `<!doctype html><html><head><title>Envoy: deal 90% done | Example News</title>
<script>window.tracking = 1</script><style>p { color: red }</style></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Envoy says the deal is 90% done</h1>
<p>The envoy told reporters on Friday that the framework was   "90% complete", while the
territorial question remained open.</p>
<p>Officials on both sides said the remaining points were the hardest. They declined to say
which of the twenty points were still in dispute, and no text has been published.</p>
<p>Talks are expected to resume next week in a third country, according to two people familiar
with the plans who were not authorised to speak publicly.</p></article>
<footer>© Example News</footer></body></html>`

test('an article page gives its readable text without scripts, styles or navigation', async () => {
  const extracted = await extractReadableText(encode(ARTICLE), 'text/html; charset=utf-8')

  assert.equal(extracted.status, 'extracted')
  assert.equal(extracted.extractor, 'readability')
  assert.match(extracted.text!, /the framework was "90% complete", while the territorial/)
  assert.doesNotMatch(extracted.text!, /tracking|color: red|World/)
  assert.ok(extracted.title?.includes('90%'))
})

test('extraction is deterministic: the same bytes give the same text', async () => {
  const a = await extractReadableText(encode(ARTICLE), 'text/html')
  const b = await extractReadableText(encode(ARTICLE), 'text/html')

  assert.equal(a.text, b.text)
})

test('paragraphs are separated by a blank line and inline whitespace collapses', async () => {
  const extracted = await extractReadableText(
    encode('<html><body><p>one\n  two</p><p>three<br>four</p></body></html>'),
    'text/html',
  )

  assert.equal(extracted.text, 'one two\n\nthree\nfour')
})

test('plain text keeps its lines and loses carriage returns', async () => {
  const extracted = await extractReadableText(encode('a,b\r\n1,2\r\n'), 'text/csv')

  assert.deepEqual(extracted, {
    text: 'a,b\n1,2',
    status: 'extracted',
    extractor: 'plain',
    title: null,
  })
})

test('a declared or sniffed charset is honoured', () => {
  const latin1 = new Uint8Array([0x63, 0x61, 0x66, 0xe9])

  assert.equal(decodeBody(latin1, 'text/plain; charset=iso-8859-1', false), 'café')
  assert.equal(
    decodeBody(
      new Uint8Array([...encode('<meta charset="windows-1252"><p>'), 0xe9]),
      'text/html',
      true,
    ).endsWith('é'),
    true,
  )
})

test('a PDF gives the text of its pages', async () => {
  const pdf = minimalPdf(['The framework is ninety percent agreed.', 'Territory remains open.'])

  const extracted = await extractReadableText(pdf, 'application/pdf')

  assert.equal(extracted.status, 'extracted')
  assert.equal(extracted.extractor, 'pdf.js')
  assert.equal(extracted.text, 'The framework is ninety percent agreed.\nTerritory remains open.')
})

test('a damaged PDF is kept without text', async () => {
  const extracted = await extractReadableText(encode('%PDF-1.4 nothing here'), 'application/pdf')

  assert.equal(extracted.status, 'not_extracted')
  assert.equal(extracted.text, null)
})

test('an empty page has no text', async () => {
  const extracted = await extractReadableText(encode('<html><body> </body></html>'), 'text/html')

  assert.equal(extracted.status, 'empty')
  assert.equal(extracted.text, null)
})

test('images and binaries are refused; HTML, text and PDF are not', () => {
  assert.match(
    refusalForType('image/png') ?? '',
    /serves image\/png, which is not HTML, text or PDF/,
  )
  assert.match(refusalForType('application/octet-stream') ?? '', /not HTML, text or PDF/)
  assert.equal(refusalForType('text/html; charset=utf-8'), undefined)
  assert.equal(refusalForType('application/pdf'), undefined)
  assert.equal(refusalForType('text/csv'), undefined)
})
