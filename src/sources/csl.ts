import { z } from 'zod'
import {
  IsoDay,
  LedgerKey,
  Reliabilities,
  type Reliability,
  type SourceKind,
  SourceKinds,
} from './sources.ts'
import { normalizeUrl } from './url.ts'

/**
 * CSL-JSON (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html), the exchange
 * format of reference managers: export of the ledger and import into it.
 */

export interface CslName {
  family?: string
  given?: string
  literal?: string
}

export interface CslItem {
  id: string
  type: string
  title?: string
  'container-title'?: string
  publisher?: string
  author?: CslName[]
  issued?: { 'date-parts': number[][] }
  accessed?: { 'date-parts': number[][] }
  URL?: string
  note?: string
  custom?: Record<string, unknown>
  [field: string]: unknown
}

/** The fields of a source that CSL-JSON carries. */
export interface CslSource {
  key: string
  url: string
  title: string | null
  publisher: string | null
  author: string | null
  publishedOn: string | null
  kind: SourceKind
  reliability: Reliability
  note: string | null
  /** Fields from an earlier CSL-JSON import that the ledger has no column for. */
  csl: unknown
}

const TYPE_OF_KIND: Record<SourceKind, string> = {
  primary: 'document',
  official: 'webpage',
  wire: 'article-newspaper',
  secondary: 'article-newspaper',
  osint: 'post',
  state_media: 'article-newspaper',
  dataset: 'dataset',
}

// Publishers that put their name in the author line: keep them whole, never "Family, G.".
const ORGANISATION =
  /\b(office|ministry|agency|news|press|council|committee|department|government|service|institute|team|staff|desk|reuters|afp|associated)\b/i

/** "Barak Ravid; Office of the President" → [{family: Ravid, given: Barak}, {literal: …}]. */
export function parseAuthors(author: string): CslName[] {
  return author
    .split(/\s*;\s*|\s+and\s+|\s*&\s*/)
    .map((name) => name.trim())
    .filter((name) => name !== '')
    .map((name) => {
      const words = name.split(/\s+/)
      if (words.length < 2 || words.length > 4 || ORGANISATION.test(name)) return { literal: name }
      return { family: words.at(-1)!, given: words.slice(0, -1).join(' ') }
    })
}

export function formatAuthors(names: readonly CslName[]): string {
  return names
    .map((n) => n.literal ?? [n.given, n.family].filter(Boolean).join(' '))
    .filter((n) => n !== '')
    .join('; ')
}

function dateParts(day: string): { 'date-parts': number[][] } {
  return { 'date-parts': [day.split('-').map(Number)] }
}

function storedFields(csl: unknown): Record<string, unknown> {
  return csl !== null && typeof csl === 'object' && !Array.isArray(csl)
    ? { ...(csl as Record<string, unknown>) }
    : {}
}

/**
 * A source as a CSL-JSON item. `includeUrl` is false for readers who may not see source links:
 * the item then has no URL at all. `accessed` is the first archiving date, when there is one.
 */
export function sourceToCsl(
  source: CslSource,
  options: { includeUrl: boolean; accessed?: Date | undefined },
): CslItem {
  const stored = storedFields(source.csl)
  const storedAuthor = Array.isArray(stored.author) ? (stored.author as CslName[]) : undefined
  const item: CslItem = {
    ...stored,
    id: source.key,
    type: typeof stored.type === 'string' ? stored.type : TYPE_OF_KIND[source.kind],
    custom: { ...storedFields(stored.custom), kind: source.kind, reliability: source.reliability },
  }
  delete item.URL
  delete item.accessed
  for (const field of ['title', 'container-title', 'publisher', 'author', 'issued', 'note'])
    delete item[field]
  if (source.title) item.title = source.title
  if (source.publisher) {
    if (item.type.startsWith('article') || item.type === 'post' || item.type === 'post-weblog')
      item['container-title'] = source.publisher
    else item.publisher = source.publisher
  }
  if (source.author) {
    item.author =
      storedAuthor && formatAuthors(storedAuthor) === source.author
        ? storedAuthor
        : parseAuthors(source.author)
  }
  if (source.publishedOn) item.issued = dateParts(source.publishedOn)
  if (source.note) item.note = source.note
  if (options.includeUrl) {
    item.URL = source.url
    if (options.accessed) item.accessed = dateParts(options.accessed.toISOString().slice(0, 10))
  }
  return item
}

const DatePart = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)])

const CslDate = z
  .object({
    'date-parts': z.array(z.array(DatePart).min(1).max(3)).min(1).optional(),
    raw: z.string().optional(),
    literal: z.string().optional(),
  })
  .loose()

const CslNameSchema = z
  .object({
    family: z.string().optional(),
    given: z.string().optional(),
    literal: z.string().optional(),
  })
  .loose()

/** One item of a CSL-JSON file as the ledger accepts it: it must have a URL. */
export const CslImportItem = z
  .object({
    id: z.union([z.string().min(1), z.number()]).transform(String),
    type: z.string().min(1),
    URL: z
      .string({ error: 'every item needs a URL: the ledger keeps sources by their address' })
      .refine((value) => normalizeUrl(value) !== undefined, 'expected an http:// or https:// URL'),
    title: z.string().optional(),
    'container-title': z.string().optional(),
    publisher: z.string().optional(),
    author: z.array(CslNameSchema).optional(),
    issued: CslDate.optional(),
    note: z.string().optional(),
    custom: z.record(z.string(), z.unknown()).optional(),
  })
  .loose()

/** A source read from CSL-JSON; `csl` keeps the item's other fields for export. */
export interface ImportedSource extends Omit<CslSource, 'csl'> {
  csl: Record<string, unknown>
}

function isoDay(parts: readonly number[] | undefined): string | null {
  if (!parts || parts.length < 3) return null
  const [y, m, d] = parts as [number, number, number]
  const day = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
  return IsoDay.safeParse(day).success ? day : null
}

/** A key the ledger accepts, from a CSL id ("Ravid2025", "ITEM-1" → "ravid2025", "item-1"). */
function keyFromId(id: string): string {
  return id
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 120)
}

export type ParsedCslImport =
  | { ok: true; items: ImportedSource[] }
  | { ok: false; problems: { path: string; message: string }[] }

/** Reads a CSL-JSON array into ledger sources; every problem named by its JSON path. */
export function parseCslImport(value: unknown): ParsedCslImport {
  if (!Array.isArray(value))
    return { ok: false, problems: [{ path: '$', message: 'expected a CSL-JSON array of items' }] }
  const problems: { path: string; message: string }[] = []
  const items: ImportedSource[] = []
  value.forEach((raw, index) => {
    const parsed = CslImportItem.safeParse(raw)
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({
          path: `$[${index}]${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}`,
          message: issue.message,
        })
      return
    }
    const item = parsed.data
    const key = keyFromId(item.id)
    if (!LedgerKey.safeParse(key).success) {
      problems.push({
        path: `$[${index}].id`,
        message: `"${item.id}" cannot be made a citation key`,
      })
      return
    }
    const custom = item.custom ?? {}
    const kind = SourceKinds.includes(custom.kind as SourceKind)
      ? (custom.kind as SourceKind)
      : item.type === 'dataset'
        ? 'dataset'
        : 'secondary'
    const reliability = Reliabilities.includes(custom.reliability as Reliability)
      ? (custom.reliability as Reliability)
      : 'F'
    const { id: _id, URL, accessed: _accessed, ...rest } = item
    items.push({
      key,
      url: URL,
      title: item.title ?? null,
      publisher: item['container-title'] ?? item.publisher ?? null,
      author: item.author ? formatAuthors(item.author) || null : null,
      publishedOn: isoDay(item.issued?.['date-parts']?.[0]),
      kind,
      reliability,
      note: item.note ?? null,
      csl: rest,
    })
  })
  return problems.length > 0 ? { ok: false, problems } : { ok: true, items }
}
