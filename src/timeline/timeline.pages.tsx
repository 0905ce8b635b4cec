import * as Plot from '@observablehq/plot'
import type { NegotiationRow } from '../negotiations/negotiations.repository.ts'
import { renderChart } from '../platform/web/chart.ts'
import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import { Day, NegotiationNav } from '../platform/web/ui.tsx'
import type { StaffUser } from '../staff/staff.ts'
import type { MarkedEvent } from './actions/load-negotiation-timeline.ts'
import type { NightTotals, TalksWindowRatio } from './intensity.ts'
import { daysBetween } from './kyiv-time.ts'
import type { DatasetRow } from './strikes.repository.ts'

export const number = new Intl.NumberFormat('en-GB')
export const ratioFormat = new Intl.NumberFormat('en-GB', {
  maximumFractionDigits: 2,
  minimumFractionDigits: 2,
})
export const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 })

export function Raw(props: { html: string; class?: string }) {
  return <div class={props.class} dangerouslySetInnerHTML={{ __html: props.html }} />
}

export const toDate = (day: string) => new Date(`${day}T00:00:00Z`)

/** How an event kind reads in a tag: a ceasefire marker means one took effect that day. */
export function eventKindLabel(kind: string): string {
  if (kind === 'ceasefire') return 'ceasefire takes effect'
  return kind.replace('-', ' ')
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

export function Attribution(props: { dataset: DatasetRow | undefined }) {
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
