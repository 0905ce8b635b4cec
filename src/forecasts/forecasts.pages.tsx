import * as Plot from '@observablehq/plot'
import { renderChart } from '../platform/web/chart.ts'
import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import type { StaffUser } from '../staff/staff.ts'
import {
  formatProbability,
  type QuestionData,
  type QuestionSummary,
  resolutionLabels,
} from './forecasts.ts'
import type { MurphyDecomposition } from './scoring.ts'

const day = (d: string) => new Date(`${d}T00:00:00Z`)
const dayFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
})
const formatDay = (d: string) => dayFormat.format(day(d))

/** What the headline number means, in words, wherever it is shown. */
export function headlineMeaning(summary: QuestionSummary): string {
  const n = summary.aggregates.forecasters
  if (n === 0) return 'no forecast yet'
  const whose = n === 1 ? '1 forecaster’s latest forecast' : `${n} forecasters’ latest forecasts`
  return `chance of yes: the recency-weighted median of ${whose}`
}

export function statusLabel(summary: QuestionSummary, question: QuestionData): string {
  switch (summary.status) {
    case 'open':
      return `open until ${formatDay(question.closeOn)}`
    case 'closed':
      return `closed ${formatDay(question.closeOn)}, awaiting resolution`
    default:
      return `${resolutionLabels[summary.status]} on ${formatDay(question.resolvedOn!)}`
  }
}

/**
 * The forecasts over time as an SVG: each forecast a dot, the headline aggregate a step line.
 * `compact` draws the small version an article embeds.
 */
export function forecastChart(
  question: QuestionData,
  summary: QuestionSummary,
  options: { id: string; compact?: boolean },
): string {
  const from = question.criteria[0]?.datedOn ?? summary.forecasts[0]?.madeOn ?? summary.at
  // The later of the first date and the earlier of `at` and the close (dates as strings).
  const end = [from, [summary.at, question.closeOn].sort()[0]!].sort()[1]!
  const points = summary.forecasts
  const line =
    summary.series.length > 0 ? [...summary.series, { ...summary.series.at(-1)!, date: end }] : []
  const description =
    points.length === 0
      ? `No forecast on this question by ${formatDay(summary.at)}.`
      : `${points.length} forecast${points.length === 1 ? '' : 's'} by ${summary.aggregates.forecasters} forecaster${summary.aggregates.forecasters === 1 ? '' : 's'} between ${formatDay(points[0]!.madeOn)} and ${formatDay(points.at(-1)!.madeOn)}, from ${formatProbability(Math.min(...points.map((p) => p.probability)))} to ${formatProbability(Math.max(...points.map((p) => p.probability)))}; the line is the recency-weighted median, ${formatProbability(summary.headline!)} on ${formatDay(summary.at)}.`
  return renderChart(
    {
      width: options.compact ? 480 : 640,
      height: options.compact ? 160 : 240,
      marginLeft: 44,
      marginRight: 16,
      x: { type: 'utc', label: null, domain: [day(from), day(end)] },
      y: { label: 'Chance of yes', domain: [0, 1], grid: true, tickFormat: '.0%' },
      marks: [
        Plot.ruleY([0.5], { stroke: 'currentColor', strokeOpacity: 0.3, strokeDasharray: '2,3' }),
        Plot.line(line, {
          x: (p: (typeof line)[number]) => day(p.date),
          y: 'value',
          curve: 'step-after',
          stroke: '#0b5cad',
          strokeWidth: 2,
        }),
        Plot.dot(points, {
          x: (f: (typeof points)[number]) => day(f.madeOn),
          y: 'probability',
          r: 3.5,
          stroke: 'currentColor',
          fill: 'none',
        }),
      ],
    },
    { id: options.id, title: `Forecasts on “${question.title}”`, description },
  )
}

/** The headline figure: the aggregate chance of yes and what it is. */
export function Headline(props: { summary: QuestionSummary; id?: string }) {
  const { summary } = props
  return (
    <div class="figure" id={props.id}>
      <span class="value">
        {summary.headline === undefined ? '—' : formatProbability(summary.headline)}
      </span>
      <span class="label">{headlineMeaning(summary)}</span>
    </div>
  )
}

export interface QuestionListEntry {
  question: QuestionData
  summary: QuestionSummary
}

export function forecastsPage(props: {
  entries: QuestionListEntry[]
  calibration: MurphyDecomposition | undefined
  staff?: StaffUser | undefined
}) {
  // Three groups by the question's status today (#13): a question past its close date is no
  // longer open, and one with an outcome is resolved whatever its close date.
  const open = props.entries.filter((e) => e.summary.status === 'open')
  const awaiting = props.entries.filter((e) => e.summary.status === 'closed')
  const resolved = props.entries.filter(
    (e) => e.summary.status !== 'open' && e.summary.status !== 'closed',
  )
  const resolvedYesOrNo = resolved.some(
    (e) => e.summary.status === 'yes' || e.summary.status === 'no',
  )
  const Card = (p: { entry: QuestionListEntry }) => {
    const { question: q, summary: s } = p.entry
    return (
      <li>
        <h3>
          <a href={`/forecasts/${q.key}`}>{q.title}</a>
        </h3>
        <div class="figures">
          <Headline summary={s} />
        </div>
        <p class="meta">
          {statusLabel(s, q)}
          {q.negotiation ? (
            <>
              {' · '}
              <a href={`/negotiations/${q.negotiation.slug}`}>{q.negotiation.title}</a>
            </>
          ) : null}
        </p>
      </li>
    )
  }
  return htmlDocument(
    <Layout
      title="Forecasts"
      staff={props.staff}
      description="Will the talks produce a deal? Questions with resolution criteria, dated forecasts and their scores."
    >
      <h1>Forecasts</h1>
      <p class="prose">
        A breakthrough is a question, not a progress bar: each question has criteria that say what
        counts, a close date, and dated forecasts by named forecasters with their reasons. The large
        number is the chance of yes — the median of each forecaster's latest forecast, weighted
        towards the newer ones. When a question resolves, every forecast is scored.{' '}
        <a href="#method">How these are computed</a>.
      </p>
      {props.staff ? (
        <p class="meta">
          <a href="/staff/forecasts">Ask a question or record a forecast (staff)</a>
        </p>
      ) : null}
      <h2 id="open">Open questions</h2>
      {open.length === 0 ? <p>No open question.</p> : null}
      <ul class="cards">
        {open.map((e) => (
          <Card entry={e} />
        ))}
      </ul>
      {awaiting.length > 0 ? (
        <>
          <h2 id="closed">Closed, awaiting resolution</h2>
          <p>Past their close date; the desk has not yet said how they resolved.</p>
          <ul class="cards">
            {awaiting.map((e) => (
              <Card entry={e} />
            ))}
          </ul>
        </>
      ) : null}
      <h2 id="resolved">Resolved questions</h2>
      {resolved.length === 0 ? <p>No question has resolved yet.</p> : null}
      <ul class="cards">
        {resolved.map((e) => (
          <Card entry={e} />
        ))}
      </ul>
      <h2 id="calibration">Calibration</h2>
      {props.calibration ? (
        <CalibrationTable calibration={props.calibration} />
      ) : resolvedYesOrNo ? (
        <p>
          Calibration needs forecasts on questions that resolved yes or no: the questions resolved
          so far had none, so there is nothing to compare yet.
        </p>
      ) : (
        <p>
          Calibration needs resolved questions: none has resolved yes or no yet, so there is nothing
          to compare the forecasts with.
        </p>
      )}
      <h2 id="method">How the numbers are computed</h2>
      <ul class="prose">
        <li>
          Each forecaster counts once, with their latest forecast. The headline is the median of
          those forecasts with weights e<sup>√n − √N</sup> (n = 1 the oldest, N the newest).
        </li>
        <li>
          Also shown on each question: the plain median, the geometric mean of the odds, and — from
          five forecasters on — the extremized mean of the log-odds (factor 1.7).
        </li>
        <li>
          Scores when a question resolves: Brier (p − o)², lower is better; log score ln p(outcome),
          closer to 0 is better; baseline score 100 · log₂(p(outcome) / 0.5), positive beats a coin
          toss.
        </li>
      </ul>
    </Layout>,
  )
}

function CalibrationTable(props: { calibration: MurphyDecomposition }) {
  const m = props.calibration
  const f3 = (x: number) => x.toFixed(3)
  return (
    <>
      <p class="prose">
        Every forecaster's last forecast on each resolved question, grouped by probability. Mean
        Brier score {f3(m.brier)} = reliability {f3(m.reliability)} − resolution {f3(m.resolution)}{' '}
        + uncertainty {f3(m.uncertainty)}
        {Math.abs(m.withinBin) > 5e-4 ? ` + ${f3(m.withinBin)} from the spread within bins` : ''}.
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Forecast</th>
              <th scope="col">Forecasts</th>
              <th scope="col">Mean forecast</th>
              <th scope="col">Resolved yes</th>
            </tr>
          </thead>
          <tbody>
            {m.bins.map((b) => (
              <tr>
                <td>
                  {Math.round(b.from * 100)}–{Math.round(b.to * 100)}%
                </td>
                <td>{b.count}</td>
                <td>{formatProbability(b.meanForecast)}</td>
                <td>{Math.round(b.observed * 100)}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
