import { parseHTML } from 'linkedom'
import { escapeHtml, formatDay, TEXT_BLOCK_ELEMENTS, TEXT_SKIPPED_ELEMENTS } from './html.ts'
import { articleUrl } from './metadata.ts'
import { citationText, kindLabels, type MemberNote } from './notes.ts'

export interface ArticleEmail {
  subject: string
  html: string
  text: string
}

/** What a correction notice says above the corrected article. */
export interface CorrectionNotice {
  /** When the earlier version went out as the newsletter. */
  previouslySentAt: Date
  /** The editor's reason, from the corrections log. */
  reason: string
}

/**
 * An article as the newsletter: the member variant (the newsletter goes to members only), so the
 * notes carry the direct links, the archived copies and the quoted passages, with the same
 * numbers as on the web page. Addresses on this site are made absolute. The text part holds the
 * whole text with its citations as [n] and the notes below. No per-recipient footer: that is
 * added to each copy when it is sent.
 */
export function newsletterEmail(input: {
  siteUrl: string
  slug: string
  title: string
  summary: string
  byline: string
  memberFragment: string
  sourceSummary: string
  notes: readonly MemberNote[]
  correction?: CorrectionNotice | undefined
}): ArticleEmail {
  const url = articleUrl(input.siteUrl, input.slug)
  const site = input.siteUrl.replace(/\/$/, '')
  const absolute = (href: string) =>
    href.startsWith('/') && !href.startsWith('//') ? site + href : href
  const notice = input.correction
    ? `Correction. We sent an earlier version of this article on ${formatDay(input.correction.previouslySentAt.toISOString())}. What changed: ${input.correction.reason} Every change is listed at the foot of the article on the site.`
    : undefined
  const html = [
    notice ? `<p class="notice"><strong>${escapeHtml(notice)}</strong></p>` : '',
    `<h1>${escapeHtml(input.title)}</h1>`,
    input.summary ? `<p><em>${escapeHtml(input.summary)}</em></p>` : '',
    `<p>By ${escapeHtml(input.byline)} · <a href="${escapeHtml(url)}">Read it on the site</a></p>`,
    input.memberFragment.replace(
      /(href|src)="(\/[^"/][^"]*|\/)"/g,
      (_all, attr: string, path: string) => `${attr}="${site}${path}"`,
    ),
  ].join('')
  const noteLines = input.notes.flatMap((n) => [
    `[${n.number}] ${citationText(n)} (${kindLabels[n.kind]})`,
    `    Source: ${n.url}`,
    ...(n.archiveUrl
      ? [
          `    Archived copy${n.archivedAt ? `, ${formatDay(n.archivedAt)}` : ''}: ${absolute(n.archiveUrl)}`,
        ]
      : []),
    ...n.quotes.map((q) => `    “${q.exact}”`),
  ])
  const text = [
    ...(notice ? [notice, ''] : []),
    input.title,
    ...(input.summary ? ['', input.summary] : []),
    '',
    `By ${input.byline}. Read it on the site: ${url}`,
    '',
    articleBodyText(input.memberFragment, absolute),
    '',
    input.sourceSummary,
    '',
    'Sources',
    ...noteLines,
    '',
  ].join('\n')
  return {
    subject: input.correction ? `Correction: ${input.title}` : input.title,
    html,
    text,
  }
}

// A newsletter's text part also sets apart definition lists, <details> and <article>, which an
// article's raw HTML may hold. The correction diff (corrections.ts) keeps the shorter list: widening
// it would change how a correction to such an article reads.
const BLOCKS = new Set([...TEXT_BLOCK_ELEMENTS, 'article', 'dl', 'dt', 'dd', 'details', 'summary'])

/**
 * The text of an article fragment's body (`.article-body`) as plain text: paragraphs apart,
 * list items with "-", citations as written ([1]), a link's address after its words.
 */
export function articleBodyText(fragment: string, absolute: (href: string) => string): string {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${fragment}</body></html>`)
  const root = document.querySelector('.article-body') ?? document.body
  const blocks: string[] = []
  let line = ''
  const flush = () => {
    const done = line.replace(/[ \t\n]+/g, ' ').trim()
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
    if (tag === 'br') {
      flush()
      return
    }
    const block = BLOCKS.has(tag)
    if (block) flush()
    if (tag === 'li') line += '- '
    if (tag === 'td' || tag === 'th') line += ' '
    for (const child of element.childNodes) walk(child)
    if (tag === 'a') {
      const href = element.getAttribute('href') ?? ''
      const words = (element.textContent ?? '').trim()
      if (href && !href.startsWith('#') && words !== href) line += ` <${absolute(href)}>`
    }
    if (block) flush()
  }
  walk(root)
  flush()
  return blocks.join('\n\n')
}
