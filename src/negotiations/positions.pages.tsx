import type { SourceAccess } from '../platform/web/auth.ts'
import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import { Day, NegotiationNav } from '../platform/web/ui.tsx'
import { SourceList } from '../sources/source-links.tsx'
import type { StaffUser } from '../staff/staff.ts'
import type { TrackerData } from './actions/load-progress.ts'
import type { DocumentView } from './negotiations.repository.ts'
import { Levels, latestPosition, levelLabels, roleOn } from './progress.ts'
import type { PositionView } from './tracker.repository.ts'

/** One party's latest position on one point, greyed when the party is not a principal that day. */
function PositionCell(props: {
  position: PositionView | undefined
  principal: boolean
  access?: SourceAccess | undefined
}) {
  const { position } = props
  const grey = props.principal ? '' : 'not-principal'
  if (!position) {
    return (
      <td class={`level level-none ${grey}`}>
        <span class="meta">no position recorded</span>
      </td>
    )
  }
  return (
    <td class={`level level-${position.level} ${grey}`}>
      <strong>
        {position.level} · {levelLabels[position.level]}
      </strong>
      <div class="meta">
        since <Day date={position.statedOn} />
      </div>
      {position.note ? <div>{position.note}</div> : null}
      <SourceList sources={position.sources} access={props.access} at={position.statedOn} />
    </td>
  )
}

export function positionsPage(props: {
  data: TrackerData
  document: DocumentView
  at: string
  staff?: StaffUser | undefined
  access?: SourceAccess | undefined
}) {
  const { data, document: doc, at } = props
  const n = data.negotiation
  const own = data.positions.filter((p) => p.documentId === doc.id)
  const parties = [...new Set(own.map((p) => p.actorKey))]
  const roles = data.roles.map((r) => ({
    party: r.actorKey,
    role: r.role,
    from: r.fromOn,
    to: r.toOn,
  }))
  const name = (key: string) => data.actors.find((a) => a.key === key)?.name ?? key
  const records = own.map((p) => ({
    provision: String(p.provisionId),
    party: p.actorKey,
    on: p.statedOn,
    level: p.level,
    view: p,
  }))
  const latest = (provisionId: number, party: string): PositionView | undefined =>
    (
      latestPosition(records, String(provisionId), party, at) as
        | (typeof records)[number]
        | undefined
    )?.view
  return htmlDocument(
    <Layout title={`Positions — ${n.title}`} staff={props.staff}>
      <h1>Positions, point by point</h1>
      <p class="meta">
        <a href={`/negotiations/${n.slug}`}>{n.title}</a>
      </p>
      <NegotiationNav slug={n.slug} current="positions" staff={props.staff !== undefined} />
      <form method="get" class="filters">
        <label>
          Version
          <select name="framework">
            {data.documents.map((d) => (
              <option value={d.key} selected={d.id === doc.id}>
                {d.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          As of
          <input type="date" name="at" value={at} required />
        </label>
        <button type="submit">Show</button>
      </form>
      <p class="prose">
        Each party's latest position on or before <Day date={at} />, on the ladder{' '}
        {Levels.map((l) => `${l} ${levelLabels[l]}`).join(' · ')}, with the sources it rests on.
        Parties who are not principals on that date are shown in grey: their positions do not count
        in the measures of that date.
      </p>
      {own.length === 0 ? <p>No positions are recorded on this version yet.</p> : null}
      <div class="table-wrap">
        <table class="positions" id="positions">
          <thead>
            <tr>
              <th scope="col">Point</th>
              {parties.map((party) => {
                const role = roleOn(roles, party, at)
                return (
                  <th scope="col" class={role === 'principal' ? '' : 'not-principal'}>
                    {name(party)}
                    <div class="meta">{role ?? 'no role'}</div>
                  </th>
                )
              })}
            </tr>
          </thead>
          <tbody>
            {doc.provisions.map((p) => (
              <tr id={`point-${p.number}`}>
                <th scope="row">
                  {p.number}. <span class="tag">{p.topic}</span>
                  <div class="point-text">{p.text}</div>
                </th>
                {parties.map((party) => (
                  <PositionCell
                    position={latest(p.id, party)}
                    principal={roleOn(roles, party, at) === 'principal'}
                    access={props.access}
                  />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>,
  )
}
