import { addDays, daysBetween, weekStart } from './kyiv-time.ts'

/** The part of a machine-coded event the cooperation–conflict index reads. */
export interface DyadEvent {
  day: string
  /** Goldstein scale, −10 … +10. */
  goldstein: number
  numSources: number
  isRoot: boolean
}

export interface DyadWeek {
  /** Monday of the ISO week. */
  week: string
  /** Events that passed the filter (root event, or two or more sources). */
  events: number
  /** Σ g·m, Σ max(g,0)·m and Σ min(g,0)·m with m = ln(1 + NumSources). */
  net: number
  cooperation: number
  conflict: number
  /** The same, smoothed week to week (EWMA). */
  netSmoothed: number
  cooperationSmoothed: number
  conflictSmoothed: number
}

/** Smoothing weight of the newest week: 2 / (span + 1) with a four-week span. */
export const DEFAULT_ALPHA = 0.4

/**
 * The weekly cooperation–conflict index of a dyad (DESIGN.md). A single mention is noise, so only
 * root events or events carried by two or more sources count, each weighted by ln(1 + sources).
 * Weeks without events are zeros, so the smoothed line decays through quiet weeks.
 */
export function weeklyCooperationConflict(
  events: Iterable<DyadEvent>,
  options: { alpha?: number; from?: string; to?: string } = {},
): DyadWeek[] {
  const alpha = options.alpha ?? DEFAULT_ALPHA
  const sums = new Map<string, { events: number; net: number; coop: number; conflict: number }>()
  for (const e of events) {
    if (!e.isRoot && e.numSources < 2) continue
    if (options.from !== undefined && e.day < options.from) continue
    if (options.to !== undefined && e.day > options.to) continue
    const m = Math.log1p(Math.max(e.numSources, 0))
    const week = weekStart(e.day)
    const s = sums.get(week) ?? { events: 0, net: 0, coop: 0, conflict: 0 }
    s.events += 1
    s.net += e.goldstein * m
    s.coop += Math.max(e.goldstein, 0) * m
    s.conflict += Math.min(e.goldstein, 0) * m
    sums.set(week, s)
  }
  const weeks = [...sums.keys()].sort()
  const firstWeek = options.from !== undefined ? weekStart(options.from) : weeks[0]
  const lastWeek = options.to !== undefined ? weekStart(options.to) : weeks.at(-1)
  if (firstWeek === undefined || lastWeek === undefined) return []
  const out: DyadWeek[] = []
  let smoothed: [number, number, number] | undefined
  for (let i = 0, n = daysBetween(firstWeek, lastWeek) / 7; i <= n; i++) {
    const week = addDays(firstWeek, 7 * i)
    const s = sums.get(week) ?? { events: 0, net: 0, coop: 0, conflict: 0 }
    const raw: [number, number, number] = [s.net, s.coop, s.conflict]
    smoothed = smoothed
      ? ([0, 1, 2].map((k) => alpha * raw[k]! + (1 - alpha) * smoothed![k]!) as [
          number,
          number,
          number,
        ])
      : raw
    out.push({
      week,
      events: s.events,
      net: s.net,
      cooperation: s.coop,
      conflict: s.conflict,
      netSmoothed: smoothed[0],
      cooperationSmoothed: smoothed[1],
      conflictSmoothed: smoothed[2],
    })
  }
  return out
}
