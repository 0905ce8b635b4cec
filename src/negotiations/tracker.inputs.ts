import { z } from 'zod'
import { detailsFromZod, invalidInput } from '../platform/errors.ts'
import { IsoDate, Key } from '../platform/values.ts'
import type { ReaderWeights } from './actions/load-progress.ts'
import { type Level as LevelValue, levelLabels, Roles } from './progress.ts'

/**
 * What staff may send to change the tracker, through the JSON API or the forms on the edit page.
 * Forms send strings; `formToBody` turns a form into the same shape the API takes, so both go
 * through one schema and report problems by the same field names.
 */

/**
 * `armed-group`: a non-state armed group; `group`: several actors that act or sign as one (a
 * coalition, a mediating quartet), its members listed by key (#13).
 */
export const ActorKinds = ['state', 'organisation', 'person', 'armed-group', 'group'] as const
export type ActorKind = (typeof ActorKinds)[number]

const ladder = Object.entries(levelLabels)
  .map(([level, label]) => `${level} ${label}`)
  .join(', ')

/** A position on the 0–3 ladder; the case file checks its positions with the same schema. */
export const Level = z
  .number({ error: `expected a position on the 0–3 ladder (${ladder})` })
  .int(`expected a position on the 0–3 ladder (${ladder})`)
  .min(0, `expected a position on the 0–3 ladder (${ladder})`)
  .max(3, `expected a position on the 0–3 ladder (${ladder})`)

const SourceKeys = z
  .union([z.array(Key), z.string()])
  .transform((value) =>
    Array.isArray(value)
      ? value
      : value
          .split(/[\s,]+/)
          .map((key) => key.trim())
          .filter((key) => key !== ''),
  )
  .pipe(z.array(Key))

const OptionalText = z
  .string()
  .trim()
  .max(4000)
  .optional()
  .transform((value) => (value === undefined || value === '' ? null : value))

const OptionalDate = z
  .union([IsoDate, z.literal(''), z.null()])
  .optional()
  .transform((value) => (value === undefined || value === '' ? null : value))

const Flag = z
  .union([z.boolean(), z.enum(['on', 'true', '1', 'false', '0', ''])])
  .optional()
  .transform((value) => value === true || value === 'on' || value === 'true' || value === '1')

// Forms send numbers as text; the API sends them as numbers. Both become numbers before checking.
const Numeric = (message: string) =>
  z
    .union([z.number(), z.string().trim().min(1, message)])
    .transform((value) => (typeof value === 'number' ? value : Number(value)))

const Int = (message: string) => Numeric(message).pipe(z.number(message).int(message))

/** A party's position on a point at a date; an existing one for the same party, point and date is replaced. */
export const PositionBody = z.object({
  document: Key,
  point: Int('expected a point number').pipe(z.number().positive('expected a point number')),
  party: Key,
  on: IsoDate,
  level: Numeric('expected a position on the 0–3 ladder')
    .pipe(Level)
    .transform((value) => value as LevelValue),
  note: OptionalText,
  sources: SourceKeys.pipe(z.array(Key).min(1, 'a position needs at least one source')),
})
export type PositionBody = z.infer<typeof PositionBody>

/** A role period of a party; naming a new actor (with `name` and `kind`) creates it. */
export const RoleBody = z.object({
  actor: Key,
  name: OptionalText,
  kind: z.enum(ActorKinds).optional(),
  role: z.enum(Roles, { error: `expected one of ${Roles.join(', ')}` }),
  from: IsoDate,
  to: OptionalDate,
  note: OptionalText,
  sources: SourceKeys.optional().transform((keys) => keys ?? []),
})
export type RoleBody = z.infer<typeof RoleBody>

/** A change to a role period: any of its fields; `to: null` (or an empty form field) reopens it. */
export const RolePatchBody = z.object({
  role: z.enum(Roles, { error: `expected one of ${Roles.join(', ')}` }).optional(),
  from: IsoDate.optional(),
  to: z
    .union([IsoDate, z.literal(''), z.null()])
    .optional()
    .transform((value) => (value === '' ? null : value)),
  note: OptionalText.optional(),
  sources: SourceKeys.optional(),
})
export type RolePatchBody = z.infer<typeof RolePatchBody>

export const IssueBody = z.object({
  key: Key,
  title: z.string().trim().min(1, 'a title is required').max(200),
  summary: z.string().trim().min(1, 'a summary is required').max(4000),
  statusLatest: OptionalText,
  core: Flag,
  divisible: Flag,
})
export type IssueBody = z.infer<typeof IssueBody>

/** Which issue a point belongs to (null: none). */
export const ProvisionIssueBody = z.object({
  document: Key,
  point: Int('expected a point number'),
  issue: z
    .union([Key, z.literal(''), z.null()])
    .transform((value) => (value === '' ? null : value)),
})
export type ProvisionIssueBody = z.infer<typeof ProvisionIssueBody>

const WeightNumber = Numeric('expected a number').pipe(z.number('expected a number'))

/** A new weight set for one framework version: one weight per point, by point number. */
export const WeightSetBody = z.object({
  document: Key,
  key: Key.optional(),
  setOn: IsoDate.optional(),
  setBy: OptionalText,
  rationale: z.string().trim().min(1, 'a rationale is required').max(8000),
  normalize: Flag,
  weights: z.record(z.string().regex(/^\d+$/, 'expected a point number'), WeightNumber),
})
export type WeightSetBody = z.infer<typeof WeightSetBody>

/**
 * A flat form (`weight.14=0.33`, `sources=a, b`) as the API's JSON shape: fields named
 * `weight.N` are gathered into `weights`.
 */
export function formToBody(form: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  const weights: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(form)) {
    if (typeof value !== 'string') continue
    const weight = /^weight\.(\d+)$/.exec(name)
    if (weight) weights[weight[1]!] = value
    else body[name] = value
  }
  if (Object.keys(weights).length > 0) body.weights = weights
  return body
}

/** A change checked against its schema; the problems are refused by field, as the forms name them. */
export function parseChange<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    throw invalidInput('the change was refused', detailsFromZod(parsed.error.issues))
  }
  return parsed.data
}

/** Reader's issue weights from the API (`w.KEY=0.4`, fractions) or the page (`weight-KEY=40`, percent). */
export function readerWeightsFrom(
  query: Record<string, string>,
  unit: 'fraction' | 'percent',
): ReaderWeights | undefined {
  const prefix = unit === 'fraction' ? 'w.' : 'weight-'
  const byIssue = new Map<string, number>()
  const problems: { path: string; message: string }[] = []
  for (const [name, raw] of Object.entries(query)) {
    if (!name.startsWith(prefix)) continue
    const issue = name.slice(prefix.length)
    const value = raw.trim() === '' ? Number.NaN : Number(raw)
    if (!Number.isFinite(value)) {
      problems.push({ path: name, message: `expected a number, got "${raw}"` })
      continue
    }
    byIssue.set(issue, unit === 'percent' ? value / 100 : value)
  }
  if (problems.length > 0) throw invalidInput('the weights are not usable', problems)
  if (byIssue.size === 0) return undefined
  const normalize = ['1', 'true', 'on'].includes(query.normalize ?? '')
  return { byIssue, normalize }
}
