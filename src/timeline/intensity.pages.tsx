import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import { Day } from '../platform/web/ui.tsx'
import type { StaffUser } from '../staff/staff.ts'
import type { WindowRank } from './intensity.ts'
import type { DatasetRow } from './strikes.repository.ts'
import { Attribution, number, oneDecimal } from './timeline.pages.tsx'
import { ordinal } from './views.ts'

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
