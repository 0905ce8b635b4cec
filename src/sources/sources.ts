import { z } from 'zod'
import { slugify } from '../platform/ids.ts'
import { IsoDate as IsoDay, Key as LedgerKey } from '../platform/values.ts'
import { kindLabels, SourceKinds } from './source-kinds.ts'
import { normalizeUrl } from './url.ts'

export { kindLabels, type SourceKind, SourceKinds } from './source-kinds.ts'

export const Reliabilities = ['A', 'B', 'C', 'D', 'E', 'F'] as const
export type Reliability = (typeof Reliabilities)[number]

/** Admiralty (NATO) source reliability grades. */
export const reliabilityLabels: Record<Reliability, string> = {
  A: 'completely reliable',
  B: 'usually reliable',
  C: 'fairly reliable',
  D: 'not usually reliable',
  E: 'unreliable',
  F: 'reliability cannot be judged',
}

/** Admiralty (NATO) information credibility grades, 1–6. */
export const credibilityLabels: Record<number, string> = {
  1: 'confirmed by other sources',
  2: 'probably true',
  3: 'possibly true',
  4: 'doubtful',
  5: 'improbable',
  6: 'truth cannot be judged',
}

export type LinkStatus = 'unchecked' | 'ok' | 'changed' | 'dead' | 'unreachable'

export const linkStatusLabels: Record<LinkStatus, string> = {
  unchecked: 'not checked yet',
  ok: 'live, unchanged',
  changed: 'live, content changed since archived',
  dead: 'dead (gone at the original address)',
  unreachable: 'unreachable at the last check',
}

// The ledger's dates and keys follow the case file's, so that a source moves between them unchanged.
export { IsoDate as IsoDay, Key as LedgerKey } from '../platform/values.ts'

const HttpUrl = z
  .string()
  .trim()
  .min(1, 'a URL is required')
  .max(2048, 'a URL of at most 2,048 characters')
  .refine((value) => normalizeUrl(value) !== undefined, 'expected an http:// or https:// URL')

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => (value === '' ? undefined : value))

const optionalDay = z
  .union([z.literal(''), IsoDay])
  .optional()
  .transform((value) => (value === '' ? undefined : value))

/** A new source as staff submit it (form, JSON or CLI). */
export const NewSourceBody = z
  .object({
    url: HttpUrl,
    key: z
      .union([z.literal(''), LedgerKey])
      .optional()
      .transform((value) => (value === '' ? undefined : value)),
    kind: z.enum(SourceKinds).default('secondary'),
    reliability: z.enum(Reliabilities).default('F'),
    title: optionalText(500),
    publisher: optionalText(200),
    author: optionalText(300),
    published: optionalDay,
    note: optionalText(4000),
  })
  .strict()
export type NewSourceBody = z.infer<typeof NewSourceBody>

/** Changes to a source: any subset of its descriptive fields. The key never changes. */
export const SourceEditBody = z
  .object({
    url: HttpUrl.optional(),
    kind: z.enum(SourceKinds).optional(),
    reliability: z.enum(Reliabilities).optional(),
    title: z.string().trim().max(500).nullable().optional(),
    publisher: z.string().trim().max(200).nullable().optional(),
    author: z.string().trim().max(300).nullable().optional(),
    published: z
      .union([IsoDay, z.literal('')])
      .nullable()
      .optional(),
    note: z.string().trim().max(4000).nullable().optional(),
  })
  .strict()
export type SourceEditBody = z.infer<typeof SourceEditBody>

const STOPWORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'is',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
])

/** The publisher's name squeezed to one token: "The Kyiv Independent" → "kyivindependent". */
function publisherToken(publisher: string | undefined, url: string): string {
  const fromName = publisher ? slugify(publisher.replace(/\(.*?\)/g, ''), 40) : ''
  const words = fromName.split('-').filter((w) => w !== '' && w !== 'the')
  if (words.length > 0) return words.join('').slice(0, 24)
  const host = new URL(url).hostname.replace(/^www\./, '')
  const parts = host.split('.')
  return slugify(parts.length > 1 ? parts.slice(0, -1).join('') : host, 24).replace(/-/g, '')
}

/**
 * A readable, stable citation key: publisher, date (or "nd") and a few title words —
 * `axios-2025-11-20-28-points`. The ledger makes it unique by appending -2, -3, … if needed.
 */
export function citationKey(source: {
  url: string
  publisher?: string | undefined
  published?: string | undefined
  title?: string | undefined
}): string {
  const titleWords = slugify(source.title ?? '', 120)
    .split('-')
    .filter((word) => word !== '' && !STOPWORDS.has(word))
  const fallbackWords = slugify(new URL(source.url).pathname.split('/').filter(Boolean).pop() ?? '')
    .split('-')
    .filter((word) => word !== '' && !/^\d{5,}$/.test(word))
  const words = (titleWords.length > 0 ? titleWords : fallbackWords).slice(0, 4)
  return [publisherToken(source.publisher, source.url), source.published ?? 'nd', ...words]
    .filter((part) => part !== '')
    .join('-')
    .slice(0, 100)
    .replace(/-+$/, '')
}

/** "14 sources: 5 official, 6 wire, 3 OSINT" — the public summary of what stands behind a text. */
export function summarizeKinds(kinds: readonly string[]): string {
  if (kinds.length === 0) return 'no sources'
  const counts = new Map<string, number>()
  for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1)
  const parts = SourceKinds.filter((kind) => counts.has(kind)).map(
    (kind) => `${counts.get(kind)} ${kindLabels[kind]}`,
  )
  return `${kinds.length} source${kinds.length === 1 ? '' : 's'}: ${parts.join(', ')}`
}

/** Where this site serves an archived copy: for members and staff only (src/web/auth.ts). */
export function archivePath(key: string, snapshotId: number): string {
  return `/sources/${encodeURIComponent(key)}/snapshots/${snapshotId}`
}

/** What a page or answer that cites a source needs of it: never more than the caller gates. */
export interface SourceRef {
  key: string
  url: string
  title: string | null
  publisher: string | null
  publishedOn: string | null
  kind: string
}
