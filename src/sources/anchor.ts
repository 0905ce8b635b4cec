/**
 * Anchoring quotes in archived text with the two W3C Web Annotation selectors
 * (https://www.w3.org/TR/annotation-model/#text-quote-selector): TextQuoteSelector (the exact
 * words with some context either side) and TextPositionSelector (character offsets). Offsets are
 * UTF-16 code units of the snapshot's text, start inclusive, end exclusive — what String#slice uses.
 */

export interface TextQuoteSelector {
  exact: string
  prefix: string
  suffix: string
}

export interface TextPositionSelector {
  start: number
  end: number
}

export interface QuoteSelectors {
  quote: TextQuoteSelector
  position: TextPositionSelector
}

/** Characters of context kept either side of a quote: enough to tell repeated phrases apart. */
export const CONTEXT_LENGTH = 32

/** Both selectors for the span [start, end) of `text`. */
export function describeSpan(text: string, start: number, end: number): QuoteSelectors {
  return {
    quote: {
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
      suffix: text.slice(end, end + CONTEXT_LENGTH),
    },
    position: { start, end },
  }
}

function commonSuffixLength(a: string, b: string): number {
  let n = 0
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++
  return n
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0
  while (n < a.length && n < b.length && a[n] === b[n]) n++
  return n
}

function occurrences(text: string, exact: string): number[] {
  const found: number[] = []
  if (exact === '') return found
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) found.push(at)
  return found
}

/** Of several places, the one whose surroundings best match the context, then the nearest. */
function bestOccurrence(
  text: string,
  starts: readonly number[],
  length: number,
  selector: Partial<TextQuoteSelector>,
  hint: number | undefined,
): number | undefined {
  let best: number | undefined
  let bestScore = -1
  let bestDistance = Number.POSITIVE_INFINITY
  for (const start of starts) {
    const before = text.slice(Math.max(0, start - CONTEXT_LENGTH * 2), start)
    const after = text.slice(start + length, start + length + CONTEXT_LENGTH * 2)
    const score =
      commonSuffixLength(before, selector.prefix ?? '') +
      commonPrefixLength(after, selector.suffix ?? '')
    const distance = hint === undefined ? start : Math.abs(start - hint)
    if (score > bestScore || (score === bestScore && distance < bestDistance)) {
      best = start
      bestScore = score
      bestDistance = distance
    }
  }
  return best
}

/** `text` with each run of whitespace made one space, and where each kept character came from. */
function collapseWhitespace(text: string): { text: string; origin: number[] } {
  let out = ''
  const origin: number[] = []
  let inSpace = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (/\s/.test(ch)) {
      if (!inSpace) {
        out += ' '
        origin.push(i)
      }
      inSpace = true
    } else {
      out += ch
      origin.push(i)
      inSpace = false
    }
  }
  origin.push(text.length)
  return { text: out, origin }
}

/**
 * Finds the quote in `text`: the exact words where the context matches best (nearest to `hint`
 * on a tie), else the same words with whitespace differences ignored. Undefined when the words
 * are not there at all.
 */
export function findQuote(
  text: string,
  selector: Partial<TextQuoteSelector> & { exact: string },
  hint?: number,
): TextPositionSelector | undefined {
  const exactStart = bestOccurrence(
    text,
    occurrences(text, selector.exact),
    selector.exact.length,
    selector,
    hint,
  )
  if (exactStart !== undefined)
    return { start: exactStart, end: exactStart + selector.exact.length }
  const loose = collapseWhitespace(text)
  const needle = selector.exact.replace(/\s+/g, ' ').trim()
  const looseHint =
    hint === undefined ? undefined : loose.origin.findIndex((origin) => origin >= hint)
  const start = bestOccurrence(
    loose.text,
    occurrences(loose.text, needle),
    needle.length,
    {
      prefix: (selector.prefix ?? '').replace(/\s+/g, ' '),
      suffix: (selector.suffix ?? '').replace(/\s+/g, ' '),
    },
    looseHint,
  )
  if (start === undefined) return undefined
  const endIndex = start + needle.length
  return { start: loose.origin[start]!, end: loose.origin[endIndex - 1]! + 1 }
}

export type AnchorStatus = 'verified' | 'moved' | 'orphaned'

export interface AnchorResult {
  status: AnchorStatus
  /** Where the quote is in the text it was anchored in (absent when orphaned). */
  position?: TextPositionSelector
}

/**
 * Re-anchors a quote in `text`: verified when its words are still at the recorded offsets,
 * moved when they are elsewhere (or only match with whitespace ignored), orphaned when gone.
 */
export function anchorQuote(text: string, selectors: QuoteSelectors): AnchorResult {
  const { quote, position } = selectors
  if (text.slice(position.start, position.end) === quote.exact)
    return { status: 'verified', position }
  const found = findQuote(text, quote, position.start)
  return found ? { status: 'moved', position: found } : { status: 'orphaned' }
}
