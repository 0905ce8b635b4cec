import { kindLabels, type SourceKind, SourceKinds } from '../sources/source-kinds.ts'
import { escapeHtml, formatDay } from './html.ts'

/**
 * The numbered notes under an article: one per source, numbered in order of first citation.
 * The same notes appear on the web page, in e-mail, in feeds and in the API; only what a note
 * shows differs between readers (docs/publishing.md, "Gating").
 */

export type { SourceKind }

/** What an article needs to know about a ledger source to cite it. */
export interface CitedSource {
  key: string
  title: string | null
  publisher: string | null
  author: string | null
  publishedOn: string | null
  kind: SourceKind
  /** The direct link: members and staff only. */
  url: string
  /**
   * The archived copy on this site that stood on the article's date (the newest captured on or
   * before it): members and staff only.
   */
  archive?: { url: string; capturedAt: string } | undefined
  /** When nothing was captured by the article's date: that day and the first capture after it. */
  noCaptureBy?: { day: string; earliest: { url: string; capturedAt: string } } | undefined
  /** How many captures were made after the one linked; they are listed on the source's page. */
  laterCaptures?: number | undefined
  /** The link check found the original address dead. */
  dead?: boolean | undefined
  /**
   * Passages quoted from the source, each with the address of the capture it was anchored in,
   * scrolled to and highlighting the passage: members and staff only.
   */
  quotes: readonly { exact: string; note?: string | null | undefined; url?: string | undefined }[]
}

export interface Note {
  number: number
  source: CitedSource
  /** Ids of the places in the text that cite this source. */
  citedAt: readonly string[]
}

/** What every reader may see of a note: no address, no archive, no quoted passage. */
export interface PublicNote {
  number: number
  key: string
  title: string | null
  publisher: string | null
  author: string | null
  publishedOn: string | null
  kind: SourceKind
}

/** A note as members see it in the API. */
export interface MemberNote extends PublicNote {
  url: string
  /** False when the link check found the original dead (absent in notes stored before it). */
  originalAvailable?: boolean
  archiveUrl: string | null
  archivedAt: string | null
  quotes: { exact: string; note: string | null; url?: string | null }[]
}

export function publicNote(note: Note): PublicNote {
  const s = note.source
  return {
    number: note.number,
    key: s.key,
    title: s.title,
    publisher: s.publisher,
    author: s.author,
    publishedOn: s.publishedOn,
    kind: s.kind,
  }
}

/** The public part of a stored note: the fields are picked one by one, so no address slips through. */
export function stripNote(note: PublicNote): PublicNote {
  return {
    number: note.number,
    key: note.key,
    title: note.title,
    publisher: note.publisher,
    author: note.author,
    publishedOn: note.publishedOn,
    kind: note.kind,
  }
}

export function memberNote(note: Note): MemberNote {
  const s = note.source
  return {
    ...publicNote(note),
    url: s.url,
    originalAvailable: !s.dead,
    archiveUrl: s.archive?.url ?? null,
    archivedAt: s.archive?.capturedAt ?? null,
    quotes: s.quotes.map((q) => ({ exact: q.exact, note: q.note ?? null, url: q.url ?? null })),
  }
}

export { kindLabels }

const KIND_ORDER: readonly SourceKind[] = SourceKinds

export interface SourceSummary {
  total: number
  byKind: { kind: SourceKind; label: string; count: number }[]
  /** "14 sources: 5 official, 6 wire, 3 OSINT". */
  text: string
}

/** How many sources of which kinds stand behind an article; the largest group first. */
export function summarizeSources(sources: readonly { kind: SourceKind }[]): SourceSummary {
  const counts = new Map<SourceKind, number>()
  for (const s of sources) counts.set(s.kind, (counts.get(s.kind) ?? 0) + 1)
  const byKind = [...counts.entries()]
    .sort(([a, ca], [b, cb]) => cb - ca || KIND_ORDER.indexOf(a) - KIND_ORDER.indexOf(b))
    .map(([kind, count]) => ({ kind, label: kindLabels[kind], count }))
  const total = sources.length
  const head = `${total} source${total === 1 ? '' : 's'}`
  const text =
    total === 0 ? 'No sources' : `${head}: ${byKind.map((k) => `${k.count} ${k.label}`).join(', ')}`
  return { total, byKind, text }
}

/** "Author, “Title”, Publisher, 1 Dec 2025" — the parts a reader can check without a link. */
export function citationText(s: CitedSource | PublicNote): string {
  const parts = [
    s.author,
    s.title ? `“${s.title}”` : null,
    s.publisher,
    s.publishedOn ? formatDay(s.publishedOn) : 'undated',
  ].filter((p): p is string => p !== null && p !== '')
  return parts.length > 0 ? parts.join(', ') : s.key
}

export type NotesVariant = 'public' | 'member'

/**
 * The notes as an ordered list. Each names its source and links its page in the public ledger
 * (/sources/KEY: details, capture dates and hashes, never an address). The public variant carries
 * nothing else; the member variant adds the direct link (or that it is dead), the archived copy
 * that stood on the article's date and the quoted passages, each linked to where it is
 * highlighted in the copy it was anchored in.
 */
export function notesHtml(notes: readonly Note[], variant: NotesVariant): string {
  if (notes.length === 0) return ''
  const items = notes.map((note) => {
    const s = note.source
    const back = note.citedAt
      .map(
        (id, i) =>
          `<a class="backref" href="#${escapeHtml(id)}" aria-label="Back to citation ${note.number}${note.citedAt.length > 1 ? `, place ${i + 1}` : ''}">↩</a>`,
      )
      .join(' ')
    const ledger = `/sources/${encodeURIComponent(s.key)}`
    const head = `<a class="ledger" href="${escapeHtml(ledger)}">${escapeHtml(citationText(s))}</a>. <span class="tag">${escapeHtml(kindLabels[s.kind])}</span>`
    if (variant === 'public')
      return `<li id="note-${note.number}" value="${note.number}">${head} ${back}</li>`
    const links = [
      `<a href="${escapeHtml(s.url)}" rel="noopener noreferrer nofollow">Source</a>${s.dead ? ' <span class="tag link-dead">original no longer available</span>' : ''}`,
      s.archive
        ? `<a href="${escapeHtml(s.archive.url)}">Archived copy of ${escapeHtml(formatDay(s.archive.capturedAt))}</a>`
        : null,
      s.noCaptureBy
        ? `no capture on or before ${escapeHtml(formatDay(s.noCaptureBy.day))}; earliest <a href="${escapeHtml(s.noCaptureBy.earliest.url)}">${escapeHtml(formatDay(s.noCaptureBy.earliest.capturedAt))}</a>`
        : null,
      s.archive && s.laterCaptures
        ? `<a href="${escapeHtml(ledger)}#snapshots">later captures: ${s.laterCaptures}</a>`
        : null,
    ]
      .filter((l) => l !== null)
      .join(' · ')
    const quotes = s.quotes
      .map(
        (q) =>
          `<blockquote class="quote"><p>${escapeHtml(q.exact)}</p>${q.url || q.note ? `<p class="meta">${q.url ? `<a href="${escapeHtml(q.url)}">In the archived copy</a>` : ''}${q.url && q.note ? ' · ' : ''}${q.note ? escapeHtml(q.note) : ''}</p>` : ''}</blockquote>`,
      )
      .join('')
    return `<li id="note-${note.number}" value="${note.number}">${head} <span class="note-links">${links}</span> ${back}${quotes}</li>`
  })
  return `<section class="notes" aria-labelledby="notes-title"><h2 id="notes-title">Sources</h2><ol class="notes">${items.join('')}</ol></section>`
}

/** The notes as plain text, for the text part of an e-mail: the same numbers, no addresses. */
export function notesText(notes: readonly Note[]): string {
  return notes
    .map(
      (note) => `[${note.number}] ${citationText(note.source)} (${kindLabels[note.source.kind]})`,
    )
    .join('\n')
}
