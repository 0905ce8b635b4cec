import { escapeHtml } from './html.ts'
import { articleUrl } from './metadata.ts'
import { citationText, kindLabels, type PublicNote } from './notes.ts'

export interface ArticleEmail {
  subject: string
  html: string
  text: string
}

/**
 * An article as a newsletter e-mail: the public fragment (text, source summary and the same
 * numbered notes as the page, feeds and API, without addresses — e-mail is forwarded) and a text
 * part with the same numbers.
 */
export function articleEmail(input: {
  siteUrl: string
  slug: string
  title: string
  summary: string
  byline: string
  publicFragment: string
  notes: readonly PublicNote[]
}): ArticleEmail {
  const url = articleUrl(input.siteUrl, input.slug)
  const html = [
    `<h1>${escapeHtml(input.title)}</h1>`,
    input.summary ? `<p><em>${escapeHtml(input.summary)}</em></p>` : '',
    `<p>By ${escapeHtml(input.byline)} · <a href="${escapeHtml(url)}">Read it on the site</a></p>`,
    input.publicFragment,
  ].join('')
  const text = [
    input.title,
    '',
    input.summary,
    '',
    `By ${input.byline}. Read it on the site: ${url}`,
    '',
    'Sources',
    ...input.notes.map((n) => `[${n.number}] ${citationText(n)} (${kindLabels[n.kind]})`),
    '',
  ].join('\n')
  return { subject: input.title, html, text }
}
