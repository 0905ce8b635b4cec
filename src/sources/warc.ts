import { WARCRecord, WARCSerializer } from 'warcio'

/** What the WARC writer needs of a snapshot. */
export interface WarcSnapshot {
  id: number
  sourceKey: string
  finalUrl: string
  requestedUrl: string
  fetchedAt: Date
  httpStatus: number
  headers: [string, string][]
  contentType: string
  raw: Uint8Array
  sha256: string
  text: string | null
  textSha256: string | null
}

const REASONS: Record<number, string> = { 200: 'OK', 203: 'Non-Authoritative Information' }

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes
}

function warcDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/**
 * Snapshots as a WARC 1.1 file (ISO 28500) that replay and archiving tools read: a warcinfo
 * record, then per snapshot a `response` record (status line, headers, the stored payload) and,
 * when there is readable text, a `conversion` record holding it, tied to the response by
 * WARC-Refers-To. The ledger's own hashes travel as WARC-Parley-* extension fields.
 */
export async function buildWarc(
  snapshots: readonly WarcSnapshot[],
  info: { filename: string; software: string },
): Promise<Uint8Array> {
  const warcVersion = 'WARC/1.1' as const
  const parts: Uint8Array[] = []
  const warcinfo = WARCRecord.createWARCInfo(
    { filename: info.filename, warcVersion },
    {
      software: info.software,
      format: 'WARC File Format 1.1',
      description: 'Parley evidence ledger snapshots',
    },
  )
  parts.push(await WARCSerializer.serialize(warcinfo))
  for (const snapshot of snapshots) {
    const date = warcDate(snapshot.fetchedAt)
    const recordId = `<urn:parley:snapshot:${snapshot.id}>`
    // The stored payload is already decoded: describe it as sent, without transfer encodings.
    const headers: [string, string][] = [
      ...snapshot.headers.filter(([name]) => name !== 'content-type' && name !== 'content-length'),
      ['content-type', snapshot.contentType],
      ['content-length', String(snapshot.raw.length)],
    ]
    const response = WARCRecord.create(
      {
        url: snapshot.finalUrl,
        date,
        type: 'response',
        warcVersion,
        statusline:
          `HTTP/1.1 ${snapshot.httpStatus} ${REASONS[snapshot.httpStatus] ?? ''}`.trimEnd(),
        httpHeaders: headers,
        warcHeaders: {
          'WARC-Record-ID': recordId,
          'WARC-Parley-Source': snapshot.sourceKey,
          'WARC-Parley-Requested-URI': snapshot.requestedUrl,
          'WARC-Parley-Payload-SHA256': snapshot.sha256,
        },
      },
      once(snapshot.raw),
    )
    parts.push(
      await WARCSerializer.serialize(response, {
        digest: { algo: 'sha-256', prefix: 'sha256:', base32: true },
      }),
    )
    if (snapshot.text !== null) {
      const conversion = WARCRecord.create(
        {
          url: snapshot.finalUrl,
          date,
          type: 'conversion',
          warcVersion,
          warcHeaders: {
            'WARC-Record-ID': `<urn:parley:snapshot:${snapshot.id}:text>`,
            'WARC-Refers-To': recordId,
            'Content-Type': 'text/plain; charset=utf-8',
            'WARC-Parley-Text-SHA256': snapshot.textSha256 ?? '',
          },
        },
        once(new TextEncoder().encode(snapshot.text)),
      )
      parts.push(
        await WARCSerializer.serialize(conversion, {
          digest: { algo: 'sha-256', prefix: 'sha256:', base32: true },
        }),
      )
    }
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}
