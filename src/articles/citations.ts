/**
 * Pandoc-style citations in article text (https://pandoc.org/MANUAL.html#citation-syntax):
 *
 *   [@key]                   one source
 *   [@key, p. 4]             with a locator
 *   [see @a; also @b, ch. 2] several sources, each with a prefix and a locator
 *   [@{key with spaces}]     a key in braces
 *
 * A bracket is a citation only when every `;`-separated item names a key, so "[sic]" or
 * "[ask @ the desk]" stay text. Narrative citations (a bare `@key` in running text) are not
 * recognised: a mention such as "@witkoff on X" must never turn into a note by accident.
 */

/** One cited source inside a bracket. */
export interface CitationItem {
  key: string
  /** Words before the key, e.g. "see"; empty when none. */
  prefix: string
  /** Everything after the key, e.g. ", p. 4"; empty when none. */
  suffix: string
}

/** A whole `[…]` citation as it stands in the text. */
export interface Citation {
  items: CitationItem[]
  /** Offsets of the bracket in the text it was found in, start inclusive, end exclusive. */
  start: number
  end: number
}

// Pandoc's key grammar: starts with a letter, digit or "_"; inner punctuation must be followed by
// a letter, digit or "_" (so the comma in "@a, p. 4" is not part of the key).
const KEY = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*`
const ITEM = new RegExp(String.raw`^(.*?)-?@(?:\{([^{}]+)\}|(${KEY}))(.*)$`, 'su')
// A bracket with no nested brackets that contains an "@".
const BRACKET = /\[([^[\]]*@[^[\]]*)\]/gu

/** Parses the inside of one bracket; undefined when it is not a citation. */
export function parseCitationItems(inner: string): CitationItem[] | undefined {
  const items: CitationItem[] = []
  for (const part of inner.split(';')) {
    const match = ITEM.exec(part.trim())
    if (!match) return undefined
    const before = match[1]!
    // "mail@example.org" is an address, not a citation: the "@" must start a word.
    if (before !== '' && !/\s$/u.test(before)) return undefined
    items.push({
      key: (match[2] ?? match[3]!).trim(),
      prefix: before.trim(),
      suffix: match[4]!.replace(/\s+$/u, ''),
    })
  }
  return items.length === 0 ? undefined : items
}

/** Every bracketed citation in `text`, in order. */
export function findCitations(text: string): Citation[] {
  const found: Citation[] = []
  for (const match of text.matchAll(BRACKET)) {
    const items = parseCitationItems(match[1]!)
    if (!items) continue
    found.push({ items, start: match.index, end: match.index + match[0].length })
  }
  return found
}

/**
 * Numbers sources in order of first citation; a source cited again keeps its number.
 * Returns key → number (1-based).
 */
export function numberSources(citations: readonly Citation[]): Map<string, number> {
  const numbers = new Map<string, number>()
  for (const citation of citations) {
    for (const item of citation.items) {
      if (!numbers.has(item.key)) numbers.set(item.key, numbers.size + 1)
    }
  }
  return numbers
}
