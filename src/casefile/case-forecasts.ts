import { z } from 'zod'
import { OpenProbability } from '../forecasts/forecast.inputs.ts'
import { Resolutions } from '../forecasts/forecasts.ts'
import { IsoDate, Key } from '../platform/values.ts'
import type { CaseProblem } from './case-problem.ts'

/**
 * The `forecasts` section of a case file (docs/case-file.md): forecasting questions on the
 * negotiation, each with its resolution criteria by version, the dated forecasts of named
 * forecasters, the evidence as likelihood ratios, and the resolution once known.
 */

export const CaseCriteriaVersion = z
  .object({
    version: z.number().int().positive(),
    /** From when this version holds. */
    on: IsoDate,
    text: z.string().min(1),
    /** Why the criteria changed; required from version 2 on. */
    reason: z.string().min(1).optional(),
  })
  .strict()

export const CaseForecast = z
  .object({
    forecaster: z.string().min(1),
    on: IsoDate,
    probability: OpenProbability,
    /** The criteria version the forecast was made under. */
    criteriaVersion: z.number().int().positive(),
    rationale: z.string().min(1),
    sources: z.array(Key).default([]),
  })
  .strict()

export const CaseEvidence = z
  .object({
    on: IsoDate,
    description: z.string().min(1),
    /** P(evidence | yes) / P(evidence | no), > 0. */
    likelihoodRatio: z.number().gt(0, 'a likelihood ratio is greater than 0'),
    source: Key.optional(),
    claim: Key.optional(),
  })
  .strict()

export const CaseQuestion = z
  .object({
    key: Key,
    title: z.string().min(1),
    closeOn: IsoDate,
    criteria: z.array(CaseCriteriaVersion).min(1),
    prior: OpenProbability.optional(),
    priorNote: z.string().min(1).optional(),
    resolution: z
      .object({
        outcome: z.enum(Resolutions),
        on: IsoDate,
        source: Key.optional(),
        note: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    forecasts: z.array(CaseForecast).default([]),
    evidence: z.array(CaseEvidence).default([]),
  })
  .strict()
export type CaseQuestion = z.infer<typeof CaseQuestion>
export type CaseQuestionInput = z.input<typeof CaseQuestion>

/**
 * What a schema cannot check: unique keys; criteria numbered 1, 2, … in date order with a reason
 * for each change; every forecast under a version in force on its date, before the close; every
 * source and claim declared in the file.
 */
export function checkForecastReferences(
  questions: readonly CaseQuestion[],
  known: { sources: ReadonlySet<string>; claims: ReadonlySet<string> },
): CaseProblem[] {
  const problems: CaseProblem[] = []
  const seen = new Set<string>()
  const source = (path: string, key: string | undefined) => {
    if (key !== undefined && !known.sources.has(key))
      problems.push({ path, message: `unknown source "${key}"` })
  }
  questions.forEach((q, i) => {
    const at = `$.forecasts[${i}]`
    if (seen.has(q.key)) problems.push({ path: `${at}.key`, message: `duplicate key "${q.key}"` })
    seen.add(q.key)
    q.criteria.forEach((c, v) => {
      const here = `${at}.criteria[${v}]`
      if (c.version !== v + 1)
        problems.push({ path: `${here}.version`, message: `expected version ${v + 1}` })
      const before = q.criteria[v - 1]
      if (before && c.on < before.on)
        problems.push({ path: `${here}.on`, message: `dated before version ${before.version}` })
      if (v > 0 && c.reason === undefined)
        problems.push({ path: `${here}.reason`, message: 'a new version needs a reason' })
    })
    const first = q.criteria[0]!
    if (q.closeOn < first.on)
      problems.push({ path: `${at}.closeOn`, message: 'closes before its criteria were set' })
    q.forecasts.forEach((f, j) => {
      const here = `${at}.forecasts[${j}]`
      const version = q.criteria[f.criteriaVersion - 1]
      if (!version)
        problems.push({
          path: `${here}.criteriaVersion`,
          message: `no criteria version ${f.criteriaVersion}`,
        })
      else if (version.on > f.on)
        problems.push({
          path: `${here}.criteriaVersion`,
          message: `version ${f.criteriaVersion} dates from ${version.on}, after the forecast`,
        })
      if (f.on < first.on)
        problems.push({ path: `${here}.on`, message: 'made before the question was asked' })
      if (f.on > q.closeOn)
        problems.push({ path: `${here}.on`, message: 'made after the question closed' })
      else if (q.resolution && f.on > q.resolution.on)
        problems.push({ path: `${here}.on`, message: 'made after the question resolved' })
      if (q.forecasts.some((g, k) => k < j && g.forecaster === f.forecaster && g.on === f.on))
        problems.push({
          path: `${here}.on`,
          message: `a second forecast by "${f.forecaster}" on ${f.on} (one per forecaster and day)`,
        })
      f.sources.forEach((key, k) => {
        source(`${here}.sources[${k}]`, key)
      })
    })
    q.evidence.forEach((e, j) => {
      const here = `${at}.evidence[${j}]`
      if (e.source === undefined && e.claim === undefined)
        problems.push({ path: here, message: 'tie the evidence to a source or a claim' })
      source(`${here}.source`, e.source)
      if (e.claim !== undefined && !known.claims.has(e.claim))
        problems.push({ path: `${here}.claim`, message: `unknown claim "${e.claim}"` })
    })
    if (q.resolution) {
      source(`${at}.resolution.source`, q.resolution.source)
      if (q.resolution.on < first.on)
        problems.push({ path: `${at}.resolution.on`, message: 'resolved before it was asked' })
    }
    if (q.priorNote !== undefined && q.prior === undefined)
      problems.push({ path: `${at}.priorNote`, message: 'a note on a prior that is not given' })
  })
  return problems
}
