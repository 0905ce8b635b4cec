import {
  type Aggregates,
  aggregateForecasts,
  baselineScore,
  brierScore,
  type EvidenceUpdate,
  evidenceUpdate,
  latestPerForecaster,
  logScore,
  type Outcome,
  recencyWeightedMedian,
} from './scoring.ts'

/**
 * Forecasting questions as the pages, the API, the CLI and the article embed read them
 * (docs/forecasts.md). Data in, data out: the repository loads the rows, this file measures.
 */

export const Resolutions = ['yes', 'no', 'annulled'] as const
export type Resolution = (typeof Resolutions)[number]

export const resolutionLabels: Record<Resolution, string> = {
  yes: 'Resolved yes',
  no: 'Resolved no',
  annulled: 'Annulled',
}

/** A reference to a ledger source, as pages cite it (the URL is gated by the caller). */
export interface SourceCitation {
  key: string
  url: string
  title: string | null
  publisher: string | null
  publishedOn: string | null
  kind: string
}

export interface CriteriaVersion {
  version: number
  datedOn: string
  text: string
  reason: string | null
}

export interface ForecastEntry {
  id: number
  forecaster: string
  staffId: number | null
  probability: number
  madeOn: string
  rationale: string
  criteriaVersion: number
  sources: SourceCitation[]
}

export interface EvidenceEntry {
  id: number
  notedOn: string
  description: string
  likelihoodRatio: number
  source: SourceCitation | null
  claim: { key: string; text: string } | null
}

export interface QuestionData {
  id: number
  key: string
  title: string
  negotiation: { slug: string; title: string } | null
  closeOn: string
  prior: number | null
  priorNote: string | null
  resolution: Resolution | null
  resolvedOn: string | null
  resolutionNote: string | null
  resolutionSource: SourceCitation | null
  /** Oldest first. */
  criteria: CriteriaVersion[]
  /** By date, then as recorded. */
  forecasts: ForecastEntry[]
  /** In the order recorded. */
  evidence: EvidenceEntry[]
}

/** The criteria version in force on `day`: the latest dated on or before it. */
export function criteriaInForce(
  criteria: readonly CriteriaVersion[],
  day: string,
): CriteriaVersion | undefined {
  return criteria.filter((c) => c.datedOn <= day).at(-1)
}

export interface ForecasterScore {
  forecaster: string
  /** The forecast scored: the forecaster's last on or before the scoring date. */
  probability: number
  madeOn: string
  brier: number
  log: number
  baseline: number
}

export interface QuestionScores {
  /** Forecasts count up to this date: the close date, or the resolution date when earlier. */
  scoredAt: string
  outcome: Outcome
  forecasters: ForecasterScore[]
  /** The recency-weighted median at the scoring date, scored like a forecaster. */
  aggregate: Omit<ForecasterScore, 'forecaster' | 'madeOn'> | undefined
}

export interface AggregatePoint {
  date: string
  /** The headline aggregate (recency-weighted median of the latest forecasts) after that date. */
  value: number
  forecasters: number
}

export interface QuestionSummary {
  /** The date the aggregates are taken at. */
  at: string
  status: 'open' | 'closed' | Resolution
  aggregates: Aggregates
  /** The headline number: the recency-weighted median of each forecaster's latest forecast. */
  headline: number | undefined
  /** The headline after each day with a forecast, up to `at`, for the chart. */
  series: AggregatePoint[]
  /** Forecasts on or before `at`. */
  forecasts: ForecastEntry[]
  evidence: EvidenceUpdate | undefined
  scores: QuestionScores | undefined
  criteria: CriteriaVersion | undefined
}

const toDated = (f: ForecastEntry, order: number) => ({
  forecaster: f.forecaster,
  madeOn: f.madeOn,
  p: f.probability,
  order,
  entry: f,
})

/** A question measured at a date (`at`; default `today`): aggregates, series, evidence, scores. */
export function summarizeQuestion(
  question: QuestionData,
  options: { today: string; at?: string | undefined },
): QuestionSummary {
  const at = options.at ?? options.today
  const shown = question.forecasts.filter((f) => f.madeOn <= at)
  const dated = shown.map(toDated)
  const aggregates = aggregateForecasts(dated)
  const days = [...new Set(shown.map((f) => f.madeOn))].sort()
  const series = days.map((date) => {
    const latest = latestPerForecaster(dated, date)
    return {
      date,
      value: recencyWeightedMedian(latest.map((f) => f.p))!,
      forecasters: latest.length,
    }
  })
  const resolved = question.resolution !== null && question.resolvedOn! <= at
  const status: QuestionSummary['status'] = resolved
    ? question.resolution!
    : question.closeOn < at
      ? 'closed'
      : 'open'
  const evidence =
    question.prior === null
      ? undefined
      : evidenceUpdate(
          question.prior,
          question.evidence.filter((e) => e.notedOn <= at).map((e) => e.likelihoodRatio),
        )
  return {
    at,
    status,
    aggregates,
    headline: aggregates.recencyWeightedMedian,
    series,
    forecasts: shown,
    evidence,
    scores: resolved ? scoreQuestion(question) : undefined,
    criteria: criteriaInForce(question.criteria, at) ?? question.criteria[0],
  }
}

/** Scores of a question resolved yes or no; undefined while open or when annulled. */
export function scoreQuestion(question: QuestionData): QuestionScores | undefined {
  if (question.resolution !== 'yes' && question.resolution !== 'no') return undefined
  const outcome: Outcome = question.resolution === 'yes' ? 1 : 0
  const scoredAt = [question.closeOn, question.resolvedOn!].sort()[0]!
  const latest = latestPerForecaster(question.forecasts.map(toDated), scoredAt)
  const score = (p: number) => ({
    probability: p,
    brier: brierScore(p, outcome),
    log: logScore(p, outcome),
    baseline: baselineScore(p, outcome),
  })
  const aggregate = recencyWeightedMedian(latest.map((f) => f.p))
  return {
    scoredAt,
    outcome,
    forecasters: latest
      .map((f) => ({ forecaster: f.forecaster, madeOn: f.madeOn, ...score(f.p) }))
      .sort((a, b) => a.forecaster.localeCompare(b.forecaster)),
    aggregate: aggregate === undefined ? undefined : score(aggregate),
  }
}

/** "23%" — forecasts are shown to the whole per cent, or to a tenth below 1% and above 99%. */
export function formatProbability(p: number): string {
  const percent = p * 100
  return percent < 1 || percent > 99 ? `${percent.toFixed(1)}%` : `${Math.round(percent)}%`
}

/** A question as JSON: the reader's source links gated by the caller. */
export function questionJson(
  question: QuestionData,
  summary: QuestionSummary,
  gate: <T extends { url?: string }>(refs: readonly T[]) => (T | Omit<T, 'url'>)[],
) {
  const { id: _id, resolutionSource, forecasts, evidence, ...rest } = question
  return {
    ...rest,
    resolutionSource: resolutionSource ? gate([resolutionSource])[0] : null,
    status: summary.status,
    at: summary.at,
    aggregate: {
      value: summary.headline ?? null,
      meaning: 'recency-weighted median of each forecaster’s latest forecast',
      ...summary.aggregates,
    },
    series: summary.series,
    forecasts: forecasts.map(({ staffId: _s, sources, ...f }) => ({
      ...f,
      sources: gate(sources),
    })),
    evidence: evidence.map(({ source, ...e }) => ({
      ...e,
      source: source ? gate([source])[0] : null,
    })),
    evidenceUpdate: summary.evidence ?? null,
    scores: summary.scores ?? null,
  }
}

/** A question's resolution as the audit log keeps it. */
export function resolutionOf(data: QuestionData) {
  return {
    outcome: data.resolution,
    on: data.resolvedOn,
    source: data.resolutionSource?.key ?? null,
    note: data.resolutionNote,
  }
}
