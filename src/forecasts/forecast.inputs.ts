import { z } from 'zod'
import { detailsFromZod, invalidInput, notFound } from '../platform/errors.ts'
import { IsoDate, Key, Slug } from '../platform/values.ts'
import { Resolutions } from './forecasts.ts'

/**
 * What staff may send to change forecasting questions, through the JSON API or the forms on the
 * desk. Forms send strings (and a probability in per cent); `formToBody` turns a form into the
 * API's shape, so both go through one schema and report problems by the same field names.
 */

/** A probability strictly between 0 and 1: a forecast of 0 or 1 cannot be scored. */
export const OpenProbability = z
  .number()
  .gt(0, 'expected a probability strictly between 0 and 1')
  .lt(1, 'expected a probability strictly between 0 and 1')

const Text = (what: string, max = 8000) => z.string().trim().min(1, `${what} is required`).max(max)

const OptionalText = z
  .string()
  .trim()
  .max(8000)
  .optional()
  .transform((value) => (value === undefined || value === '' ? undefined : value))

const OptionalKey = z
  .union([Key, z.literal('')])
  .optional()
  .transform((value) => (value === '' ? undefined : value))

const OptionalDate = z
  .union([IsoDate, z.literal('')])
  .optional()
  .transform((value) => (value === '' ? undefined : value))

const Probability = z
  .union([z.number(), z.string().trim().min(1, 'expected a probability')])
  .transform((value) => (typeof value === 'number' ? value : Number(value)))
  .pipe(z.number('expected a probability').pipe(OpenProbability))

const SourceKeys = z
  .union([z.array(Key), z.string()])
  .optional()
  .transform((value) =>
    value === undefined
      ? []
      : Array.isArray(value)
        ? value
        : value
            .split(/[\s,]+/)
            .map((key) => key.trim())
            .filter((key) => key !== ''),
  )
  .pipe(z.array(Key))

/** A new question with its first version of the criteria. */
export const NewQuestionBody = z.object({
  key: Key,
  title: Text('a title', 300),
  negotiation: z
    .union([Slug, z.literal('')])
    .optional()
    .transform((value) => (value === '' ? undefined : value)),
  closeOn: IsoDate,
  criteria: Text('the resolution criteria'),
  /** From when the criteria hold; today when absent. */
  criteriaOn: OptionalDate,
  prior: z
    .union([Probability, z.literal('')])
    .optional()
    .transform((value) => (value === '' ? undefined : value)),
  priorNote: OptionalText,
})
export type NewQuestionBody = z.infer<typeof NewQuestionBody>

/**
 * A change to a question. New criteria replace the current version while no forecast rests on
 * it; once forecasts exist they are refused unless `reason` is given, which records a new version.
 */
export const QuestionPatchBody = z.object({
  title: Text('a title', 300).optional(),
  closeOn: IsoDate.optional(),
  criteria: Text('the resolution criteria').optional(),
  criteriaOn: OptionalDate,
  reason: OptionalText,
  prior: z
    .union([Probability, z.literal(''), z.null()])
    .optional()
    .transform((value) => (value === '' ? null : value)),
  priorNote: OptionalText,
})
export type QuestionPatchBody = z.infer<typeof QuestionPatchBody>

/** A forecast; the signed-in analyst's own when `forecaster` is absent. */
export const ForecastBody = z.object({
  forecaster: OptionalText,
  probability: Probability,
  madeOn: OptionalDate,
  rationale: Text('a rationale'),
  sources: SourceKeys,
})
export type ForecastBody = z.infer<typeof ForecastBody>

export const EvidenceBody = z
  .object({
    on: OptionalDate,
    description: Text('a description', 2000),
    likelihoodRatio: z
      .union([z.number(), z.string().trim().min(1, 'expected a likelihood ratio')])
      .transform((value) => (typeof value === 'number' ? value : Number(value)))
      .pipe(z.number('expected a likelihood ratio').gt(0, 'a likelihood ratio is greater than 0')),
    source: OptionalKey,
    claim: OptionalKey,
  })
  .refine((e) => e.source !== undefined || e.claim !== undefined, {
    message: 'tie the evidence to a source or a claim',
    path: ['source'],
  })
export type EvidenceBody = z.infer<typeof EvidenceBody>

const ResolutionFields = z.object({
  outcome: z.enum(Resolutions, { error: `expected one of ${Resolutions.join(', ')}` }),
  on: IsoDate,
  source: OptionalKey,
  note: OptionalText,
})

/** The rules every resolution keeps, whether first recorded or corrected. */
function resolutionRules<T extends z.ZodType<{ outcome: string; source?: string; note?: string }>>(
  schema: T,
): T {
  return schema
    .refine((r) => r.outcome === 'annulled' || r.source !== undefined, {
      message: 'a yes or no resolution cites the source that settles it',
      path: ['source'],
    })
    .refine((r) => r.outcome !== 'annulled' || r.note !== undefined, {
      message: 'say why the question is annulled',
      path: ['note'],
    })
}

export const ResolutionBody = resolutionRules(ResolutionFields)
export type ResolutionBody = z.infer<typeof ResolutionBody>

/** Why a mistake is undone: kept in the audit entry of a correction, reopening or withdrawal. */
const Reason = Text('a reason', 2000)

/** A corrected resolution: the whole resolution as it should have been, and why it changes. */
export const ResolutionCorrectionBody = resolutionRules(ResolutionFields.extend({ reason: Reason }))
export type ResolutionCorrectionBody = z.infer<typeof ResolutionCorrectionBody>

/** Reopening a resolved question, or withdrawing a forecast or an evidence entry. */
export const ReasonBody = z.object({ reason: Reason })
export type ReasonBody = z.infer<typeof ReasonBody>

/** A form as the API's JSON: a `percent` field (0–100) becomes `probability` (0–1). */
export function formToBody(form: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(form)) {
    if (typeof value !== 'string') continue
    if (name === 'percent') {
      const n = Number(value)
      body.probability = value.trim() === '' || !Number.isFinite(n) ? value : n / 100
    } else body[name] = value
  }
  return body
}

/** A body checked against its schema; what it breaks is refused as `invalid_input`, by field. */
export function parseBody<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    throw invalidInput('the change was refused', detailsFromZod(parsed.error.issues))
  }
  return parsed.data
}

/** A row id from the address; anything but a positive integer names no row. */
export function parseRowId(value: string, what: string): number {
  const id = /^[1-9]\d{0,9}$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(id) || id > 2147483647) throw notFound(what)
  return id
}
