import type { Db } from '../../platform/db/client.ts'
import { AppError, invalidInput, notFound } from '../../platform/errors.ts'
import { isIsoDate } from '../../platform/time.ts'
import { listProgressClaims, type ProgressClaim } from '../claims.repository.ts'
import {
  type DisputeView,
  type ImplementationRecordView,
  listDisputes,
  listImplementationRecords,
  listObligations,
  type ObligationView,
} from '../implementation.repository.ts'
import {
  type ActorRow,
  type DocumentView,
  findNegotiationBySlug,
  type IssueView,
  listActors,
  listDocumentViews,
  listIssueViews,
  type NegotiationRow,
} from '../negotiations.repository.ts'
import {
  checkWeights,
  equalWeights,
  type Flag,
  type FrameworkInput,
  type Implementation,
  type ImplementationRecord,
  type ImplementationSeriesPoint,
  implementationOf,
  implementationSeries,
  issueWeights,
  type Measurement,
  measureAt,
  type ObligationInput,
  type ObligationLabel,
  OTHER_GROUP,
  obligationStates,
  type Progress,
  type ProvisionInput,
  pointStates,
  progressOf,
  progressSeries,
  reweightByIssue,
  type SeriesPoint,
} from '../progress.ts'
import {
  type BottomLineView,
  type IssueScaleView,
  type LinkView,
  listBottomLines,
  listIssueScales,
  listPositions,
  listProvisionLinks,
  listRoles,
  listWeightSets,
  type PositionView,
  type RoleView,
  type WeightSetView,
} from '../tracker.repository.ts'

/** Everything the tracker knows about one negotiation, read in one go. */
export interface TrackerData {
  negotiation: NegotiationRow
  actors: ActorRow[]
  documents: DocumentView[]
  issues: IssueView[]
  roles: RoleView[]
  weightSets: WeightSetView[]
  positions: PositionView[]
  links: LinkView[]
  scales: IssueScaleView[]
  bottomLines: BottomLineView[]
  claims: ProgressClaim[]
  obligations: ObligationView[]
  implementationRecords: ImplementationRecordView[]
  disputes: DisputeView[]
}

export async function loadTrackerData(db: Db, negotiation: NegotiationRow): Promise<TrackerData> {
  const id = negotiation.id
  const [actors, documents, issues, roles, weightSets, positions, links, scales, bottomLines] =
    await Promise.all([
      listActors(db, id),
      listDocumentViews(db, id),
      listIssueViews(db, id),
      listRoles(db, id),
      listWeightSets(db, id),
      listPositions(db, id),
      listProvisionLinks(db, id),
      listIssueScales(db, id),
      listBottomLines(db, id),
    ])
  const claims = await listProgressClaims(db, id)
  const [obligations, implementationRecords, disputes] = await Promise.all([
    listObligations(db, id),
    listImplementationRecords(db, id),
    listDisputes(db, id),
  ])
  return {
    obligations,
    implementationRecords,
    disputes,
    negotiation,
    actors,
    documents,
    issues,
    roles,
    weightSets,
    positions,
    links,
    scales,
    bottomLines,
    claims,
  }
}

export async function requireNegotiation(db: Db, slug: string): Promise<NegotiationRow> {
  const negotiation = await findNegotiationBySlug(db, slug)
  if (!negotiation) throw notFound(`negotiation "${slug}"`)
  return negotiation
}

/** A date parameter: YYYY-MM-DD only; anything else is refused naming the parameter. */
export function parseDateParam(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined
  if (!isIsoDate(value)) {
    throw invalidInput(`${name} must be a date written YYYY-MM-DD`, [
      { path: name, message: `expected YYYY-MM-DD, got "${value}"` },
    ])
  }
  return value
}

/** The newest weight set of a document: its published weights. */
export function publishedWeightSet(
  data: TrackerData,
  documentId: number,
): WeightSetView | undefined {
  return data.weightSets.filter((set) => set.documentId === documentId).at(-1)
}

/**
 * The framework version measured at `at`: the one asked for by key, else the latest version dated
 * on or before `at` that has published weights, else the latest weighted one, else the latest.
 */
export function chooseDocument(data: TrackerData, at: string, key?: string): DocumentView {
  if (key !== undefined) {
    const asked = data.documents.find((d) => d.key === key)
    if (!asked) throw notFound(`framework version "${key}"`)
    return asked
  }
  const weighted = data.documents.filter((d) => publishedWeightSet(data, d.id) !== undefined)
  const pool = weighted.length > 0 ? weighted : data.documents
  const inForce = pool.filter((d) => d.datedOn <= at)
  const chosen = inForce.at(-1) ?? pool[0]
  if (!chosen) throw new AppError('not_found', 'this negotiation has no framework documents yet')
  return chosen
}

export type Weighting =
  | {
      source: 'published'
      key: string
      setBy: string
      setOn: string
      rationale: string
    }
  | { source: 'equal' }
  | { source: 'reader'; normalized: boolean }

/** A reader's issue weights (fractions, by issue key or `_other`), and whether to rescale them. */
export interface ReaderWeights {
  byIssue: ReadonlyMap<string, number>
  normalize: boolean
}

export interface FrameworkBundle {
  document: DocumentView
  input: FrameworkInput
  /** The analyst's (or equal) weights, before any reader's change. */
  published: ProvisionInput[]
  weighting: Weighting
}

/** The measure's inputs for one framework version, with published or reader's weights. */
export function frameworkBundle(
  data: TrackerData,
  document: DocumentView,
  reader?: ReaderWeights,
): FrameworkBundle {
  const set = publishedWeightSet(data, document.id)
  const byProvision = new Map(set?.weights.map((w) => [w.provisionId, w.weight]) ?? [])
  const equal = equalWeights(document.provisions.length)
  const published: ProvisionInput[] = document.provisions.map((p, i) => ({
    key: String(p.id),
    number: p.number,
    topic: p.topic,
    issue: p.issueKey,
    weight: set ? (byProvision.get(p.id) ?? 0) : equal[i]!,
  }))
  let provisions = published
  let weighting: Weighting = set
    ? {
        source: 'published',
        key: set.key,
        setBy: set.setBy,
        setOn: set.setOn,
        rationale: set.rationale,
      }
    : { source: 'equal' }
  if (reader) {
    provisions = applyReaderWeights(published, reader)
    weighting = { source: 'reader', normalized: reader.normalize }
  }
  const actorKey = new Map(data.actors.map((a) => [a.id, a.key]))
  return {
    document,
    published,
    weighting,
    input: {
      provisions,
      issues: data.issues.map((i) => ({
        key: i.key,
        title: i.title,
        core: i.core,
        divisible: i.divisible,
      })),
      roles: data.roles.map((r) => ({
        party: r.actorKey,
        role: r.role,
        from: r.fromOn,
        to: r.toOn,
      })),
      positions: data.positions
        .filter((p) => p.documentId === document.id)
        .map((p) => ({
          provision: String(p.provisionId),
          party: actorKey.get(p.actorId) ?? p.actorKey,
          on: p.statedOn,
          level: p.level,
        })),
      bottomLines: data.bottomLines.map((b) => ({
        issue: b.issueKey,
        party: b.actorKey,
        on: b.statedOn,
        min: b.min,
        max: b.max,
      })),
    },
  }
}

/** Validates a reader's issue weights against the version's groups and spreads them over points. */
export function applyReaderWeights(
  published: readonly ProvisionInput[],
  reader: ReaderWeights,
): ProvisionInput[] {
  const groups = issueWeights(published)
  const unknown = [...reader.byIssue.keys()].filter((key) => !groups.has(key))
  if (unknown.length > 0) {
    throw invalidInput(
      'weights name issues this framework version does not have',
      unknown.map((key) => ({ path: `w.${key}`, message: `unknown issue "${key}"` })),
    )
  }
  const keys = [...groups.keys()]
  const values = keys.map((key) => reader.byIssue.get(key) ?? groups.get(key)!)
  const checked = checkWeights(
    values,
    keys.map((key) => `w.${key}`),
    { normalize: reader.normalize },
  )
  if (!checked.ok) throw invalidInput('the weights are not usable', checked.problems)
  return reweightByIssue(published, new Map(keys.map((key, i) => [key, checked.weights[i]!])))
}

/** The last date on which anything recorded can change a measure of this negotiation. */
export function lastChangeDate(data: TrackerData): string | undefined {
  const dates = [
    ...data.positions.map((p) => p.statedOn),
    ...data.roles.flatMap((r) => (r.toOn ? [r.fromOn, r.toOn] : [r.fromOn])),
    ...data.claims.map((c) => c.statedOn),
    ...data.documents.map((d) => d.datedOn),
    ...data.implementationRecords.map((r) => r.recordedOn),
  ].sort()
  return dates.at(-1)
}

export interface ProgressAnswer {
  negotiation: string
  at: string
  countShare: number
  stakeWeighted: number
  gated: number
  blockers: {
    point: number
    topic: string
    issue: string | null
    weight: number
    status: number
    score: number
    heldBy: string[]
  }[]
  framework: { key: string; title: string; date: string; points: number }
  weights: Weighting
  issueWeights: { issue: string; title: string; published: number; used: number }[]
  principals: { key: string; name: string }[]
  flags: Flag[]
  claims: (ProgressClaim & { measured: Progress | null })[]
  /** Implementation beside agreement; `null` when the version measured creates no obligations. */
  implementation: ImplementationAnswer | null
}

export interface ImplementationAnswer extends Implementation {
  obligations: {
    key: string
    point: number
    party: string
    action: string
    due: string | null
    rung: number
    flags: string[]
    label: ObligationLabel
    disputes: { party: string; on: string | null; reading: string }[]
  }[]
}

export interface NegotiationProgress {
  data: TrackerData
  bundle: FrameworkBundle
  measurement: Measurement
  series: SeriesPoint[]
  /** Agreed beside implemented over time; empty when the version creates no obligations. */
  implementationSeries: ImplementationSeriesPoint[]
  answer: ProgressAnswer
}

/** The obligations of one framework version and their records, as the measure's inputs. */
export function implementationInputs(
  data: TrackerData,
  documentId: number,
): { obligations: ObligationInput[]; records: ImplementationRecord[] } {
  const own = data.obligations.filter((o) => o.documentId === documentId)
  const keys = new Set(own.map((o) => o.key))
  return {
    obligations: own.map((o) => ({
      key: o.key,
      provision: String(o.provisionId),
      party: o.actorKey,
      due: o.dueOn,
    })),
    records: data.implementationRecords
      .filter((r) => keys.has(r.obligationKey))
      .map((r) => ({
        obligation: r.obligationKey,
        on: r.recordedOn,
        rung: r.rung,
        flags: r.flags,
      })),
  }
}

export interface MeasureOptions {
  at?: string | undefined
  framework?: string | undefined
  reader?: ReaderWeights | undefined
  /** Today, for the default date (the measures hold still after the last recorded change). */
  today: string
}

/** C, P and G of a negotiation at a date, with blockers, flags, claims and the series. */
export function measureProgress(data: TrackerData, options: MeasureOptions): NegotiationProgress {
  const last = lastChangeDate(data)
  const at = options.at ?? (last !== undefined && last < options.today ? last : options.today)
  const document = chooseDocument(data, at, options.framework)
  const bundle = frameworkBundle(data, document, options.reader)
  const measurement = measureAt(bundle.input, at)
  const name = new Map(data.actors.map((a) => [a.key, a.name]))
  const publishedByIssue = issueWeights(bundle.published)
  const usedByIssue = issueWeights(bundle.input.provisions)
  const title = new Map(data.issues.map((i) => [i.key, i.title]))
  const seriesEnd = [at, last ?? at].sort().at(-1)!
  const seriesStart = [document.datedOn, at].sort()[0]!
  const claimDates = data.claims.map((c) => c.statedOn)
  const series = progressSeries(bundle.input, seriesStart, seriesEnd, claimDates)
  const implementation = implementationInputs(data, document.id)
  const obligationsAt = obligationStates(implementation.obligations, implementation.records, at)
  const lastRecord = [
    ...implementation.records.map((r) => r.on),
    ...implementation.obligations.flatMap((o) => (o.due === null ? [] : [o.due])),
  ]
    .filter((date) => date <= options.today)
    .sort()
    .at(-1)
  const implementationEnd = [seriesEnd, lastRecord ?? seriesEnd].sort().at(-1)!
  const number = new Map(document.provisions.map((p) => [String(p.id), p.number]))
  const action = new Map(data.obligations.map((o) => [o.key, o.action]))
  const answer: ProgressAnswer = {
    negotiation: data.negotiation.slug,
    at,
    countShare: measurement.countShare,
    stakeWeighted: measurement.stakeWeighted,
    gated: measurement.gated,
    blockers: measurement.blockers.map((b) => ({
      point: b.number,
      topic: b.topic,
      issue: b.issue,
      weight: b.weight,
      status: b.status,
      score: b.score,
      heldBy: b.heldBy,
    })),
    framework: {
      key: document.key,
      title: document.title,
      date: document.datedOn,
      points: document.provisions.length,
    },
    weights: bundle.weighting,
    issueWeights: [
      ...data.issues.map((i) => i.key).filter((key) => publishedByIssue.has(key)),
      ...(publishedByIssue.has(OTHER_GROUP) ? [OTHER_GROUP] : []),
    ].map((issue) => ({
      issue,
      title: issue === OTHER_GROUP ? 'Other points' : (title.get(issue) ?? issue),
      published: publishedByIssue.get(issue) ?? 0,
      used: usedByIssue.get(issue) ?? 0,
    })),
    principals: measurement.principals.map((key) => ({ key, name: name.get(key) ?? key })),
    flags: measurement.flags,
    claims: data.claims.map((claim) => ({
      ...claim,
      // Before the version existed there is nothing of it to measure the claim against.
      measured:
        claim.statedOn < document.datedOn
          ? null
          : progressOf(pointStates(bundle.input, claim.statedOn)),
    })),
    implementation:
      implementation.obligations.length === 0
        ? null
        : {
            ...implementationOf(measurement.points, obligationsAt),
            obligations: obligationsAt.map((o) => ({
              key: o.key,
              point: number.get(o.provision) ?? 0,
              party: o.party,
              action: action.get(o.key) ?? '',
              due: o.due,
              rung: o.rung,
              flags: [...o.flags],
              label: o.label,
              disputes: data.disputes
                .filter((d) => d.obligationKey === o.key)
                .map((d) => ({ party: d.actorKey, on: d.statedOn, reading: d.reading })),
            })),
          },
  }
  const agreedAndImplemented =
    implementation.obligations.length === 0
      ? []
      : implementationSeries(
          bundle.input,
          implementation.obligations,
          implementation.records,
          seriesStart,
          implementationEnd,
        )
  return {
    data,
    bundle,
    measurement,
    series,
    implementationSeries: agreedAndImplemented,
    answer,
  }
}

/** Loads and measures a negotiation by slug: what the CLI, the API and the pages answer. */
export async function loadNegotiationProgress(
  db: Db,
  slug: string,
  options: MeasureOptions,
): Promise<NegotiationProgress> {
  const negotiation = await requireNegotiation(db, slug)
  return measureProgress(await loadTrackerData(db, negotiation), options)
}
