import { escapeHtml } from '../platform/html.ts'
import { archivePath } from './sources.ts'

/**
 * Which archived copy a dated statement rests on (issue 11). A position, a claim, a forecast or
 * an article cites what the source said on its date, so its link opens the newest capture on or
 * before that day — not the newest capture, which may no longer hold what was cited.
 */

/** One archived copy (a 2xx capture) of a source. */
export interface Capture {
  snapshotId: number
  capturedAt: Date
}

export interface CaptureChoice {
  /** The newest capture on or before the day (the newest of all when no day is given). */
  capture?: Capture | undefined
  /** Captures after the chosen one, oldest first. */
  later: Capture[]
  /** When nothing was captured by the day: the first capture after it. */
  earliest?: Capture | undefined
}

const DAY_MS = 24 * 3600 * 1000

/** The first instant after a day (UTC), "YYYY-MM-DD": a capture before it is "on or before" it. */
export function endOfDay(day: string): Date {
  return new Date(new Date(`${day.slice(0, 10)}T00:00:00Z`).getTime() + DAY_MS)
}

/** Picks the capture that stood on `day` from a source's captures (in any order). */
export function captureOn(
  captures: readonly Capture[],
  day?: string | null | undefined,
): CaptureChoice {
  const sorted = [...captures].sort(
    (a, b) => a.capturedAt.getTime() - b.capturedAt.getTime() || a.snapshotId - b.snapshotId,
  )
  const cutoff = day ? endOfDay(day).getTime() : Number.POSITIVE_INFINITY
  const before = sorted.filter((c) => c.capturedAt.getTime() < cutoff)
  const capture = before.at(-1)
  const later = sorted.slice(before.length)
  return capture ? { capture, later } : { later, earliest: later[0] }
}

/**
 * Where a quote is shown highlighted: the readable text of the capture it was anchored in, with
 * the passage marked and scrolled to. A text fragment (#:~:text=) would not do: browsers ignore
 * it inside the sandboxed archive view, so the mark is put in on the server.
 */
export function quotePath(key: string, snapshotId: number, quoteId: number): string {
  return `${archivePath(key, snapshotId)}/text?quote=${quoteId}#quote`
}

/**
 * The readable text of a capture as a small HTML page, the span [start, end) wrapped in
 * <mark id="quote">. Everything is escaped; the page needs no script (the archive view runs none).
 */
export function highlightedTextPage(
  text: string,
  span: { start: number; end: number },
  title: string,
): string {
  const before = escapeHtml(text.slice(0, span.start))
  const passage = escapeHtml(text.slice(span.start, span.end))
  const after = escapeHtml(text.slice(span.end))
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>body{font:1rem/1.5 system-ui,sans-serif;max-width:46rem;margin:1rem auto;padding:0 1rem}pre{white-space:pre-wrap;font:inherit}mark{background:#ffe066;outline:2px solid #d9a400;scroll-margin-top:30vh}</style></head><body><pre>${before}<mark id="quote">${passage}</mark>${after}</pre></body></html>`
}
