import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  aggregateForecasts,
  baselineScore,
  brierScore,
  calibrationBins,
  evidenceUpdate,
  extremizedMean,
  geometricMeanOfOdds,
  latestPerForecaster,
  logScore,
  median,
  murphyDecomposition,
  recencyWeightedMedian,
  recencyWeights,
  type ScoredForecast,
} from './scoring.ts'

const close = (actual: number | undefined, expected: number, digits = 6) =>
  assert.ok(
    actual !== undefined && Math.abs(actual - expected) < 10 ** -digits,
    `${actual} ≉ ${expected}`,
  )

test('Brier, log and baseline scores of 70% and 80% forecasts, by hand', () => {
  close(brierScore(0.7, 1), 0.09)
  close(brierScore(0.7, 0), 0.49)
  close(logScore(0.8, 1), Math.log(0.8))
  close(logScore(0.8, 0), -1.609438)
  // 100 · log2(0.8 / 0.5) = 100 · log2(1.6) = 67.807…; 100 · log2(0.2 / 0.5) = −132.19…
  close(baselineScore(0.8, 1), 67.807191)
  close(baselineScore(0.8, 0), -132.192809)
  close(baselineScore(0.5, 1), 0)
  close(baselineScore(0.25, 1), -100)
})

test('the median takes the middle value, or the mean of the middle two', () => {
  assert.equal(median([0.1, 0.3, 0.2]), 0.2)
  close(median([0.4, 0.1, 0.3, 0.2]), 0.25)
  assert.equal(median([]), undefined)
})

test('recency weights e^(√n − √N) give the newest forecast weight 1 and older ones less', () => {
  const w = recencyWeights(4)

  close(w[0], Math.exp(-1))
  close(w[1], 0.556668, 5)
  close(w[2], 0.764947, 5)
  close(w[3], 1)
})

test('the recency-weighted median leans to the newer forecasts where the median does not', () => {
  // Oldest first. Sorted by p: 0.2 (w 0.765), 0.3 (w 1), 0.6 (w 0.557), 0.8 (w 0.368); half the
  // total weight 2.690 is 1.345, first reached at 0.3. The plain median is (0.3 + 0.6) / 2.
  const ps = [0.8, 0.6, 0.2, 0.3]

  close(recencyWeightedMedian(ps), 0.3)
  close(median(ps), 0.45)
})

test('the geometric mean of odds of 10% and 50% is 25%', () => {
  // Odds 1/9 and 1: geometric mean 1/3, which is p = 0.25.
  close(geometricMeanOfOdds([0.1, 0.5]), 0.25)
  close(geometricMeanOfOdds([0.2, 0.5, 0.8]), 0.5)
})

test('extremizing five forecasts of 60% with d = 1.7 gives 66.6%; four forecasters are refused', () => {
  // Odds 1.5^1.7 = 1.99230; p* = 1.99230 / 2.99230 = 0.665809.
  const five = extremizedMean([0.6, 0.6, 0.6, 0.6, 0.6])
  const four = extremizedMean([0.6, 0.6, 0.6, 0.6])

  assert.ok(five.ok)
  close(five.value, 0.665809, 5)
  assert.equal(four.ok, false)
  assert.match(!four.ok ? four.reason : '', /at least 5 forecasters \(there are 4\)/)
})

test('each forecaster counts once, with the latest forecast on or before the date', () => {
  const forecasts = [
    { forecaster: 'A', madeOn: '2026-01-01', p: 0.3 },
    { forecaster: 'B', madeOn: '2026-01-05', p: 0.2 },
    { forecaster: 'A', madeOn: '2026-01-10', p: 0.6 },
  ]

  assert.deepEqual(
    latestPerForecaster(forecasts).map((f) => [f.forecaster, f.p]),
    [
      ['B', 0.2],
      ['A', 0.6],
    ],
  )
  assert.deepEqual(
    latestPerForecaster(forecasts, '2026-01-06').map((f) => f.p),
    [0.3, 0.2],
  )
  const at = aggregateForecasts(forecasts)
  assert.equal(at.forecasters, 2)
  close(at.median, 0.4)
})

test('evidence moves the log-odds by ln LR: a 20% prior with LRs 2 and 3 ends at 60%', () => {
  // Prior odds 0.25; × 2 = 0.5 (p = 1/3); × 3 = 1.5 (p = 0.6).
  const update = evidenceUpdate(0.2, [2, 3])

  close(update.steps[0]!.posterior, 1 / 3)
  close(update.posterior, 0.6)
  close(update.combinedRatio, 6)
  close(evidenceUpdate(0.2, []).posterior, 0.2)
})

test('the Murphy decomposition BS = REL − RES + UNC holds on a worked example', () => {
  // Five forecasts of 30% of which one came true, five of 80% of which four did.
  // BS = (0.49 + 4·0.09 + 4·0.04 + 0.64) / 10 = 0.165; REL = 5·0.1²/10 = 0.005;
  // RES = (5·0.3² + 5·0.3²)/10 = 0.09; UNC = 0.5·0.5 = 0.25; 0.005 − 0.09 + 0.25 = 0.165.
  const forecasts: ScoredForecast[] = [
    ...[1, 0, 0, 0, 0].map((o) => ({ p: 0.3, outcome: o as 0 | 1 })),
    ...[1, 1, 1, 1, 0].map((o) => ({ p: 0.8, outcome: o as 0 | 1 })),
  ]

  const m = murphyDecomposition(forecasts)!

  close(m.brier, 0.165)
  close(m.reliability, 0.005)
  close(m.resolution, 0.09)
  close(m.uncertainty, 0.25)
  // REL, RES and UNC come from the bins and the base rate alone, the Brier score from each forecast
  // against its outcome: neither side is derived from the other, so the identity is a real check.
  close(m.reliability - m.resolution + m.uncertainty, m.brier)
  close(m.withinBin, 0)
  assert.deepEqual(
    m.bins.map((b) => [b.from, b.count, b.observed]),
    [
      [0.3, 5, 0.2],
      [0.8, 5, 0.8],
    ],
  )
})

test('forecasts that differ within a bin leave a within-bin term equal to their spread less their covariance with the outcome', () => {
  // Two forecasts in one bin: 11% (did not happen) and 19% (happened). Computed by hand, apart from
  // the decomposition (Stephenson, Coelho and Jolliffe 2008):
  // BS = (0.11² + 0.81²)/2 = 0.3341; bin mean forecast 0.15, observed 0.5, base rate 0.5;
  // REL = (0.15 − 0.5)² = 0.1225; RES = 0; UNC = 0.25;
  // within-bin variance (0.04² + 0.04²)/2 = 0.0016; within-bin covariance
  // 2·((0 − 0.5)(0.11 − 0.15) + (1 − 0.5)(0.19 − 0.15))/2 = 0.04; within-bin term 0.0016 − 0.04.
  const forecasts: ScoredForecast[] = [
    { p: 0.11, outcome: 0 },
    { p: 0.19, outcome: 1 },
  ]

  const m = murphyDecomposition(forecasts)!

  assert.equal(calibrationBins(forecasts).length, 1)
  close(m.brier, 0.3341)
  close(m.reliability, 0.1225)
  close(m.resolution, 0)
  close(m.uncertainty, 0.25)
  close(m.withinBin, 0.0016 - 0.04)
  close(0.1225 - 0 + 0.25 + (0.0016 - 0.04), 0.3341)
  assert.equal(murphyDecomposition([]), undefined)
})
