import { diffWordsWithSpace } from 'diff'

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
