import * as Plot from '@observablehq/plot'
import type { NegotiationRow } from '../negotiations/negotiations.repository.ts'
import { renderChart } from '../platform/web/chart.ts'
import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import { Day, NegotiationNav } from '../platform/web/ui.tsx'
import type { StaffUser } from '../staff/staff.ts'
import type { ImportReport } from './datasets.ts'
import type { DyadWeek } from './dyad.ts'
import type { NightTotals, TalksWindowRatio, WindowRank } from './intensity.ts'
import { daysBetween } from './kyiv-time.ts'
import type { DatasetRow } from './strikes.repository.ts'
import { ordinal } from './views.ts'

const number = new Intl.NumberFormat('en-GB')
const ratioFormat = new Intl.NumberFormat('en-GB', {
  maximumFractionDigits: 2,
  minimumFractionDigits: 2,
})
const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 })

function Raw(props: { html: string; class?: string }) {
  return <div class={props.class} dangerouslySetInnerHTML={{ __html: props.html }} />
}

const toDate = (day: string) => new Date(`${day}T00:00:00Z`)

/** How an event kind reads in a tag: a ceasefire marker means one took effect that day. */
export function eventKindLabel(kind: string): string {
  if (kind === 'ceasefire') return 'ceasefire takes effect'
  return kind.replace('-', ' ')
}

/** An event of the talks (any kind but a strike) placed on the timeline, numbered in date order, with its talks-window ratio. */
export interface MarkedEvent {
  number: number
  key: string
  kind: string
  title: string
  occurredOn: string
  endedOn: string | null
  ratio: TalksWindowRatio
}

export interface TimelineNight extends NightTotals {
  /** Mean launched per night over the 7 nights ending on this one (null before a full week). */
  rolling7: number | null
}

export interface TimelinePageProps {
  negotiation: NegotiationRow
  staff: StaffUser | undefined
  from: string
  to: string
  nights: TimelineNight[]
  events: MarkedEvent[]
  /** Events outside the chosen range or the series, still listed with why they have no R. */
  otherEvents: MarkedEvent[]
  dataset: DatasetRow | undefined
  series: { first: string; last: string } | undefined
  rangeError?: string | undefined
}

/** At most this many rows of number labels above the bars. */
const LABEL_ROWS = 4
const CHART_WIDTH = 960
const MARGIN_LEFT = 48
const MARGIN_RIGHT = 16
/** Label circles of radius 9 need this many pixels between centres not to overprint. */
const LABEL_GAP = 20

/**
 * Puts each event's number label in the lowest row where it clears the previous label, so that
 * markers a day or two apart stack instead of overprinting (greedy, in date order).
 */
export function labelRows(
  dates: readonly string[],
  from: string,
  nights: number,
  rows = LABEL_ROWS,
): number[] {
  const pxPerDay = (CHART_WIDTH - MARGIN_LEFT - MARGIN_RIGHT) / Math.max(nights, 1)
  const lastX = new Array<number>(rows).fill(Number.NEGATIVE_INFINITY)
  return dates.map((date) => {
    const x = (daysBetween(from, date) + 0.5) * pxPerDay
    let row = lastX.findIndex((last) => x - last >= LABEL_GAP)
    if (row === -1) row = lastX.indexOf(Math.min(...lastX))
    lastX[row] = x
    return row
  })
}

function timelineChart(props: TimelinePageProps): string {
  const { nights, events } = props
  const peak = Math.max(1, ...nights.map((n) => n.launched.total))
  const rows = labelRows(
    events.map((e) => e.occurredOn),
    props.from,
    daysBetween(props.from, props.to) + 1,
  )
  const rowOf = new Map(events.map((e, i) => [e.key, rows[i]!]))
  const used = Math.max(1, ...rows.map((r) => r + 1))
  const top = peak * (1.12 + 0.08 * used)
  const labelY = (e: MarkedEvent) => peak * (1.1 + 0.08 * rowOf.get(e.key)!)
  const days = nights.map((n) => ({ ...n, date: toDate(n.night) }))
  const heaviest = nights.reduce<TimelineNight | undefined>(
    (best, n) => (best === undefined || n.launched.total > best.launched.total ? n : best),
    undefined,
  )
  const description =
    `Drones and missiles launched each night from ${props.from} to ${props.to} (bars: drones below, ` +
    `missiles above), the number destroyed (a notch across each bar), and the 7-night average (line). ` +
    (heaviest
      ? `The heaviest night in the range was ${heaviest.night}: ${heaviest.launched.drones} drones and ${heaviest.launched.missiles} missiles. `
      : '') +
    (events.length > 0
      ? `Numbered markers: ${events.map((e) => `${e.number} ${e.occurredOn} ${e.title}`).join('; ')}.`
      : 'No events of the talks fall in this range.')
  const nextDay = (n: { date: Date }) => new Date(n.date.getTime() + 86_400_000)
  return renderChart(
    {
      width: CHART_WIDTH,
      height: 400,
      marginLeft: MARGIN_LEFT,
      marginRight: MARGIN_RIGHT,
      marginTop: 12,
      x: {
        type: 'utc',
        domain: [toDate(props.from), nextDay({ date: toDate(props.to) })],
        label: null,
      },
      y: { domain: [0, top], grid: true, label: 'launched per night', ticks: 6 },
      marks: [
        Plot.rectY(days, {
          x1: 'date',
          x2: nextDay,
          y1: 0,
          y2: (n: TimelineNight) => n.launched.drones,
          className: 'bar-drones',
          insetLeft: 0.5,
          insetRight: 0.5,
        }),
        Plot.rectY(days, {
          x1: 'date',
          x2: nextDay,
          y1: (n: TimelineNight) => n.launched.drones,
          y2: (n: TimelineNight) => n.launched.total,
          className: 'bar-missiles',
          insetLeft: 0.5,
          insetRight: 0.5,
        }),
        Plot.ruleY(days, {
          x1: 'date',
          x2: nextDay,
          y: (n: TimelineNight) => n.destroyed.total,
          className: 'tick-destroyed',
          strokeWidth: 2,
        }),
        Plot.lineY(
          days.filter((n) => n.rolling7 !== null),
          {
            x: (n: { date: Date }) => new Date(n.date.getTime() + 43_200_000),
            y: 'rolling7',
            className: 'line-rolling',
            strokeWidth: 2.5,
          },
        ),
        Plot.ruleX(events, {
          x: (e: MarkedEvent) => new Date(toDate(e.occurredOn).getTime() + 43_200_000),
          y1: 0,
          y2: labelY,
          className: 'event-rule',
          strokeDasharray: '3,3',
        }),
        Plot.dot(events, {
          x: (e: MarkedEvent) => new Date(toDate(e.occurredOn).getTime() + 43_200_000),
          y: labelY,
          r: 9,
          className: 'event-dot',
          title: (e: MarkedEvent) =>
            `${e.number}. ${e.occurredOn} ${eventKindLabel(e.kind)}: ${e.title}`,
        }),
        Plot.text(events, {
          x: (e: MarkedEvent) => new Date(toDate(e.occurredOn).getTime() + 43_200_000),
          y: labelY,
          text: (e: MarkedEvent) => String(e.number),
          className: 'event-label',
          fontSize: 10,
          fontWeight: 'bold',
        }),
        Plot.ruleY([0]),
      ],
    },
    {
      id: 'timeline-chart',
      title: `Strikes and talks, ${props.from} to ${props.to}`,
      description,
    },
  )
}

function RangeForm(props: {
  action: string
  from: string
  to: string
  series?: { first: string; last: string } | undefined
}) {
  return (
    <form method="get" action={props.action} class="range">
      <label>
        From
        <input
          type="date"
          name="from"
          value={props.from}
          min={props.series?.first}
          max={props.series?.last}
        />
      </label>
      <label>
        To
        <input
          type="date"
          name="to"
          value={props.to}
          min={props.series?.first}
          max={props.series?.last}
        />
      </label>
      <button type="submit">Show</button>
    </form>
  )
}

function RatioCell(props: { ratio: TalksWindowRatio }) {
  const r = props.ratio
  if (r.ratio === null) return <span class="muted">— {r.note}</span>
  return (
    <span>
      <strong class={r.ratio >= 1 ? 'ratio up' : 'ratio down'}>
        R = {ratioFormat.format(r.ratio)}
      </strong>{' '}
      <span class="meta">
        ({oneDecimal.format(r.around!.mean)} a night around it, {oneDecimal.format(r.before!.mean)}{' '}
        in the four weeks before)
      </span>
    </span>
  )
}

function EventRows(props: { events: readonly MarkedEvent[] }) {
  return (
    <div class="table-wrap">
      <table class="events-r">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Date</th>
            <th scope="col">Event</th>
            <th scope="col">Talks-window ratio</th>
          </tr>
        </thead>
        <tbody>
          {props.events.map((e) => (
            <tr id={`event-${e.key}`}>
              <td>{e.number}</td>
              <td>
                <Day date={e.occurredOn} />
                {e.endedOn && e.endedOn !== e.occurredOn ? (
                  <>
                    {' – '}
                    <Day date={e.endedOn} />
                  </>
                ) : null}
              </td>
              <td>
                <span class="tag">{eventKindLabel(e.kind)}</span> {e.title}
              </td>
              <td>
                <RatioCell ratio={e.ratio} />
                {e.ratio.ratio !== null ? (
                  <>
                    {' '}
                    <a class="meta" href={`/timeline/intensity?window=7&ending=${e.occurredOn}`}>
                      how heavy was that week?
                    </a>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function Attribution(props: { dataset: DatasetRow | undefined }) {
  if (!props.dataset) return null
  return (
    <p class="meta attribution">
      Strike data: {props.dataset.attribution}{' '}
      {props.dataset.url ? <a href={props.dataset.url}>Data set page</a> : null}
    </p>
  )
}

/** The negotiation's diplomatic events laid over the strikes, each with its talks-window ratio. */
export function timelinePage(props: TimelinePageProps) {
  const n = props.negotiation
  const path = `/negotiations/${n.slug}/timeline`
  const query = `from=${props.from}&to=${props.to}`
  return htmlDocument(
    <Layout
      title={`Force and talks · ${n.title}`}
      staff={props.staff}
      description={`Talks rounds of ${n.title} shown against the strikes around them.`}
    >
      <NegotiationNav slug={n.slug} current="timeline" staff={props.staff !== undefined} />
      <h1>Force and talks</h1>
      <p class="prose">
        Each night's drones and missiles launched at Ukraine, with the events of the talks of{' '}
        <a href={`/negotiations/${n.slug}`}>{n.title}</a> marked on the same days. Beside each
        event, its talks-window ratio R: the average launched per night in the week around it,
        divided by the average in the four weeks before. R above 1 means the talks were held under
        heavier fire than usual.
      </p>
      <RangeForm action={path} from={props.from} to={props.to} series={props.series} />
      {props.rangeError ? <p class="error">{props.rangeError}</p> : null}
      {props.nights.length === 0 ? (
        <p class="notice">
          No strike data is loaded for this range.
          {props.series
            ? ` The series runs from ${props.series.first} to ${props.series.last}.`
            : ' Import it with parley import strikes FILE.'}
        </p>
      ) : (
        <figure class="chart timeline">
          <div class="chart-scroll">
            <Raw html={timelineChart(props)} />
          </div>
          <figcaption class="meta">
            <span class="key key-drones">drones launched</span>{' '}
            <span class="key key-missiles">missiles launched</span>{' '}
            <span class="key key-destroyed">destroyed (the notch across each bar)</span>{' '}
            <span class="key key-rolling">7-night average launched</span>{' '}
            <span class="key key-event">numbered events of the talks (listed below)</span>. A night
            is named by the date on which it ends, Kyiv time.{' '}
            <a href={`/api/timeline/nights?${query}`}>nights as JSON</a> ·{' '}
            <a href={`/api/timeline/nights?${query}&format=csv`}>CSV</a> ·{' '}
            <a href="#method">how this is computed</a>
          </figcaption>
        </figure>
      )}
      <Attribution dataset={props.dataset} />

      <h2 id="events">Events of the talks and the strikes around them</h2>
      {props.events.length === 0 ? (
        <p>No events of the talks fall in this range.</p>
      ) : (
        <EventRows events={props.events} />
      )}
      {props.otherEvents.length > 0 ? (
        <details>
          <summary>{props.otherEvents.length} events outside this range</summary>
          <EventRows events={props.otherEvents} />
        </details>
      ) : null}
      <p class="meta">
        <a href={`/api/timeline/negotiations/${n.slug}/ratios`}>every event's R as JSON</a> ·{' '}
        <a href={`/api/timeline/negotiations/${n.slug}/ratios?format=csv`}>CSV</a>
      </p>
      <Method />
    </Layout>,
  )
}

function Method() {
  return (
    <section id="method" class="prose">
      <h2>How this is computed</h2>
      <p>
        Rows of the strike data set are summed per night: the night is the Kyiv date on which the
        attack wave ended, so the wave of 26→27 December counts for 27 December. Only the Air
        Force's national reports count; the regional air commands' own tallies repeat them. Guided
        bombs, logged only now and then, are left out. A night with no report counts as zero.
      </p>
      <p>
        R for an event on day t₀ = mean launched per night over t₀−3 … t₀+3 ÷ mean over t₀−31 …
        t₀−4. It is not computed when either window leaves the strike series or when nothing was
        launched in the baseline weeks. The rank of a window counts how many windows of the same
        length since the series began were heavier (ties share a rank); its percentile is the share
        of windows no heavier than it.
      </p>
      <p>
        Counts are the Ukrainian Air Force's claims, one party to the war; in recent periods drone
        counts include decoys.
      </p>
    </section>
  )
}

export interface IntensityPageProps {
  staff: StaffUser | undefined
  window: number
  ending: string
  measure: string
  ranked: WindowRank | undefined
  error: string | undefined
  series: { first: string; last: string } | undefined
  dataset: DatasetRow | undefined
  /** The heaviest windows of this length, for context. */
  heaviest: { ending: string; total: number }[]
}

const WINDOWS = [1, 7, 14, 30]

/** "How heavy was this week": a window's totals and its rank among all windows of its length. */
export function intensityPage(props: IntensityPageProps) {
  const r = props.ranked
  const q = `window=${props.window}&ending=${props.ending}&measure=${props.measure}`
  return htmlDocument(
    <Layout
      title="How heavy was this week?"
      staff={props.staff}
      description="Strike intensity as a rank among all comparable windows."
    >
      <h1>How heavy was this week?</h1>
      <p class="prose">
        "One of the most intensive attacks since the war began" becomes a rank: the launched total
        of a window of nights, placed among every window of the same length since the strike series
        began.
      </p>
      <form method="get" action="/timeline/intensity" class="range">
        <label>
          Nights in the window
          <select name="window">
            {[...new Set([...WINDOWS, props.window])]
              .sort((a, b) => a - b)
              .map((w) => (
                <option value={String(w)} selected={w === props.window}>
                  {w}
                </option>
              ))}
          </select>
        </label>
        <label>
          Ending on the night of
          <input
            type="date"
            name="ending"
            value={props.ending}
            min={props.series?.first}
            max={props.series?.last}
          />
        </label>
        <label>
          Counting
          <select name="measure">
            {(['total', 'drones', 'missiles'] as const).map((m) => (
              <option value={m} selected={m === props.measure}>
                {m === 'total' ? 'drones and missiles' : m}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Rank it</button>
      </form>
      {props.error ? <p class="error">{props.error}</p> : null}
      {r ? (
        <>
          <div class="figures">
            <p class="figure rank">
              <span class="value">
                {ordinal(r.rank)} <span class="of">of {number.format(r.of)}</span>
              </span>
              <span class="label">
                heaviest {r.length === 1 ? 'night' : `${r.length} nights`} by{' '}
                {r.measure === 'total' ? 'drones and missiles' : r.measure} launched, since{' '}
                {props.series?.first}
              </span>
            </p>
            <p class="figure">
              <span class="value">{oneDecimal.format(r.percentile)}%</span>
              <span class="label">of windows were no heavier (percentile)</span>
            </p>
            <p class="figure">
              <span class="value">{number.format(r.launched.total)}</span>
              <span class="label">
                launched {r.from} … {r.ending}: {number.format(r.launched.drones)} drones,{' '}
                {number.format(r.launched.missiles)} missiles
              </span>
            </p>
            <p class="figure">
              <span class="value">{number.format(r.destroyed.total)}</span>
              <span class="label">
                reported destroyed: {number.format(r.destroyed.drones)} drones,{' '}
                {number.format(r.destroyed.missiles)} missiles
              </span>
            </p>
          </div>
          <p class="meta">
            <a href={`/api/timeline/intensity?${q}`}>as JSON</a> ·{' '}
            <a href={`/api/timeline/intensity?${q}&format=csv`}>CSV</a> · the rank counts the
            windows with a larger total (ties share a rank); the percentile is the share of windows
            whose total is no larger.
          </p>
        </>
      ) : null}
      {props.heaviest.length > 0 ? (
        <>
          <h2>The heaviest {props.window === 1 ? 'nights' : `${props.window}-night windows`}</h2>
          <ol class="heaviest">
            {props.heaviest.map((h) => (
              <li>
                <a
                  href={`/timeline/intensity?window=${props.window}&ending=${h.ending}&measure=${props.measure}`}
                >
                  ending <Day date={h.ending} />
                </a>
                : {number.format(h.total)}
              </li>
            ))}
          </ol>
          <p class="meta">
            Overlapping windows are listed separately: a heavy night lifts every window that holds
            it.
          </p>
        </>
      ) : null}
      <Attribution dataset={props.dataset} />
    </Layout>,
  )
}

export interface DyadPageProps {
  staff: StaffUser | undefined
  a: string
  b: string
  from: string | undefined
  to: string | undefined
  weeks: DyadWeek[]
  datasets: DatasetRow[]
  error: string | undefined
}

function dyadChart(props: DyadPageProps): string {
  const weeks = props.weeks.map((w) => ({ ...w, date: toDate(w.week) }))
  const weekEnd = (w: { date: Date }) => new Date(w.date.getTime() + 7 * 86_400_000)
  return renderChart(
    {
      width: 760,
      height: 320,
      marginLeft: 52,
      // At least twelve weeks wide, so that a week or two of data does not fill the frame.
      x: {
        type: 'utc',
        label: null,
        domain: [
          weeks[0]!.date,
          new Date(
            Math.max(
              weekEnd(weeks.at(-1)!).getTime(),
              weeks[0]!.date.getTime() + 12 * 7 * 86_400_000,
            ),
          ),
        ],
      },
      y: { grid: true, label: 'weighted Goldstein sum per week' },
      marks: [
        Plot.rectY(weeks, {
          x1: 'date',
          x2: weekEnd,
          y: 'cooperation',
          className: 'bar-coop',
          insetLeft: 1,
          insetRight: 1,
        }),
        Plot.rectY(weeks, {
          x1: 'date',
          x2: weekEnd,
          y: 'conflict',
          className: 'bar-conflict',
          insetLeft: 1,
          insetRight: 1,
        }),
        Plot.lineY(weeks, {
          x: (w: { date: Date }) => new Date(w.date.getTime() + 3.5 * 86_400_000),
          y: 'netSmoothed',
          className: 'line-rolling',
          strokeWidth: 2.5,
          marker: 'circle',
        }),
        Plot.ruleY([0]),
      ],
    },
    {
      id: 'dyad-chart',
      title: `Cooperation and conflict between ${props.a} and ${props.b}, week by week`,
      description:
        `${props.weeks.length} weeks from ${props.weeks[0]?.week} to ${props.weeks.at(-1)?.week}. ` +
        'Bars above zero: cooperation; below: conflict; line: net index smoothed week to week. ' +
        props.weeks
          .map((w) => `${w.week}: net ${oneDecimal.format(w.net)} from ${w.events} events`)
          .join('; '),
    },
  )
}

/** The weekly cooperation–conflict index of a dyad, from imported event data (GDELT or mapped CSV). */
export function dyadPage(props: DyadPageProps) {
  const q = new URLSearchParams({
    a: props.a,
    b: props.b,
    ...(props.from ? { from: props.from } : {}),
    ...(props.to ? { to: props.to } : {}),
  })
  return htmlDocument(
    <Layout
      title={`${props.a}–${props.b} cooperation and conflict`}
      staff={props.staff}
      description="A weekly cooperation–conflict index from machine-coded event data."
    >
      <h1>
        Cooperation and conflict: {props.a}–{props.b}
      </h1>
      <p class="prose">
        From machine-coded news events (GDELT or another imported event table): each event's
        Goldstein score (−10 most conflictual … +10 most cooperative), weighted by ln(1 + number of
        sources), summed per week. Only root events or events carried by two or more sources count —
        single mentions are mostly noise. The line smooths the net index week to week.
      </p>
      <form method="get" action="/timeline/dyad" class="range">
        <label>
          Actor A (country code)
          <input name="a" value={props.a} pattern="[A-Za-z]{3}" maxlength={3} required />
        </label>
        <label>
          Actor B
          <input name="b" value={props.b} pattern="[A-Za-z]{3}" maxlength={3} required />
        </label>
        <label>
          From
          <input type="date" name="from" value={props.from ?? ''} />
        </label>
        <label>
          To
          <input type="date" name="to" value={props.to ?? ''} />
        </label>
        <button type="submit">Show</button>
      </form>
      {props.error ? <p class="error">{props.error}</p> : null}
      {props.weeks.length === 0 ? (
        <p class="notice">
          No events between {props.a} and {props.b} are loaded
          {props.datasets.length === 0
            ? '. Import GDELT exports with parley import events FILE --format gdelt.'
            : ` (event data sets: ${props.datasets.map((d) => d.title).join(', ')}).`}
        </p>
      ) : (
        <>
          <figure class="chart">
            <div class="chart-scroll">
              <Raw html={dyadChart(props)} />
            </div>
            <figcaption class="meta">
              <span class="key key-coop">cooperation</span>{' '}
              <span class="key key-conflict">conflict</span>{' '}
              <span class="key key-rolling">net, smoothed</span> ·{' '}
              <a href={`/api/timeline/dyad?${q}`}>as JSON</a> ·{' '}
              <a href={`/api/timeline/dyad?${q}&format=csv`}>CSV</a>
            </figcaption>
          </figure>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Week of</th>
                  <th scope="col">Events</th>
                  <th scope="col">Cooperation</th>
                  <th scope="col">Conflict</th>
                  <th scope="col">Net</th>
                  <th scope="col">Net, smoothed</th>
                </tr>
              </thead>
              <tbody>
                {props.weeks.map((w) => (
                  <tr>
                    <td>
                      <Day date={w.week} />
                    </td>
                    <td>{w.events}</td>
                    <td>{oneDecimal.format(w.cooperation)}</td>
                    <td>{oneDecimal.format(w.conflict)}</td>
                    <td>{oneDecimal.format(w.net)}</td>
                    <td>{oneDecimal.format(w.netSmoothed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {props.datasets.map((d) => (
        <p class="meta attribution">
          Event data: {d.attribution} {d.url ? <a href={d.url}>Data set page</a> : null}
        </p>
      ))}
    </Layout>,
  )
}

/** The timeline's front page: which negotiations have a timeline, and the other views. */
export function timelineIndexPage(props: {
  staff: StaffUser | undefined
  negotiations: { slug: string; title: string }[]
  series: { first: string; last: string } | undefined
  dataset: DatasetRow | undefined
}) {
  return htmlDocument(
    <Layout
      title="Force and talks"
      staff={props.staff}
      description="Talks read together with the strikes around them."
    >
      <h1>Force and talks</h1>
      <p class="prose">
        Talks are held while missiles fly. These pages read them together:
        {props.series
          ? ` strike data runs from ${props.series.first} to ${props.series.last}.`
          : ' no strike data is loaded yet.'}
      </p>
      <ul>
        {props.negotiations.map((n) => (
          <li>
            <a href={`/negotiations/${n.slug}/timeline`}>{n.title}: strikes and talks</a>
          </li>
        ))}
        <li>
          <a href="/timeline/intensity">
            How heavy was this week? A window's rank among all windows
          </a>
        </li>
        <li>
          <a href="/timeline/dyad?a=RUS&amp;b=UKR">
            Cooperation and conflict between two countries, week by week
          </a>
        </li>
        {props.staff ? (
          <li>
            <a href="/staff/timeline/import">Import strike or event data (staff)</a>
          </li>
        ) : null}
      </ul>
      <Attribution dataset={props.dataset} />
    </Layout>,
  )
}

/** Staff: upload a strike file or an event table; the same report as the CLI. */
export function importPage(props: {
  staff: StaffUser | undefined
  report?: ImportReport | undefined
  error?: { message: string; details: readonly { path?: string; message: string }[] } | undefined
}) {
  return htmlDocument(
    <Layout title="Import strike or event data" staff={props.staff}>
      <h1>Import strike or event data</h1>
      {props.error ? (
        <div class="error" role="alert">
          <p>{props.error.message}</p>
          {props.error.details.length > 0 ? (
            <ul class="problems">
              {props.error.details.map((d) => (
                <li>
                  {d.path ? <strong>{d.path}: </strong> : null}
                  {d.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {props.report ? <ImportReportView report={props.report} /> : null}
      <form
        method="post"
        action="/staff/timeline/import"
        enctype="multipart/form-data"
        class="stack"
      >
        <label>
          Kind of file
          <select name="format">
            <option value="strikes">Strikes: "Massive Missile Attacks on Ukraine" CSV</option>
            <option value="gdelt">Events: GDELT 2.0 export</option>
            <option value="csv">Events: any CSV, with a mapping file</option>
          </select>
        </label>
        <label>
          File
          <input type="file" name="file" required />
        </label>
        <label>
          Weapon table (strikes, optional: missiles_and_uavs.csv)
          <input type="file" name="weapons" />
        </label>
        <label>
          Mapping (CSV events: MAPPING.json)
          <input type="file" name="mapping" />
        </label>
        <label class="check">
          <input type="checkbox" name="skipBadRows" value="1" /> Skip bad rows (each one is listed)
        </label>
        <button type="submit">Import</button>
      </form>
      <p class="meta">
        The import is one transaction: a bad row refuses the whole file unless bad rows are skipped.
        Importing the same file twice adds nothing; a corrected row updates its record.
      </p>
    </Layout>,
  )
}

function ImportReportView(props: { report: ImportReport }) {
  const r = props.report
  return (
    <div class="notice" role="status">
      <p>
        <strong>{r.dataset}</strong> ({r.format}): {number.format(r.rows)} rows read —{' '}
        {number.format(r.inserted)} inserted, {number.format(r.updated)} updated,{' '}
        {number.format(r.unchanged)} unchanged, {number.format(r.skipped.length)} skipped
        {r.nights === undefined ? '' : `; ${number.format(r.nights)} nights recomputed`}.
      </p>
      {r.skipped.length > 0 ? (
        <ul class="problems">
          {r.skipped.map((s) => (
            <li>
              line {s.line}: {s.problems.map((p) => `${p.column}: ${p.message}`).join('; ')}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
