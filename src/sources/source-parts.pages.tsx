import { quotePath } from './captures.ts'
import type { QuoteRow } from './quotes.repository.ts'
import type { SnapshotMeta } from './snapshots.repository.ts'
import { type LinkStatus, linkStatusLabels } from './sources.ts'

/** Where a snapshot's archived copy is served (gated: only for readers who may see links). */
export function archivePath(sourceKey: string, snapshotId: number): string {
  return `/sources/${encodeURIComponent(sourceKey)}/snapshots/${snapshotId}`
}

export const timestamp = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`

function bytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}

/** A hash shown short but complete on hover and for copying; the full value is in the title. */
function Hash(props: { value: string | null }) {
  if (!props.value) return <span class="muted">—</span>
  return (
    <code class="hash" title={props.value}>
      {props.value}
    </code>
  )
}

export function LinkStatusTag(props: { status: LinkStatus }) {
  return (
    <span class={`tag link-${props.status}`} title={linkStatusLabels[props.status]}>
      {props.status === 'unchecked' ? 'not checked' : props.status}
    </span>
  )
}

/** "not archived: …" → "Not archived: …", for a line that stands alone. */
export function sentence(line: string): string {
  return line.charAt(0).toUpperCase() + line.slice(1)
}

export function versionsOf(snapshots: readonly SnapshotMeta[]): number {
  return new Set(snapshots.map((s) => s.textSha256 ?? `raw:${s.sha256}`)).size
}

export function SnapshotTable(props: {
  sourceKey: string
  snapshots: SnapshotMeta[]
  links: boolean
}) {
  return (
    <div class="table-wrap">
      <table class="snapshots">
        <thead>
          <tr>
            <th scope="col">Captured</th>
            <th scope="col">HTTP</th>
            <th scope="col">Type, size</th>
            <th scope="col">SHA-256 of the bytes</th>
            <th scope="col">SHA-256 of the text</th>
            {props.links ? <th scope="col">Copy</th> : null}
          </tr>
        </thead>
        <tbody>
          {props.snapshots.map((s) => (
            <tr id={`snapshot-${s.id}`}>
              <td>
                <time datetime={s.fetchedAt.toISOString()}>{timestamp(s.fetchedAt)}</time>
                <div class="meta">#{s.id}</div>
              </td>
              <td>{s.httpStatus}</td>
              <td>
                {s.contentType.split(';')[0]}, {bytes(s.byteLength)}
                <div class="meta">
                  text {s.textStatus.replace('_', ' ')}
                  {s.extractor ? ` (${s.extractor})` : ''}
                </div>
              </td>
              <td>
                <Hash value={s.sha256} />
              </td>
              <td>
                <Hash value={s.textSha256} />
              </td>
              {props.links ? (
                <td>
                  <a href={archivePath(props.sourceKey, s.id)}>archived copy</a>
                  {s.textStatus === 'extracted' ? (
                    <>
                      {' · '}
                      <a href={`${archivePath(props.sourceKey, s.id)}/text`}>text</a>
                    </>
                  ) : null}
                  {s.finalUrl !== s.requestedUrl ? (
                    <div class="meta url">via {s.finalUrl}</div>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** The quotes from a source; given `linkTo` (members and staff), each opens highlighted in its capture. */
export function QuoteList(props: { quotes: QuoteRow[]; linkTo?: string | undefined }) {
  const { linkTo } = props
  return (
    <ul class="quotes">
      {props.quotes.map((q) => (
        <li id={`quote-${q.id}`}>
          <blockquote class="quote">
            <span class="context">…{q.prefix}</span>
            <mark>{q.exact}</mark>
            <span class="context">{q.suffix}…</span>
          </blockquote>
          <p class="meta">
            Quote {q.id} · snapshot #{q.snapshotId}, characters {q.start}–{q.end}
            {linkTo ? (
              <>
                {' · '}
                <a href={quotePath(linkTo, q.snapshotId, q.id)}>in the archived copy</a>
              </>
            ) : null}{' '}
            · <span class={`tag quote-${q.status}`}>{q.status}</span>
            {q.verifiedAt ? <> checked {timestamp(q.verifiedAt)}</> : null}
            {q.status === 'moved' && q.verifiedStart !== null
              ? ` — now at ${q.verifiedStart}–${q.verifiedEnd} of snapshot #${q.verifiedSnapshotId}`
              : ''}
            {q.status === 'orphaned'
              ? ' — the live page no longer says this; the archived copy still does'
              : ''}
          </p>
        </li>
      ))}
    </ul>
  )
}
