import * as Plot from '@observablehq/plot'
import { renderChart } from '../platform/web/chart.ts'
import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import { Day } from '../platform/web/ui.tsx'
import type { StaffUser } from '../staff/staff.ts'
import type { DyadWeek } from './dyad.ts'
import type { DatasetRow } from './strikes.repository.ts'
import { oneDecimal, Raw, toDate } from './timeline.pages.tsx'

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
