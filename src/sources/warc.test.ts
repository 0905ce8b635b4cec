import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { test } from 'node:test'
import { WARCParser } from 'warcio'
import { buildWarc, type WarcSnapshot } from './warc.ts'

const html = '<html><body><p>The framework is 90% complete.</p></body></html>'
const raw = new TextEncoder().encode(html)
const snapshot: WarcSnapshot = {
  id: 7,
  sourceKey: 'wire-2025-12-19-miami',
  finalUrl: 'https://example.org/miami',
  requestedUrl: 'https://example.org/miami?utm_source=x',
  fetchedAt: new Date('2025-12-20T10:11:12.345Z'),
  httpStatus: 200,
  headers: [
    ['content-type', 'text/html; charset=utf-8'],
    ['last-modified', 'Fri, 19 Dec 2025 18:00:00 GMT'],
  ],
  contentType: 'text/html; charset=utf-8',
  raw,
  sha256: createHash('sha256').update(raw).digest('hex'),
  text: 'The framework is 90% complete.',
  textSha256: createHash('sha256').update('The framework is 90% complete.').digest('hex'),
}

async function* chunks(bytes: Uint8Array) {
  yield bytes
}

test('snapshots export as WARC records another tool reads back byte for byte', async () => {
  const warc = await buildWarc([snapshot], { filename: 'ledger.warc', software: 'Parley test' })

  const records: {
    type: string
    uri: string | null | undefined
    refersTo: string | null
    payload: Uint8Array
    status?: number
  }[] = []
  for await (const record of new WARCParser(chunks(warc))) {
    const payload = await record.readFully(true)
    records.push({
      type: record.warcType,
      uri: record.warcTargetURI,
      refersTo: record.warcHeader('WARC-Refers-To') ?? null,
      payload,
      status: record.httpHeaders ? Number(record.httpHeaders.statusCode) : undefined,
    })
  }

  assert.deepEqual(
    records.map((r) => r.type),
    ['warcinfo', 'response', 'conversion'],
  )
  const response = records[1]!
  assert.equal(response.uri, 'https://example.org/miami')
  assert.equal(response.status, 200)
  assert.equal(createHash('sha256').update(response.payload).digest('hex'), snapshot.sha256)
  const conversion = records[2]!
  assert.equal(new TextDecoder().decode(conversion.payload), snapshot.text)
  assert.equal(conversion.refersTo, '<urn:parley:snapshot:7>')
})

test('the WARC names each record date and the payload digest', async () => {
  const warc = new TextDecoder().decode(
    await buildWarc([snapshot], { filename: 'x.warc', software: 'Parley' }),
  )

  assert.match(warc, /WARC-Date: 2025-12-20T10:11:12Z/)
  assert.match(warc, /WARC-Payload-Digest: sha256:[A-Z2-7]+/)
  assert.match(warc, new RegExp(`WARC-Parley-Payload-SHA256: ${snapshot.sha256}`))
})
