import * as Plot from '@observablehq/plot'
import { renderChart } from '../platform/web/chart.ts'
import type { NegotiationProgress } from './actions/load-progress.ts'
import { type Level, levelLabels, nextDay } from './progress.ts'

// ——— Formatting ———

export const pct = (share: number) => `${(share * 100).toFixed(1)}%`
/** A share as a whole percentage, for claims and chart ticks. */
export const pct0 = (share: number) => `${Math.round(share * 100)}%`

/** A point's status (0–1) as its rung on the ladder: "2 · …". */
export const statusLabel = (status: number) => {
  const level = Math.round(status * 3) as Level
  return `${level} · ${levelLabels[level]}`
}

// ——— The progress chart ———

const SERIES = [
  { key: 'countShare', label: 'Count share C', short: 'C', stroke: '#c2570c', dash: null },
  { key: 'stakeWeighted', label: 'Stake-weighted P', short: 'P', stroke: '#15803d', dash: '7,4' },
  { key: 'gated', label: 'Gated G', short: 'G', stroke: '#6d5bd0', dash: '2,3' },
] as const
const CLAIM_COLOR = '#b3261e'

export const toDate = (day: string) => new Date(`${day}T00:00:00Z`)

/** "Steve Witkoff" → "Witkoff"; "Two senior US officials (unnamed)" → "US officials". */
export function shortName(name: string): string {
  const words = name
    .replace(/\([^)]*\)/g, '')
    .trim()
    .split(/\s+/)
  return words.length <= 2 ? words.at(-1)! : words.slice(-2).join(' ')
}

/** "E3 (United Kingdom, France, Germany)" → "E3", for chart labels. */
export const chartName = (name: string) => name.replace(/\s*\([^)]*\)/g, '').trim() || name

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
