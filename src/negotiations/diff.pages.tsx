import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import { Day, NegotiationNav } from '../platform/web/ui.tsx'
import type { StaffUser } from '../staff/staff.ts'
import type { DocumentView, NegotiationRow } from './negotiations.repository.ts'
import type { LineageRow } from './progress.ts'

const KIND_LABEL: Record<LineageRow['kind'], string> = {
  carried: 'carried',
  merged: 'merged',
  split: 'split',
  dropped: 'dropped',
  new: 'new',
}

export function diffPage(props: {
  negotiation: NegotiationRow
  documents: DocumentView[]
  from: DocumentView
  to: DocumentView
  rows: LineageRow[]
  linked: boolean
  staff?: StaffUser | undefined
}) {
  const { negotiation: n, from, to } = props
  const text = (doc: DocumentView, number: number) =>
    doc.provisions.find((p) => p.number === number)
  const counts = Object.fromEntries(
    (['carried', 'merged', 'split', 'dropped', 'new'] as const).map((k) => [
      k,
      props.rows.filter((r) => r.kind === k).length,
    ]),
  )
  return htmlDocument(
    <Layout title={`Versions compared — ${n.title}`} staff={props.staff}>
      <h1>
        {from.title} → {to.title}
      </h1>
      <p class="meta">
        <a href={`/negotiations/${n.slug}`}>{n.title}</a>
      </p>
      <NegotiationNav slug={n.slug} current="versions" staff={props.staff !== undefined} />
      <form method="get" class="filters">
        <label>
          Earlier
          <select name="from">
            {props.documents.map((d) => (
              <option value={d.key} selected={d.id === from.id}>
                {d.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Later
          <select name="to">
            {props.documents.map((d) => (
              <option value={d.key} selected={d.id === to.id}>
                {d.title}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Compare</button>
      </form>
      {from.id === to.id ? (
        <p class="notice">Choose two different versions to compare.</p>
      ) : props.linked ? (
        <p class="meta" id="diff-summary">
          {from.provisions.length} points → {to.provisions.length} points: {counts.carried} carried,{' '}
          {counts.merged} merged, {counts.split} split, {counts.dropped} dropped, {counts.new} new.
        </p>
      ) : (
        <p class="notice">
          No lineage is recorded between these versions, so every point shows as dropped or new.
        </p>
      )}
      <div class="table-wrap">
        <table class="diff" id="diff">
          <thead>
            <tr>
              <th scope="col">
                {from.title} (<Day date={from.datedOn} />)
              </th>
              <th scope="col">What became of it</th>
              <th scope="col">
                {to.title} (<Day date={to.datedOn} />)
              </th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr class={`lineage-${row.kind}`}>
                <td>
                  {row.from.map((number) => (
                    <p>
                      <strong>{number}.</strong> {text(from, number)?.text}
                    </p>
                  ))}
                </td>
                <td>
                  <span class={`tag kind-${row.kind}`}>{KIND_LABEL[row.kind]}</span>
                  {row.notes.map((note) => (
                    <div class="meta">{note}</div>
                  ))}
                </td>
                <td>
                  {row.to.map((number) => (
                    <p>
                      <strong>{number}.</strong> {text(to, number)?.text}
                    </p>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>,
  )
}
