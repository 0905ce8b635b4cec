import {
  type Munitions,
  type NightlySeries,
  type NightTotals,
  rollingSums,
  type WindowRank,
} from './intensity.ts'

/** One night as the API and the CLI print it. */
export interface NightView {
  night: string
  launched: Munitions
  destroyed: Munitions
}

export function nightView(n: NightTotals): NightView {
  return { night: n.night, launched: { ...n.launched }, destroyed: { ...n.destroyed } }
}

/** A window with its totals and its standing among all windows of its length. */
export interface WindowView {
  window: number
  from: string
  ending: string
  measure: string
  launched: Munitions
  destroyed: Munitions
  rank: number
  of: number
  percentile: number
}

export function windowView(w: WindowRank): WindowView {
  return {
    window: w.length,
    from: w.from,
    ending: w.ending,
    measure: `launched.${w.measure}`,
    launched: w.launched,
    destroyed: w.destroyed,
    rank: w.rank,
    of: w.of,
    percentile: w.percentile,
  }
}

/** "3rd", "21st", "112th". */
export function ordinal(n: number): string {
  const tens = n % 100
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')
  return `${n}${suffix}`
}

/** Nights of [from, to] with their rolling 7- and 30-night sums (computed over the whole series). */
export function nightsInRange(series: NightlySeries, from: string, to: string) {
  const launched = series.nights.map((n) => n.launched.total)
  const r7 = rollingSums(launched, 7)
  const r30 = rollingSums(launched, 30)
  return series.nights
    .map((n, i) => ({ ...n, rolling7: r7[i] ?? null, rolling30: r30[i] ?? null }))
    .filter((n) => n.night >= from && n.night <= to)
}
