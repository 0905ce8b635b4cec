import { addDays, daysBetween } from './kyiv-time.ts'
import type { WeaponClass } from './weapons.ts'

/** Munitions of one night, drones and missiles apart and together. */
export interface Munitions {
  drones: number
  missiles: number
  total: number
}

/** A night is named by the Kyiv date on which it ends (the wave of 26→27 December is "2025-12-27"). */
export interface NightTotals {
  night: string
  launched: Munitions
  destroyed: Munitions
}

/** The part of a strike report the nightly totals read. */
export interface ReportFigures {
  night: string
  weaponClass: WeaponClass
  scope: 'national' | 'regional'
  launched: number | null
  destroyed: number | null
}

export function munitions(drones: number, missiles: number): Munitions {
  return { drones, missiles, total: drones + missiles }
}

/**
 * Sums reports into nightly totals, nights in date order. Only national rows count (a regional
 * command's tally repeats what the national report already holds), only drones and missiles
 * (guided bombs are logged too sporadically to form a series), and a count left blank adds nothing.
 */
export function nightlyTotals(reports: Iterable<ReportFigures>): NightTotals[] {
  const byNight = new Map<string, { dl: number; ml: number; dd: number; md: number }>()
  for (const r of reports) {
    if (r.scope !== 'national' || r.weaponClass === 'bomb') continue
    const sums = byNight.get(r.night) ?? { dl: 0, ml: 0, dd: 0, md: 0 }
    if (r.weaponClass === 'drone') {
      sums.dl += r.launched ?? 0
      sums.dd += r.destroyed ?? 0
    } else {
      sums.ml += r.launched ?? 0
      sums.md += r.destroyed ?? 0
    }
    byNight.set(r.night, sums)
  }
  return [...byNight.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([night, s]) => ({
      night,
      launched: munitions(s.dl, s.ml),
      destroyed: munitions(s.dd, s.md),
    }))
}

/** A nightly series with no gaps: every night from `first` to `last`, nights without reports as 0. */
export interface NightlySeries {
  first: string
  last: string
  nights: NightTotals[]
}

const ZERO = munitions(0, 0)

/**
 * Lays nightly totals on a continuous calendar so that windows count nights, not rows. A night
 * absent from the data had no reported attack: it counts as zero, not as missing.
 */
export function continuousSeries(totals: readonly NightTotals[]): NightlySeries | undefined {
  if (totals.length === 0) return undefined
  const sorted = [...totals].sort((a, b) => (a.night < b.night ? -1 : 1))
  const first = sorted[0]!.night
  const last = sorted.at(-1)!.night
  const nights: NightTotals[] = []
  const byNight = new Map(sorted.map((t) => [t.night, t]))
  for (let i = 0, n = daysBetween(first, last); i <= n; i++) {
    const night = addDays(first, i)
    nights.push(byNight.get(night) ?? { night, launched: ZERO, destroyed: ZERO })
  }
  return { first, last, nights }
}

/** Sums over the trailing `length` values; null until a full window is available. */
export function rollingSums(values: readonly number[], length: number): (number | null)[] {
  const out: (number | null)[] = []
  let sum = 0
  for (let i = 0; i < values.length; i++) {
    sum += values[i]!
    if (i >= length) sum -= values[i - length]!
    out.push(i >= length - 1 ? sum : null)
  }
  return out
}

/** Which figure a window is ranked by. */
export type Measure = 'total' | 'drones' | 'missiles'

export function launchedBy(measure: Measure): (n: NightTotals) => number {
  return (n) => n.launched[measure]
}

/** Where one window stands among all windows of its length in a daily series. */
export interface DailyWindowRank {
  from: string
  ending: string
  length: number
  /** The window's sum. */
  value: number
  /** 1 = the heaviest; windows that tie share a rank (1, 2, 2, 4). */
  rank: number
  /** How many windows of this length the series holds. */
  of: number
  /** Share of windows no heavier than this one, 0–100, one decimal. */
  percentile: number
}

export type DailyWindowRankResult =
  | { ok: true; window: DailyWindowRank }
  | { ok: false; reason: 'outside_series' | 'too_short'; message: string }

/**
 * Ranks the `length`-day window ending on `ending` among all windows of that length in a
 * continuous daily series starting on `first` — "one of the heaviest weeks" as "the 3rd-heaviest
 * 7 days of 187". Windows overlap: every day that can end a full window ends one.
 */
export function rankDailyWindow(
  first: string,
  values: readonly number[],
  length: number,
  ending: string,
): DailyWindowRankResult {
  if (!Number.isInteger(length) || length < 1) {
    return { ok: false, reason: 'too_short', message: `a window is a whole number of days ≥ 1` }
  }
  if (values.length < length) {
    return {
      ok: false,
      reason: 'too_short',
      message: `the series has ${values.length} days, fewer than the ${length} a window needs`,
    }
  }
  const end = daysBetween(first, ending)
  if (end < length - 1 || end >= values.length) {
    return {
      ok: false,
      reason: 'outside_series',
      message: `a ${length}-day window ending ${ending} falls outside the series (windows end ${addDays(first, length - 1)} … ${addDays(first, values.length - 1)})`,
    }
  }
  const sums = rollingSums(values, length).filter((s) => s !== null)
  const mine = sums[end - (length - 1)]!
  const heavier = sums.filter((s) => s > mine).length
  return {
    ok: true,
    window: {
      from: addDays(ending, -(length - 1)),
      ending,
      length,
      value: mine,
      rank: heavier + 1,
      of: sums.length,
      percentile: Math.round((1000 * (sums.length - heavier)) / sums.length) / 10,
    },
  }
}

/** Daily values laid on a continuous calendar from the first to the last day (gaps are 0). */
export function continuousDaily(
  points: readonly { day: string; value: number }[],
): { first: string; last: string; values: number[] } | undefined {
  if (points.length === 0) return undefined
  const sorted = [...points].sort((a, b) => (a.day < b.day ? -1 : 1))
  const first = sorted[0]!.day
  const last = sorted.at(-1)!.day
  const values = new Array<number>(daysBetween(first, last) + 1).fill(0)
  for (const p of sorted) values[daysBetween(first, p.day)]! += p.value
  return { first, last, values }
}

export interface WindowRank extends Omit<DailyWindowRank, 'value'> {
  launched: Munitions
  destroyed: Munitions
  measure: Measure
}

export type WindowRankResult =
  | { ok: true; window: WindowRank }
  | { ok: false; reason: 'outside_series' | 'too_short'; message: string }

/** Ranks a strike window by launched munitions (all, or drones or missiles only). */
export function rankWindow(
  series: NightlySeries,
  length: number,
  ending: string,
  measure: Measure = 'total',
): WindowRankResult {
  const ranked = rankDailyWindow(
    series.first,
    series.nights.map(launchedBy(measure)),
    length,
    ending,
  )
  if (!ranked.ok) return ranked
  const { value: _value, ...window } = ranked.window
  const start = daysBetween(series.first, window.from)
  const nights = series.nights.slice(start, start + length)
  const add = (pick: (n: NightTotals) => Munitions) =>
    munitions(
      nights.reduce((s, n) => s + pick(n).drones, 0),
      nights.reduce((s, n) => s + pick(n).missiles, 0),
    )
  return {
    ok: true,
    window: {
      ...window,
      launched: add((n) => n.launched),
      destroyed: add((n) => n.destroyed),
      measure,
    },
  }
}

/** The talks-window ratio of one diplomatic event (DESIGN.md, Intensity). */
export interface TalksWindowRatio {
  day: string
  /** Mean launched per night over [t0−3, t0+3] and over the baseline [t0−31, t0−4]. */
  around: { from: string; to: string; mean: number } | null
  before: { from: string; to: string; mean: number } | null
  /** around / before; null when either window is not covered or the baseline is zero. */
  ratio: number | null
  note: string | null
}

/**
 * R = mean launched over [t0−3, t0+3] / mean launched over [t0−31, t0−4]: above 1, the days around
 * the event were heavier than the four weeks before it. Both windows must lie inside the series.
 */
export function talksWindowRatio(
  series: NightlySeries | undefined,
  day: string,
  measure: Measure = 'total',
): TalksWindowRatio {
  const window = (from: number, to: number) => {
    if (!series) return null
    const start = daysBetween(series.first, addDays(day, from))
    const end = daysBetween(series.first, addDays(day, to))
    if (start < 0 || end >= series.nights.length) return null
    const value = launchedBy(measure)
    const nights = series.nights.slice(start, end + 1)
    return {
      from: addDays(day, from),
      to: addDays(day, to),
      mean: nights.reduce((s, n) => s + value(n), 0) / nights.length,
    }
  }
  const around = window(-3, 3)
  const before = window(-31, -4)
  let note: string | null = null
  if (!series) note = 'no strike data loaded'
  else if (!around || !before) note = `outside the strike series (${series.first} … ${series.last})`
  else if (before.mean === 0) note = 'no launches in the baseline weeks'
  const ratio = around && before && before.mean > 0 ? around.mean / before.mean : null
  return { day, around, before, ratio, note }
}

/** A night's totals, 0 for a night inside the series with no reports; undefined outside it. */
export function findNight(
  series: NightlySeries | undefined,
  night: string,
): NightTotals | undefined {
  if (!series) return undefined
  const at = daysBetween(series.first, night)
  return at >= 0 && at < series.nights.length ? series.nights[at] : undefined
}
