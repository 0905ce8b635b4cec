import * as Plot from '@observablehq/plot'
import type { SourceAccess } from '../platform/web/auth.ts'
import { renderChart } from '../platform/web/chart.ts'
import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import { Day, NegotiationNav, Raw } from '../platform/web/ui.tsx'
import { SourceList } from '../sources/source-links.tsx'
import type { StaffUser } from '../staff/staff.ts'
import type { TrackerData } from './actions/load-progress.ts'
import { nextDay, type Role, Roles, roleOn } from './progress.ts'
import { chartName, toDate } from './tracker.pages.tsx'
import type { RoleView } from './tracker.repository.ts'

// ——— Architecture: who decides, over time ———

const ROLE_COLORS: Record<Role, string> = {
  principal: '#1d4ed8',
  mediator: '#047857',
  guarantor: '#7c3aed',
  consulted: '#b45309',
  observer: '#4b5563',
  sidelined: '#b91c1c',
}

export function architectureChart(data: TrackerData, end: string): string {
  const parties = [...new Set(data.roles.map((r) => chartName(r.actorName)))]
  const start = data.roles.map((r) => r.fromOn).sort()[0] ?? data.negotiation.startedOn
  const bars = data.roles.map((r) => ({
    party: chartName(r.actorName),
    role: r.role,
    from: toDate(r.fromOn),
    to: toDate(nextDay(r.toOn ?? end)),
  }))
  return renderChart(
    {
      width: 760,
      height: 48 + parties.length * 44,
      marginLeft: 150,
      marginRight: 20,
      x: { type: 'utc', domain: [toDate(start), toDate(nextDay(end))], label: null, grid: true },
      y: { domain: parties, label: null },
      color: { domain: [...Roles], range: Roles.map((r) => ROLE_COLORS[r]) },
      marks: [
        Plot.barX(bars, { x1: 'from', x2: 'to', y: 'party', fill: 'role', inset: 4 }),
        Plot.text(bars, {
          x: 'from',
          y: 'party',
          text: 'role',
          dx: 5,
          textAnchor: 'start',
          fill: 'white',
          fontSize: 11,
          fontWeight: 'bold',
          filter: (d: (typeof bars)[number]) => d.to.getTime() - d.from.getTime() > 20 * 86_400_000,
        }),
      ],
    },
    {
      id: 'architecture-chart',
      title: 'Parties by role over time',
      description: data.roles
        .map((r) => `${r.actorName}: ${r.role} from ${r.fromOn}${r.toOn ? ` to ${r.toOn}` : ''}`)
        .join('; '),
    },
  )
}

export function architecturePage(props: {
  data: TrackerData
  end: string
  at: string
  staff?: StaffUser | undefined
  access?: SourceAccess | undefined
}) {
  const { data } = props
  const n = data.negotiation
  const parties = [...new Set(data.roles.map((r) => r.actorKey))]
  return htmlDocument(
    <Layout title={`Who decides — ${n.title}`} staff={props.staff}>
      <h1>Who decides</h1>
      <p class="meta">
        <a href={`/negotiations/${n.slug}`}>{n.title}</a>
      </p>
      <NegotiationNav slug={n.slug} current="architecture" staff={props.staff !== undefined} />
      <p class="prose">
        Who sits at the table, who is consulted, who guarantees and who is left out changes over the
        talks, and so does whose consent a point needs: only the principals of a date count in the
        progress measures of that date.
      </p>
      <ul class="legend" aria-label="Roles">
        {Roles.map((role) => (
          <li>
            <span class={`swatch role-${role}`} aria-hidden="true" /> {role}
          </li>
        ))}
      </ul>
      {data.roles.length === 0 ? (
        <p>No roles are recorded for this negotiation yet.</p>
      ) : (
        <figure class="chart">
          <Raw html={architectureChart(data, props.end)} />
        </figure>
      )}
      <form method="get" class="filters">
        <label>
          Roles on
          <input type="date" name="at" value={props.at} required />
        </label>
        <button type="submit">Show</button>
      </form>
      <ul class="roles-on">
        {parties.map((party) => {
          const role = roleOn(
            data.roles.map((r) => ({
              party: r.actorKey,
              role: r.role,
              from: r.fromOn,
              to: r.toOn,
            })),
            party,
            props.at,
          )
          const name = data.roles.find((r) => r.actorKey === party)?.actorName ?? party
          return (
            <li>
              <strong>{name}</strong>: {role ?? 'no role'} on <Day date={props.at} />
            </li>
          )
        })}
      </ul>
      <h2>Every role period</h2>
      <RoleTable roles={data.roles} access={props.access} />
    </Layout>,
  )
}

/** Every role period; the edit page adds its own controls in a last column. */
export function RoleTable(props: {
  roles: readonly RoleView[]
  access?: SourceAccess | undefined
  staffActions?: (role: RoleView) => unknown
}) {
  return (
    <div class="table-wrap">
      <table id="roles">
        <thead>
          <tr>
            <th scope="col">Party</th>
            <th scope="col">Role</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Why</th>
            {props.staffActions ? <th scope="col">Change</th> : null}
          </tr>
        </thead>
        <tbody>
          {props.roles.map((r) => (
            <tr>
              <th scope="row">{r.actorName}</th>
              <td>
                <span class={`tag role-tag-${r.role}`}>{r.role}</span>
              </td>
              <td>
                <Day date={r.fromOn} />
              </td>
              <td>{r.toOn ? <Day date={r.toOn} /> : 'ongoing'}</td>
              <td>
                {r.note ?? ''}
                <SourceList sources={r.sources} access={props.access} />
              </td>
              {props.staffActions ? <td>{props.staffActions(r) as never}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
