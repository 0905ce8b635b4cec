import { z } from 'zod'

/**
 * Embeds of live measures in an article, written as a fenced block whose info string names the
 * kind and its parameters (docs/publishing.md):
 *
 *   ```parley-embed progress negotiation=russia-ukraine-2025 at=2026-01-22
 *   Optional caption, in Markdown-free words.
 *   ```
 *
 * The block is replaced, when the article is rendered, by static HTML/SVG computed from the data
 * at that moment; the article is rendered again when that data changes (docs/decisions).
 */
export const EMBED_LANG = 'parley-embed'

/** What an embed reads: an article that embeds it is rendered again when this changes. */
export interface EmbedDependency {
  /**
   * "negotiation" (its points, positions and events), "strikes" (the intensity series) or
   * "forecast" (a question: its criteria, forecasts, evidence and resolution).
   */
  kind: 'negotiation' | 'strikes' | 'forecast'
  key: string
}

/** One embed as written in the article. */
export interface EmbedDirective {
  kind: string
  params: Record<string, string>
  caption: string
  /** 1-based line of the block in the Markdown, for error messages. */
  line: number
}

const IsoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`)
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
  }, 'not a calendar date')
const SlugParam = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a negotiation slug')

export const ProgressEmbedParams = z
  .object({
    negotiation: SlugParam,
    /** The date the measure is taken at; the article's publication date when absent. */
    at: IsoDay.optional(),
    /** Key of the framework document; the latest one on or before `at` when absent. */
    document: z.string().min(1).optional(),
  })
  .strict()
export type ProgressEmbedParams = z.infer<typeof ProgressEmbedParams>

export const TimelineEmbedParams = z
  .object({
    negotiation: SlugParam,
    from: IsoDay,
    to: IsoDay,
  })
  .strict()
  .refine((p) => p.from <= p.to, { message: '"to" is before "from"', path: ['to'] })
export type TimelineEmbedParams = z.infer<typeof TimelineEmbedParams>

export const ForecastEmbedParams = z
  .object({
    /** Key of the forecasting question. */
    question: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]*$/, 'expected the key of a forecasting question'),
    /** The forecasts as they stood on this date; as they stand now when absent. */
    at: IsoDay.optional(),
  })
  .strict()
export type ForecastEmbedParams = z.infer<typeof ForecastEmbedParams>

/** The kinds an article may embed, with the parameters each takes and what each depends on. */
export const embedKinds = {
  progress: {
    summary: 'progress of a framework at a date: count share, stake-weighted, gated',
    usage: 'negotiation=SLUG [at=YYYY-MM-DD] [document=KEY]',
    params: ProgressEmbedParams,
    dependencies: (p: ProgressEmbedParams): EmbedDependency[] => [
      { kind: 'negotiation', key: p.negotiation },
    ],
  },
  timeline: {
    summary: 'a window of the timeline: strike intensity by night with the talks laid over it',
    usage: 'negotiation=SLUG from=YYYY-MM-DD to=YYYY-MM-DD',
    params: TimelineEmbedParams,
    dependencies: (p: TimelineEmbedParams): EmbedDependency[] => [
      { kind: 'negotiation', key: p.negotiation },
      { kind: 'strikes', key: 'all' },
    ],
  },
  forecast: {
    summary: 'a forecasting question: the aggregate chance of yes and the forecasts over time',
    usage: 'question=KEY [at=YYYY-MM-DD]',
    params: ForecastEmbedParams,
    dependencies: (p: ForecastEmbedParams): EmbedDependency[] => [
      { kind: 'forecast', key: p.question },
    ],
  },
} as const

export type EmbedKindName = keyof typeof embedKinds

export function isEmbedKind(name: string): name is EmbedKindName {
  return Object.hasOwn(embedKinds, name)
}

/**
 * Reads the info string after `parley-embed` ("progress negotiation=x at=2026-01-22").
 * Values may be quoted ("…") to hold spaces.
 */
export function parseEmbedInfo(
  meta: string,
): { kind: string; params: Record<string, string> } | { error: string } {
  const tokens = [...meta.matchAll(/([^\s=]+)(?:=(?:"([^"]*)"|(\S*)))?/gu)]
  const first = tokens[0]
  if (!first || first[0].includes('=')) {
    return { error: `name the kind of embed first (${Object.keys(embedKinds).join(', ')})` }
  }
  const params: Record<string, string> = {}
  for (const token of tokens.slice(1)) {
    if (!token[0].includes('=')) return { error: `expected name=value, got "${token[0]}"` }
    const name = token[1]!
    if (Object.hasOwn(params, name)) return { error: `"${name}" is given twice` }
    params[name] = token[2] ?? token[3] ?? ''
  }
  return { kind: first[1]!, params }
}

export type CheckedEmbed =
  | { ok: true; kind: EmbedKindName; params: unknown; dependencies: EmbedDependency[] }
  | { ok: false; message: string }

/** Checks an embed's kind and parameters; the message names the parameter at fault. */
export function checkEmbed(directive: EmbedDirective): CheckedEmbed {
  const { kind } = directive
  if (!isEmbedKind(kind)) {
    return {
      ok: false,
      message: `unknown embed "${kind}" (known: ${Object.keys(embedKinds).join(', ')})`,
    }
  }
  const spec = embedKinds[kind]
  const parsed = spec.params.safeParse(directive.params)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const where = issue.path.length > 0 ? `"${issue.path.map(String).join('.')}": ` : ''
    const unknownKeys =
      issue.code === 'unrecognized_keys' ? `unknown parameter ${issue.keys.join(', ')}` : undefined
    return { ok: false, message: `${kind}: ${unknownKeys ?? `${where}${issue.message}`}` }
  }
  return {
    ok: true,
    kind,
    params: parsed.data,
    dependencies: (spec.dependencies as (p: unknown) => EmbedDependency[])(parsed.data),
  }
}
