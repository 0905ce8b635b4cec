/**
 * The forecast measures (DESIGN.md, "Forecasts"; docs/forecasts.md): scores of a forecast against
 * its outcome, calibration and the Murphy decomposition, the aggregates of several forecasters,
 * and the evidence update. Pure functions: probabilities in, numbers out.
 *
 * A probability here is always strictly between 0 and 1 (a forecast of 0 or 1 has an infinite log
 * score and odds); the outcome of a yes/no question is 1 (yes) or 0 (no).
 */

export type Outcome = 0 | 1

/** Brier score (p − o)²: 0 is perfect, 0.25 is what always saying 50% earns, 1 the worst. */
export function brierScore(p: number, outcome: Outcome): number {
  return (p - outcome) ** 2
}

/** The probability a forecast gave to what happened. */
export function probabilityOfOutcome(p: number, outcome: Outcome): number {
  return outcome === 1 ? p : 1 - p
}

/** Log score ln p(outcome): 0 is perfect, ln 0.5 ≈ −0.693 is a coin toss, lower is worse. */
export function logScore(p: number, outcome: Outcome): number {
  return Math.log(probabilityOfOutcome(p, outcome))
}

/**
 * Baseline score 100 · log2(p(outcome) / 0.5): 0 for a coin toss, +100 for certainty that came true,
 * negative when the forecast leaned the wrong way.
 */
export function baselineScore(p: number, outcome: Outcome): number {
  return 100 * Math.log2(probabilityOfOutcome(p, outcome) / 0.5)
}

export interface ScoredForecast {
  p: number
  outcome: Outcome
}

export interface CalibrationBin {
  /** Lower and upper edge of the bin, e.g. 0.1 and 0.2 (the last bin includes 1). */
  from: number
  to: number
  count: number
  /** Mean forecast in the bin. */
  meanForecast: number
  /** Share of the bin's forecasts whose question resolved yes. */
  observed: number
}

/** Forecasts grouped into `bins` equal-width bins of probability; empty bins are left out. */
export function calibrationBins(forecasts: readonly ScoredForecast[], bins = 10): CalibrationBin[] {
  const groups = Array.from({ length: bins }, () => [] as ScoredForecast[])
  for (const f of forecasts) groups[Math.min(bins - 1, Math.floor(f.p * bins))]!.push(f)
  return groups.flatMap((group, i) =>
    group.length === 0
      ? []
      : [
          {
            from: i / bins,
            to: (i + 1) / bins,
            count: group.length,
            meanForecast: mean(group.map((f) => f.p)),
            observed: mean(group.map((f) => f.outcome)),
          },
        ],
  )
}

export interface MurphyDecomposition {
  /** Mean Brier score of the forecasts. */
  brier: number
  /** Reliability: how far each bin's mean forecast is from what happened in it (lower is better). */
  reliability: number
  /** Resolution: how far the bins' outcomes spread from the overall rate (higher is better). */
  resolution: number
  /** Uncertainty ō(1 − ō) of the outcomes themselves, whoever forecasts. */
  uncertainty: number
  /**
   * BS − (REL − RES + UNC): zero when every forecast in a bin has the same value; otherwise the
   * spread of forecasts within the bins, which binning hides.
   */
  withinBin: number
  bins: CalibrationBin[]
}

/** Murphy's decomposition BS = REL − RES + UNC over calibration bins (Murphy 1973). */
export function murphyDecomposition(
  forecasts: readonly ScoredForecast[],
  bins = 10,
): MurphyDecomposition | undefined {
  const n = forecasts.length
  if (n === 0) return undefined
  const brier = mean(forecasts.map((f) => brierScore(f.p, f.outcome)))
  const base = mean(forecasts.map((f) => f.outcome))
  const grouped = calibrationBins(forecasts, bins)
  const reliability = sum(grouped.map((b) => b.count * (b.meanForecast - b.observed) ** 2)) / n
  const resolution = sum(grouped.map((b) => b.count * (b.observed - base) ** 2)) / n
  const uncertainty = base * (1 - base)
  return {
    brier,
    reliability,
    resolution,
    uncertainty,
    withinBin: brier - (reliability - resolution + uncertainty),
    bins: grouped,
  }
}

// ——— Aggregates ———

/** One forecaster's forecast at a date, for aggregation. */
export interface DatedForecast {
  forecaster: string
  /** YYYY-MM-DD. */
  madeOn: string
  p: number
  /** Tie-break within a day: later recorded counts as later. */
  order?: number
}

/**
 * Each forecaster's latest forecast on or before `at` (all dates when absent), oldest first: a
 * forecaster who revised ten times counts once, with the latest view.
 */
export function latestPerForecaster<T extends DatedForecast>(
  forecasts: readonly T[],
  at?: string,
): T[] {
  const latest = new Map<string, T>()
  for (const f of forecasts) {
    if (at !== undefined && f.madeOn > at) continue
    const held = latest.get(f.forecaster)
    if (!held || later(f, held)) latest.set(f.forecaster, f)
  }
  return [...latest.values()].sort((a, b) => (later(a, b) ? 1 : later(b, a) ? -1 : 0))
}

function later(a: DatedForecast, b: DatedForecast): boolean {
  return a.madeOn > b.madeOn || (a.madeOn === b.madeOn && (a.order ?? 0) > (b.order ?? 0))
}

/** The plain median of the probabilities (mean of the middle two for an even count). */
export function median(ps: readonly number[]): number | undefined {
  return weightedMedian(ps.map((p) => ({ p, weight: 1 })))
}

/**
 * The weighted median: the smallest value at which the cumulative weight reaches half the total;
 * when it lands exactly on half, the mean of that value and the next (so equal weights give the
 * plain median).
 */
export function weightedMedian(
  items: readonly { p: number; weight: number }[],
): number | undefined {
  if (items.length === 0) return undefined
  const sorted = [...items].sort((a, b) => a.p - b.p)
  const half = sum(sorted.map((i) => i.weight)) / 2
  let cumulative = 0
  for (const [i, item] of sorted.entries()) {
    cumulative += item.weight
    if (Math.abs(cumulative - half) < 1e-12 && i + 1 < sorted.length)
      return (item.p + sorted[i + 1]!.p) / 2
    if (cumulative > half) return item.p
  }
  return sorted.at(-1)!.p
}

/**
 * Recency weights w_n = e^{√n − √N} for forecasts ordered oldest (n = 1) to newest (n = N):
 * the newest weighs 1, older ones less, slowly.
 */
export function recencyWeights(count: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.exp(Math.sqrt(i + 1) - Math.sqrt(count)))
}

/** Recency-weighted median of probabilities given oldest first. */
export function recencyWeightedMedian(psOldestFirst: readonly number[]): number | undefined {
  const weights = recencyWeights(psOldestFirst.length)
  return weightedMedian(psOldestFirst.map((p, i) => ({ p, weight: weights[i]! })))
}

export const logit = (p: number) => Math.log(p / (1 - p))
export const logistic = (x: number) => 1 / (1 + Math.exp(-x))

/** Geometric mean of the odds p/(1 − p), turned back into a probability. */
export function geometricMeanOfOdds(ps: readonly number[]): number | undefined {
  if (ps.length === 0) return undefined
  return logistic(mean(ps.map(logit)))
}

/** The extremizing factor d of p* = logistic(d · mean logit p_i). */
export const EXTREMIZING_FACTOR = 1.7
/** Below this many forecasters, extremizing is not offered. */
export const EXTREMIZE_MIN_FORECASTERS = 5

export type Extremized =
  | { ok: true; value: number; d: number }
  | { ok: false; reason: string; d: number }

/**
 * Extremized mean of logits p* = logistic(d · mean logit p_i). Extremizing corrects for
 * forecasters who each hold part of the evidence; with few of them it mostly amplifies noise, so
 * it is offered only from five forecasters on.
 */
export function extremizedMean(ps: readonly number[], d = EXTREMIZING_FACTOR): Extremized {
  if (ps.length < EXTREMIZE_MIN_FORECASTERS) {
    return {
      ok: false,
      d,
      reason: `extremizing needs at least ${EXTREMIZE_MIN_FORECASTERS} forecasters (there ${ps.length === 1 ? 'is' : 'are'} ${ps.length}): with fewer it amplifies the noise of one or two views`,
    }
  }
  return { ok: true, d, value: logistic(d * mean(ps.map(logit))) }
}

export interface Aggregates {
  /** How many forecasters count (each with their latest forecast). */
  forecasters: number
  median: number | undefined
  recencyWeightedMedian: number | undefined
  geometricMeanOfOdds: number | undefined
  extremized: Extremized
}

/** Every aggregate of the forecasters' latest forecasts on or before `at`. */
export function aggregateForecasts(forecasts: readonly DatedForecast[], at?: string): Aggregates {
  const latest = latestPerForecaster(forecasts, at)
  const ps = latest.map((f) => f.p)
  return {
    forecasters: latest.length,
    median: median(ps),
    recencyWeightedMedian: recencyWeightedMedian(ps),
    geometricMeanOfOdds: geometricMeanOfOdds(ps),
    extremized: extremizedMean(ps),
  }
}

// ——— Evidence ———

export interface EvidenceStep {
  /** Likelihood ratio P(evidence | yes) / P(evidence | no), > 0. */
  likelihoodRatio: number
  /** ln LR: what the step adds to the log-odds. */
  logRatio: number
  /** The probability after this step and all before it. */
  posterior: number
}

export interface EvidenceUpdate {
  prior: number
  steps: EvidenceStep[]
  posterior: number
  /** Π LR: the factor by which the evidence multiplies the odds. */
  combinedRatio: number
}

/** logit p_post = logit p_prior + Σ ln LR_k, with the probability after each step. */
export function evidenceUpdate(prior: number, likelihoodRatios: readonly number[]): EvidenceUpdate {
  let x = logit(prior)
  const steps = likelihoodRatios.map((likelihoodRatio) => {
    const logRatio = Math.log(likelihoodRatio)
    x += logRatio
    return { likelihoodRatio, logRatio, posterior: logistic(x) }
  })
  return {
    prior,
    steps,
    posterior: logistic(x),
    combinedRatio: Math.exp(sum(steps.map((s) => s.logRatio))),
  }
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0)
}

function mean(xs: readonly number[]): number {
  return sum(xs) / xs.length
}
