import { z } from 'zod'
import { sha256Hex, slugify } from '../platform/ids.ts'

export type ArticleStatus = 'draft' | 'scheduled' | 'published'

/** An article as staff edit it. */
export interface Article {
  id: number
  slug: string
  title: string
  summary: string
  body: string
  status: ArticleStatus
  scheduledFor: Date | null
  /** The approved text of a schedule (`approvedTextHash`); null when not scheduled. */
  scheduledHash: string | null
  byline: string
  authorId: number | null
  createdAt: Date
  updatedAt: Date
  publishedVersionId: number | null
  firstPublishedAt: Date | null
  renderRev: number
}

/** A published version, kept for good. */
export interface ArticleVersion {
  id: number
  articleId: number
  number: number
  title: string
  summary: string
  body: string
  publishedAt: Date
  publishedBy: string
  citedKeys: string[]
  dependencies: { kind: string; key: string }[]
}

export const ArticleSlug = z
  .string()
  .trim()
  .min(1, 'a slug is required')
  .max(80, 'a slug has at most 80 characters')
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'use lower-case words joined by "-", e.g. "talks-and-strikes"',
  )

// An article is long, but not unboundedly so: this keeps one request's work bounded.
export const MAX_BODY_CHARS = 200_000

/** The editor form: what staff write. The slug is derived from the title when left empty. */
export const ArticleForm = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, 'a title is required')
      .max(300, 'a title has at most 300 characters'),
    slug: z.string().trim().optional(),
    summary: z.string().trim().max(600, 'a summary has at most 600 characters').default(''),
    body: z
      .string()
      .max(MAX_BODY_CHARS, `the text has at most ${MAX_BODY_CHARS} characters`)
      .default('')
      .transform((body) => body.replace(/\r\n?/g, '\n')),
  })
  .transform((form, ctx) => {
    const slug = form.slug && form.slug !== '' ? form.slug : slugify(form.title)
    const checked = ArticleSlug.safeParse(slug)
    if (!checked.success) {
      ctx.addIssue({ code: 'custom', path: ['slug'], message: checked.error.issues[0]!.message })
      return z.NEVER
    }
    return { ...form, slug: checked.data }
  })
export type ArticleForm = z.infer<typeof ArticleForm>

/** The publish form: a reason is needed once a version is out (it goes to the corrections log). */
export const PublishForm = z.object({
  reason: z
    .string()
    .trim()
    .max(2000, 'a reason has at most 2000 characters')
    .optional()
    .transform((r) => (r === '' ? undefined : r)),
})

/**
 * A `datetime-local` value ("2026-03-01T09:30") read as UTC, or an ISO timestamp with a zone.
 * The editor says which zone it uses; staff work across zones, so the page shows UTC.
 */
export const ScheduleTime = z
  .string()
  .trim()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/,
    'expected a date and time, e.g. 2026-03-01T09:30',
  )
  .transform((value, ctx) => {
    const zoned = /(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`
    const at = new Date(zoned)
    if (Number.isNaN(at.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'not a real date and time' })
      return z.NEVER
    }
    return at
  })

/**
 * What an editor approves by scheduling: the address and the text. The schedule publishes exactly
 * this or nothing, so an edit after it (by an analyst, say) cannot go out under the editor's name.
 */
export function approvedTextHash(
  article: Pick<Article, 'slug' | 'title' | 'summary' | 'body'>,
): string {
  return sha256Hex(JSON.stringify([article.slug, article.title, article.summary, article.body]))
}

/** True when the text readers would get differs from the version they have. */
export function differsFrom(
  article: Pick<Article, 'title' | 'summary' | 'body'>,
  version: Pick<ArticleVersion, 'title' | 'summary' | 'body'> | undefined,
): boolean {
  return (
    version === undefined ||
    article.title !== version.title ||
    article.summary !== version.summary ||
    article.body !== version.body
  )
}

export interface FrontMatterArticle {
  slug: string
  title: string
  summary: string
  byline: string
  /** When the article was first published (YYYY-MM-DD or an ISO timestamp). */
  published: Date
  body: string
  /** Lines of the file before the body: add it to a line of the body to name the file's line. */
  bodyOffset: number
}

const FrontMatter = z
  .object({
    slug: ArticleSlug,
    title: z.string().min(1),
    summary: z.string().default(''),
    byline: z.string().min(1),
    published: z.string().transform((value, ctx) => {
      const at = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T08:00:00Z` : value)
      if (Number.isNaN(at.getTime())) {
        ctx.addIssue({ code: 'custom', message: 'expected a date as YYYY-MM-DD' })
        return z.NEVER
      }
      return at
    }),
  })
  .strict()

/**
 * An article kept as a file: a block of `name: value` lines between `---` lines, then the
 * Markdown. Returns the problems, each naming the line, when the block is not right.
 */
export function parseArticleFile(
  text: string,
): { ok: true; article: FrontMatterArticle } | { ok: false; problems: string[] } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  if (lines[0] !== '---')
    return { ok: false, problems: ['line 1: expected "---" to open the header'] }
  const close = lines.indexOf('---', 1)
  if (close < 0) return { ok: false, problems: ['expected a "---" line to close the header'] }
  const fields: Record<string, string> = {}
  const problems: string[] = []
  lines.slice(1, close).forEach((line, i) => {
    if (line.trim() === '') return
    const match = /^([a-z]+):\s*(.*)$/.exec(line)
    if (!match) {
      problems.push(`line ${i + 2}: expected "name: value"`)
      return
    }
    fields[match[1]!] = match[2]!.trim()
  })
  if (problems.length > 0) return { ok: false, problems }
  const parsed = FrontMatter.safeParse(fields)
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map(
        (issue) => `${issue.path.map(String).join('.') || 'header'}: ${issue.message}`,
      ),
    }
  }
  const rest = lines.slice(close + 1).join('\n')
  const body = rest.replace(/^\n+/, '')
  const skipped = rest.length - body.length
  return { ok: true, article: { ...parsed.data, body, bodyOffset: close + 1 + skipped } }
}
