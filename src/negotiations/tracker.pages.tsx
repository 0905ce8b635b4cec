import * as Plot from '@observablehq/plot'
import type { SourceAccess } from '../platform/web/auth.ts'
import { renderChart } from '../platform/web/chart.ts'
import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import { Day, NegotiationNav, Raw } from '../platform/web/ui.tsx'
import { SourceList } from '../sources/source-links.tsx'
import type { StaffUser } from '../staff/staff.ts'
import { ImplementationFigure, ImplementationSection } from './implementation.pages.tsx'
import type { NegotiationProgress, TrackerData } from './load-progress.ts'
import type { DocumentView, NegotiationRow } from './negotiations.repository.ts'
import {
  type Flag,
  type Level,
  Levels,
  type LineageRow,
  latestPosition,
  levelLabels,
  nextDay,
  type Role,
  Roles,
  roleOn,
} from './progress.ts'
import type { PositionView, RoleView } from './tracker.repository.ts'

// ——— Formatting ———

export const pct = (share: number) => `${(share * 100).toFixed(1)}%`
const pct0 = (share: number) => `${Math.round(share * 100)}%`

const statusLabel = (status: number) => {
  const level = Math.round(status * 3) as Level
  return `${level} · ${levelLabels[level]}`
}

// ——— The progress section of the overview ———

const SERIES = [
  { key: 'countShare', label: 'Count share C', short: 'C', stroke: '#c2570c', dash: null },
  { key: 'stakeWeighted', label: 'Stake-weighted P', short: 'P', stroke: '#15803d', dash: '7,4' },
  { key: 'gated', label: 'Gated G', short: 'G', stroke: '#6d5bd0', dash: '2,3' },
] as const
const CLAIM_COLOR = '#b3261e'

const toDate = (day: string) => new Date(`${day}T00:00:00Z`)

/** "Steve Witkoff" → "Witkoff"; "Two senior US officials (unnamed)" → "US officials". */
export function shortName(name: string): string {
  const words = name
    .replace(/\([^)]*\)/g, '')
    .trim()
    .split(/\s+/)
  return words.length <= 2 ? words.at(-1)! : words.slice(-2).join(' ')
}

/** "E3 (United Kingdom, France, Germany)" → "E3", for chart labels. */
const chartName = (name: string) => name.replace(/\s*\([^)]*\)/g, '').trim() || name

/** C, P and G over time as step lines, the progress claims as marked points, the chosen date ruled. */
export function progressChart(progress: NegotiationProgress, id = 'progress-chart'): string {
  const { series, answer } = progress
  const claims = answer.claims
  const start = [series[0]?.date ?? answer.at, ...claims.map((c) => c.statedOn)].sort()[0]!
  const end = nextDay([series.at(-1)?.date ?? answer.at, answer.at].sort().at(-1)!)
  // The step series is extended to the end of the domain so the last step is drawn.
  const last = series.at(-1)
  const steps = last ? [...series, { ...last, date: end }] : series
  const marks: Plot.Markish[] = [Plot.ruleY([0, 1], { stroke: 'currentColor', strokeOpacity: 0.3 })]
  for (const s of SERIES) {
    marks.push(
      Plot.lineY(steps, {
        x: (d: (typeof steps)[number]) => toDate(d.date),
        y: s.key,
        curve: 'step-after',
        stroke: s.stroke,
        strokeWidth: 2.5,
        ...(s.dash ? { strokeDasharray: s.dash } : {}),
      }),
    )
  }
  if (last) {
    marks.push(
      Plot.text(
        SERIES.map((s) => ({ label: s.short, value: last[s.key], stroke: s.stroke })),
        {
          x: toDate(end),
          y: 'value',
          text: 'label',
          fill: 'stroke',
          dx: 8,
          textAnchor: 'start',
          fontWeight: 'bold',
          fontSize: 13,
        },
      ),
    )
  }
  marks.push(
    Plot.ruleX([toDate(answer.at)], { stroke: 'currentColor', strokeDasharray: '3,3' }),
    Plot.text([answer.at], {
      x: (d: string) => toDate(d),
      frameAnchor: 'top',
      text: () => 'chosen date',
      dy: -2,
      textAnchor: 'start',
      dx: 4,
    }),
    Plot.dot(claims, {
      x: (c: (typeof claims)[number]) => toDate(c.statedOn),
      y: 'statedShare',
      r: 5,
      symbol: 'diamond',
      fill: CLAIM_COLOR,
      stroke: 'white',
    }),
    Plot.text(claims, {
      x: (c: (typeof claims)[number]) => toDate(c.statedOn),
      y: 'statedShare',
      text: (c: (typeof claims)[number]) =>
        `${c.claimant.split(' ').at(-1)} ${pct0(c.statedShare)}`,
      dy: -11,
      fill: CLAIM_COLOR,
      fontSize: 11,
    }),
  )
  const atPoint = answer
  const description =
    `From ${start} to ${end}. On ${answer.at}: count share ${pct(atPoint.countShare)}, ` +
    `stake-weighted ${pct(atPoint.stakeWeighted)}, gated ${pct(atPoint.gated)}. ` +
    (claims.length > 0
      ? `Progress claims marked: ${claims.map((c) => `${c.claimant} ${pct0(c.statedShare)} on ${c.statedOn}`).join('; ')}.`
      : 'No progress claims recorded.')
  return renderChart(
    {
      width: 760,
      height: 320,
      marginLeft: 44,
      marginRight: 36,
      marginTop: 28,
      x: { type: 'utc', domain: [toDate(start), toDate(end)], label: null },
      y: {
        domain: [0, 1.05],
        ticks: [0, 0.25, 0.5, 0.75, 1],
        tickFormat: (d: number) => pct0(d),
        grid: true,
        label: null,
      },
      marks,
    },
    {
      id,
      title: `Progress of the ${answer.framework.title} over time: count share, stake-weighted and gated`,
      description,
    },
  )
}

function FlagList(props: {
  flags: readonly Flag[]
  name: (key: string) => string
  scale: (issue: string) => string | undefined
}) {
  if (props.flags.length === 0) return null
  return (
    <ul class="flags" aria-label="Warnings">
      {props.flags.map((flag) =>
        flag.kind === 'open_indivisible' ? (
          <li class="error">
            <strong>Indivisible issue open:</strong> {flag.title} cannot be split into parts that
            are settled one by one, and its points stand at {statusLabel(flag.status)}.
          </li>
        ) : (
          <li class="error">
            <strong>No overlap:</strong> on {flag.title} the parties' bottom lines leave no outcome
            all of them accept.{' '}
            {props.scale(flag.issue) ? <>On the scale “{props.scale(flag.issue)}”: </> : null}
            {flag.lines
              .map(
                (l) =>
                  `${props.name(l.party)} ${l.min === l.max ? pct0(l.min) : `${pct0(l.min)}–${pct0(l.max)}`} (since ${l.on})`,
              )
              .join('; ')}
            .
          </li>
        ),
      )}
    </ul>
  )
}

export interface ReaderForm {
  /** Percent values the reader typed, by issue key, when the reader changed the weights. */
  values: Record<string, string> | null
  normalize: boolean
  error: { message: string; details: { path?: string; message: string }[] } | null
}

/** The overview's progress section: the figures, the chart, the claims, the blockers, the flags. */
export function ProgressSection(props: {
  progress: NegotiationProgress
  reader: ReaderForm
  dateError?: string | undefined
}) {
  const { answer, data } = props.progress
  const slug = data.negotiation.slug
  const name = (key: string) => data.actors.find((a) => a.key === key)?.name ?? key
  const readerMode = answer.weights.source === 'reader'
  const claimsSoFar = answer.claims.filter((c) => c.statedOn <= answer.at)
  const claimsNow = claimsSoFar.filter((c) => c.statedOn === answer.at)
  const latestClaim = claimsNow.length > 0 ? claimsNow : claimsSoFar.slice(-1)
  return (
    <section aria-labelledby="progress" class="progress">
      <h2 id="progress">How far the talks have come</h2>
      <form method="get" action={`/negotiations/${slug}`} class="filters">
        <label>
          As of
          <input type="date" name="at" value={answer.at} required />
        </label>
        {readerMode && props.reader.values
          ? Object.entries(props.reader.values).map(([issue, value]) => (
              <input type="hidden" name={`weight-${issue}`} value={value} />
            ))
          : null}
        {readerMode && props.reader.normalize ? (
          <input type="hidden" name="normalize" value="on" />
        ) : null}
        <button type="submit">Show</button>
      </form>
      {props.dateError ? (
        <p class="error" role="alert">
          {props.dateError}
        </p>
      ) : null}
      <p class="meta">
        {answer.framework.title} ({answer.framework.points} points), on <Day date={answer.at} />.
        Principals on this date:{' '}
        {answer.principals.length > 0 ? answer.principals.map((p) => p.name).join(', ') : 'none'}.{' '}
        {readerMode ? (
          <strong>Weighted with your weights, not the desk's.</strong>
        ) : answer.weights.source === 'published' ? (
          <>
            Weights set by {answer.weights.setBy} on <Day date={answer.weights.setOn} />.
          </>
        ) : (
          'No weights published yet: every point weighs the same.'
        )}
      </p>
      <div class="figures" id="figures">
        <div class="figure" id="figure-c">
          <span class="value">{pct(answer.countShare)}</span>
          <span class="label">
            <strong>Count share C</strong> — points every principal has agreed in verifiable text
          </span>
        </div>
        <div class="figure" id="figure-p">
          <span class="value">{pct(answer.stakeWeighted)}</span>
          <span class="label">
            <strong>Stake-weighted P</strong> — share of what is at stake that is agreed
            {readerMode ? ' (your weights)' : ''}
          </span>
        </div>
        <div class="figure" id="figure-g">
          <span class="value">{pct(answer.gated)}</span>
          <span class="label">
            <strong>Gated G</strong> — falls towards zero while a heavy point is open
            {readerMode ? ' (your weights)' : ''}
          </span>
        </div>
        <ImplementationFigure progress={props.progress} />
        {latestClaim.map((claim) => (
          <div class="figure claim">
            <span class="value">{pct0(claim.statedShare)}</span>
            <span class="label">
              <strong>Claimed</strong> by {claim.claimant}, <Day date={claim.statedOn} /> —{' '}
              <a href={`/sources/${claim.sourceKey}`}>source</a>
            </span>
          </div>
        ))}
      </div>
      <p class="meta">
        <a href="#method">How these are computed</a> ·{' '}
        <a href={`/api/negotiations/${slug}/progress?at=${answer.at}`}>as JSON</a> ·{' '}
        <a href={`/negotiations/${slug}/positions?at=${answer.at}`}>
          every position and its sources
        </a>
      </p>
      <FlagList
        flags={answer.flags}
        name={name}
        scale={(issue) => data.scales.find((x) => x.issueKey === issue)?.scale}
      />
      <figure class="chart">
        <Raw html={progressChart(props.progress)} />
        <figcaption class="meta">
          Solid: count share C. Dashed: stake-weighted P. Dotted: gated G. Diamonds: progress
          claims, at the share claimed. The dashed upright marks the chosen date.
        </figcaption>
      </figure>
      <ImplementationSection progress={props.progress} />

      <h3 id="claims">Progress claims beside the measures of their date</h3>
      {answer.claims.length === 0 ? (
        <p>No progress claims are recorded for this negotiation.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Who</th>
                <th scope="col">Claimed</th>
                <th scope="col">C</th>
                <th scope="col">P</th>
                <th scope="col">G</th>
              </tr>
            </thead>
            <tbody>
              {answer.claims.map((claim) => (
                <tr>
                  <td>
                    <Day date={claim.statedOn} />
                  </td>
                  <td>
                    {claim.claimant}
                    <div class="meta">
                      “{claim.text}” — <a href={`/sources/${claim.sourceKey}`}>source</a>
                    </div>
                  </td>
                  <td>{pct0(claim.statedShare)}</td>
                  {claim.measured ? (
                    <>
                      <td>{pct(claim.measured.countShare)}</td>
                      <td>{pct(claim.measured.stakeWeighted)}</td>
                      <td>{pct(claim.measured.gated)}</td>
                    </>
                  ) : (
                    <td colspan={3} class="meta">
                      before this version of the framework was dated
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3 id="blockers">What blocks agreement</h3>
      {answer.blockers.length === 0 ? (
        <p>Every point is agreed by every principal.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Point</th>
                <th scope="col">Weight</th>
                <th scope="col">Status</th>
                <th scope="col">Open stake</th>
                <th scope="col">Held by</th>
              </tr>
            </thead>
            <tbody>
              {answer.blockers.map((b) => (
                <tr>
                  <th scope="row">
                    {b.point}. <span class="tag">{b.topic}</span>
                    <div class="meta">
                      {b.issue
                        ? (data.issues.find((i) => i.key === b.issue)?.title ?? b.issue)
                        : ''}
                    </div>
                  </th>
                  <td>{pct(b.weight)}</td>
                  <td>{statusLabel(b.status)}</td>
                  <td>{pct(b.score)}</td>
                  <td>{b.heldBy.map(name).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <ReaderWeightsForm progress={props.progress} reader={props.reader} />
      <Method />
    </section>
  )
}

function ReaderWeightsForm(props: { progress: NegotiationProgress; reader: ReaderForm }) {
  const { answer, data } = props.progress
  const readerMode = answer.weights.source === 'reader'
  const details = props.reader.error?.details ?? []
  const errorFor = (issue: string) =>
    details.find((d) => d.path === `w.${issue}` || d.path === `weight-${issue}`)?.message
  return (
    <section aria-labelledby="reader-weights" class="reader-weights">
      <h3 id="reader-weights">Weigh the issues yourself</h3>
      <p class="prose">
        The desk's weights are a judgement, published with its reasons
        {answer.weights.source === 'published' ? (
          <>
            : <q>{answer.weights.rationale}</q>
          </>
        ) : (
          '.'
        )}{' '}
        Put your own weight on each issue and the stake-weighted and gated figures above are
        recomputed with yours; each issue's weight is shared among its points as the desk shares it.
        Nothing is saved, and the published figures stay the desk's.
      </p>
      {props.reader.error ? (
        <div class="error" role="alert">
          <p>{props.reader.error.message}</p>
          <ul>
            {details.map((d) => (
              <li>
                {d.path ? `${d.path}: ` : ''}
                {d.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="get" action={`/negotiations/${data.negotiation.slug}`} class="weights-form">
        <input type="hidden" name="at" value={answer.at} />
        <table>
          <thead>
            <tr>
              <th scope="col">Issue</th>
              <th scope="col">Desk's weight</th>
              <th scope="col">Your weight (%)</th>
            </tr>
          </thead>
          <tbody>
            {answer.issueWeights.map((w) => {
              const error = errorFor(w.issue)
              return (
                <tr>
                  <th scope="row">
                    <label for={`weight-${w.issue}`}>{w.title}</label>
                  </th>
                  <td>{pct(w.published)}</td>
                  <td>
                    <input
                      id={`weight-${w.issue}`}
                      name={`weight-${w.issue}`}
                      type="number"
                      min="0"
                      max="100"
                      step="any"
                      inputmode="decimal"
                      value={
                        props.reader.values?.[w.issue] ??
                        String(Math.round(w.published * 1000) / 10)
                      }
                      aria-invalid={error ? 'true' : undefined}
                      aria-describedby={error ? `weight-${w.issue}-error` : undefined}
                    />
                    {error ? (
                      <div class="meta" id={`weight-${w.issue}-error`}>
                        {error}
                      </div>
                    ) : null}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
        <label class="check">
          <input type="checkbox" name="normalize" checked={props.reader.normalize || !readerMode} />
          Rescale my weights so that they add up to 100%
        </label>
        <button type="submit">Recompute with my weights</button>{' '}
        {readerMode ? (
          <a href={`/negotiations/${data.negotiation.slug}?at=${answer.at}`}>
            Back to the desk's weights
          </a>
        ) : null}
      </form>
    </section>
  )
}

function Method() {
  return (
    <details id="method" class="method">
      <summary>How these are computed</summary>
      <div class="prose">
        <p>
          Each principal's latest position on each point, on or before the chosen date, is placed on
          a ladder: {Levels.map((l) => `${l} ${levelLabels[l]}`).join(', ')}. A principal with no
          recorded position counts as 0. A point's status s is the lowest of its principals' levels
          divided by 3: a point is only as agreed as its least-agreeing principal. Only parties
          whose role on that date is <em>principal</em> count.
        </p>
        <ul>
          <li>
            <strong>Count share C</strong> = the share of points with s = 1: the figure behind
            claims like “90% complete”.
          </li>
          <li>
            <strong>Stake-weighted P</strong> = Σ wᵢ·sᵢ, with the desk's weights wᵢ (they sum to 1).
          </li>
          <li>
            <strong>Gated G</strong> = Π max(sᵢ, 0.05)^wᵢ: a heavy open point pulls it towards zero.
          </li>
          <li>
            <strong>Blockers</strong> are the open points, sorted by wᵢ·(1 − sᵢ).
          </li>
        </ul>
        <p>
          Worked example: 20 points, 18 fully agreed with weight 2.5% each, guarantees half agreed
          (weight 15%), territory at 0.1 (weight 40%): C = 90%, P = 56.5%, G = 35.9%.
        </p>
      </div>
    </details>
  )
}

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

function RoleTable(props: {
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

// ——— Positions: the provision table ———

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
                {parties.map((party) => {
                  const position = latest(p.id, party)
                  const role = roleOn(roles, party, at)
                  if (!position) {
                    return (
                      <td class={`level level-none ${role === 'principal' ? '' : 'not-principal'}`}>
                        <span class="meta">no position recorded</span>
                      </td>
                    )
                  }
                  return (
                    <td
                      class={`level level-${position.level} ${role === 'principal' ? '' : 'not-principal'}`}
                    >
                      <strong>
                        {position.level} · {levelLabels[position.level]}
                      </strong>
                      <div class="meta">
                        since <Day date={position.statedOn} />
                      </div>
                      {position.note ? <div>{position.note}</div> : null}
                      <SourceList
                        sources={position.sources}
                        access={props.access}
                        at={position.statedOn}
                      />
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>,
  )
}

// ——— Versions compared ———

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

// ——— The staff edit page ———

export interface EditPageProps {
  data: TrackerData
  document: DocumentView
  staff: StaffUser
  notice?: string | undefined
  error?: { form: string; message: string; details: { path?: string; message: string }[] }
  values?: Record<string, string>
}

export function editPage(props: EditPageProps) {
  const { data, document: doc, staff } = props
  const n = data.negotiation
  const base = `/negotiations/${n.slug}/edit`
  const parties = [...new Set(data.roles.map((r) => r.actorKey))]
  const name = (key: string) => data.actors.find((a) => a.key === key)?.name ?? key
  const published = data.weightSets.filter((s) => s.documentId === doc.id).at(-1)
  const weightOf = (provisionId: number) =>
    published?.weights.find((w) => w.provisionId === provisionId)?.weight
  const v = (form: string, field: string, fallback = '') =>
    props.error?.form === form ? (props.values?.[field] ?? fallback) : fallback
  const ErrorBox = (p: { form: string }) =>
    props.error?.form === p.form ? (
      <div class="error" role="alert">
        <p>{props.error.message}</p>
        <ul>
          {props.error.details.map((d) => (
            <li>
              {d.path ? <strong>{d.path}</strong> : null}
              {d.path ? ': ' : ''}
              {d.message}
            </li>
          ))}
        </ul>
      </div>
    ) : null
  return htmlDocument(
    <Layout title={`Edit — ${n.title}`} staff={staff}>
      <h1>Edit the tracker</h1>
      <p class="meta">
        <a href={`/negotiations/${n.slug}`}>{n.title}</a> — every change is recorded in the audit
        log and the measures change at once.
      </p>
      <NegotiationNav slug={n.slug} current="edit" staff />
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
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
        <button type="submit">Edit this version</button>
      </form>

      <h2 id="add-position">Record a position</h2>
      <ErrorBox form="position" />
      <form method="post" action={`${base}/position`} class="stack">
        <input type="hidden" name="document" value={doc.key} />
        <label>
          Point
          <select name="point" required>
            {doc.provisions.map((p) => (
              <option
                value={String(p.number)}
                selected={v('position', 'point') === String(p.number)}
              >
                {p.number}. {p.topic}
              </option>
            ))}
          </select>
        </label>
        <label>
          Party
          <select name="party" required>
            {parties.map((party) => (
              <option value={party} selected={v('position', 'party') === party}>
                {name(party)}
              </option>
            ))}
          </select>
        </label>
        <label>
          On (YYYY-MM-DD)
          <input name="on" required value={v('position', 'on')} placeholder="2026-01-22" />
        </label>
        <label>
          Level
          <select name="level" required>
            {Levels.map((level) => (
              <option value={String(level)} selected={v('position', 'level') === String(level)}>
                {level} · {levelLabels[level]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Note
          <textarea name="note" rows={2}>
            {v('position', 'note')}
          </textarea>
        </label>
        <label>
          Source keys (comma-separated)
          <input name="sources" required value={v('position', 'sources')} />
        </label>
        <button type="submit">Save position</button>
      </form>

      <h2 id="weights">Publish a weight set</h2>
      <p class="prose">
        A new set replaces the published weights of this version; earlier sets stay on record.
        {published
          ? ` Published now: ${published.key}, by ${published.setBy} on ${published.setOn}.`
          : ''}
      </p>
      <ErrorBox form="weights" />
      <form method="post" action={`${base}/weights`} class="stack">
        <input type="hidden" name="document" value={doc.key} />
        <div class="weights-grid">
          {doc.provisions.map((p) => (
            <label>
              {p.number}. {p.topic}
              <input
                name={`weight.${p.number}`}
                type="number"
                step="any"
                min="0"
                required
                value={v('weights', `weight.${p.number}`, String(weightOf(p.id) ?? ''))}
              />
            </label>
          ))}
        </div>
        <label>
          Set by
          <input name="setBy" value={v('weights', 'setBy', staff.name)} />
        </label>
        <label>
          Rationale
          <textarea name="rationale" rows={4} required>
            {v('weights', 'rationale')}
          </textarea>
        </label>
        <label class="check">
          <input type="checkbox" name="normalize" /> Rescale the weights to sum to 1
        </label>
        <button type="submit">Publish weights</button>
      </form>

      <h2 id="add-role">Add a role period</h2>
      <p class="prose">
        Parties are actors with roles. Name an existing actor by key, or give a new key with a name
        and kind to add one.
      </p>
      <ErrorBox form="role" />
      <form method="post" action={`${base}/role`} class="stack">
        <label>
          Actor key
          <input name="actor" required value={v('role', 'actor')} list="actor-keys" />
          <datalist id="actor-keys">
            {data.actors
              .filter((a) => a.kind !== 'person')
              .map((a) => (
                <option value={a.key}>{a.name}</option>
              ))}
          </datalist>
        </label>
        <label>
          Name (new actors only)
          <input name="name" value={v('role', 'name')} />
        </label>
        <label>
          Kind (new actors only)
          <select name="kind">
            <option value="">—</option>
            <option value="state">state</option>
            <option value="organisation">organisation</option>
            <option value="person">person</option>
            <option value="armed-group">armed group</option>
            <option value="group">group</option>
          </select>
        </label>
        <label>
          Role
          <select name="role" required>
            {Roles.map((role) => (
              <option value={role} selected={v('role', 'role') === role}>
                {role}
              </option>
            ))}
          </select>
        </label>
        <label>
          From (YYYY-MM-DD)
          <input name="from" required value={v('role', 'from')} />
        </label>
        <label>
          To (YYYY-MM-DD, empty while it lasts)
          <input name="to" value={v('role', 'to')} />
        </label>
        <label>
          Note
          <input name="note" value={v('role', 'note')} />
        </label>
        <label>
          Source keys
          <input name="sources" value={v('role', 'sources')} />
        </label>
        <button type="submit">Add role</button>
      </form>
      <RoleTable
        roles={data.roles}
        staffActions={(role) => (
          <>
            <form method="post" action={`${base}/role-end`} class="role-end">
              <input type="hidden" name="id" value={String(role.id)} />
              <label>
                Last day
                <input name="to" value={role.toOn ?? ''} placeholder="YYYY-MM-DD" size={10} />
              </label>
              <button type="submit" class="link">
                Set
              </button>
            </form>
            <form method="post" action={`${base}/role-delete`} class="inline">
              <input type="hidden" name="id" value={String(role.id)} />
              <button type="submit" class="link">
                Remove
              </button>
            </form>
          </>
        )}
      />

      <h2 id="issues">Issues</h2>
      <ErrorBox form="issue" />
      <form method="post" action={`${base}/issue`} class="stack">
        <label>
          Key (an existing key updates that issue)
          <input name="key" required value={v('issue', 'key')} list="issue-keys" />
          <datalist id="issue-keys">
            {data.issues.map((i) => (
              <option value={i.key}>{i.title}</option>
            ))}
          </datalist>
        </label>
        <label>
          Title
          <input name="title" required value={v('issue', 'title')} />
        </label>
        <label>
          Summary
          <textarea name="summary" rows={3} required>
            {v('issue', 'summary')}
          </textarea>
        </label>
        <label>
          Latest status
          <input name="statusLatest" value={v('issue', 'statusLatest')} />
        </label>
        <label class="check">
          <input type="checkbox" name="core" /> Core issue
        </label>
        <label class="check">
          <input type="checkbox" name="divisible" checked /> Divisible (can be settled in parts)
        </label>
        <button type="submit">Save issue</button>
      </form>
      <ErrorBox form="provision-issue" />
      <form method="post" action={`${base}/provision-issue`} class="filters">
        <input type="hidden" name="document" value={doc.key} />
        <label>
          Point
          <select name="point">
            {doc.provisions.map((p) => (
              <option value={String(p.number)}>
                {p.number}. {p.topic} ({p.issueKey ?? 'no issue'})
              </option>
            ))}
          </select>
        </label>
        <label>
          belongs to
          <select name="issue">
            <option value="">no issue</option>
            {data.issues.map((i) => (
              <option value={i.key}>{i.title}</option>
            ))}
          </select>
        </label>
        <button type="submit">Assign</button>
      </form>

      <h2 id="recorded">Positions recorded on this version</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Point</th>
              <th scope="col">Party</th>
              <th scope="col">On</th>
              <th scope="col">Level</th>
              <th scope="col">Sources</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {data.positions
              .filter((p) => p.documentId === doc.id)
              .map((p) => (
                <tr>
                  <td>{p.number}</td>
                  <td>{name(p.actorKey)}</td>
                  <td>{p.statedOn}</td>
                  <td>
                    {p.level} · {levelLabels[p.level]}
                  </td>
                  <td>{p.sources.map((s) => s.key).join(', ')}</td>
                  <td>
                    <form method="post" action={`${base}/position-delete`} class="inline">
                      <input type="hidden" name="id" value={String(p.id)} />
                      <button type="submit" class="link">
                        Delete
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </Layout>,
  )
}
