import * as Plot from '@observablehq/plot'
import { renderChart } from '../platform/web/chart.ts'
import { Raw } from '../platform/web/ui.tsx'
import type { NegotiationProgress } from './actions/load-progress.ts'
import { nextDay, rungLabels } from './progress.ts'
import { pct, pct0, toDate } from './tracker.pages.tsx'

/** The headline pair a reader needs at a glance: "signed 100%, implemented 30%". */
export function signedImplemented(progress: NegotiationProgress): string | undefined {
  const implementation = progress.answer.implementation
  if (!implementation || implementation.stakeWeighted === null) return undefined
  return `signed ${pct0(progress.answer.countShare)}, implemented ${pct0(implementation.stakeWeighted)}`
}

/** Beside C, P and G: how much of what is due on the signed points has been done. */
export function ImplementationFigure(props: { progress: NegotiationProgress }) {
  const implementation = props.progress.answer.implementation
  if (!implementation) return null
  return (
    <div class="figure" id="figure-implemented">
      <span class="value">
        {implementation.stakeWeighted === null ? '—' : pct(implementation.stakeWeighted)}
      </span>
      <span class="label">
        <strong>Implemented</strong> — {signedImplemented(props.progress) ?? 'nothing due yet'} (
        <a href="#implementation">obligations</a>)
      </span>
    </div>
  )
}

/** Agreed (C) and implemented (stake-weighted) over time, as step lines on one scale. */
export function implementationChart(progress: NegotiationProgress): string {
  const series = progress.implementationSeries
  const at = progress.answer.at
  const start = series[0]?.date ?? at
  const end = nextDay([series.at(-1)?.date ?? at, at].sort().at(-1)!)
  const last = series.at(-1)
  const steps = last ? [...series, { ...last, date: end }] : series
  const implemented = steps.map((point) => ({ date: point.date, value: point.stakeWeighted }))
  const current = progress.answer.implementation
  return renderChart(
    {
      width: 760,
      height: 260,
      marginLeft: 44,
      marginRight: 36,
      marginTop: 20,
      x: { type: 'utc', domain: [toDate(start), toDate(end)], label: null },
      y: {
        domain: [0, 1.05],
        ticks: [0, 0.25, 0.5, 0.75, 1],
        tickFormat: (d: number) => pct0(d),
        grid: true,
        label: null,
      },
      marks: [
        Plot.ruleY([0, 1], { stroke: 'currentColor', strokeOpacity: 0.3 }),
        Plot.lineY(steps, {
          x: (d: (typeof steps)[number]) => toDate(d.date),
          y: 'agreed',
          curve: 'step-after',
          stroke: '#c2570c',
          strokeWidth: 2.5,
        }),
        // A date with nothing due has no implementation figure: the line breaks there.
        Plot.lineY(implemented, {
          x: (d: (typeof implemented)[number]) => toDate(d.date),
          y: (d: (typeof implemented)[number]) => d.value ?? Number.NaN,
          curve: 'step-after',
          stroke: '#0e7490',
          strokeWidth: 2.5,
          strokeDasharray: '7,4',
        }),
        Plot.ruleX([toDate(at)], { stroke: 'currentColor', strokeDasharray: '3,3' }),
      ],
    },
    {
      id: 'implementation-chart',
      title: `Agreed against implemented: the ${progress.answer.framework.title} over time`,
      description:
        `From ${start} to ${end}. On ${at}: ${progress.answer.countShare === 1 ? 'every point' : `${pct(progress.answer.countShare)} of points`} signed; ` +
        (current?.stakeWeighted === null || current === null
          ? 'nothing yet due on the signed points.'
          : `implemented ${pct(current.stakeWeighted)} of what is due on the signed points.`),
    },
  )
}

/** Implementation beside agreement, on the overview; nothing when the version has no obligations. */
export function ImplementationSection(props: { progress: NegotiationProgress }) {
  const { answer, data } = props.progress
  const implementation = answer.implementation
  if (!implementation) return null
  const name = (key: string) => data.actors.find((a) => a.key === key)?.name ?? key
  const headline = signedImplemented(props.progress)
  return (
    <section aria-labelledby="implementation" class="implementation">
      <h3 id="implementation">Signed and implemented</h3>
      <p class="lead" id="signed-implemented">
        {headline
          ? `${headline[0]!.toUpperCase()}${headline.slice(1)}.`
          : `Signed ${pct0(answer.countShare)}; nothing is due yet on the signed points.`}
      </p>
      <div class="figures" id="implementation-figures">
        <div class="figure" id="figure-ic">
          <span class="value">
            {implementation.countShare === null ? '—' : pct(implementation.countShare)}
          </span>
          <span class="label">
            <strong>Fully implemented</strong> — share of the {implementation.counted} signed point
            {implementation.counted === 1 ? '' : 's'} with something due
          </span>
        </div>
        <div class="figure" id="figure-ip">
          <span class="value">
            {implementation.stakeWeighted === null ? '—' : pct(implementation.stakeWeighted)}
          </span>
          <span class="label">
            <strong>Implemented, by stake</strong> — of what is due on the signed points
          </span>
        </div>
        <div class="figure" id="figure-ig">
          <span class="value">
            {implementation.gated === null ? '—' : pct(implementation.gated)}
          </span>
          <span class="label">
            <strong>Implemented, gated</strong> — falls towards zero while a heavy obligation stalls
          </span>
        </div>
      </div>
      <figure class="chart">
        <Raw html={implementationChart(props.progress)} />
        <figcaption class="meta">
          Solid: points signed (count share C). Dashed: implemented, by stake, of what is due on the
          signed points; no line where nothing is due. The dotted upright marks the chosen date.
        </figcaption>
      </figure>
      <div class="table-wrap">
        <table id="obligations">
          <thead>
            <tr>
              <th scope="col">Point</th>
              <th scope="col">Who must do what</th>
              <th scope="col">Due</th>
              <th scope="col">Rung</th>
              <th scope="col">Reads as</th>
            </tr>
          </thead>
          <tbody>
            {implementation.obligations.map((o) => (
              <tr>
                <td>{o.point}</td>
                <td>
                  {name(o.party)}: {o.action}
                  {o.disputes.map((d) => (
                    <p class="meta">
                      Read by {name(d.party)}
                      {d.on ? ` (${d.on})` : ''} as: {d.reading}
                    </p>
                  ))}
                </td>
                <td>{o.due ?? 'no date set'}</td>
                <td>
                  {o.rung} {rungLabels[o.rung as 0 | 1 | 2 | 3]}
                </td>
                <td>
                  {o.label}
                  {o.flags.includes('disputed') ? ' (reading disputed)' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
