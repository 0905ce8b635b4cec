/**
 * The progress measures of a framework version (../../docs/measures.md, DESIGN.md "The measures").
 * Pure functions: data in, data out. Dates are `YYYY-MM-DD` strings, which order as text.
 */

/** The position ladder: how far one party has come on one provision. */
export const Levels = [0, 1, 2, 3] as const
export type Level = (typeof Levels)[number]

export const levelLabels: Record<Level, string> = {
  0: 'rejected or absent',
  1: 'tabled',
  2: 'agreed in principle',
  3: 'agreed, verifiable text',
}

export const Roles = [
  'principal',
  'mediator',
  'guarantor',
  'consulted',
  'observer',
  'sidelined',
] as const
export type Role = (typeof Roles)[number]

// A point nobody has tabled still counts for something, or one open point would zero the product.
export const GATE_FLOOR = 0.05

// Weights are entered by people and stored as floating point; a sum within this of 1 is 1.
export const WEIGHT_TOLERANCE = 1e-6

/** One provision's weight w_i and status s_i (0–1) at a date. */
export interface PointStatus {
  weight: number
  status: number
}

/** The three measures, each a fraction 0–1. */
export interface Progress {
  /** C: share of points fully agreed, by count — the "90% complete" headline. */
  countShare: number
  /** P = Σ w_i s_i: share of the stake agreed. */
  stakeWeighted: number
  /** G = Π max(s_i, 0.05)^{w_i}: collapses when a heavy point is open. */
  gated: number
}

/** Count share beside stake-weighted and gated progress, for one set of points at one date. */
export function progressOf(points: readonly PointStatus[]): Progress {
  if (points.length === 0) return { countShare: 0, stakeWeighted: 0, gated: 0 }
  const agreed = points.filter((point) => point.status >= 1)
  return {
    countShare: agreed.length / points.length,
    stakeWeighted: sum(points.map((point) => point.weight * point.status)),
    gated: points.reduce(
      (product, point) => product * Math.max(point.status, GATE_FLOOR) ** point.weight,
      1,
    ),
  }
}

// ——— The inputs of a measurement ———

/** A party's role over a period; `to` is the last day in the role, `null` while it lasts. */
export interface RolePeriod {
  party: string
  role: Role
  from: string
  to: string | null
}

/** A party's standing on a provision from a date on. */
export interface PositionRecord {
  provision: string
  party: string
  on: string
  level: Level
}

export interface ProvisionInput {
  /** Stable within one framework version, e.g. the point number as text. */
  key: string
  number: number
  topic: string
  issue: string | null
  /** w_i ≥ 0; the weights of a framework version sum to 1. */
  weight: number
}

export interface IssueInput {
  key: string
  title: string
  core: boolean
  divisible: boolean
}

/** A party's bottom line on an issue, as an acceptable interval on the issue's own 0–1 scale. */
export interface BottomLine {
  issue: string
  party: string
  on: string
  min: number
  max: number
}

export interface FrameworkInput {
  provisions: readonly ProvisionInput[]
  issues: readonly IssueInput[]
  roles: readonly RolePeriod[]
  positions: readonly PositionRecord[]
  bottomLines: readonly BottomLine[]
}

// ——— Measuring at a date ———

export interface PointState extends ProvisionInput {
  /** s_i = min over principals of their latest level / 3. */
  status: number
  /** Each principal's latest level on or before the date; `null` when it has none (counts as 0). */
  levels: Record<string, Level | null>
  /** The principals whose level sets the status (the least agreeing ones). */
  heldBy: string[]
}

export interface Blocker {
  key: string
  number: number
  topic: string
  issue: string | null
  weight: number
  status: number
  /** weight × (1 − status): how much of the stake this point keeps open. */
  score: number
  heldBy: string[]
}

export type Flag =
  | { kind: 'open_indivisible'; issue: string; title: string; status: number }
  | {
      kind: 'no_overlap'
      issue: string
      title: string
      lines: { party: string; on: string; min: number; max: number }[]
    }

export interface Measurement extends Progress {
  date: string
  principals: string[]
  points: PointState[]
  blockers: Blocker[]
  flags: Flag[]
}

/** The parties in a given role on a date, in the order their periods are listed. */
export function partiesInRole(roles: readonly RolePeriod[], role: Role, date: string): string[] {
  const found: string[] = []
  for (const period of roles) {
    if (period.role !== role || !covers(period, date) || found.includes(period.party)) continue
    found.push(period.party)
  }
  return found
}

/** A party's role on a date, or `undefined` when it has none then. */
export function roleOn(
  roles: readonly RolePeriod[],
  party: string,
  date: string,
): Role | undefined {
  return roles.find((period) => period.party === party && covers(period, date))?.role
}

function covers(period: RolePeriod, date: string): boolean {
  return period.from <= date && (period.to === null || date <= period.to)
}

/** The latest position of `party` on `provision` on or before `date`. */
export function latestPosition(
  positions: readonly PositionRecord[],
  provision: string,
  party: string,
  date: string,
): PositionRecord | undefined {
  let latest: PositionRecord | undefined
  for (const position of positions) {
    if (position.provision !== provision || position.party !== party || position.on > date) continue
    if (!latest || position.on >= latest.on) latest = position
  }
  return latest
}

/** Each provision's status at `date`, from the latest positions of the principals of that date. */
export function pointStates(input: FrameworkInput, date: string): PointState[] {
  const principals = partiesInRole(input.roles, 'principal', date)
  return input.provisions.map((provision) => {
    const levels: Record<string, Level | null> = {}
    for (const party of principals) {
      levels[party] = latestPosition(input.positions, provision.key, party, date)?.level ?? null
    }
    const values = principals.map((party) => levels[party] ?? 0)
    const least = values.length === 0 ? 0 : Math.min(...values)
    return {
      ...provision,
      status: least / 3,
      levels,
      heldBy: principals.filter((party) => (levels[party] ?? 0) === least),
    }
  })
}

/** The open points, heaviest open stake first: weight × (1 − status), ties by point number. */
export function blockersOf(points: readonly PointState[]): Blocker[] {
  return points
    .filter((point) => point.status < 1)
    .map((point) => ({
      key: point.key,
      number: point.number,
      topic: point.topic,
      issue: point.issue,
      weight: point.weight,
      status: point.status,
      score: point.weight * (1 - point.status),
      heldBy: point.heldBy,
    }))
    .sort((a, b) => b.score - a.score || a.number - b.number)
}

/** The latest bottom line of each party on each issue on or before `date`. */
export function bottomLinesAt(lines: readonly BottomLine[], date: string): BottomLine[] {
  const latest = new Map<string, BottomLine>()
  for (const line of lines) {
    if (line.on > date) continue
    const id = `${line.issue}\u0000${line.party}`
    const known = latest.get(id)
    if (!known || line.on >= known.on) latest.set(id, line)
  }
  return [...latest.values()]
}

/** True when the intervals have a point in common: some outcome every party can accept. */
export function intervalsOverlap(lines: readonly { min: number; max: number }[]): boolean {
  if (lines.length < 2) return true
  return Math.max(...lines.map((l) => l.min)) <= Math.min(...lines.map((l) => l.max))
}

/**
 * Warnings a headline figure hides: an indivisible issue with a point still open, and an issue on
 * which the parties' latest bottom lines leave no outcome all of them accept.
 */
export function flagsOf(
  issues: readonly IssueInput[],
  points: readonly PointState[],
  bottomLines: readonly BottomLine[],
  date: string,
): Flag[] {
  const flags: Flag[] = []
  for (const issue of issues) {
    const own = points.filter((point) => point.issue === issue.key)
    if (!issue.divisible && own.length > 0) {
      const status = Math.min(...own.map((point) => point.status))
      if (status < 1)
        flags.push({ kind: 'open_indivisible', issue: issue.key, title: issue.title, status })
    }
  }
  const current = bottomLinesAt(bottomLines, date)
  for (const issue of issues) {
    const lines = current.filter((line) => line.issue === issue.key)
    if (!intervalsOverlap(lines)) {
      flags.push({
        kind: 'no_overlap',
        issue: issue.key,
        title: issue.title,
        lines: lines.map(({ party, on, min, max }) => ({ party, on, min, max })),
      })
    }
  }
  return flags
}

/** Everything measured about a framework version on one date. */
export function measureAt(input: FrameworkInput, date: string): Measurement {
  const points = pointStates(input, date)
  return {
    date,
    principals: partiesInRole(input.roles, 'principal', date),
    ...progressOf(points),
    points,
    blockers: blockersOf(points),
    flags: flagsOf(input.issues, points, input.bottomLines, date),
  }
}

export interface SeriesPoint extends Progress {
  date: string
}

/**
 * The dates between `from` and `to` (inclusive) on which a measure can change: a position is
 * taken, a role starts or ends (the day after its last day), plus both ends and any extra dates.
 */
export function changeDates(
  input: FrameworkInput,
  from: string,
  to: string,
  extra: readonly string[] = [],
): string[] {
  const dates = new Set<string>([from, to, ...extra])
  for (const position of input.positions) dates.add(position.on)
  for (const period of input.roles) {
    dates.add(period.from)
    if (period.to !== null) dates.add(nextDay(period.to))
  }
  return [...dates].filter((date) => date >= from && date <= to).sort()
}

/** C, P and G on each change date: a step series, constant between its dates. */
export function progressSeries(
  input: FrameworkInput,
  from: string,
  to: string,
  extra: readonly string[] = [],
): SeriesPoint[] {
  return changeDates(input, from, to, extra).map((date) => ({
    date,
    ...progressOf(pointStates(input, date)),
  }))
}

export function nextDay(date: string): string {
  const next = new Date(`${date}T00:00:00Z`)
  next.setUTCDate(next.getUTCDate() + 1)
  return next.toISOString().slice(0, 10)
}

// ——— Weights ———

export interface WeightProblem {
  /** The offending entry, e.g. `weights[3].weight` or `w.territory`. */
  path: string
  message: string
}

export type CheckedWeights =
  | { ok: true; weights: number[]; normalized: boolean }
  | { ok: false; problems: WeightProblem[] }

/**
 * Checks a weight vector: every weight finite and ≥ 0, and the sum 1 — or, only when `normalize`
 * is asked for, rescaled to sum to 1. `paths[i]` names weight i in error messages.
 */
export function checkWeights(
  weights: readonly number[],
  paths: readonly string[],
  options: { normalize?: boolean } = {},
): CheckedWeights {
  const problems: WeightProblem[] = []
  weights.forEach((weight, i) => {
    const path = paths[i] ?? `weights[${i}]`
    if (!Number.isFinite(weight)) problems.push({ path, message: 'expected a number' })
    else if (weight < 0) problems.push({ path, message: `a weight cannot be negative (${weight})` })
  })
  if (problems.length > 0) return { ok: false, problems }
  const total = sum(weights)
  if (options.normalize) {
    if (total <= 0) {
      return {
        ok: false,
        problems: [{ path: 'weights', message: 'the weights sum to 0; nothing to rescale' }],
      }
    }
    return { ok: true, weights: weights.map((w) => w / total), normalized: true }
  }
  if (Math.abs(total - 1) > WEIGHT_TOLERANCE) {
    return {
      ok: false,
      problems: [
        {
          path: 'weights',
          message: `the weights sum to ${round(total, 6)}, not 1 (ask for normalization to rescale them)`,
        },
      ],
    }
  }
  return { ok: true, weights: [...weights], normalized: false }
}

/** The grouping key of points that belong to no issue. Keys start with a letter or digit. */
export const OTHER_GROUP = '_other'

export function groupOf(provision: { issue: string | null }): string {
  return provision.issue ?? OTHER_GROUP
}

/** Issue weights: the sum of the weights of each issue's points (points without one: `_other`). */
export function issueWeights(provisions: readonly ProvisionInput[]): Map<string, number> {
  const totals = new Map<string, number>()
  for (const provision of provisions) {
    const group = groupOf(provision)
    totals.set(group, (totals.get(group) ?? 0) + provision.weight)
  }
  return totals
}

/**
 * Re-weights provisions from issue weights (a reader's, say): each issue's new weight is shared
 * among its points in proportion to their published weights (equally when those were all 0).
 * Groups missing from `byIssue` keep their published total. The result is not normalized.
 */
export function reweightByIssue(
  provisions: readonly ProvisionInput[],
  byIssue: ReadonlyMap<string, number>,
): ProvisionInput[] {
  const published = issueWeights(provisions)
  const members = new Map<string, number>()
  for (const provision of provisions) {
    const group = groupOf(provision)
    members.set(group, (members.get(group) ?? 0) + 1)
  }
  return provisions.map((provision) => {
    const group = groupOf(provision)
    const target = byIssue.get(group)
    if (target === undefined) return provision
    const total = published.get(group) ?? 0
    const share = total > 0 ? provision.weight / total : 1 / (members.get(group) ?? 1)
    return { ...provision, weight: target * share }
  })
}

/** Equal weights, for a framework version with no published weight set yet. */
export function equalWeights(count: number): number[] {
  return Array.from({ length: count }, () => (count === 0 ? 0 : 1 / count))
}

// ——— Lineage between two versions of a framework ———

export type LineageKind = 'carried' | 'merged' | 'split' | 'dropped' | 'new'

export interface LineageLink {
  /** Point number in the earlier version. */
  from: number
  /** Point number in the later version. */
  to: number
  note?: string | null
}

export interface LineageRow {
  kind: LineageKind
  /** Earlier points (empty for a new point). */
  from: number[]
  /** Later points (empty for a dropped point). */
  to: number[]
  notes: string[]
}

/**
 * Classifies what became of each point between two versions from the links alone: a later point
 * with several sources is `merged`, an earlier point with several successors is `split`, a one-to-one
 * link is `carried`; an earlier point with no link is `dropped`, a later one with none is `new`.
 * Rows follow the later version's order, dropped points last.
 */
export function lineageRows(
  earlier: readonly number[],
  later: readonly number[],
  links: readonly LineageLink[],
): LineageRow[] {
  const sourcesOf = (to: number) => links.filter((l) => l.to === to)
  const successorsOf = (from: number) => links.filter((l) => l.from === from)
  const notes = (list: readonly LineageLink[]) =>
    list.map((l) => l.note).filter((n): n is string => typeof n === 'string' && n !== '')
  const rows: LineageRow[] = []
  const splitDone = new Set<number>()
  for (const to of later) {
    const incoming = sourcesOf(to)
    if (incoming.length === 0) {
      rows.push({ kind: 'new', from: [], to: [to], notes: [] })
    } else if (incoming.length > 1) {
      rows.push({
        kind: 'merged',
        from: incoming.map((l) => l.from),
        to: [to],
        notes: notes(incoming),
      })
    } else {
      const from = incoming[0]!.from
      const outgoing = successorsOf(from)
      if (outgoing.length > 1) {
        if (splitDone.has(from)) continue
        splitDone.add(from)
        rows.push({
          kind: 'split',
          from: [from],
          to: outgoing.map((l) => l.to),
          notes: notes(outgoing),
        })
      } else {
        rows.push({ kind: 'carried', from: [from], to: [to], notes: notes(incoming) })
      }
    }
  }
  for (const from of earlier) {
    if (successorsOf(from).length === 0)
      rows.push({ kind: 'dropped', from: [from], to: [], notes: [] })
  }
  return rows
}

// ——— Small helpers ———

function sum(values: readonly number[]): number {
  // Kahan summation: twenty weights of 0.025 should add up to 0.5, not 0.49999999999999994.
  let total = 0
  let carry = 0
  for (const value of values) {
    const y = value - carry
    const t = total + y
    carry = t - total - y
    total = t
  }
  return total
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

// ——— Implementation: what was signed, and what was done (docs/measures.md, decision 0007) ———

/**
 * The implementation ladder, after the Kroc Institute's Peace Accords Matrix: how far one
 * obligation has been carried out. "Reversed" and "disputed reading" are flags, not rungs.
 */
export const Rungs = [0, 1, 2, 3] as const
export type Rung = (typeof Rungs)[number]

export const rungLabels: Record<Rung, string> = {
  0: 'not initiated',
  1: 'minimal',
  2: 'intermediate',
  3: 'full',
}

export const ImplementationFlags = ['reversed', 'disputed'] as const
export type ImplementationFlag = (typeof ImplementationFlags)[number]

/** What a reader sees for one obligation at a date, derived by `obligationLabel`. */
export type ObligationLabel =
  | 'not due yet'
  | 'on track'
  | 'implemented'
  | 'partial'
  | 'late'
  | 'not implemented'
  | 'reversed'

/** An obligation a point creates: which party must do what, by when (`due` may be unknown). */
export interface ObligationInput {
  key: string
  /** The provision key (as in ProvisionInput) whose signature creates the obligation. */
  provision: string
  party: string
  /** Last day to carry it out; `null` when the text sets none (then due once the point is signed). */
  due: string | null
}

/** A dated assessment of one obligation on the implementation ladder. */
export interface ImplementationRecord {
  obligation: string
  on: string
  rung: Rung
  flags: readonly ImplementationFlag[]
}

/** One obligation at a date: the latest record on or before it, and the label derived from it. */
export interface ObligationState extends ObligationInput {
  rung: Rung
  flags: readonly ImplementationFlag[]
  /** Due on or before the date (or with no due date): counted in m_i. */
  isDue: boolean
  label: ObligationLabel
}

/** The implementation measures over the signed points with something due; `null` when none is. */
export interface Implementation {
  /** Points signed (s_i = 1) with at least one obligation due: the points measured. */
  counted: number
  /** Points signed at the date, counted or not. */
  signed: number
  /** Share of counted points fully implemented (m_i = 1). */
  countShare: number | null
  /** Σ w_i m_i / Σ w_i over counted points: the headline "implemented" figure. */
  stakeWeighted: number | null
  /** Π max(m_i, 0.05)^{w_i / Σ w} over counted points. */
  gated: number | null
}

/** The latest record of an obligation on or before `date`, later-listed winning a same-day tie. */
export function latestRecord(
  records: readonly ImplementationRecord[],
  obligation: string,
  date: string,
): ImplementationRecord | undefined {
  let latest: ImplementationRecord | undefined
  for (const record of records) {
    if (record.obligation !== obligation || record.on > date) continue
    if (!latest || record.on >= latest.on) latest = record
  }
  return latest
}

/**
 * The reader's label of an obligation (decision 0007): reversed whenever the latest record says
 * so; implemented at the full rung; before its due date "not due yet" (nothing done) or "on
 * track" (work begun); from its due date on, below full, "late"; with no due date, "not
 * implemented" (nothing done) or "partial".
 */
export function obligationLabel(
  rung: Rung,
  flags: readonly ImplementationFlag[],
  due: string | null,
  date: string,
): ObligationLabel {
  if (flags.includes('reversed')) return 'reversed'
  if (rung === 3) return 'implemented'
  if (due !== null && due > date) return rung === 0 ? 'not due yet' : 'on track'
  if (due !== null) return 'late'
  return rung === 0 ? 'not implemented' : 'partial'
}

/** Every obligation's rung, flags and label at `date` (no record yet: not initiated). */
export function obligationStates(
  obligations: readonly ObligationInput[],
  records: readonly ImplementationRecord[],
  date: string,
): ObligationState[] {
  return obligations.map((obligation) => {
    const record = latestRecord(records, obligation.key, date)
    const rung = record?.rung ?? 0
    const flags = record?.flags ?? []
    return {
      ...obligation,
      rung,
      flags,
      isDue: obligation.due === null || obligation.due <= date,
      label: obligationLabel(rung, flags, obligation.due, date),
    }
  })
}

/**
 * m_i of each signed point with an obligation due at `date`: the mean of rung/3 over its due
 * obligations. Points not signed, or with nothing due, are left out.
 */
export function pointImplementation(
  points: readonly PointState[],
  states: readonly ObligationState[],
): { key: string; weight: number; value: number }[] {
  return points.flatMap((point) => {
    if (point.status < 1) return []
    const due = states.filter((state) => state.provision === point.key && state.isDue)
    if (due.length === 0) return []
    return [{ key: point.key, weight: point.weight, value: mean(due.map((s) => s.rung / 3)) }]
  })
}

/**
 * The implementation measures at a date. Weights are renormalised over the counted points, so
 * that a point with nothing due neither helps nor hurts; if the counted points weigh nothing, each
 * counts the same (decision 0007).
 */
export function implementationOf(
  points: readonly PointState[],
  states: readonly ObligationState[],
): Implementation {
  const signed = points.filter((point) => point.status >= 1).length
  const counted = pointImplementation(points, states)
  if (counted.length === 0)
    return { counted: 0, signed, countShare: null, stakeWeighted: null, gated: null }
  const total = sum(counted.map((point) => point.weight))
  const share = (point: { weight: number }) =>
    total > WEIGHT_TOLERANCE ? point.weight / total : 1 / counted.length
  return {
    counted: counted.length,
    signed,
    countShare: counted.filter((point) => point.value >= 1).length / counted.length,
    stakeWeighted: sum(counted.map((point) => share(point) * point.value)),
    gated: counted.reduce(
      (product, point) => product * Math.max(point.value, GATE_FLOOR) ** share(point),
      1,
    ),
  }
}

export interface ImplementationSeriesPoint extends Implementation {
  date: string
  /** C of the same date, so that agreed and implemented can be drawn together. */
  agreed: number
}

/**
 * Agreed (C) beside implemented on every date either can change: the progress change dates, each
 * record's date, and each due date.
 */
export function implementationSeries(
  input: FrameworkInput,
  obligations: readonly ObligationInput[],
  records: readonly ImplementationRecord[],
  from: string,
  to: string,
): ImplementationSeriesPoint[] {
  const extra = [
    ...records.map((record) => record.on),
    ...obligations.flatMap((obligation) => (obligation.due === null ? [] : [obligation.due])),
  ]
  return changeDates(input, from, to, extra).map((date) => {
    const points = pointStates(input, date)
    return {
      date,
      agreed: progressOf(points).countShare,
      ...implementationOf(points, obligationStates(obligations, records, date)),
    }
  })
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : sum(values) / values.length
}
