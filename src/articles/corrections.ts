import { diffWordsWithSpace } from 'diff'
import { parseHTML } from 'linkedom'
import { TEXT_BLOCK_ELEMENTS, TEXT_SKIPPED_ELEMENTS } from './html.ts'

/**
 * Corrections are shown as a diff of what the reader saw, never of the Markdown source: the
 * source holds the link targets (source addresses, archived copies) and citation keys that the
 * public variant leaves out (issue #9). A correction stores two diffs of the rendered text: one of
 * the public variant for every reader, one of the member variant, links included, for members.
 */

/** The parts of a published version a correction can change. */
export interface VersionText {
  title: string
  summary: string
  body: string
}

export type DiffOp = 'same' | 'added' | 'removed'

/** A run of text: kept, added or removed. */
export interface DiffPart {
  op: DiffOp
  text: string
}

/** One changed place, with a little unchanged text around it for context. */
export type DiffHunk = DiffPart[]

export interface FieldDiff {
  field: keyof VersionText
  hunks: DiffHunk[]
}

// Unchanged words shown either side of a change.
const CONTEXT_CHARS = 80

/**
 * What changed between two published versions, field by field, as word-level hunks: only the
 * changed places, each with some unchanged text around it. Fields that did not change are left out.
 */
export function diffVersions(from: VersionText, to: VersionText): FieldDiff[] {
  const fields: (keyof VersionText)[] = ['title', 'summary', 'body']
  return fields
    .filter((field) => from[field] !== to[field])
    .map((field) => ({ field, hunks: hunksOf(from[field], to[field]) }))
}

function hunksOf(before: string, after: string): DiffHunk[] {
  const parts: DiffPart[] = diffWordsWithSpace(before, after).map((change) => ({
    op: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }))
  const hunks: DiffHunk[] = []
  let i = 0
  while (i < parts.length) {
    if (parts[i]!.op === 'same') {
      i++
      continue
    }
    const hunk: DiffHunk = []
    const previous = parts[i - 1]
    if (previous) hunk.push({ op: 'same', text: tailOf(previous.text) })
    let j = i
    // Changes separated by a little unchanged text read best as one place.
    while (j < parts.length) {
      const part = parts[j]!
      const bridges = part.text.length <= CONTEXT_CHARS * 2 && j + 1 < parts.length
      if (part.op !== 'same' || bridges) {
        hunk.push(part)
        j++
      } else break
    }
    const next = parts[j]
    if (next) hunk.push({ op: 'same', text: headOf(next.text) })
    hunks.push(hunk)
    i = j + 1
  }
  return hunks
}

function headOf(text: string): string {
  if (text.length <= CONTEXT_CHARS) return text
  const cut = text.slice(0, CONTEXT_CHARS)
  return `${cut.replace(/\s+\S*$/u, '')} …`
}

function tailOf(text: string): string {
  if (text.length <= CONTEXT_CHARS) return text
  const cut = text.slice(-CONTEXT_CHARS)
  return `… ${cut.replace(/^\S*\s+/u, '')}`
}

/** The stored diff, checked on the way out of the database. */
export function isFieldDiffList(value: unknown): value is FieldDiff[] {
  return (
    Array.isArray(value) &&
    value.every(
      (f) =>
        typeof f === 'object' &&
        f !== null &&
        ['title', 'summary', 'body'].includes((f as FieldDiff).field) &&
        Array.isArray((f as FieldDiff).hunks),
    )
  )
}

export type ReaderVariant = 'public' | 'member'

/** The diffs a correction shows: one per variant of the rendered article. */
export interface CorrectionDiffs {
  publicDiff: FieldDiff[]
  memberDiff: FieldDiff[]
}

/** A published version as readers were served it: plain fields and rendered fragments. */
export interface RenderedVersion {
  title: string
  summary: string
  publicFragment: string
  memberFragment: string
}

/** Both diffs between two rendered versions (docs/publishing.md, "Corrections"). */
export function diffRenderedVersions(from: RenderedVersion, to: RenderedVersion): CorrectionDiffs {
  const as = (v: RenderedVersion, variant: ReaderVariant): VersionText => ({
    title: v.title,
    summary: v.summary,
    body: readerText(variant === 'public' ? v.publicFragment : v.memberFragment, variant),
  })
  return {
    publicDiff: diffVersions(as(from, 'public'), as(to, 'public')),
    memberDiff: diffVersions(as(from, 'member'), as(to, 'member')),
  }
}

/**
 * A rendered fragment as the plain text a reader reads: paragraphs apart, citations as their
 * numbers ([1]), notes as printed. Embeds (charts drawn from data) and back-links are left out. In
 * the member variant a link's address follows its words; the public variant never carries an
 * address, whatever its fragment holds.
 */
export function readerText(fragment: string, variant: ReaderVariant): string {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${fragment}</body></html>`)
  const blocks: string[] = []
  let line = ''
  const flush = () => {
    const done = line.replace(/\s+/g, ' ').trim()
    if (done) blocks.push(done)
    line = ''
  }
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      line += node.textContent ?? ''
      return
    }
    if (node.nodeType !== 1) return
    const element = node as Element
    const tag = element.tagName.toLowerCase()
    if (TEXT_SKIPPED_ELEMENTS.has(tag)) return
    const classes = (element.getAttribute('class') ?? '').split(/\s+/)
    if (classes.includes('embed') || classes.includes('backref')) return
    if (tag === 'br') return flush()
    const block = TEXT_BLOCK_ELEMENTS.has(tag)
    if (block) flush()
    if (tag === 'img') line += element.getAttribute('alt') ?? ''
    for (const child of element.childNodes) walk(child)
    if (tag === 'a' && variant === 'member') {
      const href = element.getAttribute('href') ?? ''
      const words = (element.textContent ?? '').trim()
      if (href && !href.startsWith('#') && words !== href) line += ` <${href}>`
    }
    if (block) flush()
  }
  walk(document.body)
  flush()
  return blocks.join('\n\n')
}
