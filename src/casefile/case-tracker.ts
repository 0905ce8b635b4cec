import { z } from 'zod'
import { checkWeights, Roles } from '../negotiations/progress.ts'
import { Level } from '../negotiations/tracker.inputs.ts'
import { IsoDate, Key } from '../platform/values.ts'

/**
 * The tracker's sections of a case file (docs/case-file.md): parties with their roles over time,
 * weight sets, positions on the 0–3 ladder, lineage between framework versions, and bottom lines.
 * Everything refers to actors, documents (and their point numbers), issues and sources by key.
 */

const Note = z.string().min(1)
const PointNumber = z.number().int().positive()

export const CaseRolePeriod = z
  .object({
    role: z.enum(Roles, {
      error: `expected one of ${Roles.join(', ')}`,
    }),
    from: IsoDate,
    /** Last day in the role; `null` while it lasts. */
    to: IsoDate.nullable().default(null),
    note: Note.optional(),
    sources: z.array(Key).default([]),
  })
  .strict()

export const CaseParty = z
  .object({
    /** Key of the actor (a state or organisation, usually) taking part. */
    actor: Key,
    roles: z.array(CaseRolePeriod).min(1),
  })
  .strict()

export const CaseWeight = z
  .object({
    point: PointNumber,
    weight: z.number({ error: 'expected a number' }),
    note: Note.optional(),
  })
  .strict()

export const CaseWeightSet = z
  .object({
    key: Key,
    /** Key of the framework document (version) whose points these weights are for. */
    document: Key,
    setBy: z.string().min(1),
    setOn: IsoDate,
    rationale: z.string().min(1),
    /** Rescale the weights to sum to 1 instead of refusing a set that does not. */
    normalize: z.boolean().optional(),
    weights: z.array(CaseWeight).min(1),
  })
  .strict()

export const CasePosition = z
  .object({
    document: Key,
    point: PointNumber,
    /** Key of the actor whose position this is; it must be listed under `parties`. */
    party: Key,
    on: IsoDate,
    level: Level,
    note: Note.optional(),
    sources: z.array(Key).min(1),
  })
  .strict()

export const CaseLineage = z
  .object({
    /** The earlier version. */
    from: Key,
    /** The later version. */
    to: Key,
    links: z.array(
      z
        .object({
          from: PointNumber,
          to: PointNumber,
          note: Note.optional(),
        })
        .strict(),
    ),
  })
  .strict()

const Share = z
  .number()
  .min(0, 'expected a number from 0 to 1')
  .max(1, 'expected a number from 0 to 1')

export const CaseBottomLines = z
  .object({
    issue: Key,
    /** What 0 and 1 mean for this issue, e.g. "share of the contested area ceded (0 none, 1 all)". */
    scale: z.string().min(1),
    lines: z.array(
      z
        .object({
          party: Key,
          on: IsoDate,
          min: Share,
          max: Share,
          note: Note.optional(),
          sources: z.array(Key).default([]),
        })
        .strict(),
    ),
  })
  .strict()

export type CaseParty = z.infer<typeof CaseParty>
export type CaseWeightSet = z.infer<typeof CaseWeightSet>
export type CasePosition = z.infer<typeof CasePosition>
export type CaseLineage = z.infer<typeof CaseLineage>
export type CaseBottomLines = z.infer<typeof CaseBottomLines>

/** The parts of a parsed case file the tracker's sections refer to. */
export interface TrackerContext {
  sources: ReadonlySet<string>
  actors: ReadonlySet<string>
  issues: ReadonlySet<string>
  /** Document key → its point numbers. */
  documents: ReadonlyMap<string, ReadonlySet<number>>
}

export interface TrackerSections {
  parties: readonly CaseParty[]
  weights: readonly CaseWeightSet[]
  positions: readonly CasePosition[]
  lineage: readonly CaseLineage[]
  bottomLines: readonly CaseBottomLines[]
}

interface Problem {
  path: string
  message: string
}

/** Reports problems by JSON path, and the checks that every section makes of what it names. */
function problemReporter(known: TrackerContext) {
  const problems: Problem[] = []
  const push = (path: string, message: string) => problems.push({ path, message })
  const sources = (path: string, keys: readonly string[]) =>
    keys.forEach((key, i) => {
      if (!known.sources.has(key)) push(`${path}[${i}]`, `unknown source "${key}"`)
    })
  const pointIn = (path: string, document: string, point: number) => {
    const points = known.documents.get(document)
    if (points && !points.has(point)) push(path, `document "${document}" has no point ${point}`)
  }
  const documentKnown = (path: string, document: string) => {
    if (known.documents.has(document)) return true
    push(path, `unknown document "${document}"`)
    return false
  }
  return { problems, push, sources, pointIn, documentKnown, known }
}

type Reporter = ReturnType<typeof problemReporter>

/** Every party is a declared actor, listed once, with role periods that do not overlap. */
function checkParties(file: TrackerSections, { push, sources, known }: Reporter): Set<string> {
  const parties = new Set<string>()
  file.parties.forEach((party, p) => {
    const at = `$.parties[${p}]`
    if (!known.actors.has(party.actor)) push(`${at}.actor`, `unknown actor "${party.actor}"`)
    if (parties.has(party.actor)) push(`${at}.actor`, `party "${party.actor}" is listed twice`)
    parties.add(party.actor)
    const periods = party.roles.map((role, r) => ({ ...role, r }))
    for (const period of periods) {
      const path = `${at}.roles[${period.r}]`
      if (period.to !== null && period.to < period.from) push(`${path}.to`, 'ends before it starts')
      sources(`${path}.sources`, period.sources)
    }
    const sorted = [...periods].sort((a, b) => a.from.localeCompare(b.from))
    for (let i = 1; i < sorted.length; i++) {
      const before = sorted[i - 1]!
      const next = sorted[i]!
      if (before.to === null || before.to >= next.from) {
        push(
          `${at}.roles[${next.r}].from`,
          `overlaps $.parties[${p}].roles[${before.r}] (a party has one role at a time)`,
        )
      }
    }
  })

  return parties
}

/** Every weight set names a known version, once, and weighs each of its points once. */
function checkWeightSets(file: TrackerSections, { push, pointIn, documentKnown, known }: Reporter) {
  const setKeys = new Set<string>()
  file.weights.forEach((set, s) => {
    const at = `$.weights[${s}]`
    const id = `${set.document}\u0000${set.key}`
    if (setKeys.has(id))
      push(`${at}.key`, `duplicate weight set "${set.key}" for "${set.document}"`)
    setKeys.add(id)
    if (!documentKnown(`${at}.document`, set.document)) return
    const seen = new Set<number>()
    set.weights.forEach((entry, w) => {
      pointIn(`${at}.weights[${w}].point`, set.document, entry.point)
      if (seen.has(entry.point))
        push(`${at}.weights[${w}].point`, `point ${entry.point} is weighted twice`)
      seen.add(entry.point)
    })
    const missing = [...(known.documents.get(set.document) ?? [])].filter((n) => !seen.has(n))
    if (missing.length > 0) {
      push(
        `${at}.weights`,
        `no weight for point${missing.length === 1 ? '' : 's'} ${missing.join(', ')}`,
      )
    }
    const checked = checkWeights(
      set.weights.map((entry) => entry.weight),
      set.weights.map((_, w) => `${at}.weights[${w}].weight`),
      { normalize: set.normalize === true },
    )
    if (!checked.ok) {
      for (const problem of checked.problems) {
        push(problem.path === 'weights' ? `${at}.weights` : problem.path, problem.message)
      }
    }
  })
}

function checkPositions(
  file: TrackerSections,
  parties: ReadonlySet<string>,
  { push, sources, pointIn, documentKnown }: Reporter,
) {
  const positionKeys = new Map<string, number>()
  file.positions.forEach((position, i) => {
    const at = `$.positions[${i}]`
    if (documentKnown(`${at}.document`, position.document)) {
      pointIn(`${at}.point`, position.document, position.point)
    }
    if (!parties.has(position.party)) {
      push(`${at}.party`, `unknown party "${position.party}" (list it under $.parties)`)
    }
    sources(`${at}.sources`, position.sources)
    const id = [position.document, position.point, position.party, position.on].join('\u0000')
    const earlier = positionKeys.get(id)
    if (earlier !== undefined) {
      push(`${at}.on`, `same party, point and date as $.positions[${earlier}]`)
    } else positionKeys.set(id, i)
  })
}

function checkLineage(file: TrackerSections, { push, pointIn, documentKnown }: Reporter) {
  file.lineage.forEach((lineage, l) => {
    const at = `$.lineage[${l}]`
    const fromKnown = documentKnown(`${at}.from`, lineage.from)
    const toKnown = documentKnown(`${at}.to`, lineage.to)
    if (lineage.from === lineage.to) push(`${at}.to`, 'a version cannot descend from itself')
    const seen = new Set<string>()
    lineage.links.forEach((link, k) => {
      if (fromKnown) pointIn(`${at}.links[${k}].from`, lineage.from, link.from)
      if (toKnown) pointIn(`${at}.links[${k}].to`, lineage.to, link.to)
      const id = `${link.from}>${link.to}`
      if (seen.has(id)) push(`${at}.links[${k}]`, `link ${link.from} → ${link.to} is listed twice`)
      seen.add(id)
    })
  })
}

function checkBottomLines(
  file: TrackerSections,
  parties: ReadonlySet<string>,
  { push, sources, known }: Reporter,
) {
  const scaled = new Set<string>()
  file.bottomLines.forEach((entry, b) => {
    const at = `$.bottomLines[${b}]`
    if (!known.issues.has(entry.issue)) push(`${at}.issue`, `unknown issue "${entry.issue}"`)
    if (scaled.has(entry.issue)) push(`${at}.issue`, `issue "${entry.issue}" is listed twice`)
    scaled.add(entry.issue)
    const seen = new Set<string>()
    entry.lines.forEach((line, i) => {
      const path = `${at}.lines[${i}]`
      if (!parties.has(line.party))
        push(`${path}.party`, `unknown party "${line.party}" (list it under $.parties)`)
      if (line.min > line.max) push(`${path}.max`, `max ${line.max} is below min ${line.min}`)
      sources(`${path}.sources`, line.sources)
      const id = `${line.party}\u0000${line.on}`
      if (seen.has(id)) push(`${path}.on`, `a second bottom line of "${line.party}" on ${line.on}`)
      seen.add(id)
    })
  })
}

/**
 * Cross-references of the tracker's sections: every actor, party, document, point, issue and
 * source named is declared; role periods of one party do not overlap; every weight set covers each
 * point of its version once and sums to 1 (unless it asks to be normalized). All problems at once,
 * section by section.
 */
export function checkTrackerReferences(file: TrackerSections, known: TrackerContext): Problem[] {
  const reporter = problemReporter(known)
  const parties = checkParties(file, reporter)
  checkWeightSets(file, reporter)
  checkPositions(file, parties, reporter)
  checkLineage(file, reporter)
  checkBottomLines(file, parties, reporter)
  return reporter.problems
}
