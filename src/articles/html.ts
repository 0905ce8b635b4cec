import { escapeHtml } from '../platform/html.ts'

export { escapeHtml }

/** Escapes text for XML (feeds, sitemap): the five predefined entities, control characters dropped. */
export function escapeXml(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters.
  return escapeHtml(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')).replace(
    /&#39;/g,
    '&apos;',
  )
}

/** JSON for an inline `<script type="application/ld+json">`: "<" escaped so "</script>" cannot occur. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
})

/** "2025-12-01" → "1 Dec 2025". */
export function formatDay(day: string): string {
  return dayFormat.format(new Date(`${day.slice(0, 10)}T00:00:00Z`))
}

/**
 * Elements that stand apart as paragraphs when a rendered fragment is read as plain text (the
 * correction diff's reader text, a newsletter's text part).
 */
export const TEXT_BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  'p',
  'div',
  'section',
  'figure',
  'figcaption',
  'blockquote',
  'pre',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'table',
  'tr',
  'hr',
])

/** Elements drawn for the eye only, left out of plain text: an embed's figures are in its text. */
export const TEXT_SKIPPED_ELEMENTS: ReadonlySet<string> = new Set([
  'svg',
  'script',
  'style',
  'template',
])
